/**
 * Bytes → lines → cells for plate-reader exports (long CSV, plate grids, SoftMax Pro text). SoftMax Pro
 * writes Latin-1 (Windows-1252 in practice) with CRLF and tabs; spreadsheets write UTF-8, often with a
 * byte-order mark, and commas or semicolons. Everything here is linear in the input: plain `split`,
 * a character loop for quotes, no regular expressions over cell text beyond anchored simple ones.
 */
import { FormatError } from '../format-error.ts';
import { splitCsvCells, transcodeUtf16ToUtf8 } from '../text-decoding.ts';

/** Largest plate export evlab reads: a 384-well kinetic run in SoftMax text is a few MB. */
export const MAX_PLATE_BYTES = 32 * 1024 * 1024;
/** Longest line accepted (SoftMax pads every line with ~100 tabs; a 1536-well time row is ~20 kB). */
export const MAX_LINE_CHARS = 200_000;
/** Longest cell accepted. */
export const MAX_CELL_CHARS = 4_096;

export interface PlateText {
  lines: string[];
  /** Byte offset of each line's start (exact for Latin-1; for UTF-8 the character offset). */
  offsets: number[];
  encoding: 'latin1' | 'utf-8';
}

export function decodePlateText(input: Uint8Array, file: string): PlateText {
  let bytes = input;
  if (bytes.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  if (bytes.length > MAX_PLATE_BYTES)
    throw new FormatError(
      'too-large',
      `the file is ${bytes.length} bytes; plate exports are below ${MAX_PLATE_BYTES}`,
      {
        file,
        byteOffset: 0,
      },
    );
  // Excel "Unicode text" and some reader software write UTF-16: re-encoded to UTF-8 first
  bytes = transcodeUtf16ToUtf8(bytes, file);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    throw new FormatError('binary-content', 'a ZIP archive (an .xlsx workbook?), not a text export', {
      file,
      line: 1,
      byteOffset: 0,
    });
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (bytes[i] === 0x0a) line++;
    throw new FormatError('binary-content', `binary data: NUL byte at offset ${nul}`, {
      file,
      line,
      byteOffset: nul,
    });
  }
  let text: string;
  let encoding: 'latin1' | 'utf-8' = 'latin1';
  let prefix = 0;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
    encoding = 'utf-8';
    prefix = bom ? 3 : 0;
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  const lines: string[] = [];
  const offsets: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (lineEnd - pos > MAX_LINE_CHARS)
      throw new FormatError('malformed-row', `line longer than ${MAX_LINE_CHARS} characters`, {
        file,
        line: lines.length + 1,
        byteOffset: pos + prefix,
      });
    lines.push(text.slice(pos, lineEnd));
    offsets.push(pos + prefix);
    pos = end + 1;
  }
  return { lines, offsets, encoding };
}

/** Most frequent separator among tab, comma, semicolon in the first lines. */
export function detectDelimiter(lines: readonly string[]): '\t' | ',' | ';' {
  // A header line with semicolons and no comma decides: rows with decimal commas ("0,5;0,25;0,125") may
  // hold more commas than semicolons.
  const first = lines.find((l) => l.trim() !== '') ?? '';
  if (!first.includes('\t') && first.includes(';') && !first.includes(',')) return ';';
  const count = (ch: string) => lines.slice(0, 10).reduce((s, l) => s + l.split(ch).length - 1, 0);
  const tab = count('\t');
  const comma = count(',');
  const semi = count(';');
  if (tab >= comma && tab >= semi && tab > 0) return '\t';
  if (semi > comma) return ';';
  return ',';
}

/**
 * True when `cell` is a number written with a decimal comma ("0,125", "-1,5E-03"): digits, one comma, no
 * point. Only meaningful in tab- or semicolon-separated tables, where a comma cannot be a separator; plate
 * readers in German/French locales (SoftMax Pro, Gen5, Excel re-saves) write them.
 */
export function isDecimalCommaNumber(cell: string): boolean {
  if (cell.length === 0 || cell.length > 64) return false;
  let commas = 0;
  let digits = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 0x2c) commas++;
    else if (c >= 0x30 && c <= 0x39) digits++;
    else if (!(c === 0x2b || c === 0x2d || c === 0x45 || c === 0x65)) return false;
  }
  return commas === 1 && digits > 0;
}

/**
 * Splits a line into trimmed cells (RFC 4180 quotes honoured), checking the cell length. In a tab- or
 * semicolon-separated line, a number with a decimal comma becomes the same number with a point.
 */
export function splitRow(line: string, delimiter: string, file: string, lineNo: number): string[] {
  const cells = splitCsvCells(line, delimiter).map((c) => c.trim());
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    if (c.length > MAX_CELL_CHARS)
      throw new FormatError('malformed-row', `a cell longer than ${MAX_CELL_CHARS} characters`, {
        file,
        line: lineNo,
      });
    if (delimiter !== ',' && isDecimalCommaNumber(c)) cells[i] = c.replace(',', '.');
  }
  return cells;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/**
 * A finite decimal number, or a FormatError naming the cell. NaN, Infinity and C-runtime spellings
 * ("1.#INF", "nan") are rejected, not read as missing.
 */
export function parseFiniteNumber(
  cell: string,
  what: string,
  file: string,
  line: number,
  byteOffset?: number,
): number {
  const s = cell.trim();
  if (s.length > 64 || !DECIMAL.test(s))
    throw new FormatError('malformed-number', `${what}: "${s.slice(0, 40)}" is not a finite number`, {
      file,
      line,
      ...(byteOffset !== undefined ? { byteOffset } : {}),
    });
  const v = Number(s);
  if (!Number.isFinite(v))
    throw new FormatError('malformed-number', `${what}: ${s} is out of range`, { file, line });
  return v;
}

/** Well name (A1…P24, also A01) → canonical "A1", or null. */
export function canonicalWell(text: string): string | null {
  const s = text.trim().toUpperCase();
  if (s.length < 2 || s.length > 4) return null;
  const row = s.charCodeAt(0);
  if (row < 65 || row > 80) return null;
  const col = s.slice(1);
  if (!/^\d{1,2}$/.test(col)) return null;
  const n = Number(col);
  if (n < 1 || n > 24) return null;
  return `${s[0]}${n}`;
}
