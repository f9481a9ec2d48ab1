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
  let text = '';
  if (useUtf8) {
    try {
      text = utf8.decode(bytes.subarray(start, stop + 1));
    } catch {
      useUtf8 = false;
    }
  }
  // Split the decoded string: the delimiter is one character in either decoding (an ASCII delimiter never
  // occurs inside a UTF-8 multi-byte sequence; ISO-8859-1 maps byte i to char i).
  if (!useUtf8) text = latin1(bytes, start, stop + 1);
  const d = text.charCodeAt(0);
  const n = text.length;
  /** Byte offset of character index `c` (for messages). */
  const byteAt = (c: number): number =>
    useUtf8 ? start + new TextEncoder().encode(text.slice(0, c)).length : start + c;

  const tokens: { text: string; at: number }[] = [];
  let i = 1;
  while (i < n) {
    // One token: runs of characters separated by doubled delimiters.
    const tokenStart = i;
    let token = '';
    let runStart = i;
    let closed = false;
    while (i < n) {
      const j = text.indexOf(text[0] as string, i);
      if (j < 0) {
        token += text.slice(runStart);
        i = n;
        break;
      }
      if (j + 1 < n && text.charCodeAt(j + 1) === d) {
        // Escaped delimiter: keep one, skip both.
        token += text.slice(runStart, j + 1);
        i = j + 2;
        runStart = i;
        continue;
      }
      token += text.slice(runStart, j);
      i = j + 1;
      closed = true;
      break;
    }
    // A last value without its closing delimiter is accepted (many writers omit it).
    if (token.length > MAX_TOKEN_BYTES) {
      throw new FormatError('too-large', 'TEXT keyword or value is too long', {
        file: fileName,
        byteOffset: byteAt(tokenStart),
      });
    }
    if (!closed && token.length === 0) break;
    tokens.push({ text: token, at: tokenStart });
  }
  if (tokens.length % 2 === 1) {
    const last = tokens.pop();
    // Blank padding after the last delimiter (common) is not worth a warning.
    if (last && last.text.trim() !== '')
      out.warnings.push(`TEXT ends with a keyword without a value at byte ${byteAt(last.at)}; ignored`);
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
