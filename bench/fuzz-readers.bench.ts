/**
 * Mutation fuzzer for every reader of the fuzz registry (src/formats/fuzz-targets.ts), issue 10 "Hostile
 * input": ≥ 1,000,000 mutated inputs per reader, zero crashes, zero hangs over 1 s, only typed errors.
 *
 *   npx tsx bench/fuzz-readers.bench.ts --reader NAME[,NAME…]|all --inputs N --workers N --seed S
 *     [--max-seconds S (per reader)] [--out DIR]
 *
 * Seeds: the reference files under ../shared/reference (EVLAB_REFERENCE_DIR; read at run time, never
 * copied; text seeds over 32 KB are cut at a line boundary, binary seeds over 300 KB skipped) plus the
 * synthetic seeds of src/formats/fuzz-seeds.ts. Input i is a pure function of (--seed, i): 1–6 stacked
 * mutations drawn from bit flips, interesting bytes, byte insertion and deletion, chunk duplication, line
 * duplication, splicing with another seed, numeric extremes (1e309, NaN, 4.9e-324, 400 digits…), huge
 * cells, long lines, re-encodings (UTF-16 LE/BE, BOMs, invalid UTF-8, NUL) and truncation.
 *
 * Each input runs in a worker thread under a 1 s watchdog (the worker publishes the index and start time of
 * the input it is running in shared memory; the main thread terminates a worker stuck on one input for more
 * than 1 s and restarts it after that input). On a loaded machine a thread can be descheduled for a
 * second, so every such input is re-run alone afterwards (fastest of three, 10 s limit): over 1 s it is a
 * hang, otherwise a "stall" (counted, not a finding). Any exception other than FormatError (or a
 * reader's listed typed error) is a crash. Findings are deduplicated by signature (error name, message
 * with digits masked, first stack frame), minimised (crashes: greedy chunk removal keeping the signature)
 * and saved to bench/results/fuzz-findings/. A per-reader JSON summary goes to bench/results/fuzz-readers/.
 * Exit code 1 on any finding.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FormatError } from '../src/formats/format-error.ts';
import { SYNTHETIC_SEEDS } from '../src/formats/fuzz-seeds.ts';
import { classifyOutcome, FUZZ_TARGETS, type FuzzTarget } from '../src/formats/fuzz-targets.ts';

/** The issue-10 bound for one parse. */
const HANG_MS = 1000;
/** Text seeds are cut to this size so that one mutated parse stays well under a millisecond. */
const MAX_TEXT_SEED_BYTES = 32 * 1024;
/** Binary seeds larger than this are not used (the small ones exercise the same code). */
const MAX_BINARY_SEED_BYTES = 300 * 1024;
/** Time a suspected hang gets when re-run on its own before it counts as a hang. */
const CONFIRM_MS = 10_000;
/** One input in this many may be large (see mutate). */
const BIG_EVERY = 200;
/** Minimisation budget per crash (reader calls). */
const MINIMISE_TRIALS = 4000;

// ---------------------------------------------------------------------------------------------- mutation

/** xorshift32 seeded from (seed, index): input i is reproducible on its own. */
function rngFor(seed: number, index: number): (n: number) => number {
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
const INTERESTING = [
  0, 0xff, 0x22, 0x27, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x2d, 0x2e, 0x65, 0x5b, 0x7b, 0x3c, 0xc3, 0xfe,
];
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
];
const TOKENS = [
  '"',
  '""',
  '"a""b"',
  ',,,,,,',
  ';',
  '\t',
  '\r\n\r\n',
  '\r',
  '[[[[[[[[',
  '{"a":',
  ']]]}}}',
  '<![CDATA[',
  '<!--',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
  '&b;&b;&b;',
  '&#0;',
  '</',
  '/>',
  '//',
  '$PAR',
  '\\u0000',
  '\u2028',
  '#',
  '~End',
  '##BLOCKS= 99999',
  'Plate:',
  '-1.000E+0',
];

function insertAt(b: Uint8Array, at: number, ins: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length + ins.length);
  c.set(b.subarray(0, at), 0);
  c.set(ins, at);
  c.set(b.subarray(at), at + ins.length);
  return c;
}

function replaceRange(b: Uint8Array, from: number, to: number, ins: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length - (to - from) + ins.length);
  c.set(b.subarray(0, from), 0);
  c.set(ins, from);
  c.set(b.subarray(to), from + ins.length);
  return c;
}

function isDigitByte(x: number | undefined): boolean {
  return x !== undefined && x >= 0x30 && x <= 0x39;
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

export function mutate(seeds: readonly Uint8Array[], seed: number, index: number): Uint8Array {
  const rnd = rngFor(seed, index);
  let b = seeds[rnd(seeds.length)] as Uint8Array;
  const n = 1 + rnd(6);
  // One input in BIG_EVERY may grow to 100 KB–2 MB (huge cells, long lines, thousands of repeated
  // lines or chunks); the others stay near the seed's size, so that throughput stays high.
  const big = rnd(BIG_EVERY) === 0;
  for (let k = 0; k < n; k++) {
    const at = b.length === 0 ? 0 : rnd(b.length + 1);
    let op = rnd(100);
    if (!big && op >= 80 && op < 85) op = rnd(80);
    if (op < 14) {
      if (b.length) {
        b = b.slice();
        const i = Math.min(at, b.length - 1);
        b[i] = (b[i] as number) ^ (1 << rnd(8));
      }
    } else if (op < 24) {
      if (b.length) {
        b = b.slice();
        b[Math.min(at, b.length - 1)] = INTERESTING[rnd(INTERESTING.length)] as number;
      }
    } else if (op < 32) {
      b = replaceRange(b, at, Math.min(b.length, at + 1 + rnd(rnd(2) ? 8 : 256)), new Uint8Array(0));
    } else if (op < 38) {
      const ins = new Uint8Array(1 + rnd(16));
      for (let i = 0; i < ins.length; i++) ins[i] = rnd(256);
      b = insertAt(b, at, ins);
    } else if (op < 46) {
      // chunk duplication, sometimes many times
      const slice = b.slice(at, at + 1 + rnd(256));
      const times = big ? 1 + rnd(2000) : 1 + rnd(3);
      const rep = new Uint8Array(slice.length * times);
      for (let t = 0; t < times; t++) rep.set(slice, t * slice.length);
      b = insertAt(b, at, rep);
    } else if (op < 52) {
      // line duplication / deletion
      const start = b.lastIndexOf(10, Math.max(0, at - 1)) + 1;
      let end = b.indexOf(10, at);
      end = end < 0 ? b.length : end + 1;
      if (rnd(3) === 0) b = replaceRange(b, start, end, new Uint8Array(0));
      else {
        const line = b.slice(start, end);
        const times = 1 + rnd(big ? 5000 : 5);
        const rep = new Uint8Array(line.length * times);
        for (let t = 0; t < times; t++) rep.set(line, t * line.length);
        b = insertAt(b, start, rep);
      }
    } else if (op < 58) {
      // splicing: our head up to `at` + another seed's tail from a random point
      const other = seeds[rnd(seeds.length)] as Uint8Array;
      const from = rnd(other.length + 1);
      const c = new Uint8Array(at + other.length - from);
      c.set(b.subarray(0, at), 0);
      c.set(other.subarray(from), at);
      b = c;
    } else if (op < 70) {
      // numeric extreme: replace the digit run at or after `at` (or insert)
      let s = at;
      while (s < b.length && !isDigitByte(b[s]) && s - at < 200) s++;
      let e = s;
      while (
        e < b.length &&
        (isDigitByte(b[e]) || b[e] === 0x2e || b[e] === 0x65 || b[e] === 0x45 || b[e] === 0x2d)
      )
        e++;
      const ins = enc.encode(NUMBERS[rnd(NUMBERS.length)] as string);
      b = s < b.length && e > s ? replaceRange(b, s, e, ins) : insertAt(b, at, ins);
    } else if (op < 80) {
      b = insertAt(b, at, enc.encode(TOKENS[rnd(TOKENS.length)] as string));
    } else if (op < 83) {
      // huge cell
      const fill = ['7', 'x', '"', ' ', '.', '9e9'][rnd(6)] as string;
      b = insertAt(b, at, enc.encode(fill.repeat(1000 + rnd(120_000))));
    } else if (op < 85) {
      // long line
      const fill = ['a,', '",', '\t', ';1', '1,'][rnd(5)] as string;
      b = insertAt(b, at, enc.encode(fill.repeat(50_000 + rnd(150_000))));
    } else if (op < 90) {
      b = reencode(b, rnd(5));
    } else if (op < 94) {
      // invalid UTF-8 / NUL
      const bad = [[0xc3], [0xff, 0xfe], [0], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];
      b = insertAt(b, at, new Uint8Array(bad[rnd(bad.length)] as number[]));
    } else if (op < 97) {
      b = b.subarray(0, at);
    } else {
      b = b.subarray(at);
    }
    if (b.length > 2_000_000) b = b.subarray(0, 2_000_000);
  }
  return b;
}

// ---------------------------------------------------------------------------------------------- findings

function signatureOf(error: Error): string {
  const frame =
    (error.stack ?? '')
      .split('\n')
      .slice(1)
      .find((l) => l.includes('/src/'))
      ?.trim()
      .replace(/^at /, '')
      .replace(/.*\/src\//, 'src/')
      .replace(/:\d+\)?$/, '') ?? '';
  return `${error.name}: ${error.message.slice(0, 120).replace(/\d+/g, 'N')} @ ${frame}`;
}

function minimise(target: FuzzTarget, input: Uint8Array, signature: string): Uint8Array {
  let best = input;
  let trials = 0;
  const same = (b: Uint8Array): boolean => {
    trials++;
    const o = classifyOutcome(target, b);
    return o instanceof Error && signatureOf(o) === signature;
  };
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && trials < MINIMISE_TRIALS; chunk >>= 1) {
    for (let from = 0; from < best.length && trials < MINIMISE_TRIALS; ) {
      const candidate = replaceRange(best, from, Math.min(best.length, from + chunk), new Uint8Array(0));
      if (same(candidate)) best = candidate;
      else from += chunk;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------- worker

interface WorkerJob {
  target: string;
  seeds: Uint8Array[];
  seed: number;
  start: number;
  end: number;
  stride: number;
  shared: SharedArrayBuffer;
  /** Stop starting new inputs after this time (Date.now() ms). */
  deadline: number;
  /** Re-run input `start` three times and report the fastest time (hang confirmation). */
  confirm?: boolean;
}

type WorkerMessage =
  | { type: 'progress'; done: number; ok: number; typed: number; unlocated: number; slowestMs: number }
  | { type: 'crash'; index: number; signature: string; message: string; stack: string; minimised: Uint8Array }
  | { type: 'slow'; index: number; ms: number }
  | { type: 'timing'; ms: number }
  | { type: 'ready' }
  | { type: 'finished' };

function runWorker(job: WorkerJob): void {
  const target = FUZZ_TARGETS.find((t) => t.name === job.target);
  if (!target || !parentPort) throw new Error(`unknown target ${job.target}`);
  const port = parentPort;
  if (job.confirm) {
    port.postMessage({ type: 'ready' } satisfies WorkerMessage);
    const input = mutate(job.seeds, job.seed, job.start);
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      classifyOutcome(target, input);
      best = Math.min(best, performance.now() - t0);
    }
    port.postMessage({ type: 'timing', ms: best } satisfies WorkerMessage);
    return;
  }
  const cur = new Float64Array(job.shared); // [index running or -1, start time ms]
  const seen = new Set<string>();
  let done = 0;
  let ok = 0;
  let typed = 0;
  let unlocated = 0;
  let slowestMs = 0;
  const flush = () => {
    port.postMessage({ type: 'progress', done, ok, typed, unlocated, slowestMs } satisfies WorkerMessage);
    done = ok = typed = unlocated = 0;
  };
  for (let i = job.start; i < job.end; i += job.stride) {
    if ((i - job.start) % (job.stride * 100) === 0 && Date.now() > job.deadline) break;
    const input = mutate(job.seeds, job.seed, i);
    cur[1] = Date.now();
    cur[0] = i;
    const t0 = performance.now();
    let outcome: 'ok' | 'typed' | Error;
    let located = true;
    try {
      target.read(input);
      outcome = 'ok';
    } catch (error) {
      if (error instanceof FormatError) {
        outcome = 'typed';
        located = error.file !== undefined;
      } else if (target.typedErrors?.some((t) => error instanceof t)) outcome = 'typed';
      else outcome = error instanceof Error ? error : new Error(String(error));
    }
    const ms = performance.now() - t0;
    cur[0] = -1;
    done++;
    if (ms > slowestMs) slowestMs = ms;
    if (ms > HANG_MS) port.postMessage({ type: 'slow', index: i, ms } satisfies WorkerMessage);
    if (outcome === 'ok') ok++;
    else if (outcome === 'typed') {
      typed++;
      if (!located) unlocated++;
    } else {
      const signature = signatureOf(outcome);
      const first = !seen.has(signature);
      seen.add(signature);
      port.postMessage({
        type: 'crash',
        index: i,
        signature,
        message: outcome.message.slice(0, 500),
        stack: (outcome.stack ?? '').split('\n').slice(0, 8).join('\n'),
        minimised: first ? minimise(target, input, signature) : new Uint8Array(0),
      } satisfies WorkerMessage);
    }
    if (done >= 200) flush();
  }
  flush();
  port.postMessage({ type: 'finished' } satisfies WorkerMessage);
}

// ---------------------------------------------------------------------------------------------- main

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

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

function seedsFor(target: FuzzTarget, referenceRoot: string): { seeds: Uint8Array[]; reference: number } {
  const reference: Uint8Array[] = [];
  for (const s of target.seeds)
    for (const path of filesUnder(join(referenceRoot, s.dir), s.suffix)) {
      const bytes = new Uint8Array(readFileSync(path));
      if (target.binary) {
        if (bytes.length <= MAX_BINARY_SEED_BYTES) reference.push(bytes);
      } else if (bytes.length <= MAX_TEXT_SEED_BYTES) reference.push(bytes);
      else {
        const cut = bytes.lastIndexOf(10, MAX_TEXT_SEED_BYTES);
        reference.push(bytes.slice(0, cut > 0 ? cut + 1 : MAX_TEXT_SEED_BYTES));
      }
    }
  const synthetic = SYNTHETIC_SEEDS[target.name]?.() ?? [];
  return { seeds: [...reference, ...synthetic], reference: reference.length };
}

interface Summary {
  reader: string;
  inputs: number;
  seeds: number;
  referenceSeeds: number;
  parsed: number;
  typed: number;
  typedWithoutFile: number;
  crashes: number;
  hangs: number;
  /** Inputs that passed 1 s of wall-clock time on the loaded machine but ran in ≤ 1 s when re-run alone. */
  stalls: number;
  distinctFindings: {
    kind: 'crash' | 'hang';
    signature: string;
    count: number;
    file: string;
    firstIndex: number;
  }[];
  slowestMs: number;
  seconds: number;
  inputsPerSecond: number;
  seed: number;
  workers: number;
  command: string;
}

async function fuzzTarget(
  target: FuzzTarget,
  inputs: number,
  workers: number,
  seed: number,
  referenceRoot: string,
  outDir: string,
  maxSeconds: number,
): Promise<Summary> {
  const { seeds, reference } = seedsFor(target, referenceRoot);
  const findingsDir = join(outDir, 'fuzz-findings');
  const s: Summary = {
    reader: target.name,
    inputs: 0,
    seeds: seeds.length,
    referenceSeeds: reference,
    parsed: 0,
    typed: 0,
    typedWithoutFile: 0,
    crashes: 0,
    hangs: 0,
    stalls: 0,
    distinctFindings: [],
    slowestMs: 0,
    seconds: 0,
    inputsPerSecond: 0,
    seed,
    workers,
    command: `npx tsx bench/fuzz-readers.bench.ts ${process.argv.slice(2).join(' ')}`,
  };
  const record = (
    kind: 'crash' | 'hang',
    signature: string,
    index: number,
    bytes: Uint8Array,
    note: string,
  ) => {
    const known = s.distinctFindings.find((f) => f.kind === kind && f.signature === signature);
    if (known) {
      known.count++;
      return;
    }
    mkdirSync(findingsDir, { recursive: true });
    const id = createHash('sha256').update(signature).digest('hex').slice(0, 10);
    const file = join(findingsDir, `${target.name}-${kind}-${id}.bin`);
    writeFileSync(file, bytes);
    writeFileSync(
      `${file}.txt`,
      `${kind} in ${target.name}\ninput index ${index}, --seed ${seed} (regenerate: mutate(seeds, ${seed}, ${index}))\n${signature}\n\n${note}\n`,
    );
    s.distinctFindings.push({
      kind,
      signature,
      count: 1,
      file: file.replace(`${process.cwd()}/`, ''),
      firstIndex: index,
    });
    console.log(`  ${kind.toUpperCase()} ${target.name} #${index}: ${signature} → ${file}`);
  };
  const t0 = performance.now();
  const deadline = Date.now() + maxSeconds * 1000;
  let lastLog = t0;
  /** Inputs over 1 s of wall-clock time: confirmed (or not) by re-running them after the shards. */
  const suspects = new Set<number>();
  const spawn = (job: WorkerJob) =>
    new Worker(
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`,
      { eval: true, workerData: job },
    );
  /** Fastest of three runs of input `index` in a fresh worker, or null when it has not ended in 10 s. */
  const confirm = (index: number): Promise<number | null> =>
    new Promise((done) => {
      const job: WorkerJob = {
        target: target.name,
        seeds,
        seed,
        start: index,
        end: index + 1,
        stride: 1,
        shared: new SharedArrayBuffer(16),
        deadline: Number.POSITIVE_INFINITY,
        confirm: true,
      };
      const worker = spawn(job);
      // the limit starts once the worker has loaded the readers (a tsx worker takes seconds to start)
      let timer: ReturnType<typeof setTimeout> | undefined;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready')
          timer = setTimeout(() => void worker.terminate().then(() => done(null)), CONFIRM_MS);
        if (m.type !== 'timing') return;
        clearTimeout(timer);
        void worker.terminate().then(() => done(m.ms));
      });
      worker.on('error', () => {
        clearTimeout(timer);
        done(null);
      });
    });
  const runShard = (start: number, stride: number): Promise<void> =>
    new Promise((done, fail) => {
      const shared = new SharedArrayBuffer(16);
      const cur = new Float64Array(shared);
      cur[0] = -1;
      const job: WorkerJob = {
        target: target.name,
        seeds,
        seed,
        start,
        end: inputs,
        stride,
        shared,
        deadline,
      };
      const worker = spawn(job);
      let finished = false;
      const watchdog = setInterval(() => {
        const index = cur[0] as number;
        if (index >= 0 && Date.now() - (cur[1] as number) > HANG_MS) {
          clearInterval(watchdog);
          finished = true;
          s.inputs++;
          suspects.add(index);
          void worker.terminate().then(() => runShard(index + stride, stride).then(done, fail));
        }
      }, 100);
      worker.on('message', (m: WorkerMessage) => {
        // after the watchdog fired, the terminating worker's late reports would count inputs twice
        if (finished) return;
        if (m.type === 'progress') {
          s.inputs += m.done;
          s.parsed += m.ok;
          s.typed += m.typed;
          s.typedWithoutFile += m.unlocated;
          s.slowestMs = Math.max(s.slowestMs, m.slowestMs);
          const now = performance.now();
          if (now - lastLog > 60_000) {
            lastLog = now;
            const rate = s.inputs / ((now - t0) / 1000);
            console.log(
              `  ${target.name}: ${s.inputs}/${inputs} (${Math.round(rate)}/s), ${s.crashes} crashes, ${s.hangs} hangs`,
            );
          }
        } else if (m.type === 'crash') {
          s.crashes++;
          s.inputs++;
          record(
            'crash',
            m.signature,
            m.index,
            m.minimised.length ? m.minimised : mutate(seeds, seed, m.index),
            `${m.message}\n\n${m.stack}`,
          );
        } else if (m.type === 'slow') suspects.add(m.index);
        else if (m.type === 'finished') {
          finished = true;
          clearInterval(watchdog);
          void worker.terminate().then(() => done());
        }
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        if (!finished) fail(e);
      });
    });
  // worker w handles inputs w, w + workers, w + 2·workers, …
  await Promise.all(Array.from({ length: workers }, (_, w) => runShard(w, workers)));
  for (const index of [...suspects].sort((a, b) => a - b)) {
    const ms = await confirm(index);
    if (ms !== null && ms <= HANG_MS) {
      s.stalls++;
      continue;
    }
    s.hangs++;
    record(
      'hang',
      `over ${HANG_MS} ms`,
      index,
      mutate(seeds, seed, index),
      ms === null ? `did not end within ${CONFIRM_MS} ms` : `fastest of three runs: ${ms.toFixed(0)} ms`,
    );
  }
  s.seconds = (performance.now() - t0) / 1000;
  s.inputsPerSecond = Math.round(s.inputs / s.seconds);
  return s;
}

async function main(): Promise<void> {
  const reader = option('reader', 'all');
  const inputs = Number(option('inputs', '2000'));
  const maxSeconds = Number(option('max-seconds', 'Infinity'));
  const workers = Math.max(1, Number(option('workers', '1')));
  const seed = Number(option('seed', '20261205')) >>> 0;
  const outDir = resolve(option('out', join(import.meta.dirname, 'results')));
  const referenceRoot =
    process.env.EVLAB_REFERENCE_DIR ?? resolve(import.meta.dirname, '..', '..', 'shared', 'reference');
  const targets =
    reader === 'all' ? FUZZ_TARGETS : FUZZ_TARGETS.filter((t) => reader.split(',').includes(t.name));
  if (targets.length === 0) {
    console.error(`unknown reader ${reader}; known: ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
    process.exit(2);
  }
  let findings = 0;
  for (const target of targets) {
    const s = await fuzzTarget(target, inputs, workers, seed, referenceRoot, outDir, maxSeconds);
    findings += s.crashes + s.hangs;
    mkdirSync(join(outDir, 'fuzz-readers'), { recursive: true });
    writeFileSync(join(outDir, 'fuzz-readers', `${target.name}.json`), `${JSON.stringify(s, null, 2)}\n`);
    console.log(
      `${s.reader}: ${s.inputs} inputs from ${s.seeds} seeds (${s.referenceSeeds} reference) in ${s.seconds.toFixed(0)} s ` +
        `(${s.inputsPerSecond}/s, ${workers} worker(s)): ${s.parsed} parsed, ${s.typed} typed refusals ` +
        `(${s.typedWithoutFile} without a file name), ${s.crashes} crashes, ${s.hangs} hangs ` +
        `(${s.distinctFindings.length} distinct; ${s.stalls} stalls not confirmed on re-run), slowest ${s.slowestMs.toFixed(1)} ms`,
    );
  }
  process.exitCode = findings > 0 ? 1 : 0;
}

if (isMainThread && process.argv[1]?.includes('fuzz-readers.bench')) await main();
else if (!isMainThread) runWorker(workerData as WorkerJob);
