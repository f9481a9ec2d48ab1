/**
 * Bytes → lines for Particle Metrix ZetaView `.txt` exports (ISO-8859-1, CRLF, tab-separated), with the
 * checks every reader needs first: empty, too large, binary (NUL), UTF-16; a UTF-8 byte-order mark marks a
 * re-saved file and is honoured. Strict number cells: a cell that is not a finite number in plain or
 * E-notation (decimal point, or decimal comma in 8.05 files of some locales) is an error naming the line.
 */
import { FormatError } from '../format-error.ts';
import { transcodeUtf16ToUtf8 } from '../text-decoding.ts';

/** ZetaView text exports are tens of kB; 16 MB leaves room and bounds memory. */
export const MAX_ZETAVIEW_BYTES = 16 * 1024 * 1024;
/** Longest line read; ZetaView lines are < 1 kB (a long Original File path included). */
export const MAX_LINE_CHARS = 64 * 1024;

export interface TextLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first character. */
  byteOffset: number;
  text: string;
}

export function decodeZetaViewBytes(input: Uint8Array, file: string): TextLine[] {
  if (input.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  // a .txt re-saved by Excel or Notepad as "Unicode" is UTF-16: re-encoded to UTF-8 and read as such
  const bytes = transcodeUtf16ToUtf8(input, file);
  const wasUtf16 = bytes !== input;
  if (bytes.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  if (bytes.length > MAX_ZETAVIEW_BYTES)
    throw new FormatError(
      'too-large',
      `the file is ${bytes.length} bytes; ZetaView exports are below ${MAX_ZETAVIEW_BYTES}`,
      {
        file,
        byteOffset: 0,
      },
    );
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (bytes[i] === 0x0a) line++;
    throw new FormatError(
      'binary-content',
      `binary data: NUL byte at offset ${nul} (a PDF or image, not a ZetaView .txt?)`,
      {
        file,
        line,
        byteOffset: nul,
      },
    );
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text =
    bom || wasUtf16
      ? new TextDecoder('utf-8').decode(bytes.subarray(bom ? 3 : 0))
      : new TextDecoder('latin1').decode(bytes);
  const prefix = bom ? 3 : 0;
  const lines: TextLine[] = [];
  let start = 0;
  let number = 1;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 0x0a) {
      let end = i;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      if (end - start > MAX_LINE_CHARS)
        throw new FormatError('malformed-row', `line longer than ${MAX_LINE_CHARS} characters`, {
          file,
          line: number,
          byteOffset: start + prefix,
        });
      if (!(i === text.length && start === i))
        lines.push({ line: number, byteOffset: start + prefix, text: text.slice(start, end) });
      start = i + 1;
      number++;
    }
  }
  return lines;
}

function isNumberChar(c: number): boolean {
  // 0-9 . , + - e E
  return (
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2e ||
    c === 0x2c ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x45 ||
    c === 0x65
  );
}

/** A whole cell as a finite number, or null when it is not one (no throw). */
export function parseNumberCell(cell: string, decimalComma: boolean): number | null {
  const t = cell.trim();
  if (t.length === 0 || t.length > 40) return null;
  for (let i = 0; i < t.length; i++) if (!isNumberChar(t.charCodeAt(i))) return null;
  const normalised = decimalComma ? t.replace(',', '.') : t;
  if (normalised.includes(',')) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/** The number a header value starts with ("23.57 sensed" → 23.57, "500,000000" → 500), or null. */
export function leadingNumber(value: string, decimalComma: boolean): number | null {
  const t = value.trimStart();
  let end = 0;
  while (end < t.length && end < 40 && isNumberChar(t.charCodeAt(end))) end++;
  if (end === 0) return null;
  return parseNumberCell(t.slice(0, end), decimalComma);
}
