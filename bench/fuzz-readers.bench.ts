/**
 * Mutation fuzzer for every reader of the fuzz registry (src/formats/fuzz-targets.ts), issue 10 "Hostile
 * input": ≥ 1,000,000 mutated inputs per reader, zero crashes, zero hangs over 1 s, only typed errors.
 *
 *   node --import tsx bench/fuzz-readers.bench.ts --reader NAME[,NAME…]|all --inputs N [--workers 1]
 *     [--seed 20261205] [--max-seconds S (per reader)] [--until ISO-TIME] [--fresh] [--out DIR]
 *
 * Inputs: input i is a pure function of (--seed, i) and the seed pools (bench/support/fuzz-mutator.ts:
 * AFL-style havoc plus text operators; bench/support/fuzz-seed-pools.ts: small slices of the reference
 * files and synthetic seeds, whole files for one input in 8). A run is resumable: progress (the next index
 * of every shard, the counters, findings) is written to <out>/fuzz-readers/<reader>.json every 15 s and at
 * the end, and a later run with the same --seed and --workers continues from there (--fresh starts over).
 *
 * Execution: each worker thread runs a whole shard of inputs (w, w + workers, …) in one loop; before each
 * input it publishes the index and start time in a SharedArrayBuffer. The main thread's watchdog terminates
 * a worker whose current input has run for more than 1 s and restarts the shard from its last reported
 * index, skipping that input. Such inputs are re-run afterwards in a fresh worker (fastest of three, 10 s
 * limit): over 1 s of CPU time it is a hang, otherwise a "stall" of the loaded machine (counted, not a finding). The
 * five slowest inputs of the run are re-timed the same way ("slowest re-timed ms": the max time per input
 * without scheduler noise). Any exception other than FormatError (or a reader's listed typed error) is a
 * crash; crashes are deduplicated by signature, minimised and saved to <out>/fuzz-findings/. Stack traces
 * are off while fuzzing (Error.stackTraceLimit = 0, a third of the cost of a typed refusal) and switched
 * back on to re-run a crashing input for its signature. Exit code 1 on any finding.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FormatError } from '../src/formats/format-error.ts';
import { classifyOutcome, FUZZ_TARGETS, type FuzzTarget } from '../src/formats/fuzz-targets.ts';
import { mutate, replaceRange, type SeedPools } from './support/fuzz-mutator.ts';
import { seedPools } from './support/fuzz-seed-pools.ts';

export { mutate } from './support/fuzz-mutator.ts';

/** The issue-10 bound for one parse. */
const HANG_MS = 1000;
/** Time a suspected hang gets when re-run on its own before it counts as a hang. */
const CONFIRM_MS = 10_000;
/** Minimisation budget per crash (reader calls). */
const MINIMISE_TRIALS = 4000;
/** Inputs between two progress reports of a worker. */
const REPORT_EVERY = 2000;
/** Seconds between two progress files. */
const CHECKPOINT_S = 15;
/** How many of the slowest inputs are re-timed at the end. */
const RETIME_SLOWEST = 5;
/** Bump when the mutator or the seed pools change: progress of another version is not resumed. */
const FUZZER_VERSION = 2;

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
  pools: SeedPools;
  seed: number;
  /** Fuzz mode: indices start, start + stride, … below end. */
  start: number;
  end: number;
  stride: number;
  /** Inputs not to run (a hang the watchdog already caught). */
  skip: number[];
  shared: SharedArrayBuffer;
  /** Stop starting new inputs after this time (Date.now() ms). */
  deadline: number;
  /** Timing mode: re-run each of these inputs three times and report the fastest time. */
  time?: number[];
}

type WorkerMessage =
  | {
      type: 'progress';
      next: number;
      done: number;
      ok: number;
      typed: number;
      unlocated: number;
      slowestMs: number;
      slowestIndex: number;
    }
  | { type: 'crash'; index: number; signature: string; message: string; stack: string; minimised: Uint8Array }
  | { type: 'timing'; index: number; ms: number; cpuMs: number }
  | { type: 'ready' }
  | { type: 'finished' };

function runWorker(job: WorkerJob): void {
  const target = FUZZ_TARGETS.find((t) => t.name === job.target);
  if (!target || !parentPort) throw new Error(`unknown target ${job.target}`);
  const port = parentPort;
  const cur = new Float64Array(job.shared); // [index running or -1, start time ms, 1 = stop]
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
  if (job.time) {
    for (const index of job.time) {
      const input = mutate(job.pools, job.seed, index);
      let best = Number.POSITIVE_INFINITY;
      let bestCpu = Number.POSITIVE_INFINITY;
      for (let k = 0; k < 3; k++) {
        cur[1] = Date.now();
        cur[0] = index;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        classifyOutcome(target, input);
        best = Math.min(best, performance.now() - t0);
        const c = process.cpuUsage(c0);
        bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
        cur[0] = -1;
      }
      port.postMessage({ type: 'timing', index, ms: best, cpuMs: bestCpu } satisfies WorkerMessage);
    }
    port.postMessage({ type: 'finished' } satisfies WorkerMessage);
    return;
  }
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const skip = new Set(job.skip);
  const seen = new Set<string>();
  let done = 0;
  let ok = 0;
  let typed = 0;
  let unlocated = 0;
  let slowestMs = 0;
  let slowestIndex = -1;
  const flush = (next: number) => {
    port.postMessage({
      type: 'progress',
      next,
      done,
      ok,
      typed,
      unlocated,
      slowestMs,
      slowestIndex,
    } satisfies WorkerMessage);
    done = ok = typed = unlocated = slowestMs = 0;
    slowestIndex = -1;
  };
  let i = job.start;
  for (; i < job.end; i += job.stride) {
    if (done % 256 === 0 && (Date.now() > job.deadline || cur[2] === 1)) break;
    if (skip.has(i)) continue;
    const input = mutate(job.pools, job.seed, i);
    cur[1] = Date.now();
    cur[0] = i;
    const t0 = performance.now();
    let outcome: 'ok' | 'typed' | 'crash' = 'ok';
    try {
      target.read(input);
    } catch (error) {
      if (error instanceof FormatError) {
        outcome = 'typed';
        if (error.file === undefined) unlocated++;
      } else if (target.typedErrors?.some((t) => error instanceof t)) outcome = 'typed';
      else outcome = 'crash';
    }
    const ms = performance.now() - t0;
    cur[0] = -1;
    done++;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestIndex = i;
    }
    if (outcome === 'ok') ok++;
    else if (outcome === 'typed') typed++;
    else {
      // re-run with stack traces for the signature (the readers are deterministic)
      Error.stackTraceLimit = stackLimit;
      const o = classifyOutcome(target, input);
      const error = o instanceof Error ? o : new Error(`crash did not reproduce (${o})`);
      const signature = signatureOf(error);
      const first = !seen.has(signature);
      seen.add(signature);
      port.postMessage({
        type: 'crash',
        index: i,
        signature,
        message: error.message.slice(0, 500),
        stack: (error.stack ?? '').split('\n').slice(0, 8).join('\n'),
        minimised: first ? minimise(target, input, signature) : new Uint8Array(0),
      } satisfies WorkerMessage);
      Error.stackTraceLimit = 0;
    }
    if (done >= REPORT_EVERY) flush(i + job.stride);
  }
  flush(i);
  port.postMessage({ type: 'finished' } satisfies WorkerMessage);
}

// ---------------------------------------------------------------------------------------------- main

/** SIGINT/SIGTERM: the workers stop after their current input, then the run confirms, re-times and saves. */
let stopping = false;
const stopFlags = new Set<Float64Array>();
function requestStop(): void {
  if (stopping) process.exit(130);
  stopping = true;
  console.log('  stopping: finishing the current inputs, then confirming and saving (again to quit now)');
  for (const cur of stopFlags) cur[2] = 1;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

interface Finding {
  kind: 'crash' | 'hang';
  signature: string;
  count: number;
  file: string;
  firstIndex: number;
}

interface Progress {
  reader: string;
  fuzzerVersion: number;
  seed: number;
  workers: number;
  /** Inputs asked for (per reader). */
  target: number;
  complete: boolean;
  /** Next input index of each shard (resume point). */
  next: number[];
  inputs: number;
  parsed: number;
  typed: number;
  typedWithoutFile: number;
  crashes: number;
  hangs: number;
  /** Inputs that passed 1 s of wall-clock time on the loaded machine but ran in ≤ 1 s when re-run alone. */
  stalls: number;
  /** Watchdog catches not yet re-run (a run stopped before confirming them). */
  pendingSuspects: number[];
  distinctFindings: Finding[];
  /** Slowest input by wall clock in the fuzz loop (includes scheduler stalls on a loaded machine). */
  slowestMs: number;
  /** The slowest inputs (wall clock) and their re-timed cost (fastest of three runs alone). */
  slowest: { index: number; ms: number; retimedMs: number | null; retimedCpuMs?: number }[];
  /** Max over the re-timed slowest inputs: the max time per input (wall clock, fastest of three). */
  slowestRetimedMs: number | null;
  /** The same in CPU time. */
  slowestRetimedCpuMs?: number | null;
  /** Fuzzing seconds summed over runs (worker start-up and re-timing excluded). */
  seconds: number;
  inputsPerSecond: number;
  seedPools: { small: number; whole: number; referenceFiles: number; meanSmallBytes: number };
  runs: { command: string; startedAt: string; endedAt: string; inputs: number; loadAverage1m: number[] }[];
}

function freshProgress(
  target: FuzzTarget,
  seed: number,
  workers: number,
  inputs: number,
  pools: ReturnType<typeof seedPools>,
): Progress {
  return {
    reader: target.name,
    fuzzerVersion: FUZZER_VERSION,
    seed,
    workers,
    target: inputs,
    complete: false,
    next: Array.from({ length: workers }, (_, w) => w),
    inputs: 0,
    parsed: 0,
    typed: 0,
    typedWithoutFile: 0,
    crashes: 0,
    hangs: 0,
    stalls: 0,
    pendingSuspects: [],
    distinctFindings: [],
    slowestMs: 0,
    slowest: [],
    slowestRetimedMs: null,
    slowestRetimedCpuMs: null,
    seconds: 0,
    inputsPerSecond: 0,
    seedPools: {
      small: pools.small.length,
      whole: pools.whole.length,
      referenceFiles: pools.referenceFiles,
      meanSmallBytes: Math.round(
        pools.small.reduce((n, b) => n + b.length, 0) / Math.max(1, pools.small.length),
      ),
    },
    runs: [],
  };
}

function spawn(job: WorkerJob): Worker {
  return new Worker(
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`,
    { eval: true, workerData: job },
  );
}

interface Timing {
  /** Wall clock, fastest of three runs. */
  ms: number;
  /** CPU time of the process (the main thread idles meanwhile), fastest of three: the cost without stalls. */
  cpuMs: number;
}

/** Fastest of three runs of each input, alone in a fresh worker; null when one has not ended in 10 s. */
async function timeInputs(
  target: FuzzTarget,
  pools: SeedPools,
  seed: number,
  indices: number[],
): Promise<Map<number, Timing | null>> {
  const out = new Map<number, Timing | null>();
  let todo = indices.filter((i) => !out.has(i));
  while (todo.length > 0) {
    await new Promise<void>((done) => {
      const shared = new SharedArrayBuffer(24);
      const cur = new Float64Array(shared);
      cur[0] = -1;
      const worker = spawn({
        target: target.name,
        pools,
        seed,
        start: 0,
        end: 0,
        stride: 1,
        skip: [],
        shared,
        deadline: Number.POSITIVE_INFINITY,
        time: todo,
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(watchdog);
        void worker.terminate().then(() => done());
      };
      const watchdog = setInterval(() => {
        const index = cur[0] as number;
        if (index >= 0 && Date.now() - (cur[1] as number) > CONFIRM_MS) {
          out.set(index, null);
          end();
        }
      }, 100);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'timing') out.set(m.index, { ms: m.ms, cpuMs: m.cpuMs });
        else if (m.type === 'finished') end();
      });
      worker.on('error', (e) => {
        console.error(`  timing worker failed: ${e}`);
        for (const i of todo) if (!out.has(i)) out.set(i, null);
        end();
      });
    });
    todo = todo.filter((i) => !out.has(i));
  }
  return out;
}

async function fuzzTarget(
  target: FuzzTarget,
  inputs: number,
  workers: number,
  seed: number,
  referenceRoot: string,
  outDir: string,
  deadline: number,
  fresh: boolean,
): Promise<Progress> {
  const pools = seedPools(target, referenceRoot);
  const progressFile = join(outDir, 'fuzz-readers', `${target.name}.json`);
  const findingsDir = join(outDir, 'fuzz-findings');
  let s = freshProgress(target, seed, workers, inputs, pools);
  if (!fresh && existsSync(progressFile)) {
    const old = JSON.parse(readFileSync(progressFile, 'utf8')) as Progress;
    if (old.fuzzerVersion === FUZZER_VERSION && old.seed === seed && old.workers === workers) {
      s = { ...old, target: Math.max(inputs, old.target), complete: false, seedPools: s.seedPools };
      console.log(`  ${target.name}: resuming at ${s.inputs} inputs (next ${s.next.join(',')})`);
    }
  }
  const run = {
    command: `node --import tsx bench/fuzz-readers.bench.ts ${process.argv.slice(2).join(' ')}`,
    startedAt: new Date().toISOString(),
    endedAt: '',
    inputs: 0,
    loadAverage1m: [loadavg()[0] as number],
  };
  s.runs.push(run);
  const save = () => {
    s.inputsPerSecond = Math.round(s.inputs / Math.max(1e-9, s.seconds));
    run.endedAt = new Date().toISOString();
    mkdirSync(join(outDir, 'fuzz-readers'), { recursive: true });
    writeFileSync(progressFile, `${JSON.stringify(s, null, 2)}\n`);
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
      `${kind} in ${target.name}\ninput index ${index}, --seed ${seed} (regenerate: mutate(seedPools(target), ${seed}, ${index}))\n${signature}\n\n${note}\n`,
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
  const suspects = new Set<number>(s.pendingSuspects);
  const crashIndices = new Set<number>();
  const noteSlow = (index: number, ms: number) => {
    if (index < 0) return;
    s.slowestMs = Math.max(s.slowestMs, ms);
    if (s.slowest.some((x) => x.index === index)) return;
    s.slowest.push({ index, ms, retimedMs: null });
    s.slowest.sort((a, b) => b.ms - a.ms);
    s.slowest.length = Math.min(s.slowest.length, RETIME_SLOWEST);
  };
  let activeSince = performance.now();
  let lastSave = activeSince;
  let lastLog = activeSince;
  const runShard = (w: number, skip: number[]): Promise<void> =>
    new Promise((done, fail) => {
      if ((s.next[w] as number) >= s.target || stopping) return done();
      const shared = new SharedArrayBuffer(24);
      const cur = new Float64Array(shared);
      cur[0] = -1;
      stopFlags.add(cur);
      const worker = spawn({
        target: target.name,
        pools,
        seed,
        start: s.next[w] as number,
        end: s.target,
        stride: workers,
        skip,
        shared,
        deadline,
      });
      let finished = false;
      const watchdog = setInterval(() => {
        const index = cur[0] as number;
        if (index >= 0 && Date.now() - (cur[1] as number) > HANG_MS) {
          clearInterval(watchdog);
          finished = true;
          s.inputs++;
          run.inputs++;
          suspects.add(index);
          s.pendingSuspects = [...suspects];
          console.log(`  ${target.name}: input ${index} over ${HANG_MS} ms, restarting the shard`);
          void worker.terminate().then(() => runShard(w, [...skip, index]).then(done, fail));
        }
      }, 100);
      worker.on('message', (m: WorkerMessage) => {
        // after the watchdog fired, the terminating worker's late reports would count inputs twice
        if (finished) return;
        if (m.type === 'ready') activeSince = performance.now();
        else if (m.type === 'progress') {
          s.next[w] = m.next;
          s.inputs += m.done;
          run.inputs += m.done;
          s.parsed += m.ok;
          s.typed += m.typed;
          s.typedWithoutFile += m.unlocated;
          noteSlow(m.slowestIndex, m.slowestMs);
          const now = performance.now();
          s.seconds += (now - activeSince) / 1000 / workers;
          activeSince = now;
          if (now - lastSave > CHECKPOINT_S * 1000) {
            lastSave = now;
            save();
          }
          if (now - lastLog > 60_000) {
            lastLog = now;
            console.log(
              `  ${target.name}: ${s.inputs}/${s.target} (${Math.round(s.inputs / s.seconds)}/s), ${s.crashes} crashes, ${suspects.size} suspects, load ${loadavg()[0]?.toFixed(1)}`,
            );
          }
        } else if (m.type === 'crash') {
          if (crashIndices.has(m.index)) return;
          crashIndices.add(m.index);
          s.crashes++;
          record(
            'crash',
            m.signature,
            m.index,
            m.minimised.length ? m.minimised : mutate(pools, seed, m.index),
            `${m.message}\n\n${m.stack}`,
          );
        } else if (m.type === 'finished') {
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
  await Promise.all(Array.from({ length: workers }, (_, w) => runShard(w, [])));
  save();
  // confirm the watchdog's catches
  if (suspects.size > 0) {
    const times = await timeInputs(
      target,
      pools,
      seed,
      [...suspects].sort((a, b) => a - b),
    );
    for (const [index, t] of times) {
      // a hang is a parse that needs more than 1 s of CPU (or never ends): wall time alone counts the
      // scheduler of a machine shared by many processes
      if (t !== null && t.cpuMs <= HANG_MS) s.stalls++;
      else {
        s.hangs++;
        record(
          'hang',
          `over ${HANG_MS} ms`,
          index,
          mutate(pools, seed, index),
          t === null
            ? `did not end within ${CONFIRM_MS} ms`
            : `fastest of three runs: ${t.ms.toFixed(0)} ms wall, ${t.cpuMs.toFixed(0)} ms CPU`,
        );
      }
    }
    s.pendingSuspects = [];
  }
  // re-time the slowest inputs
  const retime = s.slowest.filter((x) => x.retimedMs === null).map((x) => x.index);
  if (retime.length > 0) {
    const times = await timeInputs(target, pools, seed, retime);
    for (const x of s.slowest)
      if (times.has(x.index)) {
        const t = times.get(x.index);
        x.retimedMs = t ? t.ms : CONFIRM_MS;
        x.retimedCpuMs = t ? t.cpuMs : CONFIRM_MS;
      }
  }
  const retimed = s.slowest.map((x) => x.retimedMs).filter((x): x is number => x !== null);
  const retimedCpu = s.slowest.map((x) => x.retimedCpuMs).filter((x): x is number => x !== undefined);
  s.slowestRetimedCpuMs = retimedCpu.length ? Math.max(...retimedCpu) : null;
  s.slowestRetimedMs = retimed.length ? Math.max(...retimed) : null;
  s.complete = s.next.every((n) => n >= s.target);
  run.loadAverage1m.push(loadavg()[0] as number);
  save();
  return s;
}

/** bench/results/fuzz-readers.md from the progress files (`--report`). */
function writeReport(outDir: string): void {
  const rows: Progress[] = [];
  for (const t of FUZZ_TARGETS) {
    const file = join(outDir, 'fuzz-readers', `${t.name}.json`);
    if (!existsSync(file)) continue;
    const p = JSON.parse(readFileSync(file, 'utf8')) as Progress;
    if (p.fuzzerVersion === FUZZER_VERSION) rows.push(p);
  }
  const ms = (x: number | null) => (x === null ? '–' : x.toFixed(1));
  const lines = [
    '| reader | inputs | 1M reached | inputs/s | parsed | typed refusals | crashes | hangs | stalls (re-run ≤ 1 s) | slowest wall ms | slowest re-timed ms (CPU ms) | seeds small+whole (reference files) | load 1 min |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (p) =>
        `| ${p.reader} | ${p.inputs} | ${p.inputs >= 1_000_000 ? 'yes' : 'no'} | ${p.inputsPerSecond} | ${p.parsed} | ${p.typed} | ${p.crashes} | ${p.hangs} | ${p.stalls} | ${ms(p.slowestMs)} | ${ms(p.slowestRetimedMs)} (${ms(p.slowestRetimedCpuMs ?? null)}) | ${p.seedPools.small}+${p.seedPools.whole} (${p.seedPools.referenceFiles}) | ${p.runs.flatMap((r) => r.loadAverage1m.map((x) => x.toFixed(1))).join('→')} |`,
    ),
  ];
  const commands = [...new Set(rows.flatMap((p) => p.runs.map((r) => r.command)))];
  writeFileSync(
    join(outDir, 'fuzz-readers-table.md'),
    `${lines.join('\n')}\n\nCommands:\n\n${commands.map((c) => `- \`${c}\``).join('\n')}\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--report')) {
    writeReport(resolve(option('out', join(import.meta.dirname, 'results'))));
    return;
  }
  const reader = option('reader', 'all');
  const inputs = Number(option('inputs', '2000'));
  const maxSeconds = Number(option('max-seconds', 'Infinity'));
  const until = Date.parse(option('until', '')) || Number.POSITIVE_INFINITY;
  const workers = Math.max(1, Number(option('workers', '1')));
  const seed = Number(option('seed', '20261205')) >>> 0;
  const fresh = process.argv.includes('--fresh');
  const outDir = resolve(option('out', join(import.meta.dirname, 'results')));
  const referenceRoot =
    process.env.EVLAB_REFERENCE_DIR ?? resolve(import.meta.dirname, '..', '..', 'shared', 'reference');
  const targets =
    reader === 'all'
      ? FUZZ_TARGETS
      : reader
          .split(',')
          .map((name) => FUZZ_TARGETS.find((t) => t.name === name))
          .filter((t): t is FuzzTarget => t !== undefined);
  if (targets.length === 0) {
    console.error(`unknown reader ${reader}; known: ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
    process.exit(2);
  }
  process.on('SIGINT', requestStop);
  process.on('SIGTERM', requestStop);
  let findings = 0;
  for (const target of targets) {
    if (Date.now() > until || stopping) break;
    const deadline = Math.min(until, Date.now() + maxSeconds * 1000);
    const s = await fuzzTarget(target, inputs, workers, seed, referenceRoot, outDir, deadline, fresh);
    findings += s.crashes + s.hangs;
    console.log(
      `${s.reader}: ${s.inputs}/${s.target} inputs (${s.complete ? 'complete' : 'partial'}) from ${s.seedPools.small}+${s.seedPools.whole} seeds ` +
        `(${s.seedPools.referenceFiles} reference files) in ${s.seconds.toFixed(0)} s (${s.inputsPerSecond}/s, ${workers} worker(s)): ` +
        `${s.parsed} parsed, ${s.typed} typed refusals (${s.typedWithoutFile} without a file name), ${s.crashes} crashes, ` +
        `${s.hangs} hangs (${s.distinctFindings.length} distinct; ${s.stalls} stalls not confirmed on re-run), ` +
        `slowest ${s.slowestMs.toFixed(1)} ms wall, ${s.slowestRetimedMs?.toFixed(1) ?? '-'} ms re-timed`,
    );
  }
  process.exitCode = findings > 0 ? 1 : 0;
}

if (isMainThread && process.argv[1]?.includes('fuzz-readers.bench')) await main();
else if (!isMainThread && (workerData as WorkerJob | undefined)?.shared) runWorker(workerData as WorkerJob);
