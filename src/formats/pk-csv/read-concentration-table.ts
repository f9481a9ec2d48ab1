/**
 * Concentration–time tables as CSV or TSV text (a file, or cells pasted from Excel): a header row, then one
 * sample per row with subject, time, concentration and optionally dose columns. Turns them into one
 * `ConcentrationProfile` per subject (in order of first appearance), keeping each sample's source line so
 * NCA messages can name it. Pure (no node:*): the web NCA panel parses pasted text with it too.
 *
 * Cells: numbers with '.' decimals (',' decimals accepted in tab- or semicolon-separated text, as a
 * European Excel copies them); "BLQ", "BQL", "<LLOQ", "<0.5", "ND", "NQ" mark a sample below the limit of
 * quantification; an empty, "NA" or "." concentration is a missing sample (skipped, with a note).
 */
import type { ConcentrationProfile } from '../../science/pk/nca/nca-profile.ts';
import { scanDecimal } from '../decimal.ts';
import { FormatError } from '../format-error.ts';

export type Delimiter = ',' | '\t' | ';';

export interface DelimitedTable {
  columns: string[];
  rows: { line: number; cells: string[] }[];
  delimiter: Delimiter;
}

/** Largest table accepted (rows), so a wrong file cannot exhaust memory in the browser. */
export const MAX_TABLE_ROWS = 1_000_000;

function detectDelimiter(headerLine: string): Delimiter {
  const counts: [Delimiter, number][] = [
    ['\t', headerLine.split('\t').length - 1],
    [';', headerLine.split(';').length - 1],
    [',', headerLine.split(',').length - 1],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return (counts[0] as [Delimiter, number])[1] > 0 ? (counts[0] as [Delimiter, number])[0] : ',';
}

/** Longest line and cell accepted: a concentration table's lines are short (issue 10 bounds). */
export const MAX_LINE_CHARS = 100_000;
export const MAX_CELL_CHARS = 1_000;

/**
 * Splits one line into cells (RFC 4180 double quotes, "" inside quotes), trimmed. Linear time: unquoted
 * cells are sliced between indexOf(delimiter) hits, quoted ones between indexOf('"') hits (the former
 * character loop re-trimmed the growing cell at every quote: quadratic on a 300,000-character line).
 */
function splitLine(line: string, delimiter: Delimiter, lineNo: number, file: string | undefined): string[] {
  const where = () => ({ ...(file !== undefined ? { file } : {}), line: lineNo });
  if (line.length > MAX_LINE_CHARS) {
    throw new FormatError(
      'too-large',
      `the line is ${line.length} characters long (at most ${MAX_LINE_CHARS})`,
      where(),
    );
  }
  const cells: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    let j = i;
    // Leading blanks before an opening quote (not the delimiter itself when it is a tab).
    while (j < n) {
      const c = line.charCodeAt(j);
      if (c === 32 || (c === 9 && delimiter !== '\t')) j++;
      else break;
    }
    let cell: string;
    let next: number;
    if (j < n && line.charCodeAt(j) === 34) {
      let value = '';
      let k = j + 1;
      let from = k;
      for (;;) {
        const q = line.indexOf('"', k);
        if (q < 0) throw new FormatError('malformed-row', 'a quoted cell is not closed', where());
        if (line.charCodeAt(q + 1) === 34) {
          value += line.slice(from, q + 1);
          k = q + 2;
          from = k;
          continue;
        }
        value += line.slice(from, q);
        k = q + 1;
        break;
      }
      next = line.indexOf(delimiter, k);
      cell = (value + (next < 0 ? line.slice(k) : line.slice(k, next))).trim();
    } else {
      next = line.indexOf(delimiter, i);
      cell = (next < 0 ? line.slice(i) : line.slice(i, next)).trim();
    }
    if (cell.length > MAX_CELL_CHARS) {
      throw new FormatError(
        'too-large',
        `cell ${cells.length + 1} is ${cell.length} characters long (at most ${MAX_CELL_CHARS})`,
        where(),
      );
    }
    cells.push(cell);
    if (next < 0) break;
    i = next + 1;
  }
  return cells;
}

/** Header + rows of CSV/TSV text. Blank lines are skipped; trailing empty cells are tolerated. */
export function readDelimitedTable(text: string, fileName?: string): DelimitedTable {
  const loc = (line: number) => ({ ...(fileName !== undefined ? { file: fileName } : {}), line });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\u0000')) {
    throw new FormatError(
      'binary-content',
      'this is not a text table',
      fileName !== undefined ? { file: fileName } : {},
    );
  }
  const lines = body.split(/\r\n|\n|\r/);
  const headerIdx = lines.findIndex((l) => l.trim() !== '');
  if (headerIdx < 0)
    throw new FormatError(
      'empty-file',
      'the table is empty',
      fileName !== undefined ? { file: fileName } : {},
    );
  const headerLine = lines[headerIdx] as string;
  const delimiter = detectDelimiter(headerLine);
  const columns = splitLine(headerLine, delimiter, headerIdx + 1, fileName);
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c === '')
      throw new FormatError('malformed-row', `header column ${i + 1} has no name`, loc(headerIdx + 1));
    if (seen.has(c.toLowerCase()))
      throw new FormatError('malformed-row', `column "${c}" appears twice in the header`, loc(headerIdx + 1));
    seen.add(c.toLowerCase());
  });
  const rows: DelimitedTable['rows'] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const cells = splitLine(raw, delimiter, i + 1, fileName);
    while (cells.length > columns.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > columns.length) {
      throw new FormatError(
        'inconsistent-columns',
        `${cells.length} cells but the header has ${columns.length} columns`,
        loc(i + 1),
      );
    }
    rows.push({ line: i + 1, cells });
    if (rows.length > MAX_TABLE_ROWS)
      throw new FormatError('too-large', `more than ${MAX_TABLE_ROWS} rows`, loc(i + 1));
  }
  return { columns, rows, delimiter };
}

/** Which columns hold what (header names as written; matched case-insensitively). */
export interface ConcentrationColumns {
  /** Subject column; without it every row belongs to one profile. */
  id?: string;
  time: string;
  conc: string;
  /** Per-subject dose column. */
  dose?: string;
}

export interface ProfileWithDose {
  profile: ConcentrationProfile;
  /** From the dose column (first non-empty cell of the subject), null without one. */
  dose: number | null;
  /** Line of the subject's first row. */
  firstLine: number;
  notes: string[];
}

const BLQ_TOKENS = new Set([
  'blq',
  'bql',
  '<lloq',
  'lloq',
  '<loq',
  'bloq',
  'nd',
  'nq',
  'n.d.',
  '<lod',
  'bld',
]);
const MISSING_TOKENS = new Set(['', 'na', 'n/a', '.', '-', 'nan', 'missing', '#n/a']);
/**
 * A number cell: '.' decimals, or a ',' decimal when the table is not comma-separated. Linear time
 * (src/formats/decimal.ts); null when it is not a finite number (a decimal beyond ±1.8e308 is refused,
 * never Infinity).
 */
export function parseNumberCell(cell: string, delimiter: Delimiter): number | null {
  let text = cell.trim();
  if (delimiter !== ',') {
    const comma = text.indexOf(',');
    if (comma > 0 && text.indexOf(',', comma + 1) < 0 && text.indexOf('.') < 0) {
      text = `${text.slice(0, comma)}.${text.slice(comma + 1)}`;
    }
  }
  const value = scanDecimal(text);
  return typeof value === 'number' ? value : null;
}

/** The column index for a header name; a FormatError naming the column and the ones available. */
export function columnIndex(table: DelimitedTable, name: string, role: string, fileName?: string): number {
  const i = table.columns.findIndex((c) => c.toLowerCase() === name.trim().toLowerCase());
  if (i < 0) {
    throw new FormatError(
      'inconsistent-columns',
      `no ${role} column "${name}"; the columns are: ${table.columns.join(', ')}`,
      fileName !== undefined ? { file: fileName, line: 1 } : { line: 1 },
    );
  }
  return i;
}

/** Groups the rows into profiles, one per subject, in order of first appearance. */
export function profilesFromTable(
  table: DelimitedTable,
  columns: ConcentrationColumns,
  fileName?: string,
): ProfileWithDose[] {
  const loc = (line: number) => ({ ...(fileName !== undefined ? { file: fileName } : {}), line });
  const idCol = columns.id !== undefined ? columnIndex(table, columns.id, 'subject', fileName) : -1;
  const timeCol = columnIndex(table, columns.time, 'time', fileName);
  const concCol = columnIndex(table, columns.conc, 'concentration', fileName);
  const doseCol = columns.dose !== undefined ? columnIndex(table, columns.dose, 'dose', fileName) : -1;
  const groups = new Map<
    string,
    {
      time: number[];
      conc: number[];
      blq: boolean[];
      lines: number[];
      dose: number | null;
      doseLine: number;
      first: number;
      notes: string[];
    }
  >();
  for (const { line, cells } of table.rows) {
    const id = idCol >= 0 ? (cells[idCol] ?? '').trim() : '1';
    if (id === '')
      throw new FormatError('malformed-row', `the subject cell (${columns.id}) is empty`, loc(line));
    let g = groups.get(id);
    if (!g) {
      g = { time: [], conc: [], blq: [], lines: [], dose: null, doseLine: line, first: line, notes: [] };
      groups.set(id, g);
    }
    const timeCell = cells[timeCol] ?? '';
    const time = parseNumberCell(timeCell, table.delimiter);
    if (time === null) {
      throw new FormatError(
        'malformed-number',
        timeCell.trim() === ''
          ? `the time cell (${columns.time}) is empty`
          : `time "${timeCell}" (${columns.time}) is not a number`,
        loc(line),
      );
    }
    if (doseCol >= 0) {
      const doseCell = (cells[doseCol] ?? '').trim();
      if (!MISSING_TOKENS.has(doseCell.toLowerCase())) {
        const dose = parseNumberCell(doseCell, table.delimiter);
        if (dose === null) {
          throw new FormatError(
            'malformed-number',
            `dose "${doseCell}" (${columns.dose}) is not a number`,
            loc(line),
          );
        }
        if (g.dose === null) {
          g.dose = dose;
          g.doseLine = line;
        } else if (g.dose !== dose) {
          throw new FormatError(
            'malformed-row',
            `subject ${id} has dose ${dose} here but ${g.dose} on line ${g.doseLine}; one dose per subject`,
            loc(line),
          );
        }
      }
    }
    const concCell = (cells[concCol] ?? '').trim();
    const lower = concCell.toLowerCase();
    if (MISSING_TOKENS.has(lower)) {
      g.notes.push(`line ${line}: concentration missing at time ${time}, sample skipped`);
      continue;
    }
    let conc: number | null;
    let blq = false;
    if (BLQ_TOKENS.has(lower) || /^<\s*\d/.test(lower)) {
      blq = true;
      conc = 0;
    } else {
      conc = parseNumberCell(concCell, table.delimiter);
      if (conc === null) {
        throw new FormatError(
          'malformed-number',
          `concentration "${concCell}" (${columns.conc}) is not a number, BLQ or NA`,
          loc(line),
        );
      }
    }
    g.time.push(time);
    g.conc.push(conc);
    g.blq.push(blq);
    g.lines.push(line);
  }
  return [...groups.entries()].map(([id, g]) => ({
    profile: {
      id,
      time: g.time,
      conc: g.conc,
      ...(g.blq.some(Boolean) ? { blq: g.blq } : {}),
      sourceLines: g.lines,
    },
    dose: g.dose,
    firstLine: g.first,
    notes: g.notes,
  }));
}

const GUESSES: Record<keyof ConcentrationColumns, RegExp> = {
  id: /^(subject|subj|id|usubjid|animal|mouse|rat|patient|individual)/i,
  time: /^(time|t|tad|nominal time|hours?|hr|min)/i,
  conc: /^(conc|dv|cp|c|value|signal)\b|conc|particles|\/\s*m?l\b|per m?l\b|%id/i,
  dose: /^(dose|amt|amount)/i,
};

/** Best guess of the column mapping from header names (for the web panel's selects). */
export function guessColumns(columns: readonly string[]): Partial<ConcentrationColumns> {
  const out: Partial<ConcentrationColumns> = {};
  for (const key of ['id', 'time', 'conc', 'dose'] as const) {
    const hit = columns.find((c) => GUESSES[key].test(c.trim()));
    if (hit !== undefined) out[key] = hit;
  }
  return out;
}
