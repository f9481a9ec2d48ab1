/**
 * Benchmark: FCS decoding throughput on every FCS file under ../shared/reference/fcs/ (plus four synthetic
 * 1,000,000-event files: float32 LE, int16 BE, and variable_int_example.fcs's mixed 16/32-bit layout in both
 * byte orders) against
 *  (a) a plain memory copy of the DATA segment (`Uint8Array.prototype.set`, i.e. memcpy, into a block
 *      allocated as evlab's decode allocates its own: uninitialised under Node) — target: evlab's DATA
 *      decode within 2× of it;
 *  (b) a NumPy-based reader doing what fcsparser does (eyurtsev/fcsparser `read_data`: one dtype for the
 *      block, `reshape(n, p)`, `byteswap()` when the order is not native, `data &= 2**ceil(log2(PnR)) - 1`
 *      for integers; for mixed widths a structured (record) dtype, `byteswap()` of the whole record array,
 *      then `data[name] = data[name] & bitmask` for each field whose $PnR needs fewer bits than $PnB),
 *      given the same bytes in memory: its
 *      `np.fromfile` becomes `np.frombuffer(...).copy()`, so like fcsparser it returns an array of its own
 *      — target: evlab at least 2× faster. Its "file" variant also parses HEADER and TEXT in Python (split
 *      on the delimiter, doubled delimiters kept), as fcsparser does.
 *  (c) the decode after the read, on both sides. fcsparser reads DATA with `np.fromfile` into an array of its
 *      own, then byte-swaps it into a second, new array (`byteswap()`) and masks: `numpyPostMs` times those
 *      steps on the array the read gave. evlab in place (`readFcs(bytes, name, { inPlace: true })`, what the
 *      CLI, the API and the jobs use: they read a file into a buffer of their own only to parse it) decodes
 *      over the buffer the read gave: `inPlaceMs` times that, on a block holding a copy of DATA (made once;
 *      the kernel's work does not depend on the values, so decoding the same block again costs the same).
 *      Neither side's read is timed here: both are one copy of the file into fresh memory.
 *  Memory: every method keeps its last four results alive (a ring), as a caller keeps what it read, and both
 *  processes run with glibc told to keep freed memory (GLIBC_TUNABLES below; the bench re-runs itself with
 *  them, `--glibc-defaults` turns that off). On this VM (Firecracker with free-page reporting) memory that
 *  glibc hands back to the kernel costs about 10 µs per 4 KiB page to fault in again: with defaults the
 *  NumPy loop, which frees its arrays at once, measured 21–23 ms per call on 100715.fcs instead of
 *  0.5–0.6 ms, and a 16 MB memcpy 39 ms instead of 0.9 ms (2026-12-06). That is the machine's memory
 *  reclaim, not either reader, so it is kept out of both sides.
 *  evlab returns a zero-copy view where the bytes allow it (native order, aligned, within the masks; mixed-width
 *  records in native order always, as their masks apply when values are read: bench/fcs-record-columns.bench.ts
 *  measures that side), else the WebAssembly SIMD kernel (swap + masks in one pass,
 *  src/formats/fcs/fcs-simd-kernel.ts); the `evlabPath` column says which path each file took. `portableMs`
 *  is the pure-JS fallback (no WebAssembly, no Node Buffer), for comparison.
 *
 *   node bin/run-ts.mjs bench/fcs-read.bench.ts [--rounds=15] [--sample-ms=4] [--stat=median|min] [--only=NAME] [--json]
 *
 * `--glibc-defaults` measures with the allocator's defaults (memory handed back to the kernel when freed).
 *
 * The machine is shared: the measurements are interleaved (each round times every file with every method,
 * in rotating order) and the report gives medians over the rounds. One sample = as many repetitions as take
 * about --sample-ms, divided by the count. NumPy runs in one persistent python3 process; its times are taken
 * inside Python (perf_counter around the repetitions), so no IPC is counted.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeFcsData, type FcsDecodePath, fcsIntegerMasks } from '../src/formats/fcs/decode-fcs-data.ts';
import { readFcs } from '../src/formats/fcs/read-fcs.ts';
import { uninitialisedBlock } from '../src/formats/fcs/uninitialised-block.ts';
import { writeFcs } from '../src/formats/fcs/write-fcs.ts';

// Re-run under glibc tunables that keep freed memory in the process (see the header comment); the NumPy
// child inherits them.
const KEEP_FREED_MEMORY = 'glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=4294967295';
if (!process.argv.includes('--glibc-defaults') && process.env.GLIBC_TUNABLES !== KEEP_FREED_MEMORY) {
  const { spawnSync } = await import('node:child_process');
  const runTs = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run-ts.mjs');
  const child = spawnSync(
    process.execPath,
    [runTs, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, GLIBC_TUNABLES: KEEP_FREED_MEMORY },
    },
  );
  process.exit(child.status ?? 1);
}

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const rounds = Number(args.get('rounds') ?? 15);
const sampleMs = Number(args.get('sample-ms') ?? 4);
// --stat=min reports the fastest round instead of the median: on a machine shared with other jobs the
// minimum is the better estimate of the code's own cost (contention only ever adds time).
const stat = args.get('stat') === 'min' ? 'min' : 'median';
const asJson = args.has('json');
/** --only=TEXT keeps the files whose name contains TEXT (e.g. --only=100715). */
const only = args.get('only');
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const refRoot = join(
  process.env.EVLAB_REFERENCE_DIR ?? resolve(repoRoot, '..', 'shared', 'reference'),
  'fcs',
);

function fcsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...fcsFilesUnder(path));
    else if (/\.(fcs|lmd)$/i.test(name)) out.push(path);
  }
  return out;
}

function synthetic(): { name: string; bytes: Uint8Array; path: null }[] {
  const n = 1_000_000;
  const p = 8;
  let seed = 1;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const cols = Array.from({ length: p }, () => new Float32Array(n).map(() => Math.floor(rnd() * 1024)));
  const f32 = writeFcs({
    parameters: cols.map((_, i) => ({ name: `P${i + 1}`, range: 1024 })),
    columns: cols,
  });
  // Same events as big-endian uint16 ($DATATYPE I, $PnR 1024): an FCS 2.0 CellQuest-style layout.
  const data = new Uint8Array(n * p * 2);
  for (let e = 0, k = 0; e < n; e++) {
    for (let i = 0; i < p; i++, k += 2) {
      const v = (cols[i] as Float32Array)[e] as number;
      data[k] = v >> 8;
      data[k + 1] = v & 0xff;
    }
  }
  const kws = ['$BYTEORD', '4,3,2,1', '$DATATYPE', 'I', '$MODE', 'L', '$PAR', String(p), '$TOT', String(n)];
  for (let i = 1; i <= p; i++)
    kws.push(`$P${i}N`, `P${i}`, `$P${i}B`, '16', `$P${i}R`, '1024', `$P${i}E`, '0,0');
  const text = new TextEncoder().encode(`/${kws.join('/')}/`);
  const begin = 58 + text.length;
  const f = (x: number) => String(x).padStart(8, ' ');
  const header = new TextEncoder().encode(
    `FCS2.0    ${f(58)}${f(begin - 1)}${f(begin)}${f(begin + data.length - 1)}${f(0)}${f(0)}`,
  );
  const i16 = new Uint8Array(begin + data.length);
  i16.set(header);
  i16.set(text, 58);
  i16.set(data, begin);
  return [
    { name: 'synthetic-1M-float32-LE.fcs', bytes: f32, path: null },
    { name: 'synthetic-1M-int16-BE.fcs', bytes: i16, path: null },
    { name: 'synthetic-1M-mixed-int-LE.fcs', bytes: mixedWidthFile(n, rnd, true), path: null },
    { name: 'synthetic-1M-mixed-int-BE.fcs', bytes: mixedWidthFile(n, rnd, false), path: null },
  ];
}

/**
 * flowio/variable_int_example.fcs's layout at 1,000,000 events: 25 16-bit parameters ($PnR 65536) and a
 * 32-bit time counter ($PnR 11209599, so masked to 24 bits), 54 bytes per event, in either byte order — the
 * mixed-width path's throughput, which the 2-event reference file cannot show.
 */
function mixedWidthFile(n: number, rnd: () => number, little: boolean): Uint8Array {
  const p = 26;
  const bpe = 25 * 2 + 4;
  const data = new Uint8Array(n * bpe);
  const view = new DataView(data.buffer);
  for (let e = 0; e < n; e++) {
    for (let i = 0; i < 25; i++) view.setUint16(e * bpe + 2 * i, Math.floor(rnd() * 65536), little);
    view.setUint32(e * bpe + 50, Math.floor(rnd() * 2 ** 32), little);
  }
  const order = little ? '1,2,3,4' : '4,3,2,1';
  const kws = ['$BYTEORD', order, '$DATATYPE', 'I', '$MODE', 'L', '$PAR', String(p), '$TOT', String(n)];
  for (let i = 1; i <= p; i++) {
    const last = i === p;
    kws.push(`$P${i}N`, `P${i}`, `$P${i}B`, last ? '32' : '16', `$P${i}R`, last ? '11209599' : '65536');
    kws.push(`$P${i}E`, '0,0');
  }
  const text = new TextEncoder().encode(`/${kws.join('/')}/`);
  const begin = 58 + text.length;
  const f = (x: number) => String(x).padStart(8, ' ');
  const header = new TextEncoder().encode(
    `FCS3.0    ${f(58)}${f(begin - 1)}${f(begin)}${f(begin + data.length - 1)}${f(0)}${f(0)}`,
  );
  const out = new Uint8Array(begin + data.length);
  out.set(header);
  out.set(text, 58);
  out.set(data, begin);
  return out;
}

// ---------- the NumPy reader (one persistent process, JSON lines in and out) ----------
const numpyServer = `
import sys, json, time, math, collections
import numpy as np
NATIVE = '<' if sys.byteorder == 'little' else '>'
files = {}
kept = collections.deque(maxlen=4)  # the last results stay alive (see the bench's header comment)

def parse_text(raw):
    # HEADER offsets, then TEXT split on its delimiter with doubled delimiters kept (as fcsparser does).
    t0, t1 = int(raw[10:18]), int(raw[18:26])
    d0, d1 = int(raw[26:34] or 0), int(raw[34:42] or 0)
    text = raw[t0:t1 + 1].decode('latin-1')
    delim = text[0]
    body = text[1:-1] if text[-1] == delim else text[1:]
    parts = [x.split(delim) for x in body.split(delim * 2)]
    flat = parts[0]
    for more in parts[1:]:
        flat[-1] += delim + more[0]
        flat.extend(more[1:])
    kw = {k.upper(): v for k, v in zip(flat[0::2], flat[1::2])}
    if 'BEGINDATA' in ''.join(kw.keys()) and raw[0:6] != b'FCS2.0':
        b = int(kw.get('$BEGINDATA', d0) or d0); e = int(kw.get('$ENDDATA', d1) or d1)
        if b: d0, d1 = b, e
    return kw, d0, d1

def layout(kw):
    p = int(kw['$PAR']); n = int(kw['$TOT'])
    endian = '<' if kw['$BYTEORD'].strip().startswith('1') else '>'
    kind = {'F': 'f', 'D': 'f', 'I': 'u'}[kw['$DATATYPE'].strip().upper()]
    sizes = [int(kw['$P%dB' % i]) // 8 for i in range(1, p + 1)]
    masks = None
    if kind == 'u':
        masks = [(2 ** math.ceil(math.log2(float(kw['$P%dR' % i])))) - 1 for i in range(1, p + 1)]
        masks = [m if m < 2 ** (8 * s) - 1 else 2 ** (8 * s) - 1 for m, s in zip(masks, sizes)]
    return p, n, endian, kind, sizes, masks

def read(raw, begin, p, n, endian, kind, sizes, masks):
    # fcsparser's np.fromfile(fh, ...), as np.frombuffer(...).copy() on the bytes in memory.
    if len(set(sizes)) == 1:
        dt = np.dtype('%s%s%d' % (endian, kind, sizes[0]))
        return np.frombuffer(raw, dtype=dt, count=n * p, offset=begin).copy()
    dt = np.dtype(','.join('%s%s%d' % (endian, kind, s) for s in sizes))
    return np.frombuffer(raw, dtype=dt, count=n, offset=begin).copy()

def post(data, p, n, endian, kind, sizes, masks):
    # The rest of fcsparser's read_data: reshape, byteswap() into a new array when the order is not native,
    # then the $PnR masks.
    if len(set(sizes)) == 1:
        dt = data.dtype
        data = data.reshape(n, p)
        if endian != NATIVE:
            data = data.byteswap().view(dt.newbyteorder('='))
        if masks is not None:
            data &= np.array(masks, dtype=data.dtype)
        return data
    # Mixed widths: fcsparser keeps the structured (record) array, byte-swaps it as a whole, then masks each
    # field whose $PnR needs fewer bits than $PnB (data[name] = data[name] & bitmask).
    if endian != NATIVE:
        data = data.byteswap().view(data.dtype.newbyteorder())
    if masks is not None:
        for i, name in enumerate(data.dtype.names):
            if masks[i] == 2 ** (8 * sizes[i]) - 1:
                continue
            data[name] = data[name] & np.array([masks[i]], dtype=data[name].dtype)
    return data

def decode(raw, begin, *lay):
    return post(read(raw, begin, *lay), *lay)

owned = {}

for line in sys.stdin:
    cmd = json.loads(line)
    if cmd['op'] == 'load':
        with open(cmd['path'], 'rb') as fh:
            files[cmd['id']] = fh.read()
        print('null', flush=True); continue
    raw = files[cmd['id']]; reps = cmd['reps']
    if cmd['op'] == 'data':
        kw, d0, d1 = parse_text(raw)
        lay = layout(kw)
        kept.append(decode(raw, d0, *lay))  # one untimed call, as on the JS side
        t0 = time.perf_counter()
        for _ in range(reps): kept.append(decode(raw, d0, *lay))
    elif cmd['op'] == 'post':
        # The decode after the read: on the array fromfile gave (made once per file, as the read is not timed).
        kw, d0, d1 = parse_text(raw)
        lay = layout(kw)
        if cmd['id'] not in owned: owned[cmd['id']] = read(raw, d0, *lay)
        arr = owned[cmd['id']]
        kept.append(post(arr, *lay))
        t0 = time.perf_counter()
        for _ in range(reps): kept.append(post(arr, *lay))
    else:
        kw, d0, d1 = parse_text(raw)
        kept.append(decode(raw, d0, *layout(kw)))
        t0 = time.perf_counter()
        for _ in range(reps):
            kw, d0, d1 = parse_text(raw)
            kept.append(decode(raw, d0, *layout(kw)))
    print(json.dumps((time.perf_counter() - t0) * 1000 / reps), flush=True)
`;

class NumpyReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  constructor() {
    this.child = spawn('python3', ['-c', numpyServer]);
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async send(cmd: object): Promise<unknown> {
    this.child.stdin.write(`${JSON.stringify(cmd)}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error('python3 (NumPy reader) ended');
    return JSON.parse(next.value);
  }
  close(): void {
    this.child.stdin.end();
  }
}

let hasNumpy = false;
try {
  execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  hasNumpy = true;
} catch {
  hasNumpy = false;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Repetitions that make one sample last about `sampleMs`. */
function repsFor(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  let reps = 1;
  while (true) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const ms = performance.now() - t0;
    if (ms >= sampleMs / 4 || reps >= 1 << 16)
      return Math.max(1, Math.ceil((reps * sampleMs) / Math.max(ms, 1e-3)));
    reps *= 4;
  }
}

// A full collection on demand: V8's gc(), exposed at run time (the flag, then a fresh context that sees it).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * One sample: a full collection first (so a method is not charged for the garbage the previous method left;
 * what it allocates during its own sample it still pays for), one untimed call (as the NumPy side does), then
 * `reps` timed calls.
 */
function sample(fn: () => void, reps: number): number {
  collectGarbage();
  fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

interface Case {
  name: string;
  bytes: Uint8Array;
  path: string | null;
  memcpy: () => void;
  data: () => void;
  /** Copy of DATA into a fresh block of the reader's own, then the in-place decode over it. */
  inPlace: () => void;
  /** The pure-JS fallback (no WebAssembly kernel, no Node Buffer): what runs where WebAssembly is absent. */
  portable: () => void;
  file: () => void;
  reps: number;
  numpyReps: number;
  times: Record<
    'memcpy' | 'data' | 'inPlace' | 'portable' | 'file' | 'numpyData' | 'numpyPost' | 'numpyFile',
    number[]
  >;
  info: {
    events: number;
    parameters: number;
    layout: string;
    dataBytes: number;
    path: FcsDecodePath | undefined;
    inPlacePath: FcsDecodePath | undefined;
    masked: boolean;
  };
}

/** The last four results of every method stay alive, as a caller keeps what it read (header comment). */
const kept: unknown[] = [null, null, null, null];
let keptAt = 0;
function keep(x: unknown): void {
  kept[keptAt++ & 3] = x;
}

async function main(): Promise<void> {
  const inputs = [
    ...fcsFilesUnder(refRoot).map((path) => ({
      name: relative(refRoot, path),
      bytes: new Uint8Array(readFileSync(path)),
      path,
    })),
    ...synthetic(),
  ].filter((input) => only === undefined || input.name.includes(only));
  const numpy = hasNumpy ? new NumpyReader() : null;
  const cases: Case[] = [];
  for (const [id, input] of inputs.entries()) {
    const { name, bytes } = input;
    const d = readFcs(bytes, name).datasets[0];
    if (!d) continue;
    const { begin, end } = d.dataSegment;
    const size = end - begin + 1;
    const trace: { path?: FcsDecodePath } = {};
    decodeFcsData(bytes, begin, d.eventCount, d.parameters, d.dataType, d.byteOrder, trace);
    // The copy gets the same allocation as evlab's decode (an uninitialised block under Node, like NumPy's
    // np.empty): a zero-filled `new Uint8Array(size)` would add a fill pass to the baseline and flatter evlab.
    const memcpy = () => {
      const block = uninitialisedBlock(size);
      block.set(bytes.subarray(begin, end + 1));
      keep(block);
    };
    const data = () => {
      keep(decodeFcsData(bytes, begin, d.eventCount, d.parameters, d.dataType, d.byteOrder));
    };
    const inPlaceTrace: { path?: FcsDecodePath } = {};
    const owned = uninitialisedBlock(size);
    owned.set(bytes.subarray(begin, end + 1));
    const inPlace = (trace?: { path?: FcsDecodePath }) => {
      keep(
        decodeFcsData(owned, 0, d.eventCount, d.parameters, d.dataType, d.byteOrder, trace, {
          inPlace: true,
        }),
      );
    };
    inPlace(inPlaceTrace);
    const file = () => {
      keep(readFcs(bytes, name));
    };
    const portable = () => {
      const g = globalThis as { Buffer?: unknown };
      const saved = g.Buffer;
      g.Buffer = undefined;
      try {
        keep(
          decodeFcsData(bytes, begin, d.eventCount, d.parameters, d.dataType, d.byteOrder, undefined, {
            kernel: 'js',
          }),
        );
      } finally {
        g.Buffer = saved;
      }
    };
    let path = input.path;
    if (numpy && !path) {
      // Synthetic files: hand the bytes to Python through a temporary file.
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      path = join(mkdtempSync(join(tmpdir(), 'evlab-fcs-bench-')), name);
      writeFileSync(path, bytes);
    }
    if (numpy) await numpy.send({ op: 'load', id, path });
    const reps = repsFor(data);
    let numpyReps = 1;
    if (numpy) {
      const one = Number(await numpy.send({ op: 'data', id, reps: 3 }));
      numpyReps = Math.max(1, Math.ceil(sampleMs / Math.max(one, 1e-3)));
    }
    cases.push({
      name,
      bytes,
      path,
      memcpy,
      data,
      inPlace: () => inPlace(),
      portable,
      file,
      reps,
      numpyReps,
      times: {
        memcpy: [],
        data: [],
        inPlace: [],
        portable: [],
        file: [],
        numpyData: [],
        numpyPost: [],
        numpyFile: [],
      },
      info: {
        events: d.eventCount,
        parameters: d.parameters.length,
        layout: `${d.dataType}${[...new Set(d.parameters.map((q) => q.bits))].join('/')} ${d.byteOrder === 'little-endian' ? 'LE' : 'BE'}`,
        dataBytes: size,
        path: trace.path,
        inPlacePath: inPlaceTrace.path,
        masked: fcsIntegerMasks(d.parameters, d.dataType).some((m) => m !== 0),
      },
    });
    (cases[cases.length - 1] as Case & { id: number }).id = id;
  }

  const methods = [
    'memcpy',
    'data',
    'inPlace',
    'portable',
    'file',
    'numpyData',
    'numpyPost',
    'numpyFile',
  ] as const;
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const id = (c as Case & { id: number }).id;
      for (let k = 0; k < methods.length; k++) {
        const m = methods[(k + r) % methods.length] as (typeof methods)[number];
        if (m === 'memcpy') c.times.memcpy.push(sample(c.memcpy, c.reps));
        else if (m === 'data') c.times.data.push(sample(c.data, c.reps));
        else if (m === 'inPlace') c.times.inPlace.push(sample(c.inPlace, c.reps));
        else if (m === 'portable') c.times.portable.push(sample(c.portable, c.reps));
        else if (m === 'file') c.times.file.push(sample(c.file, c.reps));
        else if (numpy) {
          const op = m === 'numpyData' ? 'data' : m === 'numpyPost' ? 'post' : 'file';
          c.times[m].push(Number(await numpy.send({ op, id, reps: c.numpyReps })));
        }
      }
    }
  }
  numpy?.close();

  const rows = cases.map((c) => {
    const med = (m: (typeof methods)[number]) =>
      c.times[m].length ? (stat === 'min' ? Math.min(...c.times[m]) : median(c.times[m])) : null;
    const memcpy = med('memcpy') as number;
    const data = med('data') as number;
    const inPlace = med('inPlace') as number;
    const portable = med('portable') as number;
    const file = med('file') as number;
    const npData = med('numpyData');
    const npFile = med('numpyFile');
    const npPost = med('numpyPost');
    const r3 = (x: number | null) => (x === null ? null : +x.toPrecision(3));
    return {
      file: c.name,
      events: c.info.events,
      par: c.info.parameters,
      layout: c.info.layout + (c.info.masked ? ' masked' : ''),
      MB: +(c.info.dataBytes / 1e6).toFixed(2),
      evlabPath: c.info.path ?? null,
      memcpyMs: r3(memcpy),
      dataMs: r3(data),
      inPlacePath: c.info.inPlacePath ?? null,
      inPlaceMs: r3(inPlace),
      portableMs: r3(portable),
      fileMs: r3(file),
      numpyDataMs: r3(npData),
      numpyFileMs: r3(npFile),
      dataVsMemcpy: r3(data / memcpy),
      portableVsMemcpy: r3(portable / memcpy),
      numpyDataVsEvlab: npData === null ? null : r3(npData / data),
      numpyPostMs: r3(npPost),
      numpyPostVsInPlace: npPost === null ? null : r3(npPost / inPlace),
      numpyFileVsEvlab: npFile === null ? null : r3(npFile / file),
    };
  });
  const summary = {
    rounds,
    sampleMs,
    stat,
    numpy: hasNumpy,
    node: process.version,
    worstDataVsMemcpy: Math.max(...rows.map((r) => r.dataVsMemcpy ?? 0)),
    worstNumpyDataVsEvlab: hasNumpy ? Math.min(...rows.map((r) => r.numpyDataVsEvlab ?? Infinity)) : null,
    worstNumpyPostVsInPlace: hasNumpy ? Math.min(...rows.map((r) => r.numpyPostVsInPlace ?? Infinity)) : null,
    worstNumpyFileVsEvlab: hasNumpy ? Math.min(...rows.map((r) => r.numpyFileVsEvlab ?? Infinity)) : null,
  };
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ summary, rows }, null, 2)}\n`);
  } else {
    console.log(
      `FCS decode, ${stat === 'min' ? 'minima' : 'medians'} of ${rounds} interleaved rounds (${sampleMs} ms samples); NumPy: ${hasNumpy ? 'python3 + numpy' : 'python3 with numpy not found, comparison skipped'}`,
    );
    console.table(rows);
    console.log(summary);
  }
}

await main();
