/**
 * The mutation engine of the reader fuzzer (bench/fuzz-readers.bench.ts): AFL-style "havoc" stacking
 * (Zalewski, american fuzzy lop, docs/technical_details.txt "Fuzzing strategies": bit and byte flips, the
 * "interesting" 8/16/32-bit values, ±1..35 arithmetic, block deletion, duplication, overwrite and splicing
 * with another seed) plus text-format operators: delimiter/newline/quote injection and substitution,
 * numeric-field edits (extremes, ±1, ×10, sign, digit runs), line duplication/deletion/swap, dictionary
 * tokens, re-encodings (UTF-16, BOMs, latin1, invalid UTF-8) and truncation. One input in BIG_EVERY may also
 * grow to 100 KB–2 MB (huge cells, long lines, thousands of repeated lines or chunks) to find super-linear
 * parses.
 *
 * Input i is a pure function of (seed, i, pools): a run is reproducible and resumable from any index.
 * Most inputs start from a small seed (a slice: header + a few rows); one in WHOLE_EVERY from a whole file.
 */

/** AFL's havoc stacks 2^(1..7) operations; we draw 1..8 (most inputs stay close to a valid seed). */
const MAX_STACK = 8;
/** One input in this many may become large (quadratic/backtracking probes). */
export const BIG_EVERY = 200;
/** One input in this many starts from a whole (≤ 32 KB) seed rather than a small slice. */
export const WHOLE_EVERY = 8;
/** Upper bound on any input (the readers' own limits sit at or below a few MB). */
const MAX_INPUT_BYTES = 2_000_000;

/** xorshift32 seeded from (seed, index) (Marsaglia 2003, J. Stat. Softw. 8(14)). */
export function rngFor(seed: number, index: number): (n: number) => number {
  let s = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0 || 1;
  for (let k = 0; k < 4; k++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
  }
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

const enc = new TextEncoder();

/** AFL's interesting values (config.h INTERESTING_8/16/32). */
const INTERESTING_8 = [-128, -1, 0, 1, 16, 32, 64, 100, 127];
const INTERESTING_16 = [...INTERESTING_8, -32768, -129, 128, 255, 256, 512, 1000, 1024, 4096, 32767];
const INTERESTING_32 = [
  ...INTERESTING_16,
  -2147483648,
  -100663046,
  -32769,
  32768,
  65535,
  65536,
  100663045,
  2147483647,
];
/** Bytes that are syntax in the formats read (quotes, delimiters, line ends, brackets, UTF-8 lead bytes). */
const SYNTAX_BYTES = [
  0, 0xff, 0x22, 0x27, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x2d, 0x2e, 0x65, 0x5b, 0x7b, 0x3c, 0x2f, 0x7c, 0xc3,
  0xfe,
];
const DELIMITERS = [
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '"',
  "'",
  '|',
  ' ',
  '/',
  '\0',
  '\\',
  '""',
  '\n\n',
].map((s) => enc.encode(s));
const DELIMITER_BYTES = new Set([0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x22, 0x27, 0x7c, 0x20, 0x2f]);
const NUMBERS = [
  '1e309',
  '-1e309',
  '1.8e308',
  '1.7976931348623157e308',
  '4.9e-324',
  '1e-400',
  'NaN',
  'nan',
  'Infinity',
  '-inf',
  '-0',
  '0',
  '00000',
  '-',
  '.',
  'e5',
  '1e',
  '1,5',
  '1.5.5',
  '--1',
  '0x1F',
  '1_000',
  '９',
  '99999999999999999999999',
  '9'.repeat(400),
  `0.${'0'.repeat(330)}1`,
  '2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740993',
  '',
].map((s) => enc.encode(s));
const TOKENS = [
  '"',
  '""',
  '"a""b"',
  ',,,,,,',
  '[[[[[[[[',
  '{"a":',
  ']]]}}}',
  'null',
  '<![CDATA[',
  '<!--',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
  '&b;&b;&b;',
  '&#0;',
  '&amp;',
  '</',
  '/>',
  '<a>',
  '="',
  '//',
  '$PAR',
  '$TOT',
  '$DATATYPE/D/',
  '$BYTEORD/4,3,2,1/',
  '$NEXTDATA/',
  '\\u0000',
  '\u2028',
  '#',
  '~End',
  '##BLOCKS= 99999',
  'Plate:',
  '-1.000E+0',
  'NA',
  'N/A',
].map((s) => enc.encode(s));

function insertAt(b: Uint8Array, at: number, ins: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length + ins.length);
  c.set(b.subarray(0, at), 0);
  c.set(ins, at);
  c.set(b.subarray(at), at + ins.length);
  return c;
}

export function replaceRange(b: Uint8Array, from: number, to: number, ins: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length - (to - from) + ins.length);
  c.set(b.subarray(0, from), 0);
  c.set(ins, from);
  c.set(b.subarray(to), from + ins.length);
  return c;
}

function repeat(chunk: Uint8Array, wanted: number): Uint8Array {
  // never build more than MAX_INPUT_BYTES (a 24 KB JSON line × 5000 would allocate 120 MB)
  const times = Math.max(1, Math.min(wanted, Math.floor(MAX_INPUT_BYTES / Math.max(1, chunk.length))));
  const out = new Uint8Array(chunk.length * times);
  for (let t = 0; t < times; t++) out.set(chunk, t * chunk.length);
  return out;
}

const isDigit = (x: number | undefined) => x !== undefined && x >= 0x30 && x <= 0x39;
const isNumberByte = (x: number | undefined) =>
  x !== undefined && (isDigit(x) || x === 0x2e || x === 0x65 || x === 0x45 || x === 0x2d || x === 0x2b);

/** Block length the AFL way: mostly short, sometimes up to the input (choose_block_len). */
function blockLen(rnd: (n: number) => number, limit: number): number {
  if (limit <= 1) return 1;
  const cap = [8, 32, 256, 1500][rnd(4)] as number;
  return 1 + rnd(Math.min(cap, limit));
}

function putInt(b: Uint8Array, at: number, value: number, bytes: number, bigEndian: boolean): void {
  for (let k = 0; k < bytes && at + k < b.length; k++) {
    const shift = 8 * (bigEndian ? bytes - 1 - k : k);
    b[at + k] = (value >>> shift) & 0xff;
  }
}

function getInt(b: Uint8Array, at: number, bytes: number, bigEndian: boolean): number {
  let v = 0;
  for (let k = 0; k < bytes; k++) {
    const x = b[at + k] ?? 0;
    v += x * 2 ** (8 * (bigEndian ? bytes - 1 - k : k));
  }
  return v;
}

function reencode(b: Uint8Array, how: number): Uint8Array {
  const text = new TextDecoder('utf-8').decode(b);
  switch (how) {
    case 0: {
      // UTF-16LE with BOM
      const out = new Uint8Array(2 + text.length * 2);
      out[0] = 0xff;
      out[1] = 0xfe;
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        out[2 + 2 * i] = u & 0xff;
        out[3 + 2 * i] = u >> 8;
      }
      return out;
    }
    case 1: {
      // UTF-16BE without BOM
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        out[2 * i] = u >> 8;
        out[2 * i + 1] = u & 0xff;
      }
      return out;
    }
    case 2:
      return insertAt(b, 0, new Uint8Array([0xef, 0xbb, 0xbf]));
    case 3:
      return insertAt(b, 0, new Uint8Array([0xfe, 0xff]));
    default: {
      // latin1 bytes of the text (é → one byte 0xe9): invalid UTF-8 where the seed had non-ASCII
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
      return out;
    }
  }
}

/** Edit the number at or after `at`: an extreme, ±1, ×10, sign flip, digit drop or a long digit run. */
function numericEdit(b: Uint8Array, at: number, rnd: (n: number) => number): Uint8Array {
  let s = at;
  while (s < b.length && !isDigit(b[s]) && s - at < 200) s++;
  if (s >= b.length || !isDigit(b[s])) return insertAt(b, at, NUMBERS[rnd(NUMBERS.length)] as Uint8Array);
  while (s > 0 && isNumberByte(b[s - 1])) s--;
  let e = s;
  while (e < b.length && isNumberByte(b[e])) e++;
  let text = '';
  for (let i = s; i < e; i++) text += String.fromCharCode(b[i] as number);
  const n = Number(text);
  let out: string;
  switch (rnd(8)) {
    case 0:
      out = Number.isFinite(n) ? String(n + 1) : '1';
      break;
    case 1:
      out = Number.isFinite(n) ? String(n - 1) : '-1';
      break;
    case 2:
      out = `${text}0`;
      break;
    case 3:
      out = text.startsWith('-') ? text.slice(1) : `-${text}`;
      break;
    case 4:
      out = text.slice(0, Math.max(0, text.length - 1 - rnd(3)));
      break;
    case 5:
      out = `${text}${'9'.repeat(1 + rnd(40))}`;
      break;
    default: {
      const bytes = NUMBERS[rnd(NUMBERS.length)] as Uint8Array;
      return replaceRange(b, s, e, bytes);
    }
  }
  return replaceRange(b, s, e, enc.encode(out));
}

export interface SeedPools {
  /** Small seeds (slices: header + a few rows, small synthetic files): most inputs start here. */
  small: readonly Uint8Array[];
  /** Whole seeds (reference files, cut at 32 KB for text). */
  whole: readonly Uint8Array[];
}

export function mutate(pools: SeedPools, seed: number, index: number): Uint8Array {
  const rnd = rngFor(seed, index);
  const useWhole = pools.whole.length > 0 && (pools.small.length === 0 || rnd(WHOLE_EVERY) === 0);
  const pool = useWhole ? pools.whole : pools.small;
  const all = pools.small.length + pools.whole.length;
  const pick = (k: number) =>
    (k < pools.small.length ? pools.small[k] : pools.whole[k - pools.small.length]) as Uint8Array;
  if (pool.length === 0) return new Uint8Array(0);
  let b: Uint8Array = (pool[rnd(pool.length)] as Uint8Array).slice();
  const stack = 1 + rnd(MAX_STACK);
  const big = rnd(BIG_EVERY) === 0;
  for (let k = 0; k < stack; k++) {
    const len = b.length;
    const at = len === 0 ? 0 : rnd(len);
    const op = rnd(big ? 36 : 32);
    switch (op) {
      case 0:
      case 1: {
        // flip 1, 2 or 4 adjacent bits
        if (!len) break;
        const bits = [1, 2, 4][rnd(3)] as number;
        const bit = rnd(len * 8);
        for (let j = 0; j < bits && bit + j < len * 8; j++) {
          const i = (bit + j) >> 3;
          b[i] = (b[i] as number) ^ (0x80 >> ((bit + j) & 7));
        }
        break;
      }
      case 2: {
        // flip 1, 2 or 4 whole bytes
        const n = [1, 2, 4][rnd(3)] as number;
        for (let j = 0; j < n && at + j < len; j++) b[at + j] = (b[at + j] as number) ^ 0xff;
        break;
      }
      case 3:
        if (len) b[at] = INTERESTING_8[rnd(INTERESTING_8.length)] as number;
        break;
      case 4:
        if (len) putInt(b, at, INTERESTING_16[rnd(INTERESTING_16.length)] as number, 2, rnd(2) === 1);
        break;
      case 5:
        if (len) putInt(b, at, INTERESTING_32[rnd(INTERESTING_32.length)] as number, 4, rnd(2) === 1);
        break;
      case 6: {
        // arithmetic ±1..35 on an 8/16/32-bit word, either endianness
        if (!len) break;
        const width = [1, 2, 4][rnd(3)] as number;
        const be = rnd(2) === 1;
        const delta = (1 + rnd(35)) * (rnd(2) ? 1 : -1);
        putInt(b, at, getInt(b, at, width, be) + delta, width, be);
        break;
      }
      case 7:
        if (len) b[at] = rnd(256);
        break;
      case 8:
        if (len) b[at] = SYNTAX_BYTES[rnd(SYNTAX_BYTES.length)] as number;
        break;
      case 9:
      case 10:
        // block deletion
        if (len > 1) b = replaceRange(b, at, Math.min(len, at + blockLen(rnd, len - at)), new Uint8Array(0));
        break;
      case 11: {
        // block clone (insert a copy of another part of the input) or constant block
        const from = rnd(len + 1);
        const piece =
          rnd(4) === 0 || len === 0
            ? new Uint8Array(blockLen(rnd, 64)).fill(rnd(2) ? rnd(256) : (b[from] ?? 0x20))
            : b.slice(from, from + blockLen(rnd, len - from));
        b = insertAt(b, rnd(len + 1), piece);
        break;
      }
      case 12: {
        // block overwrite from another part of the input
        if (len < 2) break;
        const n = blockLen(rnd, len - 1);
        const from = rnd(len - n + 1);
        const to = rnd(len - n + 1);
        b.copyWithin(to, from, from + n);
        break;
      }
      case 13: {
        // splice: our head + another seed's tail
        const other = pick(rnd(all));
        const from = rnd(other.length + 1);
        const c = new Uint8Array(at + other.length - from);
        c.set(b.subarray(0, at), 0);
        c.set(other.subarray(from), at);
        b = c;
        break;
      }
      case 14: {
        // insert a chunk of another seed
        const other = pick(rnd(all));
        const from = rnd(other.length + 1);
        b = insertAt(b, rnd(len + 1), other.slice(from, from + blockLen(rnd, other.length - from + 1)));
        break;
      }
      case 15:
      case 16:
        // delimiter / newline / quote injection
        b = insertAt(b, rnd(len + 1), DELIMITERS[rnd(DELIMITERS.length)] as Uint8Array);
        break;
      case 17: {
        // delimiter substitution: the next delimiter byte becomes another delimiter
        let i = at;
        while (i < len && !DELIMITER_BYTES.has(b[i] as number) && i - at < 400) i++;
        if (i < len) b = replaceRange(b, i, i + 1, DELIMITERS[rnd(DELIMITERS.length)] as Uint8Array);
        break;
      }
      case 18:
      case 19:
      case 20:
        b = numericEdit(b, at, rnd);
        break;
      case 21:
      case 22:
        b = insertAt(b, rnd(len + 1), TOKENS[rnd(TOKENS.length)] as Uint8Array);
        break;
      case 23:
      case 24: {
        // line duplication (1–5 times), deletion or swap with the next line
        const start = at === 0 ? 0 : b.lastIndexOf(10, at - 1) + 1;
        let end = b.indexOf(10, at);
        end = end < 0 ? len : end + 1;
        const how = rnd(3);
        if (how === 0) b = replaceRange(b, start, end, new Uint8Array(0));
        else if (how === 1) b = insertAt(b, start, repeat(b.slice(start, end), 1 + rnd(5)));
        else {
          let next = b.indexOf(10, end);
          next = next < 0 ? len : next + 1;
          const line = b.slice(start, end);
          const following = b.slice(end, next);
          b = replaceRange(b, start, next, insertAt(following, following.length, line));
        }
        break;
      }
      case 25:
      case 26:
        b = reencode(b, rnd(5));
        break;
      case 27:
      case 28: {
        // invalid UTF-8 / NUL / lone surrogate / overlong
        const bad = [
          [0xc3],
          [0xff, 0xfe],
          [0],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0xe2, 0x82],
          [0xc0, 0xaf],
        ];
        b = insertAt(b, rnd(len + 1), new Uint8Array(bad[rnd(bad.length)] as number[]));
        break;
      }
      case 29:
        b = b.subarray(0, at);
        break;
      case 30:
        b = b.subarray(at);
        break;
      case 31: {
        // a short run of one syntax byte (unbalanced quotes, empty cells, blank lines)
        const x = SYNTAX_BYTES[rnd(SYNTAX_BYTES.length)] as number;
        b = insertAt(b, rnd(len + 1), new Uint8Array(2 + rnd(30)).fill(x));
        break;
      }
      // ---- big inputs only (one in BIG_EVERY)
      case 32: {
        const fill = ['7', 'x', '"', ' ', '.', '9e9', '0', '-'][rnd(8)] as string;
        b = insertAt(b, rnd(len + 1), enc.encode(fill.repeat(1000 + rnd(120_000))));
        break;
      }
      case 33: {
        const fill = ['a,', '",', '\t', ';1', '1,', '<a>', '[', '{"a":'][rnd(8)] as string;
        b = insertAt(b, rnd(len + 1), enc.encode(fill.repeat(20_000 + rnd(150_000))));
        break;
      }
      case 34: {
        const start = at === 0 ? 0 : b.lastIndexOf(10, at - 1) + 1;
        let end = b.indexOf(10, at);
        end = end < 0 ? len : end + 1;
        b = insertAt(b, start, repeat(b.slice(start, end), 1 + rnd(5000)));
        break;
      }
      default: {
        const piece = b.slice(at, at + 1 + rnd(256));
        b = insertAt(b, at, repeat(piece, 1 + rnd(2000)));
        break;
      }
    }
    if (b.length > MAX_INPUT_BYTES) b = b.subarray(0, MAX_INPUT_BYTES);
  }
  return b;
}
