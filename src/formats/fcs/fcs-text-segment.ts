/**
 * TEXT segment of an FCS file: delimiter-separated keyword/value pairs. The first byte is the delimiter; a
 * doubled delimiter inside a keyword or value stands for one literal delimiter character (FCS 3.1 §3.2.9).
 * Keywords are case-insensitive (FCS 3.1 §3.2.8): lookups go through upper-cased names; the original case
 * is kept for display. Linear time: one pass over the bytes, no regular expressions.
 */
import { FormatError } from '../format-error.ts';

export interface FcsText {
  /** Keywords as written, in file order (a repeated keyword keeps its first value). */
  keywords: Record<string, string>;
  /** Upper-cased keyword → value. */
  byUpperName: Map<string, string>;
  warnings: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(to, i + 8192)));
  }
  return s;
}

/** Longest keyword or value accepted (bytes); TEXT is bounded by its segment anyway. */
const MAX_TOKEN_BYTES = 16 * 1024 * 1024;

/**
 * Parses bytes[start..stop] (inclusive) as a TEXT segment. `into` lets a supplemental TEXT add keywords that
 * the primary TEXT does not already define.
 */
export function parseFcsText(
  bytes: Uint8Array,
  start: number,
  stop: number,
  fileName: string,
  into?: FcsText,
): FcsText {
  const out: FcsText = into ?? { keywords: {}, byUpperName: new Map(), warnings: [] };
  if (stop < start) return out;
  const delimiter = bytes[start];
  if (delimiter === undefined) {
    throw new FormatError('truncated', 'TEXT segment starts beyond the end of the file', {
      file: fileName,
      byteOffset: start,
    });
  }
  // UTF-8 when the whole segment is valid UTF-8 (FCS 3.1 §3.2.9), else ISO-8859-1 (older files,
  // e.g. CellQuest's "\xaa"): FlowIO's rule.
  let useUtf8 = delimiter < 0x80;
  if (useUtf8) {
    try {
      utf8.decode(bytes.subarray(start, stop + 1));
    } catch {
      useUtf8 = false;
    }
  }
  const decode = (parts: number[][], len: number): string => {
    const buf = new Uint8Array(len);
    let o = 0;
    for (const [a, b] of parts as [number, number][]) {
      buf.set(bytes.subarray(a, b), o);
      o += b - a;
    }
    return useUtf8 ? utf8.decode(buf) : latin1(buf, 0, len);
  };

  const tokens: { text: string; at: number }[] = [];
  let i = start + 1;
  while (i <= stop) {
    // One token: runs of bytes separated by doubled delimiters.
    const tokenStart = i;
    const parts: number[][] = [];
    let runStart = i;
    let len = 0;
    let closed = false;
    while (i <= stop) {
      if (bytes[i] === delimiter) {
        if (i + 1 <= stop && bytes[i + 1] === delimiter) {
          // Escaped delimiter: keep one, skip both.
          parts.push([runStart, i + 1]);
          len += i + 1 - runStart;
          i += 2;
          runStart = i;
          continue;
        }
        parts.push([runStart, i]);
        len += i - runStart;
        i += 1;
        closed = true;
        break;
      }
      i += 1;
    }
    if (!closed) {
      parts.push([runStart, i]);
      len += i - runStart;
      // A last value without its closing delimiter: accepted (many writers omit it).
    }
    if (len > MAX_TOKEN_BYTES) {
      throw new FormatError('too-large', 'TEXT keyword or value is too long', {
        file: fileName,
        byteOffset: tokenStart,
      });
    }
    if (!closed && len === 0) break;
    tokens.push({ text: decode(parts, len), at: tokenStart });
  }
  if (tokens.length % 2 === 1) {
    const last = tokens.pop();
    // Blank padding after the last delimiter (common) is not worth a warning.
    if (last && last.text.trim() !== '')
      out.warnings.push(`TEXT ends with a keyword without a value at byte ${last?.at ?? stop}; ignored`);
  }
  for (let t = 0; t < tokens.length; t += 2) {
    const key = (tokens[t] as { text: string }).text;
    const value = (tokens[t + 1] as { text: string }).text;
    const upper = key.trim().toUpperCase();
    if (upper === '') continue;
    if (out.byUpperName.has(upper)) continue;
    out.byUpperName.set(upper, value);
    out.keywords[key.trim()] = value;
  }
  return out;
}
