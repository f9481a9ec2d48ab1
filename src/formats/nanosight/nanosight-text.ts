/**
 * Bytes → text lines → cells for NanoSight NTA exports, with the checks every reader needs first:
 * empty files, binary content, UTF-16/32, the character encoding (NTA 3.x writes ISO-8859-1; a UTF-8
 * byte-order mark marks a re-saved file) and the field separator (an Excel re-save in a European locale
 * writes semicolons and decimal commas, which cannot be told apart from NTA's own text reliably).
 */
import { scanDecimal } from '../decimal.ts';
import { FormatError } from '../format-error.ts';
import { splitCsvCells } from '../text-decoding.ts';

/** Largest export evlab reads, bytes. NTA 3.x summaries of 5 videos are ~0.3–0.4 MB; this leaves room for many more. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

export interface DecodedText {
  text: string;
  encoding: 'latin1' | 'utf-8';
  byteOrderMark: boolean;
  /** Bytes before the text (a BOM). */
  prefixBytes: number;
}

function isUtf16Pattern(bytes: Uint8Array): boolean {
  // Without a BOM, UTF-16 text of Latin characters has a NUL in every other byte.
  const n = Math.min(bytes.length, 4096);
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const half = n / 2;
  return evenNul > half * 0.4 || oddNul > half * 0.4;
}

/** Decodes an export's bytes or throws FormatError (empty-file, binary-content, unsupported-encoding, too-large). */
export function decodeExportBytes(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  if (bytes.length > MAX_EXPORT_BYTES) {
    throw new FormatError(
      'too-large',
      `the file is ${bytes.length} bytes; NTA exports are well below ${MAX_EXPORT_BYTES} bytes`,
      { file, byteOffset: 0 },
    );
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new FormatError(
      'unsupported-encoding',
      `UTF-16 text (byte-order mark ${b0 === 0xff ? 'FF FE' : 'FE FF'}): NTA writes ISO-8859-1; export again from NTA or save as CSV (comma delimited)`,
      { file, line: 1, byteOffset: 0 },
    );
  }
  if (b0 === 0x50 && b1 === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new FormatError('binary-content', 'a ZIP archive (an .xlsx workbook?), not a CSV export', {
      file,
      line: 1,
      byteOffset: 0,
    });
  }
  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) {
    if (isUtf16Pattern(bytes)) {
      throw new FormatError(
        'unsupported-encoding',
        'UTF-16 text without a byte-order mark (every other byte is NUL): NTA writes ISO-8859-1; export again from NTA',
        { file, line: 1, byteOffset: 0 },
      );
    }
    let line = 1;
    for (let i = 0; i < firstNul; i++) if (bytes[i] === 0x0a) line++;
    throw new FormatError('binary-content', `binary data: NUL byte at offset ${firstNul}`, {
      file,
      line,
      byteOffset: firstNul,
    });
  }
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    try {
      return {
        text: new TextDecoder('utf-8', { fatal: true }).decode(body),
        encoding: 'utf-8',
        byteOrderMark: true,
        prefixBytes: 3,
      };
    } catch {
      // A BOM followed by invalid UTF-8: fall back to NTA's own encoding.
      return {
        text: new TextDecoder('latin1').decode(body),
        encoding: 'latin1',
        byteOrderMark: true,
        prefixBytes: 3,
      };
    }
  }
  return {
    text: new TextDecoder('latin1').decode(bytes),
    encoding: 'latin1',
    byteOrderMark: false,
    prefixBytes: 0,
  };
}

export interface TextLines {
  lines: string[];
  /** Character offset of each line's start in the text. */
  starts: number[];
  /** The text ends with a line break (NTA always writes one). */
  endsWithNewline: boolean;
}

/** Splits text into lines on LF, CRLF or (when there is no LF at all) CR. */
export function splitLines(text: string): TextLines {
  const lines: string[] = [];
  const starts: number[] = [];
  const sep = text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let end = text.indexOf(sep, pos);
    if (end < 0) end = n;
    let lineEnd = end;
    if (sep === '\n' && lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    starts.push(pos);
    lines.push(text.slice(pos, lineEnd));
    pos = end + 1;
  }
  const last = text.charCodeAt(n - 1);
  return { lines, starts, endsWithNewline: last === 10 || last === 13 };
}

/** Splits one line into cells: plain comma split, or RFC 4180 quoting when the line has a quote character. */
export function splitCells(line: string): string[] {
  return splitCsvCells(line, ',');
}

/** Counts separators outside quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let quoted = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) count++;
  }
  return count;
}

/** The field separator of the first lines: ',' (NTA), or ';' / '\t' (spreadsheet re-saves). */
export function detectSeparator(lines: readonly string[]): ',' | ';' | '\t' {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  for (const line of lines.slice(0, 20)) {
    comma += countOutsideQuotes(line, ',');
    semicolon += countOutsideQuotes(line, ';');
    tab += countOutsideQuotes(line, '\t');
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

/** Non-finite values as C runtimes print them (MSVC "-nan(ind)", "1.#INF", glibc "nan", "inf"). */
const NON_FINITE = /^[+-]?(?:nan(?:\(ind\))?|inf(?:inity)?|1\.#(?:inf|ind|qnan|snan)0*)$/i;

/**
 * A strict decimal number, or undefined when the text is not one (bad syntax, longer than
 * MAX_NUMBER_CHARS, or a decimal that overflows a double: non-finite values are never silent). Empty →
 * null; the NaN/Inf spellings NTA writes for a statistic it could not compute → null.
 * Linear time (src/formats/decimal.ts): no backtracking regex on cell text.
 */
export function parseNumber(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  const value = scanDecimal(s);
  if (typeof value === 'number') return value;
  if (value === 'overflow') return undefined;
  if (s.length <= 24 && NON_FINITE.test(s)) return null;
  return undefined;
}
