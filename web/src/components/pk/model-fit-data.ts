/** Parses pasted CSV/TSV concentration–time data (columns id/subject, time, conc) for the model-fit panel. */

export interface ParsedConcentrations {
  subjects: { id: string; observations: { time: number; conc: number }[] }[];
  rows: number;
  error: string | null;
}

const MISSING = new Set(['', 'na', 'nan', '.', 'blq', 'bql', 'null']);

export function parseConcentrationText(text: string): ParsedConcentrations {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const empty = { subjects: [], rows: 0 };
  if (lines.length < 2) return { ...empty, error: 'Paste a header line and at least one data row.' };
  const split = (line: string) => line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  const header = split(lines[0] ?? '').map((h) => h.toLowerCase());
  const timeIndex = header.findIndex((h) => h === 'time' || h === 'time_h' || h === 't');
  const concIndex = header.findIndex((h) => h === 'conc' || h === 'concentration' || h === 'c' || h === 'dv');
  const idIndex = header.findIndex((h) => h === 'id' || h === 'subject');
  if (timeIndex < 0 || concIndex < 0)
    return { ...empty, error: 'The header needs a "time" and a "conc" column (and optionally "id").' };
  const bySubject = new Map<string, { time: number; conc: number }[]>();
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const cells = split(lines[i] ?? '');
    const concCell = cells[concIndex] ?? '';
    if (MISSING.has(concCell.toLowerCase())) continue;
    const time = Number(cells[timeIndex]);
    const conc = Number(concCell);
    if (!Number.isFinite(time) || !Number.isFinite(conc))
      return { ...empty, error: `Line ${i + 1}: time and concentration must be numbers.` };
    const id = idIndex >= 0 ? (cells[idIndex] ?? '1') : '1';
    const list = bySubject.get(id) ?? [];
    list.push({ time, conc });
    bySubject.set(id, list);
    rows++;
  }
  if (rows === 0) return { ...empty, error: 'No data rows.' };
  return { subjects: [...bySubject].map(([id, observations]) => ({ id, observations })), rows, error: null };
}
