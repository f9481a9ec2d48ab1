/**
 * Mutation fuzzer for every reader in the fuzz registry (src/formats/fuzz-targets.ts), seeded with the
 * reference files (read from ../shared/reference at run time, never copied). Each input is a seed with 1–8
 * mutations (bit flips, byte replacements with interesting bytes, deletions, duplications of a slice,
 * insertion of long digit runs / quotes / huge exponents). Reports per reader: inputs, typed refusals,
 * crashes (anything but FormatError: a finding), parses over 1 s (a finding), throughput.
 *
 *   npx tsx bench/fuzz-readers.bench.ts [COUNT per reader, default 10000] [reader name]
 *
 * ≥ 1,000,000 per reader is the issue-10 bar (a CI bench job); exit code 1 on any finding.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyOutcome, FUZZ_TARGETS } from '../src/formats/fuzz-targets.ts';

const referenceRoot =
  process.env.EVLAB_REFERENCE_DIR ?? resolve(import.meta.dirname, '..', '..', 'shared', 'reference');
const count = Number(process.argv[2] ?? 10_000);
const only = process.argv[3];

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

/** xorshift32: reproducible runs (seed printed). */
let state = Number(process.env.FUZZ_SEED ?? 20261204) >>> 0 || 1;
function rnd(n: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}

const INTERESTING = [0, 0xff, 0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x2d, 0x2e, 0x65, 0x5b, 0x7b, 0xc3, 0xfe];
const INSERTS = [
  '9'.repeat(400),
  '1e309',
  '"',
  '""',
  '-nan(ind)',
  '[[[[[[[[',
  ',,,,,,',
  '\r\n\r\n',
  '1'.repeat(5000),
];
const enc = new TextEncoder();

function mutate(seed: Uint8Array): Uint8Array {
  let b = seed;
  const n = 1 + rnd(8);
  for (let k = 0; k < n; k++) {
    const at = b.length === 0 ? 0 : rnd(b.length);
    switch (rnd(6)) {
      case 0: {
        const c = b.slice();
        if (c.length) c[at] = (c[at] as number) ^ (1 << rnd(8));
        b = c;
        break;
      }
      case 1: {
        const c = b.slice();
        if (c.length) c[at] = INTERESTING[rnd(INTERESTING.length)] as number;
        b = c;
        break;
      }
      case 2: {
        const len = 1 + rnd(64);
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(Math.min(b.length, at + len))]);
        break;
      }
      case 3: {
        const len = 1 + rnd(256);
        const slice = b.subarray(at, at + len);
        const c = new Uint8Array(b.length + slice.length);
        c.set(b.subarray(0, at), 0);
        c.set(slice, at);
        c.set(b.subarray(at), at + slice.length);
        b = c;
        break;
      }
      case 4: {
        const ins = enc.encode(INSERTS[rnd(INSERTS.length)] as string);
        const c = new Uint8Array(b.length + ins.length);
        c.set(b.subarray(0, at), 0);
        c.set(ins, at);
        c.set(b.subarray(at), at + ins.length);
        b = c;
        break;
      }
      default:
        b = b.subarray(0, at); // truncation
    }
  }
  return b;
}

let findings = 0;
for (const target of FUZZ_TARGETS) {
  if (only && target.name !== only) continue;
  const seeds = target.seeds
    .flatMap((s) => filesUnder(join(referenceRoot, s.dir), s.suffix))
    .map((p) => new Uint8Array(readFileSync(p)));
  if (seeds.length === 0) {
    console.log(`${target.name}: no seed files under ${referenceRoot} — skipped`);
    continue;
  }
  let typed = 0;
  let ok = 0;
  let crashes = 0;
  let slow = 0;
  let slowest = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const input = mutate(seeds[rnd(seeds.length)] as Uint8Array);
    const s0 = performance.now();
    const outcome = classifyOutcome(target, input);
    const ms = performance.now() - s0;
    slowest = Math.max(slowest, ms);
    if (ms > 1000) slow++;
    if (outcome === 'ok') ok++;
    else if (outcome === 'typed') typed++;
    else {
      crashes++;
      if (crashes <= 3)
        console.log(`  CRASH ${target.name} #${i}: ${outcome.name}: ${outcome.message.slice(0, 200)}`);
    }
  }
  const s = (performance.now() - t0) / 1000;
  findings += crashes + slow;
  console.log(
    `${target.name}: ${count} inputs from ${seeds.length} seed(s) in ${s.toFixed(1)} s (${Math.round(count / s)}/s): ` +
      `${ok} parsed, ${typed} typed refusals, ${crashes} crashes, ${slow} over 1 s (slowest ${slowest.toFixed(1)} ms)`,
  );
}
process.exitCode = findings > 0 ? 1 : 0;
