/**
 * The PK page's shared data (issue 9 item 9) as a React context: the data box writes it, NCA and the model
 * fits read it, so both analyse the same table with the same dose and units.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { initialColumns, type ParsedTable, parseTable } from './nca-panel-model.ts';
import { EMPTY_SHARED_DATA, type PkSharedData } from './pk-shared-data.ts';

export interface PkDataContextValue {
  data: PkSharedData;
  /** The table read from `data.text` (or why it cannot be read). */
  parsed: ParsedTable;
  /** Replaces the table (text as pasted or uploaded); the column mapping is guessed again. */
  loadText: (text: string, fileName?: string) => void;
  /** Replaces everything at once (an example, a stored study). */
  replace: (next: PkSharedData) => void;
  /** Changes some fields (a unit, the dose, a column); the table stays. */
  update: (changes: Partial<Omit<PkSharedData, 'text' | 'fileName'>>) => void;
  /** Bumped whenever the table or its column mapping changes, so views reset per-table choices (λz). */
  tableVersion: number;
  /**
   * The subject NCA and the model fits show: one selection for both (null = the first subject). Reset when
   * the table or its column mapping changes.
   */
  subjectId: string | null;
  setSubjectId: (id: string | null) => void;
}

const PkDataContext = createContext<PkDataContextValue | null>(null);

export function PkDataProvider({
  children,
  initial = EMPTY_SHARED_DATA,
}: {
  children: ReactNode;
  initial?: PkSharedData;
}) {
  const [data, setData] = useState<PkSharedData>(initial);
  const [tableVersion, setTableVersion] = useState(0);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const parsed = useMemo(() => parseTable(data.text, data.fileName), [data.text, data.fileName]);

  const loadText = useCallback((text: string, fileName?: string) => {
    const p = parseTable(text, fileName);
    setData((d) => ({
      ...d,
      text,
      fileName,
      columns: p.table ? initialColumns(p.table) : {},
      origin: undefined,
    }));
    setTableVersion((v) => v + 1);
    setSubjectId(null);
  }, []);
  const replace = useCallback((next: PkSharedData) => {
    setData(next);
    setTableVersion((v) => v + 1);
    setSubjectId(null);
  }, []);
  const update = useCallback((changes: Partial<Omit<PkSharedData, 'text' | 'fileName'>>) => {
    setData((d) => ({ ...d, ...changes }));
    if (changes.columns) {
      setTableVersion((v) => v + 1);
      setSubjectId(null);
    }
  }, []);

  const value = useMemo(
    () => ({ data, parsed, loadText, replace, update, tableVersion, subjectId, setSubjectId }),
    [data, parsed, loadText, replace, update, tableVersion, subjectId],
  );
  return <PkDataContext.Provider value={value}>{children}</PkDataContext.Provider>;
}

export function usePkData(): PkDataContextValue {
  const value = useContext(PkDataContext);
  if (!value) throw new Error('usePkData needs a PkDataProvider (the PK page provides one)');
  return value;
}
