/**
 * Shared first steps of the text readers (issue 10, hostile input): bytes → text with the checks every
 * reader needs (empty, too large, UTF-16, ZIP/binary, encoding), linear-time quoted-cell splitting, and a
 * clipped preview of hostile cells for error messages. Formerly copied, with small differences, into the
 * ImageJ, track-table, protein-table, plate and biodistribution readers. Pure: no node:* imports.
 */
import { FormatError } from './format-error.ts';

export interface DecodedTextBytes {
  text: string;
  encoding: 'utf-8' | 'latin1';
  /** Bytes before the text (3 for a UTF-8 byte-order mark). */
  prefixBytes: number;
}

export interface DecodeTextOptions {
  /** Largest file accepted, bytes (too-large beyond). */
  maxBytes: number;
  /** What to tell the user for binary content (default: "binary data: NUL byte at offset N"). */
  binaryHint?: string;
  /**
   * When the bytes are not valid UTF-8: 'latin1' reads them as ISO-8859-1 (Windows instrument software
   * writes it), 'refuse' is an unsupported-encoding FormatError naming `utf8Hint`.
   */
  invalidUtf8?: 'latin1' | 'refuse';
  utf8Hint?: string;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Decodes a text export or throws FormatError (empty-file, too-large, unsupported-encoding, binary-content). */
export function decodeTextBytes(
  bytes: Uint8Array,
  file: string,
  options: DecodeTextOptions,
): DecodedTextBytes {
  if (bytes.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  if (bytes.length > options.maxBytes)
    throw new FormatError('too-large', `the file is ${bytes.length} bytes (limit ${options.maxBytes})`, {
      file,
      byteOffset: 0,
    });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new FormatError(
      'unsupported-encoding',
      'UTF-16 text: save the table as UTF-8 or ANSI text (CSV or tab-separated)',
      { file, line: 1, byteOffset: 0 },
    );
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    throw new FormatError('binary-content', 'a ZIP archive (an .xlsx workbook?), not a text export', {
      file,
      line: 1,
      byteOffset: 0,
    });
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new FormatError('binary-content', options.binaryHint ?? `binary data: NUL byte at offset ${nul}`, {
      file,
      line: lineOfByte(bytes, nul),
      byteOffset: nul,
    });
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes),
      encoding: 'utf-8',
      prefixBytes: bom ? 3 : 0,
    };
  } catch {
    if (options.invalidUtf8 === 'refuse')
      throw new FormatError('unsupported-encoding', options.utf8Hint ?? 'not UTF-8 text', { file });
    const body = bom ? bytes.subarray(3) : bytes;
    return { text: new TextDecoder('latin1').decode(body), encoding: 'latin1', prefixBytes: bom ? 3 : 0 };
  }
}

function isBlank(code: number, separator: string): boolean {
  return (code === 32 || code === 9 || code === 0xa0) && String.fromCharCode(code) !== separator;
}

/**
 * Splits one line into trimmed cells. A cell whose first non-blank character is `"` is quoted (RFC 4180:
 * separators inside, `""` for a quote; text after the closing quote is kept); a quote elsewhere is a
 * literal character; an unclosed quote runs to the end of the line. Linear time: slices between indexOf
 * hits, never a character-by-character concatenation or a regex.
 */
export function splitQuotedLine(line: string, separator: string): string[] {
  if (!line.includes('"')) return line.split(separator).map((c) => c.trim());
  const cells: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    let j = i;
    while (j < n && isBlank(line.charCodeAt(j), separator)) j++;
    let end: number;
    if (j < n && line.charCodeAt(j) === 34) {
      let parts: string[] = [];
      let k = j + 1;
      for (;;) {
        const q = line.indexOf('"', k);
        if (q < 0) {
          parts.push(line.slice(k));
          k = n;
          break;
        }
        parts.push(line.slice(k, q));
        if (line.charCodeAt(q + 1) === 34) {
          parts.push('"');
          k = q + 2;
        } else {
          k = q + 1;
          // blanks and another quote after an empty quoted run open a new one (as the former loop did)
          let m = k;
          while (m < n && isBlank(line.charCodeAt(m), separator)) m++;
          if (m < n && line.charCodeAt(m) === 34 && parts.every((p) => p.trim() === '')) {
            parts = [];
            k = m + 1;
            continue;
          }
          break;
        }
      }
      end = line.indexOf(separator, k);
      if (end < 0) end = n;
      cells.push(`${parts.join('')}${line.slice(k, end)}`.trim());
    } else {
      end = line.indexOf(separator, i);
      if (end < 0) end = n;
      cells.push(line.slice(i, end).trim());
    }
    if (end >= n) break;
    i = end + 1;
  }
  return cells;
}

/**
 * Splits one line into raw (untrimmed) cells with RFC 4180 quoting as instrument software and Excel write
 * it: a `"` anywhere opens a quoted run (separators inside are text), `""` inside it is a quote, the next
 * `"` closes it; an unclosed run goes to the end of the line. Shared by the NanoSight and plate readers
 * (formerly two copies). One pass; callers bound the line length (a 100,000-character line of quotes
 * splits in ≈ 50 ms).
 */
export function splitCsvCells(line: string, separator: string): string[] {
  if (!line.includes('"')) return line.split(separator);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** A cell for an error message: at most `max` characters, with the full length named when clipped. */
export function clipCell(cell: string, max = 40): string {
  return cell.length <= max ? cell : `${cell.slice(0, max)}… (${cell.length} characters)`;
}

/**
 * Excel's "Unicode text" (Save As → Unicode Text, .txt) and some Windows tools write UTF-16 LE with a
 * byte-order mark (FF FE), tab-separated; a few write UTF-16 BE (FE FF). The characterization readers
 * (track tables, ImageJ Results, plate exports, densitometry, protein tables, ZetaView) accept that by
 * re-encoding to UTF-8 first: `bytes` unchanged when they are not UTF-16. Without a BOM, UTF-16 LE is
 * recognised when the first four bytes are two printable ASCII characters each followed by NUL (what a
 * header like "Ar"ea… looks like), otherwise the NUL check of the reader reports binary content.
 * An odd byte count or an unpaired surrogate is an unsupported-encoding FormatError.
 * (Unicode Standard §3.10 and §23.8 for the byte-order mark; Microsoft "Save a workbook to text format".)
 */
export function transcodeUtf16ToUtf8(bytes: Uint8Array, file: string): Uint8Array {
  let littleEndian: boolean;
  let start: number;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    littleEndian = true;
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    littleEndian = false;
    start = 2;
  } else if (
    bytes.length >= 4 &&
    bytes[1] === 0 &&
    bytes[3] === 0 &&
    (bytes[0] as number) >= 0x20 &&
    (bytes[0] as number) < 0x7f &&
    (bytes[2] as number) >= 0x09 &&
    (bytes[2] as number) < 0x7f
  ) {
    littleEndian = true;
    start = 0;
  } else return bytes;
  if ((bytes.length - start) % 2 !== 0)
    throw new FormatError(
      'unsupported-encoding',
      `UTF-16 text with an odd number of bytes (${bytes.length}): the file is cut or not UTF-16`,
      { file, line: 1, byteOffset: bytes.length - 1 },
    );
  let text: string;
  try {
    text = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(
      bytes.subarray(start),
    );
  } catch {
    throw new FormatError('unsupported-encoding', 'UTF-16 text with an invalid (unpaired) surrogate', {
      file,
      line: 1,
      byteOffset: 0,
    });
  }
  return new TextEncoder().encode(text);
}

/**
 * The first `maxBytes` of a file as text for format sniffing: UTF-16 re-encoded to UTF-8 (whole code units
 * only), a UTF-8 byte-order mark dropped, then read as Latin-1 (sniffers compare ASCII names). Never
 * throws: undecodable bytes are left to the reader, which reports them.
 */
export function sniffHead(bytes: Uint8Array, maxBytes: number): string {
  let head = bytes.subarray(0, maxBytes);
  try {
    head = transcodeUtf16ToUtf8(head.subarray(0, head.length - (head.length % 2)), 'sniff');
  } catch {
    // left to the reader
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  return new TextDecoder('latin1').decode(head);
}
