/**
 * TEXT segment of an FCS file: delimiter-separated keyword/value pairs. The first byte is the delimiter; a
 * doubled delimiter inside a keyword or value stands for one literal delimiter character (FCS 3.1 §3.2.9).
 * Keywords are case-insensitive (FCS 3.1 §3.2.8): lookups go through upper-cased names; the original case
 * is kept for display. Linear time: one pass over the bytes, no regular expressions, no exceptions on the
 * normal paths (a UTF-8 check that throws costs more than parsing a whole TEXT segment).
 */
import { FormatError } from '../format-error.ts';

export interface FcsText {
  /** Keywords as written, in file order (a repeated keyword keeps its first value). */
  keywords: Record<string, string>;
  /** Upper-cased keyword → value. */
  byUpperName: Map<string, string>;
  warnings: string[];
}

const utf8 = new TextDecoder('utf-8');
/** ISO-8859-1 maps byte b to code point b: widening the bytes to UTF-16 code units decodes it exactly. */
const utf16 = new TextDecoder('utf-16le');

function latin1(bytes: Uint8Array, from: number, to: number): string {
  // Node's Buffer decodes latin1 natively (0.4 µs for 8 KB against 10 µs for the widening copy below).
  const B = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (B) return B.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
  return utf16.decode(new Uint16Array(bytes.subarray(from, to)));
}

/**
 * `key.toUpperCase()` without the call (and its new string) for keys that are already upper-case ASCII, as
 * nearly every FCS keyword is ($P1N, $BTIM, CREATOR): about 75 ns a key saved, most of the keyword loop.
 */
function upperKey(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c >= 0x80) return key.toUpperCase();
  }
  return key;
}

/** `s.trim()` without the call when s starts and ends with a printable ASCII character (nothing to trim). */
function trimmed(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const z = s.charCodeAt(n - 1);
  return a > 0x20 && a < 0x7f && z > 0x20 && z < 0x7f ? s : s.trim();
}

/**
 * True when bytes[from..to) is well-formed UTF-8 (Unicode 15 §3.9, Table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF), i.e. exactly when a fatal TextDecoder would not throw.
 */
export function isWellFormedUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      if (b0 === 0xe0) lo = 0xa0;
      else if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      if (b0 === 0xf0) lo = 0x90;
      else if (b0 === 0xf4) hi = 0x8f;
    } else return false;
    if (i + need >= to) return false; // the sequence runs past the end
    const b1 = bytes[i + 1] as number;
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k <= need; k++) {
      const b = bytes[i + k] as number;
      if (b < 0x80 || b > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * Splits TEXT (delimiter first) into keyword and value tokens with the character index where each starts.
 * A doubled delimiter is one literal delimiter (FCS 3.1); `doubled` says whether any was seen.
 */
function tokenize(
  text: string,
  tooLong: (tokenStart: number) => Error,
): { tokens: string[]; starts: number[]; doubled: boolean } {
  const d = text.charCodeAt(0);
  const delim = text[0] as string;
  const n = text.length;
  if (text.indexOf(delim + delim) < 0) {
    // No doubled delimiter anywhere (nearly every file): the native split gives the same tokens, and each
    // token starts one character after the previous one ends.
    const tokens = text.split(delim);
    tokens.shift(); // the empty string before the leading delimiter
    if (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop(); // after the closing delimiter
    const starts = new Array<number>(tokens.length);
    for (let t = 0, at = 1; t < tokens.length; t++) {
      const token = tokens[t] as string;
      if (token.length > MAX_TOKEN_CHARS) throw tooLong(at);
      starts[t] = at;
      at += token.length + 1;
    }
    return { tokens, starts, doubled: false };
  }
  const tokens: string[] = [];
  const starts: number[] = [];
  let doubled = false;
  let i = 1;
  while (i < n) {
    const tokenStart = i;
    let j = text.indexOf(delim, i);
    let token: string;
    let closed = true;
    if (j < 0) {
      // A last value without its closing delimiter is accepted (many writers omit it).
      token = text.slice(i);
      i = n;
      closed = false;
    } else if (j + 1 < n && text.charCodeAt(j + 1) === d) {
      // Escaped delimiters inside the token: keep one of each doubled pair (rare: built from parts).
      doubled = true;
      token = '';
      let runStart = i;
      while (true) {
        if (j < 0) {
          token += text.slice(runStart);
          i = n;
          closed = false;
          break;
        }
        if (j + 1 < n && text.charCodeAt(j + 1) === d) {
          token += text.slice(runStart, j + 1);
          runStart = j + 2;
          j = text.indexOf(delim, runStart);
          continue;
        }
        token += text.slice(runStart, j);
        i = j + 1;
        break;
      }
    } else {
      token = text.slice(i, j);
      i = j + 1;
    }
    if (token.length > MAX_TOKEN_CHARS) throw tooLong(tokenStart);
    if (!closed && token.length === 0) break;
    tokens.push(token);
    starts.push(tokenStart);
  }
  return { tokens, starts, doubled };
}

/** A standard keyword name: "$" then a letter or digit (FCS 3.1 §3.2.8). */
const STANDARD_KEYWORD = /^\$[A-Za-z0-9]/;

/**
 * Splits keyword tokens (even positions) that hold empty values read as escapes: "$COM/$P1N" → "$COM", "",
 * "$P1N" when every piece is non-blank and every piece after the first is a standard keyword name.
 */
function splitMergedKeywords(
  tokens: string[],
  starts: number[],
  delim: string,
): { tokens: string[]; starts: number[]; merged: number } {
  const outTokens: string[] = [];
  const outStarts: number[] = [];
  let merged = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as string;
    const at = starts[t] as number;
    if (t % 2 === 0 && token.includes(delim)) {
      const pieces = token.split(delim);
      if (
        pieces.every((p) => p.trim() !== '') &&
        pieces.slice(1).every((p) => STANDARD_KEYWORD.test(p.trim()))
      ) {
        for (let k = 0; k < pieces.length; k++) {
          if (k > 0) {
            outTokens.push('');
            outStarts.push(at);
            merged++;
          }
          outTokens.push(pieces[k] as string);
          outStarts.push(at);
        }
        continue;
      }
    }
    outTokens.push(token);
    outStarts.push(at);
  }
  return { tokens: outTokens, starts: outStarts, merged };
}

/** Longest keyword or value accepted (characters); TEXT is bounded by its segment anyway. */
const MAX_TOKEN_CHARS = 16 * 1024 * 1024;

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
  const end = Math.min(stop + 1, bytes.length);
  // UTF-8 when the whole segment is valid UTF-8 (FCS 3.1 §3.2.9), else ISO-8859-1 (older files,
  // e.g. CellQuest's "\xaa"): FlowIO's rule. An ASCII delimiter never occurs inside a UTF-8 multi-byte
  // sequence and ISO-8859-1 maps byte i to char i, so the delimiter is one character in either decoding.
  // The lenient decoder turns every ill-formed sequence into U+FFFD: a result without U+FFFD proves the bytes
  // well-formed at native speed; only a segment containing U+FFFD (rare) needs the byte-level check.
  let text = delimiter < 0x80 ? utf8.decode(bytes.subarray(start, end)) : '';
  const useUtf8 = delimiter < 0x80 && (!text.includes('\uFFFD') || isWellFormedUtf8(bytes, start, end));
  if (!useUtf8) text = latin1(bytes, start, end);
  const delim = text[0] as string;
  /** Byte offset of character index `c` (for messages). */
  const byteAt = (c: number): number =>
    useUtf8 ? start + new TextEncoder().encode(text.slice(0, c)).length : start + c;

  const tooLong = (tokenStart: number) =>
    new FormatError('too-large', 'TEXT keyword or value is too long', {
      file: fileName,
      byteOffset: byteAt(tokenStart),
    });
  let { tokens, starts, doubled } = tokenize(text, tooLong);
  if (doubled) {
    // A doubled delimiter is an escaped delimiter in FCS 3.1 (§3.2.9), but some writers put empty values
    // ("/$COM//$P1N/…", not allowed by the standard) there: flowCore reads "//" as an empty value by default
    // (read.FCS emptyValue = TRUE), FlowIO as an escape. Read as escapes, an empty value merges a keyword, the
    // empty value and the next keyword into one keyword ("$COM/$P1N") and loses the second. Such a keyword is
    // split back (keyword, "", keyword…) when every piece after the first is a standard $-keyword name; escapes
    // inside values (dates, paths) and other keyword names are left as the standard reads them.
    const split = splitMergedKeywords(tokens, starts, delim);
    if (split.merged > 0) {
      ({ tokens, starts } = split);
      out.warnings.push(
        `TEXT has ${split.merged} empty value(s) written as a doubled delimiter (not allowed by FCS 3.1); read as empty values, as flowCore does`,
      );
    }
  }
  if (tokens.length % 2 === 1) {
    const last = tokens.pop() as string;
    // Padding after the last delimiter (blanks or NUL bytes: common) is not worth a warning.
    if (last.replace(/[\s\0]+/g, '') !== '')
      out.warnings.push(
        `TEXT ends with a keyword without a value at byte ${byteAt(starts[tokens.length] as number)}; ignored`,
      );
  }
  const { byUpperName, keywords } = out;
  for (let t = 0; t < tokens.length; t += 2) {
    const key = trimmed(tokens[t] as string);
    if (key === '') continue;
    const upper = upperKey(key);
    if (byUpperName.has(upper)) continue;
    const value = tokens[t + 1] as string;
    byUpperName.set(upper, value);
    keywords[key] = value;
  }
  return out;
}
