/**
 * Reads organ-level biodistribution tables (CSV, TSV or semicolon-separated, e.g. pasted from a spreadsheet)
 * into BiodistributionRow records.
 *
 * Two layouts:
 * - long: one value per row, columns organ, time (h; "time (min)" and "time (d)" convert), value, and
 *   optionally unit, subject/animal, count_time_h (when the sample was counted), organ_mass_g;
 * - wide: first column the organ, one column per time point ("1 h", "4 h", "24 h", "30 min", "2 d").
 * The unit comes from a unit column, the value column's header ("%ID/g"), the first header cell of a wide
 * table ("organ (%ID/g)") or the caller's default. Lines starting with # and blank lines are skipped.
 */
import {
  BIODISTRIBUTION_UNITS,
  type BiodistributionRow,
  type BiodistributionUnit,
} from '../../domain/pk-study.ts';
import { scanDecimal } from '../decimal.ts';
import { FormatError } from '../format-error.ts';
import { clipCell, decodeTextBytes, splitQuotedLine } from '../text-decoding.ts';

export const READER_NAME = 'evlab-biodistribution-csv';
export const READER_VERSION = '1.0.0';

export interface ReadBiodistributionOptions {
  /** Unit when the table does not name one. */
  defaultUnit?: BiodistributionUnit | null;
}

export interface BiodistributionTable {
  file: string;
  layout: 'long' | 'wide';
  rows: BiodistributionRow[];
  /** 1-based line of each row, parallel to rows (for messages about a row). */
  lines: number[];
}

/** Largest table accepted (a biodistribution export is kilobytes). */
export const MAX_TABLE_BYTES = 5 * 1024 * 1024;
/**
 * Most data rows read (issue 10: bounded work per upload). A study of 20 organs × 10 times × 10 animals is
 * 2,000 rows; 100,000 leaves a factor 50.
 */
export const MAX_TABLE_ROWS = 100_000;
/** Longest line (characters): a wide table of 1,000 time points with 20-character cells is 20,000. */
export const MAX_LINE_CHARS = 100_000;
/** Longest header or time cell classified; longer ones name no column (regexes only see short text). */
const MAX_LABEL_CHARS = 200;

interface Line {
  number: number;
  byteOffset: number;
  cells: string[];
}

/** "%ID/g", "% ID / g", "pct_id_g" → %ID/g etc.; null when the text names no unit. */
export function parseBiodistributionUnit(text: string): BiodistributionUnit | null {
  if (text.length > MAX_LABEL_CHARS) return null;
  const t = text
    .toLowerCase()
    .replace(/[\s_]+/g, '')
    .replace('percent', '%')
    .replace('pct', '%');
  if ((BIODISTRIBUTION_UNITS as readonly string[]).includes(text.trim()))
    return text.trim() as BiodistributionUnit;
  if (/^%id\/g$|^%idperg$|^%id\/gtissue$|^%idg$|^%iddose\/g$/.test(t)) return '%ID/g';
  if (/^%id$|^%idperorgan$|^%id\/organ$|^%iddose$/.test(t)) return '%ID';
  if (/^radiance|^p\/s\/cm(2|²)\/sr$|^photons\/s\/cm(2|²)\/sr$/.test(t)) return 'radiance';
  if (/^radiantefficiency|^efficiency$/.test(t)) return 'radiant-efficiency';
  if (/^counts?$|^cpm$|^cps$|^totalflux$|^signal$/.test(t)) return 'counts';
  return null;
}

/** "24", "24 h", "30 min", "2 d", "t=4h" → hours; null when not a time. */
export function parseTimeHours(text: string): number | null {
  if (text.length > MAX_LABEL_CHARS) return null;
  const m = text
    .trim()
    .toLowerCase()
    .replace(/^t\s*=\s*/, '')
    .match(
      /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(h|hr|hrs|hour|hours|min|mins|minute|minutes|d|day|days)?\s*(p\.?i\.?)?$/,
    );
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value * 24)) return null;
  const unit = m[2] ?? 'h';
  if (unit.startsWith('min')) return value / 60;
  if (unit.startsWith('d')) return value * 24;
  return value;
}

function detectSeparator(header: string): string {
  for (const sep of ['\t', ';', ',']) if (header.includes(sep)) return sep;
  return ',';
}

const encoder = new TextEncoder();

function linesOf(text: string, fileName: string, prefixBytes: number): { lines: Line[]; separator: string } {
  const raw = text.split(/\r\n|\n|\r/);
  let offset = prefixBytes;
  const kept: { number: number; byteOffset: number; text: string }[] = [];
  for (const [i, t] of raw.entries()) {
    if (t.length > MAX_LINE_CHARS)
      throw new FormatError('too-large', `line longer than ${MAX_LINE_CHARS} characters`, {
        file: fileName,
        line: i + 1,
        byteOffset: offset,
      });
    const clean = i === 0 ? t.replace(/^\uFEFF/, '') : t;
    if (clean.trim() !== '' && !clean.trimStart().startsWith('#')) {
      if (kept.length > MAX_TABLE_ROWS)
        throw new FormatError('too-large', `more than ${MAX_TABLE_ROWS} rows`, {
          file: fileName,
          line: i + 1,
          byteOffset: offset,
        });
      kept.push({ number: i + 1, byteOffset: offset, text: clean });
    }
    offset += encoder.encode(t).length + 1;
  }
  const separator = detectSeparator(kept[0]?.text ?? '');
  return {
    separator,
    lines: kept.map((l) => ({
      number: l.number,
      byteOffset: l.byteOffset,
      cells: splitQuotedLine(l.text, separator),
    })),
  };
}

type Column = 'organ' | 'time' | 'value' | 'unit' | 'subject' | 'countTime' | 'organMass';

function classifyHeader(
  cell: string,
): { column: Column; hoursPerUnit?: number; unit?: BiodistributionUnit } | null {
  if (cell.length > MAX_LABEL_CHARS) return null;
  const h = cell.toLowerCase().trim();
  const bare = h
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/[\s_]+/g, ' ')
    .trim();
  const paren = h.match(/\(([^)]*)\)/)?.[1] ?? '';
  if (/^(organ|tissue|organ name|tissue name)$/.test(bare)) {
    const unit = parseBiodistributionUnit(paren);
    return unit ? { column: 'organ', unit } : { column: 'organ' };
  }
  if (/^(count time|counted at|count time h|counted at h|counting time|count timeh)$/.test(bare)) {
    return { column: 'countTime', hoursPerUnit: hoursPer(paren) ?? 1 };
  }
  if (/^(time|time h|timeh|hours|t|time point|timepoint|time after dosing|time p\.?i\.?)$/.test(bare)) {
    const perUnit = hoursPer(paren) ?? (bare === 'hours' ? 1 : 1);
    return { column: 'time', hoursPerUnit: perUnit };
  }
  if (/^(time min|minutes)$/.test(bare)) return { column: 'time', hoursPerUnit: 1 / 60 };
  if (/^(time d|days)$/.test(bare)) return { column: 'time', hoursPerUnit: 24 };
  if (/^(unit|units)$/.test(bare)) return { column: 'unit' };
  if (/^(subject|animal|animal id|mouse|rat|id|replicate)$/.test(bare)) return { column: 'subject' };
  if (
    /^(organ mass g|organ mass|mass g|mass|organ weight|organ weight g|weight g|tissue mass|tissue weight)$/.test(
      bare,
    )
  ) {
    return { column: 'organMass' };
  }
  if (/^(value|mean|signal|uptake)$/.test(bare)) {
    const unit = parseBiodistributionUnit(paren);
    return unit ? { column: 'value', unit } : { column: 'value' };
  }
  const unit = parseBiodistributionUnit(h);
  if (unit) return { column: 'value', unit };
  return null;
}

function hoursPer(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (/^(h|hr|hrs|hour|hours)$/.test(t)) return 1;
  if (/^(min|mins|minute|minutes)$/.test(t)) return 1 / 60;
  if (/^(d|day|days)$/.test(t)) return 24;
  return null;
}

/**
 * A finite decimal, or null when the text is not one. Linear (decimal.ts); a decimal beyond a double
 * (1e309) is a FormatError naming the cell, never Infinity.
 */
function parseNumber(
  text: string,
  where?: { file: string; line: number; byteOffset: number },
): number | null {
  const t = text.trim().replace(/\u2212/g, '-');
  const value = scanDecimal(t);
  if (value === 'overflow')
    throw new FormatError(
      'malformed-number',
      `"${clipCell(t)}" overflows a double (not a finite number)`,
      where,
    );
  return value === 'not-a-number' ? null : value;
}

/**
 * Parses a biodistribution table. Throws FormatError naming the file, line and byte offset for anything it
 * cannot read; never returns NaN.
 */
export function readBiodistributionCsv(
  input: Uint8Array | string,
  fileName: string,
  options: ReadBiodistributionOptions = {},
): BiodistributionTable {
  let text: string;
  let prefixBytes = 0;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeTextBytes(input, fileName, {
      maxBytes: MAX_TABLE_BYTES,
      binaryHint: 'binary content, not a text table',
      invalidUtf8: 'refuse',
      utf8Hint: 'not UTF-8 text (save the table as UTF-8 CSV)',
    });
    text = decoded.text;
    prefixBytes = decoded.prefixBytes;
  }
  const { lines } = linesOf(text, fileName, prefixBytes);
  const header = lines[0];
  if (!header) throw new FormatError('empty-file', 'no table: the file is empty', { file: fileName });
  const loc = (line: Line) => ({ file: fileName, line: line.number, byteOffset: line.byteOffset });

  const columns = header.cells.map(classifyHeader);
  const index = (c: Column) => columns.findIndex((x) => x?.column === c);
  const organCol = index('organ') === -1 ? 0 : index('organ');
  const timeCol = index('time');
  const valueCol = index('value');

  if (timeCol !== -1 && valueCol !== -1) {
    return readLong(lines, columns, { organCol, timeCol, valueCol }, fileName, options, loc);
  }
  // Wide layout: every other header cell is a time.
  const times = header.cells.map((c, i) => (i === organCol ? null : parseTimeHours(c)));
  const timeColumns = times.flatMap((t, i) => (t === null ? [] : [i]));
  if (timeColumns.length === 0) {
    throw new FormatError(
      'not-this-format',
      'header needs organ, time and value columns (long layout) or organ then one column per time such as "1 h", "24 h" (wide layout)',
      loc(header),
    );
  }
  const bad = header.cells.findIndex((c, i) => i !== organCol && times[i] === null && c !== '');
  if (bad !== -1) {
    throw new FormatError(
      'malformed-row',
      `column ${bad + 1} header "${clipCell(header.cells[bad] ?? '')}" is not a time such as "4 h"`,
      loc(header),
    );
  }
  const unit = columns[organCol]?.unit ?? options.defaultUnit ?? null;
  if (!unit) {
    throw new FormatError(
      'missing-section',
      'no unit: name it in the first header cell, e.g. "organ (%ID/g)", or choose one',
      loc(header),
    );
  }
  const rows: BiodistributionRow[] = [];
  const lineNumbers: number[] = [];
  for (const line of lines.slice(1)) {
    const organ = line.cells[organCol] ?? '';
    if (organ === '') throw new FormatError('malformed-row', 'the organ cell is empty', loc(line));
    for (const col of timeColumns) {
      const cell = line.cells[col] ?? '';
      if (cell === '' || cell === '-' || cell.toLowerCase() === 'na' || cell.toLowerCase() === 'nd') continue;
      const value = parseNumber(cell, loc(line));
      if (value === null) {
        throw new FormatError(
          'malformed-number',
          `${clipCell(organ)} at ${clipCell(header.cells[col] ?? '')}: "${clipCell(cell)}" is not a number (column ${col + 1})`,
          loc(line),
        );
      }
      rows.push({
        organ,
        timeH: times[col] as number,
        value,
        unit,
        subject: null,
        countTimeH: null,
        organMassG: null,
      });
      lineNumbers.push(line.number);
    }
  }
  if (rows.length === 0)
    throw new FormatError('truncated', 'the table has a header but no values', loc(header));
  return { file: fileName, layout: 'wide', rows, lines: lineNumbers };
}

function readLong(
  lines: Line[],
  columns: ReturnType<typeof classifyHeader>[],
  cols: { organCol: number; timeCol: number; valueCol: number },
  fileName: string,
  options: ReadBiodistributionOptions,
  loc: (line: Line) => { file: string; line: number; byteOffset: number },
): BiodistributionTable {
  const at = (c: Column) => columns.findIndex((x) => x?.column === c);
  const unitCol = at('unit');
  const subjectCol = at('subject');
  const countCol = at('countTime');
  const massCol = at('organMass');
  const hoursPerTime = columns[cols.timeCol]?.hoursPerUnit ?? 1;
  const hoursPerCount = countCol === -1 ? 1 : (columns[countCol]?.hoursPerUnit ?? 1);
  const headerUnit = columns[cols.valueCol]?.unit ?? null;
  const rows: BiodistributionRow[] = [];
  const lineNumbers: number[] = [];
  for (const line of lines.slice(1)) {
    const cell = (i: number) => (i === -1 ? '' : (line.cells[i] ?? ''));
    const organ = cell(cols.organCol);
    if (organ === '') throw new FormatError('malformed-row', 'the organ cell is empty', loc(line));
    const timeText = cell(cols.timeCol);
    const number = parseNumber(timeText, loc(line));
    const time = number ?? parseTimeHours(timeText);
    if (time === null || time < 0) {
      throw new FormatError(
        'malformed-number',
        `time "${clipCell(timeText)}" is not a time ≥ 0 (column ${cols.timeCol + 1})`,
        loc(line),
      );
    }
    const timeH = number !== null ? time * hoursPerTime : time;
    if (!Number.isFinite(timeH))
      throw new FormatError(
        'malformed-number',
        `time "${clipCell(timeText)}" is beyond a double in hours`,
        loc(line),
      );
    const valueText = cell(cols.valueCol);
    const value = parseNumber(valueText, loc(line));
    if (value === null) {
      throw new FormatError(
        'malformed-number',
        `value "${clipCell(valueText)}" is not a number (column ${cols.valueCol + 1})`,
        loc(line),
      );
    }
    let unit: BiodistributionUnit | null = headerUnit;
    if (unitCol !== -1 && cell(unitCol) !== '') {
      unit = parseBiodistributionUnit(cell(unitCol));
      if (!unit) {
        throw new FormatError(
          'malformed-row',
          `unit "${clipCell(cell(unitCol))}" is not one of ${BIODISTRIBUTION_UNITS.join(', ')} (column ${unitCol + 1})`,
          loc(line),
        );
      }
    }
    unit ??= options.defaultUnit ?? null;
    if (!unit) {
      throw new FormatError(
        'missing-section',
        'no unit: add a unit column, name it in the value header, or choose one',
        loc(line),
      );
    }
    let countTimeH: number | null = null;
    if (cell(countCol) !== '') {
      const c = parseNumber(cell(countCol), loc(line));
      if (c === null || c < 0 || !Number.isFinite(c * hoursPerCount)) {
        throw new FormatError(
          'malformed-number',
          `count time "${clipCell(cell(countCol))}" is not a time ≥ 0 (column ${countCol + 1})`,
          loc(line),
        );
      }
      countTimeH = c * hoursPerCount;
    }
    let organMassG: number | null = null;
    if (cell(massCol) !== '') {
      const m = parseNumber(cell(massCol), loc(line));
      if (m === null || m <= 0) {
        throw new FormatError(
          'malformed-number',
          `organ mass "${clipCell(cell(massCol))}" is not a mass > 0 g (column ${massCol + 1})`,
          loc(line),
        );
      }
      organMassG = m;
    }
    const subject = cell(subjectCol);
    rows.push({
      organ,
      timeH,
      value,
      unit,
      subject: subject === '' ? null : subject,
      countTimeH,
      organMassG,
    });
    lineNumbers.push(line.number);
  }
  if (rows.length === 0) {
    throw new FormatError('truncated', 'the table has a header but no rows', loc(lines[0] as Line));
  }
  return { file: fileName, layout: 'long', rows, lines: lineNumbers };
}
