/**
 * The observation data of a PK study as editable text: a concentration–time table and a biodistribution
 * table, each pasted or uploaded, read in the browser as the user types, with a preview of what will be
 * stored (rows, subjects, organs, times) or the first problem and its line. Saving replaces the stored rows,
 * and every table the user pasted or uploaded is sent along exactly as given (`sources`), so the server keeps
 * it as a raw file of the batch before it checks the rows.
 */
import { type ReactNode, useMemo, useState } from 'react';
import type {
  BiodistributionUnit,
  PkObservations,
  PkStudySourceInput,
} from '../../../../src/domain/pk-study.ts';
import { Field } from '../field.tsx';
import { BiodistUnitField } from './biodist-unit-field.tsx';
import {
  biodistributionRowsToCsv,
  concentrationRowsToCsv,
  draftSources,
  type Parsed,
  type ParsedBiodistributionTable,
  type ParsedConcentrationTable,
  parseBiodistributionText,
  parseConcentrationTimeText,
} from './pk-study-observations.ts';
import { ORGAN_TABLE_HINT, TableInput, type UploadedTable } from './table-input.tsx';
import './pk-study.css';

export type { UploadedTable } from './table-input.tsx';

const CONC_PLACEHOLDER = [
  'subject\ttime_h\tvalue\tunit',
  'M1\t0.083\t3.1e10\tparticles/mL',
  'M1\t0.5\t1.2e10\tparticles/mL',
  'M1\t2\t2.4e9\tparticles/mL',
].join('\n');
const BIO_PLACEHOLDER = ['organ (%ID/g)\t1 h\t24 h', 'liver\t18\t16', 'spleen\t22\t20'].join('\n');

export interface ObservationDrafts {
  concText: string;
  setConcText: (text: string) => void;
  concFile: string | undefined;
  setConcFile: (name: string | undefined) => void;
  /** Puts an uploaded file's text, name and media type into the concentration–time table. */
  loadConcFile: (file: UploadedTable) => void;
  concUnit: string;
  setConcUnit: (unit: string) => void;
  matrix: string;
  setMatrix: (matrix: string) => void;
  bioText: string;
  setBioText: (text: string) => void;
  bioFile: string | undefined;
  setBioFile: (name: string | undefined) => void;
  /** Puts an uploaded file's text, name and media type into the biodistribution table. */
  loadBioFile: (file: UploadedTable) => void;
  bioUnit: BiodistributionUnit | '';
  setBioUnit: (unit: BiodistributionUnit | '') => void;
  conc: Parsed<ParsedConcentrationTable>;
  bio: Parsed<ParsedBiodistributionTable>;
  /** The observations to save, or null while either table has an error. */
  observations: PkObservations | null;
  /** The tables the user gave, exactly as given, to keep with the study on save. */
  sources: PkStudySourceInput[];
}

/**
 * One draft table: its text (starting from `initialCsv`, the stored rows as CSV), and the name and media
 * type of the file it came from — both forgotten when the text is edited by hand (`setFile(undefined)`).
 */
function useTableDraft(initialCsv: () => string) {
  const [initialText] = useState(initialCsv);
  const [text, setText] = useState(initialText);
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [mediaType, setMediaType] = useState<string | undefined>(undefined);
  return {
    text,
    setText,
    fileName,
    /** The table as `draftSources` wants it, but for its kind. */
    draft: { text, initialText, fileName, mediaType },
    setFile: (name: string | undefined) => {
      setFileName(name);
      setMediaType(undefined);
    },
    load: (file: UploadedTable) => {
      setText(file.text);
      setFileName(file.name);
      setMediaType(file.mediaType === '' ? undefined : file.mediaType);
    },
  };
}

/** Draft tables, starting from the stored rows of a study being edited (as CSV) or empty. */
export function useObservationDrafts(initial?: PkObservations): ObservationDrafts {
  const concDraft = useTableDraft(() => concentrationRowsToCsv(initial?.concentrationTime ?? []));
  const [concUnit, setConcUnit] = useState('');
  const [matrix, setMatrix] = useState('plasma');
  const bioDraft = useTableDraft(() => biodistributionRowsToCsv(initial?.biodistribution ?? []));
  const [bioUnit, setBioUnit] = useState<BiodistributionUnit | ''>('');
  const concText = concDraft.text;
  const concFile = concDraft.fileName;
  const bioText = bioDraft.text;
  const bioFile = bioDraft.fileName;
  const conc = useMemo(
    () =>
      parseConcentrationTimeText(concText, {
        ...(concFile !== undefined ? { fileName: concFile } : {}),
        defaultUnit: concUnit,
        defaultMatrix: matrix,
      }),
    [concText, concFile, concUnit, matrix],
  );
  const bio = useMemo(
    () =>
      parseBiodistributionText(bioText, {
        ...(bioFile !== undefined ? { fileName: bioFile } : {}),
        defaultUnit: bioUnit === '' ? null : bioUnit,
      }),
    [bioText, bioFile, bioUnit],
  );
  const observations =
    conc.ok && bio.ok ? { concentrationTime: conc.value.rows, biodistribution: bio.value.rows } : null;
  const sources = draftSources([
    { kind: 'concentration-time', ...concDraft.draft },
    { kind: 'biodistribution', ...bioDraft.draft },
  ]);
  return {
    concText,
    setConcText: concDraft.setText,
    concFile,
    setConcFile: concDraft.setFile,
    loadConcFile: concDraft.load,
    concUnit,
    setConcUnit,
    matrix,
    setMatrix,
    bioText,
    setBioText: bioDraft.setText,
    bioFile,
    setBioFile: bioDraft.setFile,
    loadBioFile: bioDraft.load,
    bioUnit,
    setBioUnit,
    conc,
    bio,
    observations,
    sources,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a draft table will store: its first problem, "no data" (saying that saving removes the `stored`
 * rows of a study being edited), or the summary `children` renders from the parsed table.
 */
function TablePreview<T extends { rows: readonly unknown[] }>({
  parsed,
  stored,
  what,
  children,
}: {
  parsed: Parsed<T>;
  stored: number | undefined;
  /** What the table holds, for "No … data". */
  what: string;
  children: (table: T) => ReactNode;
}) {
  if (!parsed.ok) {
    return (
      <p className="pk-study-preview error" role="alert">
        {parsed.error}
      </p>
    );
  }
  if (parsed.value.rows.length === 0) {
    return (
      <p className="pk-study-preview muted">
        No {what} data{stored ? ` — saving removes the ${plural(stored, 'stored row')}` : ''}.
      </p>
    );
  }
  return children(parsed.value);
}

/** Says that (and under which name) a table will be kept as given when the study is saved. */
function KeptNote({ source }: { source: PkStudySourceInput | undefined }) {
  if (!source) return null;
  return (
    <p className="muted small">
      Saved with the study exactly as given (“{source.name}”), as a raw file of the batch.
    </p>
  );
}

/** One data table of the study: pasted or uploaded text, its options, the preview and the kept-file note. */
function TableFieldset({
  legend,
  text,
  setText,
  setFile,
  loadFile,
  source,
  preview,
  children,
  ...input
}: {
  legend: string;
  label: string;
  hint: string;
  name: string;
  uploadName: string;
  placeholder: string;
  text: string;
  setText: (text: string) => void;
  setFile: (name: string | undefined) => void;
  loadFile: (file: UploadedTable) => void;
  source: PkStudySourceInput | undefined;
  preview: ReactNode;
  /** The table's options. */
  children: ReactNode;
}) {
  return (
    <fieldset className="pk-study-fieldset">
      <legend>{legend}</legend>
      <TableInput
        {...input}
        value={text}
        onText={(t) => {
          setText(t);
          setFile(undefined);
        }}
        onUpload={loadFile}
      >
        {children}
      </TableInput>
      {preview}
      <KeptNote source={source} />
    </fieldset>
  );
}

/** The two data tables of a study form. `stored` counts the rows a study being edited holds now. */
export function PkStudyDataEditor({
  drafts: d,
  stored,
}: {
  drafts: ObservationDrafts;
  stored?: { concentrationTime: number; biodistribution: number };
}) {
  return (
    <div className="pk-study-data">
      <TableFieldset
        legend="Concentration–time data"
        label="Concentration–time table (CSV/TSV)"
        hint="Columns: time (h; or time (min), time (d)), value, unit; optional subject/animal and matrix. BLQ is stored as 0, NA is skipped."
        name="Concentration–time data"
        uploadName="Upload concentration–time table"
        placeholder={CONC_PLACEHOLDER}
        text={d.concText}
        setText={d.setConcText}
        setFile={d.setConcFile}
        loadFile={d.loadConcFile}
        source={d.sources.find((s) => s.kind === 'concentration-time')}
        preview={
          <TablePreview parsed={d.conc} stored={stored?.concentrationTime} what="concentration–time">
            {(v) => (
              <div className="pk-study-preview ok" role="status">
                {plural(v.rows.length, 'sample')} · {plural(v.subjects, 'subject')} · {v.matrices.join(', ')}{' '}
                · {v.units.join(', ')}
                {v.notes.length > 0 ? (
                  <ul className="pk-notes">
                    {v.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            )}
          </TablePreview>
        }
      >
        <Field label="Unit if not in table">
          <input
            aria-label="Concentration unit if not in table"
            value={d.concUnit}
            onChange={(e) => d.setConcUnit(e.target.value)}
            placeholder="particles/mL"
          />
        </Field>
        <Field label="Matrix if not in table">
          <input
            aria-label="Matrix if not in table"
            value={d.matrix}
            onChange={(e) => d.setMatrix(e.target.value)}
          />
        </Field>
      </TableFieldset>
      <TableFieldset
        legend="Biodistribution data"
        label="Organ table (CSV/TSV)"
        hint={ORGAN_TABLE_HINT}
        name="Biodistribution data"
        uploadName="Upload biodistribution table"
        placeholder={BIO_PLACEHOLDER}
        text={d.bioText}
        setText={d.setBioText}
        setFile={d.setBioFile}
        loadFile={d.loadBioFile}
        source={d.sources.find((s) => s.kind === 'biodistribution')}
        preview={
          <TablePreview parsed={d.bio} stored={stored?.biodistribution} what="biodistribution">
            {(v) => (
              <p className="pk-study-preview ok" role="status">
                {plural(v.rows.length, 'value')} · {plural(v.organs, 'organ')} · times {v.timesH.join(', ')} h
                · {v.units.join(', ')} ({v.layout} layout)
              </p>
            )}
          </TablePreview>
        }
      >
        <BiodistUnitField
          name="Biodistribution unit if not in table"
          value={d.bioUnit}
          onChange={d.setBioUnit}
        />
      </TableFieldset>
    </div>
  );
}
