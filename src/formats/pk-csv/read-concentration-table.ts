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
import { decimalAt } from '../decimal.ts';
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

/** Line breaks as the reader counts lines: CRLF, LF or a lone CR each end one line. */
class LineCursor {
  private pos = 0;
  private nextLf = -2;
  private nextCr = -2;
  /** 1-based number of the line last returned. */
  line = 0;
  constructor(private readonly text: string) {}

  /** Start and end (exclusive) of the line last advanced to, in the text. */
  start = 0;
  end = 0;

  /** Moves to the next line (start/end/line set); false at the end (a final break ends no extra line). */
  advance(): boolean {
    const text = this.text;
    const n = text.length;
    if (this.pos > n) return false;
    const from = this.pos;
    if (this.nextLf !== -1 && this.nextLf < from) this.nextLf = text.indexOf('\n', from);
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = text.indexOf('\r', from);
    const lf = this.nextLf;
    const cr = this.nextCr;
    let end: number;
    let after: number;
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      end = cr;
      after = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    } else if (lf >= 0) {
      end = lf;
      after = lf + 1;
    } else {
      end = n;
      after = n + 1;
    }
    this.pos = after;
    this.start = from;
    this.end = end;
    this.line++;
    return true;
  }

  /** The text of the line last advanced to. */
  current(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The next line's text without its break, or null at the end. */
  next(): string | null {
    return this.advance() ? this.current() : null;
  }

  /** The text the cursor walks (after a byte-order mark). */
  get source(): string {
    return this.text;
  }
}

/** Text → its header: BOM, binary and empty checks, delimiter, header cells (the lines after are untouched). */
function readHeader(
  text: string,
  fileName: string | undefined,
): { columns: string[]; delimiter: Delimiter; lines: LineCursor } {
  const loc = (line: number) => ({ ...(fileName !== undefined ? { file: fileName } : {}), line });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\u0000')) {
    throw new FormatError(
      'binary-content',
      'this is not a text table',
      fileName !== undefined ? { file: fileName } : {},
    );
  }
  const lines = new LineCursor(body);
  let headerLine: string | null = lines.next();
  while (headerLine !== null && headerLine.trim() === '') headerLine = lines.next();
  if (headerLine === null)
    throw new FormatError(
      'empty-file',
      'the table is empty',
      fileName !== undefined ? { file: fileName } : {},
    );
  const headerNo = lines.line;
  const delimiter = detectDelimiter(headerLine);
  const columns = splitLine(headerLine, delimiter, headerNo, fileName);
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c === '') throw new FormatError('malformed-row', `header column ${i + 1} has no name`, loc(headerNo));
    if (seen.has(c.toLowerCase()))
      throw new FormatError('malformed-row', `column "${c}" appears twice in the header`, loc(headerNo));
    seen.add(c.toLowerCase());
  });
  return { columns, delimiter, lines };
}

/**
 * The cells of a line, with the table-level checks (quotes, line and cell length, more cells than columns,
 * row count); null for a blank line. `rows` is the count of rows before this one.
 */
function rowOf(
  raw: string,
  line: number,
  columnCount: number,
  delimiter: Delimiter,
  rows: number,
  fileName: string | undefined,
): string[] | null {
  if (raw.trim() === '') return null;
  const cells = splitLine(raw, delimiter, line, fileName);
  while (cells.length > columnCount && cells[cells.length - 1] === '') cells.pop();
  if (cells.length > columnCount) {
    throw new FormatError(
      'inconsistent-columns',
      `${cells.length} cells but the header has ${columnCount} columns`,
      { ...(fileName !== undefined ? { file: fileName } : {}), line },
    );
  }
  if (rows + 1 > MAX_TABLE_ROWS)
    throw new FormatError('too-large', `more than ${MAX_TABLE_ROWS} rows`, {
      ...(fileName !== undefined ? { file: fileName } : {}),
      line,
    });
  return cells;
}

/** The cells of the next non-blank row (rowOf), null at the end. */
function nextRow(
  lines: LineCursor,
  columnCount: number,
  delimiter: Delimiter,
  rows: number,
  fileName: string | undefined,
): string[] | null {
  for (let raw = lines.next(); raw !== null; raw = lines.next()) {
    const cells = rowOf(raw, lines.line, columnCount, delimiter, rows, fileName);
    if (cells !== null) return cells;
  }
  return null;
}

/**
 * Header + rows of CSV/TSV text. Blank lines are skipped; trailing empty cells are tolerated. One pass over
 * the text (lines are cut between indexOf hits, never split into an intermediate array).
 */
export function readDelimitedTable(text: string, fileName?: string): DelimitedTable {
  const { columns, delimiter, lines } = readHeader(text, fileName);
  const rows: DelimitedTable['rows'] = [];
  for (
    let cells = nextRow(lines, columns.length, delimiter, 0, fileName);
    cells !== null;
    cells = nextRow(lines, columns.length, delimiter, rows.length, fileName)
  )
    rows.push({ line: lines.line, cells });
  return { columns, rows, delimiter };
}

/** Only the header of CSV/TSV text (column names and delimiter), for guessing columns before reading. */
export function readDelimitedHeader(
  text: string,
  fileName?: string,
): Pick<DelimitedTable, 'columns' | 'delimiter'> {
  const { columns, delimiter } = readHeader(text, fileName);
  return { columns, delimiter };
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
  // In place, no regex (decimal.ts): NaN for bad syntax, over MAX_NUMBER_CHARS or beyond a double.
  const value = decimalAt(text, 0, text.length);
  return Number.isNaN(value) ? null : value;
}

/** The column index for a header name; a FormatError naming the column and the ones available. */
export function columnIndex(
  table: Pick<DelimitedTable, 'columns'>,
  name: string,
  role: string,
  fileName?: string,
): number {
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

interface ProfileGroup {
  time: number[];
  conc: number[];
  /** Created at the first BLQ sample (false for those before): most profiles have none. */
  blq: boolean[] | null;
  lines: number[];
  dose: number | null;
  doseLine: number;
  first: number;
  notes: string[];
}

/**
 * Rows → profiles, one per subject in order of first appearance: the per-row rules shared by
 * profilesFromTable (a table already read) and readConcentrationProfiles (one pass over the text).
 */
class ProfileGrouper {
  private readonly groups = new Map<string, ProfileGroup>();
  private readonly idCol: number;
  private readonly timeCol: number;
  private readonly concCol: number;
  private readonly doseCol: number;
  private readonly delimiter: Delimiter;

  constructor(
    header: Pick<DelimitedTable, 'columns' | 'delimiter'>,
    private readonly columns: ConcentrationColumns,
    private readonly fileName: string | undefined,
  ) {
    this.idCol = columns.id !== undefined ? columnIndex(header, columns.id, 'subject', fileName) : -1;
    this.timeCol = columnIndex(header, columns.time, 'time', fileName);
    this.concCol = columnIndex(header, columns.conc, 'concentration', fileName);
    this.doseCol = columns.dose !== undefined ? columnIndex(header, columns.dose, 'dose', fileName) : -1;
    this.delimiter = header.delimiter;
  }

  private loc(line: number) {
    return { ...(this.fileName !== undefined ? { file: this.fileName } : {}), line };
  }

  /** Column indexes of subject (-1 without), time, concentration and dose (-1 without). */
  get indexes(): { id: number; time: number; conc: number; dose: number } {
    return { id: this.idCol, time: this.timeCol, conc: this.concCol, dose: this.doseCol };
  }

  private lastId: string | null = null;
  private lastGroup: ProfileGroup | null = null;

  /** The subject's group, created on its first row (consecutive rows of one subject skip the lookup). */
  private group(id: string, line: number): ProfileGroup {
    if (id === this.lastId && this.lastGroup) return this.lastGroup;
    let g = this.groups.get(id);
    if (!g) {
      g = { time: [], conc: [], blq: null, lines: [], dose: null, doseLine: line, first: line, notes: [] };
      this.groups.set(id, g);
    }
    this.lastId = id;
    this.lastGroup = g;
    return g;
  }

  /** The id of the subject of the row before, to compare a cell with before cutting it out of the text. */
  get previousId(): string | null {
    return this.lastId;
  }

  private recordDose(g: ProfileGroup, id: string, dose: number, line: number): void {
    if (g.dose === null) {
      g.dose = dose;
      g.doseLine = line;
    } else if (g.dose !== dose) {
      throw new FormatError(
        'malformed-row',
        `subject ${id} has dose ${dose} here but ${g.dose} on line ${g.doseLine}; one dose per subject`,
        this.loc(line),
      );
    }
  }

  /**
   * A row whose cells are already known to be plain: a non-empty id without surrounding blanks, decimal
   * numbers (readConcentrationProfiles' fast path). Same outcome as `add` on the same cells.
   */
  addPlain(line: number, id: string, time: number, conc: number, dose: number | null): void {
    const g = this.group(id, line);
    if (dose !== null) this.recordDose(g, id, dose, line);
    g.time.push(time);
    g.conc.push(conc);
    g.blq?.push(false);
    g.lines.push(line);
  }

  add(line: number, cells: readonly string[]): void {
    const { columns, delimiter } = this;
    const id = this.idCol >= 0 ? (cells[this.idCol] ?? '').trim() : '1';
    if (id === '')
      throw new FormatError('malformed-row', `the subject cell (${columns.id}) is empty`, this.loc(line));
    const g = this.group(id, line);
    const timeCell = cells[this.timeCol] ?? '';
    const time = parseNumberCell(timeCell, delimiter);
    if (time === null) {
      throw new FormatError(
        'malformed-number',
        timeCell.trim() === ''
          ? `the time cell (${columns.time}) is empty`
          : `time "${timeCell}" (${columns.time}) is not a number`,
        this.loc(line),
      );
    }
    if (this.doseCol >= 0) {
      const doseCell = (cells[this.doseCol] ?? '').trim();
      // A number first: no number is a missing token, and most cells are numbers (no lower-casing).
      const dose = parseNumberCell(doseCell, delimiter);
      if (dose === null && !MISSING_TOKENS.has(doseCell.toLowerCase())) {
        throw new FormatError(
          'malformed-number',
          `dose "${doseCell}" (${columns.dose}) is not a number`,
          this.loc(line),
        );
      }
      if (dose !== null) this.recordDose(g, id, dose, line);
    }
    const concCell = (cells[this.concCol] ?? '').trim();
    // A number first: no number is a missing or BLQ token ("<0.5" starts with "<"), so the order of the
    // checks does not change the outcome, and numbers need no lower-casing.
    let conc = parseNumberCell(concCell, delimiter);
    let blq = false;
    if (conc === null) {
      const lower = concCell.toLowerCase();
      if (MISSING_TOKENS.has(lower)) {
        g.notes.push(`line ${line}: concentration missing at time ${time}, sample skipped`);
        return;
      }
      if (BLQ_TOKENS.has(lower) || /^<\s*\d/.test(lower)) {
        blq = true;
        conc = 0;
      } else {
        throw new FormatError(
          'malformed-number',
          `concentration "${concCell}" (${columns.conc}) is not a number, BLQ or NA`,
          this.loc(line),
        );
      }
    }
    if (blq && g.blq === null) g.blq = new Array<boolean>(g.time.length).fill(false);
    g.time.push(time);
    g.conc.push(conc);
    g.blq?.push(blq);
    g.lines.push(line);
  }

  result(): ProfileWithDose[] {
    return [...this.groups.entries()].map(([id, g]) => ({
      profile: {
        id,
        time: g.time,
        conc: g.conc,
        ...(g.blq !== null ? { blq: g.blq } : {}),
        sourceLines: g.lines,
      },
      dose: g.dose,
      firstLine: g.first,
      notes: g.notes,
    }));
  }
}

/** Groups the rows into profiles, one per subject, in order of first appearance. */
export function profilesFromTable(
  table: DelimitedTable,
  columns: ConcentrationColumns,
  fileName?: string,
): ProfileWithDose[] {
  const grouper = new ProfileGrouper(table, columns, fileName);
  for (const { line, cells } of table.rows) grouper.add(line, cells);
  return grouper.result();
}

/** A cell's first and last characters are printable ASCII, so trim() would not change it. */
function isUntrimmed(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/**
 * CSV/TSV text → profiles in one pass, without keeping the rows: the same result and the same errors as
 * `profilesFromTable(readDelimitedTable(text, fileName), columns, fileName)`, including which error wins
 * when there are several (a table-level error anywhere — ragged row, unclosed quote, line or cell too
 * long, too many rows — before a missing column, before a bad cell).
 *
 * Fast path (issue 9 item 18, bench/pk-table-read.bench.ts): a row without quotes whose needed cells are
 * plain decimals and a plain id is read in place — cell bounds from indexOf, numbers by decimalAt, the id
 * compared with the previous row's before it is cut out — so a 100,000-row table allocates no line, cell
 * or row objects. Any other row (quotes, blanks, BLQ/NA tokens, decimal commas, too many cells, anything
 * long or odd) takes the checked path, which names the problem. Linear time: every indexOf pointer only
 * moves forward.
 */
export function readConcentrationProfiles(
  text: string,
  columns: ConcentrationColumns,
  fileName?: string,
): ProfileWithDose[] {
  const header = readHeader(text, fileName);
  const { lines, delimiter } = header;
  const columnCount = header.columns.length;
  // A cell or column error is kept while the rest of the text is still checked as a table.
  let deferred: unknown = null;
  let grouper: ProfileGrouper | null = null;
  try {
    grouper = new ProfileGrouper(header, columns, fileName);
  } catch (error) {
    deferred = error;
  }
  const col = grouper?.indexes ?? { id: -1, time: 0, conc: 0, dose: -1 };
  const needed = Math.max(col.id, col.time, col.conc, col.dose) + 1;
  const body = lines.source;
  const starts = new Array<number>(columnCount).fill(0);
  const ends = new Array<number>(columnCount).fill(0);
  let nextQuote = -2;
  let nextDelimiter = -2;
  let rows = 0;
  while (lines.advance()) {
    const a = lines.start;
    const b = lines.end;
    if (grouper !== null && deferred === null && b - a <= MAX_LINE_CHARS && rows < MAX_TABLE_ROWS) {
      if (nextQuote !== -1 && nextQuote < a) nextQuote = body.indexOf('"', a);
      if (nextQuote === -1 || nextQuote >= b) {
        let k = 0;
        let p = a;
        let plain = true;
        for (;;) {
          if (nextDelimiter !== -1 && nextDelimiter < p) nextDelimiter = body.indexOf(delimiter, p);
          const q = nextDelimiter === -1 || nextDelimiter > b ? b : nextDelimiter;
          if (k >= columnCount || q - p > MAX_CELL_CHARS) {
            plain = false;
            break;
          }
          starts[k] = p;
          ends[k] = q;
          k++;
          if (q === b) break;
          p = q + 1;
        }
        if (plain && k >= needed) {
          const time = decimalAt(body, starts[col.time] as number, ends[col.time] as number);
          const conc = decimalAt(body, starts[col.conc] as number, ends[col.conc] as number);
          const dose =
            col.dose >= 0 ? decimalAt(body, starts[col.dose] as number, ends[col.dose] as number) : null;
          let id: string | null = '1';
          if (col.id >= 0) {
            const s = starts[col.id] as number;
            const e = ends[col.id] as number;
            const previous = grouper.previousId;
            if (e === s || !isUntrimmed(body, s, e)) id = null;
            else if (previous !== null && previous.length === e - s && body.startsWith(previous, s))
              id = previous;
            else id = body.slice(s, e);
          }
          if (id !== null && !Number.isNaN(time) && !Number.isNaN(conc) && !Number.isNaN(dose)) {
            rows++;
            try {
              grouper.addPlain(lines.line, id, time, conc, dose);
            } catch (error) {
              deferred = error;
            }
            continue;
          }
        }
      }
    }
    // Checked path.
    const cells = rowOf(lines.current(), lines.line, columnCount, delimiter, rows, fileName);
    if (cells === null) continue;
    rows++;
    if (deferred !== null || grouper === null) continue;
    try {
      grouper.add(lines.line, cells);
    } catch (error) {
      deferred = error;
    }
  }
  if (deferred !== null || grouper === null) throw deferred;
  return grouper.result();
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
