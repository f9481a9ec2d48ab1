/**
 * Seed pools for the reader fuzzer (bench/fuzz-readers.bench.ts): the reference files under
 * ../shared/reference (read at run time, never copied) plus the synthetic seeds of src/formats/fuzz-seeds.ts,
 * split into a pool of SMALL inputs (most mutated inputs start there, so a parse takes microseconds) and a
 * pool of WHOLE files (one input in WHOLE_EVERY, fuzz-mutator.ts).
 *
 * Small seeds of a text file: the first 6 lines; the header + 3 middle rows; the header + the last 3 rows;
 * and a "skeleton" keeping every line that does not start like a number (section titles, labels, headers)
 * and the first 3 rows of every run of numeric rows (≤ 16 KB), so a multi-section file (NanoSight, plate reader, ZetaView) keeps
 * its structure in a few KB. Small seeds of an FCS file: the same file with $TOT cut to a few events (the
 * $TOT and $ENDDATA values rewritten zero-padded to the same width, the HEADER DATA end and ANALYSIS offsets
 * updated, the file cut after the last kept event), kept only when evlab's own reader accepts it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTHETIC_SEEDS } from '../../src/formats/fuzz-seeds.ts';
import { classifyOutcome, type FuzzTarget } from '../../src/formats/fuzz-targets.ts';
import type { SeedPools } from './fuzz-mutator.ts';

/** Text seeds over this size are cut at a line boundary (whole pool). */
const MAX_TEXT_SEED_BYTES = 32 * 1024;
/**
 * Binary seeds larger than this are only used through their slices: a whole 216 KB FCS file takes ~220 ms
 * to read and summarise, which would cap the fuzzer at a few inputs per second; its slices keep its layout.
 */
const MAX_BINARY_SEED_BYTES = 64 * 1024;
/** A reference file this small goes to the small pool as it is. */
const SMALL_SEED_BYTES = 4096;
/** Events kept in an FCS slice. */
const FCS_SLICE_EVENTS = [1, 7, 40];
/** Numeric rows kept per run of numeric rows in a skeleton slice. */
const SKELETON_ROWS = 3;

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] === 10) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function join_(lines: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lines) {
    out.set(l, at);
    at += l.length;
  }
  return out;
}

function startsLikeNumber(line: Uint8Array): boolean {
  let i = 0;
  while (i < line.length && (line[i] === 0x20 || line[i] === 0x09 || line[i] === 0x22)) i++;
  const c = line[i];
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x2b);
}

export function textSlices(bytes: Uint8Array): Uint8Array[] {
  // JSON and XML: a line slice is only a truncated document (the small synthetic seeds cover them)
  const first = bytes.find(
    (x) => x !== 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0xef && x !== 0xbb && x !== 0xbf,
  );
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (first === 0x3c || /^(\{|\[\s*[[{"\]])/.test(text)) return [];
  const lines = splitLines(bytes);
  if (lines.length <= 8) return [];
  const head = lines.slice(0, 3);
  const mid = Math.floor(lines.length / 2);
  const slices = [
    join_(lines.slice(0, 6)),
    join_([...head, ...lines.slice(mid, mid + 3)]),
    join_([...head, ...lines.slice(-3)]),
  ];
  // skeleton: every label line, and the first few rows of every run of numeric rows
  let run = 0;
  const skeleton = lines.filter((l) => {
    run = startsLikeNumber(l) ? run + 1 : 0;
    return run <= SKELETON_ROWS;
  });
  const sk = join_(skeleton);
  if (sk.length < bytes.length && sk.length <= 4 * SMALL_SEED_BYTES) slices.push(sk);
  return slices.filter((s) => s.length > 0);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to && i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** Overwrite the value of TEXT keyword `key` with `value` left-padded with zeros to the old width. */
function setTextValue(text: Uint8Array, delimiter: number, key: string, value: number): boolean {
  const s = ascii(text, 0, text.length);
  const d = String.fromCharCode(delimiter);
  const i = s.toUpperCase().indexOf(`${d}${key}${d}`);
  if (i < 0) return false;
  const from = i + key.length + 2;
  const to = s.indexOf(d, from);
  if (to < 0) return false;
  const width = to - from;
  const v = String(value);
  if (v.length > width) return false;
  const padded = v.padStart(width, '0');
  for (let j = 0; j < width; j++) text[from + j] = padded.charCodeAt(j);
  return true;
}

/** The FCS file cut to `events` events (see the module comment), or null when the layout does not allow it. */
export function fcsSlice(bytes: Uint8Array, events: number): Uint8Array | null {
  const num = (at: number) => Number(ascii(bytes, at, at + 8).trim() || '0');
  const textBegin = num(10);
  const textEnd = num(18);
  const dataBegin = num(26);
  const dataEnd = num(34);
  if (!(textBegin > 0 && textEnd > textBegin && dataBegin > textEnd && dataEnd > dataBegin)) return null;
  const text = bytes.slice(textBegin, textEnd + 1);
  const s = ascii(text, 0, text.length).toUpperCase();
  const d = String.fromCharCode(text[0] as number);
  const at = s.indexOf(`${d}$TOT${d}`);
  if (at < 0) return null;
  const tot = Number(s.slice(at + 6, s.indexOf(d, at + 6)));
  if (!(tot > events)) return null;
  const eventBytes = (dataEnd - dataBegin + 1) / tot;
  if (!Number.isInteger(eventBytes)) return null;
  const newEnd = dataBegin + events * eventBytes - 1;
  if (!setTextValue(text, text[0] as number, '$TOT', events)) return null;
  setTextValue(text, text[0] as number, '$ENDDATA', newEnd);
  setTextValue(text, text[0] as number, '$BEGINANALYSIS', 0);
  setTextValue(text, text[0] as number, '$ENDANALYSIS', 0);
  setTextValue(text, text[0] as number, '$NEXTDATA', 0);
  const out = bytes.slice(0, newEnd + 1);
  out.set(text, textBegin);
  const field = (at: number, v: number) => {
    const t = String(v).padStart(8, ' ');
    for (let j = 0; j < 8; j++) out[at + j] = t.charCodeAt(j);
  };
  field(34, newEnd);
  field(42, 0);
  field(50, 0);
  return out;
}

export interface SeedCorpus extends SeedPools {
  referenceFiles: number;
}

export function seedPools(target: FuzzTarget, referenceRoot: string): SeedCorpus {
  const small: Uint8Array[] = [];
  const whole: Uint8Array[] = [];
  let referenceFiles = 0;
  for (const s of target.seeds)
    for (const path of filesUnder(join(referenceRoot, s.dir), s.suffix)) {
      referenceFiles++;
      const bytes = new Uint8Array(readFileSync(path));
      if (target.binary) {
        if (bytes.length <= 2 * SMALL_SEED_BYTES) small.push(bytes);
        else if (bytes.length <= MAX_BINARY_SEED_BYTES) whole.push(bytes);
        if (target.name === 'fcs')
          for (const n of FCS_SLICE_EVENTS) {
            const slice = fcsSlice(bytes, n);
            if (slice && classifyOutcome(target, slice) === 'ok') small.push(slice);
          }
        continue;
      }
      if (bytes.length <= SMALL_SEED_BYTES) {
        small.push(bytes);
        continue;
      }
      const cut = bytes.lastIndexOf(10, MAX_TEXT_SEED_BYTES);
      whole.push(
        bytes.length <= MAX_TEXT_SEED_BYTES ? bytes : bytes.slice(0, cut > 0 ? cut + 1 : MAX_TEXT_SEED_BYTES),
      );
      small.push(...textSlices(bytes));
    }
  for (const b of SYNTHETIC_SEEDS[target.name]?.() ?? []) {
    if (b.length <= 2 * SMALL_SEED_BYTES) small.push(b);
    else {
      whole.push(b);
      if (!target.binary) small.push(...textSlices(b));
    }
  }
  return { small, whole, referenceFiles };
}
