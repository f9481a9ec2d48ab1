/**
 * Reader for ImageJ / Fiji "Analyze Particles" Results tables (File ▸ Save As from the Results window:
 * `.csv`, or tab-separated `.xls`/`.txt`). Columns are ImageJ's measurement names — Area, Perim., Major,
 * Minor, Feret, MinFeret, Circ., AR, Round, Solidity (plus Mean, X, Y, Angle, FeretX… which are kept but not
 * needed); any subset is accepted as long as Area or Feret is there. ImageJ writes a leading index column
 * (header blank or " ", values 1, 2, 3 …) which is recognised and dropped. Values are in pixels, or in the
 * calibrated unit set with Analyze ▸ Set Scale (the table does not say which: the caller does).
 * Strict numbers (NaN, Infinity or text in a measurement cell are errors naming line and column).
 */
import type { ParticleMeasurement } from '../../science/tem/tem-particle.ts';
import { FormatError } from '../format-error.ts';
import { splitQuotedLine, transcodeUtf16ToUtf8 } from '../text-decoding.ts';

export const IMAGEJ_READER_NAME = 'evlab-imagej-results';
export const IMAGEJ_READER_VERSION = '1.0.0';
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_LINE = 16 * 1024;

/** ImageJ column name → field. */
const COLUMNS: Record<string, keyof Omit<ParticleMeasurement, 'index'>> = {
  area: 'area',
  'perim.': 'perimeter',
  perimeter: 'perimeter',
  major: 'major',
  minor: 'minor',
  feret: 'feret',
  minferet: 'minFeret',
  'circ.': 'circularity',
  circularity: 'circularity',
  ar: 'aspectRatio',
  round: 'roundness',
  solidity: 'solidity',
};

export interface ImageJResults {
  particles: ParticleMeasurement[];
  /** Measurement columns found (ImageJ names, in file order). */
  columns: string[];
  /** Other columns present and ignored (Mean, X, Y, Angle, …). */
  ignoredColumns: string[];
  hadIndexColumn: boolean;
}

function decode(input: Uint8Array, file: string): string {
  if (input.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  // Excel "Unicode text" re-saves are UTF-16: re-encoded to UTF-8 first
  const bytes = transcodeUtf16ToUtf8(input, file);
  if (bytes.length > MAX_BYTES)
    throw new FormatError('too-large', `the file is ${bytes.length} bytes (limit ${MAX_BYTES})`, {
      file,
      byteOffset: 0,
    });
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new FormatError(
      'binary-content',
      `binary data at byte ${nul}: a real Excel workbook or an image? Save the Results window as .csv`,
      { file, byteOffset: nul },
    );
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * A whole cell as a finite number, or null. With `decimalComma` (semicolon- or tab-separated tables, as
 * ImageJ writes with a German/French locale and Excel re-saves), "1963,495" is 1963.495; a cell with both
 * a comma and a point is refused (no thousands separators in ImageJ tables).
 */
function strictNumber(cell: string, decimalComma = false): number | null {
  let t = cell.trim();
  if (t.length === 0 || t.length > 40) return null;
  let commas = 0;
  let points = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x2c) commas++;
    else if (c === 0x2e) points++;
    else if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x45 || c === 0x65)) return null;
  }
  if (commas > 0) {
    if (!decimalComma || commas > 1 || points > 0) return null;
    t = t.replace(',', '.');
  }
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Row labels ImageJ's Analyze ▸ Summarize appends below the particles (ImageJ 1.x user guide, §30.7). */
const SUMMARY_ROW_LABELS = new Set(['mean', 'sd', 'min', 'max']);

export function readImageJResults(bytes: Uint8Array, file: string): ImageJResults {
  const text = decode(bytes, file);
  const lines: { text: string; line: number; offset: number }[] = [];
  let pos = 0;
  let n = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    n++;
    let t = text.slice(pos, end);
    if (t.endsWith('\r')) t = t.slice(0, -1);
    if (t.length > MAX_LINE)
      throw new FormatError('malformed-row', `line longer than ${MAX_LINE} characters`, {
        file,
        line: n,
        byteOffset: pos,
      });
    if (t.trim().length > 0) lines.push({ text: t, line: n, offset: pos });
    pos = end + 1;
  }
  const head = lines[0];
  if (!head) throw new FormatError('empty-file', 'the file has no lines', { file, line: 1, byteOffset: 0 });
  const sep = head.text.includes('\t')
    ? '\t'
    : head.text.includes(',')
      ? ','
      : head.text.includes(';')
        ? ';'
        : '\t';
  const names = splitQuotedLine(head.text, sep);
  const lower = names.map((c) => c.toLowerCase());
  const mapped: { index: number; field: keyof Omit<ParticleMeasurement, 'index'>; name: string }[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < lower.length; i++) {
    const field = COLUMNS[lower[i] as string];
    if (field) mapped.push({ index: i, field, name: names[i] as string });
    else if (i > 0 || (lower[i] as string).length > 0) ignored.push(names[i] as string);
  }
  if (!mapped.some((m) => m.field === 'area' || m.field === 'feret'))
    throw new FormatError(
      'missing-section',
      `no Area or Feret column in the header (found: ${names.filter(Boolean).slice(0, 12).join(', ') || 'nothing'}); measure Area and Feret's diameter in Analyze ▸ Set Measurements`,
      { file, line: head.line, byteOffset: head.offset },
    );
  const indexColumn =
    (lower[0] as string) === '' || lower[0] === ' ' || lower[0] === '#' || lower[0] === 'index';
  const particles: ParticleMeasurement[] = [];
  const decimalComma = sep !== ',';
  for (const row of lines.slice(1)) {
    const cells = splitQuotedLine(row.text, sep);
    if (SUMMARY_ROW_LABELS.has((cells[0] ?? '').toLowerCase())) continue;
    if (cells.every((c) => c === '')) continue; // a spreadsheet's padded blank row
    const p: ParticleMeasurement = {
      index: particles.length + 1,
      area: null,
      perimeter: null,
      major: null,
      minor: null,
      feret: null,
      minFeret: null,
      circularity: null,
      aspectRatio: null,
      roundness: null,
      solidity: null,
    };
    if (indexColumn) {
      const idx = strictNumber(cells[0] ?? '');
      if (idx !== null && Number.isInteger(idx)) p.index = idx;
    }
    for (const m of mapped) {
      const raw = cells[m.index] ?? '';
      const v = strictNumber(raw, decimalComma);
      if (v === null)
        throw new FormatError(
          'malformed-number',
          `${raw === '' ? 'missing value' : `"${raw.slice(0, 40)}" is not a finite number`} in column ${m.index + 1} (${m.name})`,
          { file, line: row.line, byteOffset: row.offset },
        );
      if (v < 0)
        throw new FormatError('malformed-number', `negative ${m.name} ${v} in column ${m.index + 1}`, {
          file,
          line: row.line,
          byteOffset: row.offset,
        });
      p[m.field] = v;
    }
    particles.push(p);
  }
  if (particles.length === 0)
    throw new FormatError('truncated', 'the Results table has a header but no particles', {
      file,
      line: head.line,
      byteOffset: head.offset,
    });
  return {
    particles,
    columns: mapped.map((m) => m.name),
    ignoredColumns: ignored,
    hadIndexColumn: indexColumn,
  };
}
