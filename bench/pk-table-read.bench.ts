/**
 * PK concentration–time table reading, side by side (issue 9 item 18: "the PK table reader is 2× slower
 * than R's read.csv; make it at least as fast"). One generated CSV (subject, time, concentration, dose;
 * 5,000 subjects × 20 samples = 100,000 rows, ~2.4 MB, a few "BLQ" cells), read into typed columns by:
 *
 * - evlab: readConcentrationProfiles (src/formats/pk-csv/read-concentration-table.ts; one pass, what
 *   `evlab nca` and POST /api/pk/nca use): split, checked numbers, BLQ/missing tokens, one profile per
 *   subject; and the two-step readDelimitedTable + profilesFromTable (a table of rows kept, what the web
 *   panel needs for its column pickers and what the CLI and API used before);
 * - csv-parse (sync, the Node peer) + Number() on the three numeric columns;
 * - Python's csv module + float() (bench/python/pk_table_read.py), timed inside Python (no start-up);
 * - R's read.csv when Rscript is on the PATH (it was not on the machine these figures come from).
 *
 * Rounds are interleaved (evlab, csv-parse, then each peer in its own process), so load on a shared machine
 * falls on all alike; medians of wall and CPU time (process.cpuUsage / time.process_time, GC threads
 * included) and CPU ratios to evlab are printed. On a loaded machine wall time mostly measures waiting for
 * a core: compare CPU.
 *
 * With `--baseline DIR` (another evlab checkout, e.g. main), that checkout's readDelimitedTable +
 * profilesFromTable is measured in the same rounds: the reader as it was before.
 *
 * Run: node bin/run-ts.mjs bench/pk-table-read.bench.ts [rounds, default 7] [--rows N] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  profilesFromTable,
  readConcentrationProfiles,
  readDelimitedTable,
} from '../src/formats/pk-csv/read-concentration-table.ts';
import { mulberry32 } from '../src/science/nta/synthetic-nta-sample.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const rowsAt = argv.indexOf('--rows');
const targetRows = rowsAt >= 0 ? Math.max(1000, Number(argv[rowsAt + 1]) || 100_000) : 100_000;
if (rowsAt >= 0) argv.splice(rowsAt, 2);
const baselineAt = argv.indexOf('--baseline');
const baselineDir = baselineAt >= 0 ? argv[baselineAt + 1] : undefined;
if (baselineAt >= 0) argv.splice(baselineAt, 2);
const rounds = Math.min(30, Math.max(3, Number(argv[0] ?? 7) || 7));

// ---- the table: a one-compartment oral model (Bateman function) with ±10 % deterministic noise ----
const TIMES = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 36, 48, 72];
const subjects = Math.ceil(targetRows / TIMES.length);
const random = mulberry32(7);
const lines = ['Subject,Time (h),Concentration (ng/mL),Dose (mg)'];
for (let s = 1; s <= subjects; s++) {
  const ka = 1 + random() * 2;
  const k = 0.05 + random() * 0.15;
  const scale = 10 + random() * 5;
  const dose = 100 + 50 * (s % 3);
  for (const t of TIMES) {
    const c = t === 0 ? 0 : scale * (ka / (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t));
    const noisy = c * (0.9 + 0.2 * random());
    lines.push(`S${s},${t},${noisy < 0.05 ? 'BLQ' : noisy.toFixed(4)},${dose}`);
  }
}
const text = `${lines.join('\n')}\n`;
const dir = mkdtempSync(join(tmpdir(), 'evlab-bench-pk-'));
const csvPath = join(dir, 'pk-table.csv');
writeFileSync(csvPath, text);
const rowCount = lines.length - 1;

// ---- readers ----
const COLUMNS = { id: 'Subject', time: 'Time (h)', conc: 'Concentration (ng/mL)', dose: 'Dose (mg)' };
function evlab(): number {
  const profiles = readConcentrationProfiles(text, COLUMNS, 'pk-table.csv');
  return profiles.reduce((n, p) => n + p.profile.time.length, 0);
}

function evlabTwoStep(): number {
  const profiles = profilesFromTable(readDelimitedTable(text, 'pk-table.csv'), COLUMNS, 'pk-table.csv');
  return profiles.reduce((n, p) => n + p.profile.time.length, 0);
}

type TwoStep = {
  readDelimitedTable: typeof readDelimitedTable;
  profilesFromTable: typeof profilesFromTable;
};
const baseline: TwoStep | null = baselineDir
  ? ((await import(join(baselineDir, 'src', 'formats', 'pk-csv', 'read-concentration-table.ts'))) as TwoStep)
  : null;
function evlabBaseline(): number {
  if (!baseline) return 0;
  const table = baseline.readDelimitedTable(text, 'pk-table.csv');
  const profiles = baseline.profilesFromTable(table, COLUMNS, 'pk-table.csv');
  return profiles.reduce((n, p) => n + p.profile.time.length, 0);
}

function csvParse(): number {
  const records = parse(text, { from_line: 2 }) as string[][];
  const time = new Float64Array(records.length);
  const conc = new Float64Array(records.length);
  const dose = new Float64Array(records.length);
  records.forEach((r, i) => {
    time[i] = Number(r[1]);
    conc[i] = r[2] === 'BLQ' ? 0 : Number(r[2]);
    dose[i] = Number(r[3]);
  });
  return records.length;
}

interface Timing {
  wallMs: number;
  cpuMs: number | null;
}

function peer(command: string, args: string[]): Timing | null {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  const wall = /(?:^| )ms=([\d.]+)/.exec(r.stdout);
  const cpu = /cpu_ms=([\d.]+)/.exec(r.stdout);
  return wall ? { wallMs: Number(wall[1]), cpuMs: cpu ? Number(cpu[1]) : null } : null;
}

const pythonExe = (() => {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
})();
const rscript = spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0 ? 'Rscript' : null;
const R_READ = `t <- Sys.time(); p <- proc.time(); d <- read.csv("${csvPath}", na.strings = c("BLQ")); q <- proc.time() - p; cat(sprintf("ms=%.3f cpu_ms=%.3f rows=%d\\n", as.numeric(difftime(Sys.time(), t, units = "secs")) * 1000, (q[[1]] + q[[2]]) * 1000, nrow(d)))`;

const samples = new Map<string, Timing[]>();
const add = (name: string, t: Timing | null) => {
  if (t !== null) (samples.get(name) ?? samples.set(name, []).get(name) ?? []).push(t);
};
const timed = (fn: () => number): Timing => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
};

// Sanity: every reader sees every row.
if (evlab() !== rowCount || evlabTwoStep() !== rowCount) throw new Error('evlab row count differs');
if (csvParse() !== rowCount) throw new Error('csv-parse row count differs');

try {
  // Warm-up (JIT) for the in-process readers, as the peers' interpreters need none.
  for (let i = 0; i < 3; i++) {
    evlab();
    evlabTwoStep();
    evlabBaseline();
    csvParse();
  }
  for (let r = 0; r < rounds; r++) {
    add('evlab readConcentrationProfiles (one pass)', timed(evlab));
    add('evlab readDelimitedTable + profilesFromTable', timed(evlabTwoStep));
    if (baseline) add('baseline readDelimitedTable + profilesFromTable', timed(evlabBaseline));
    add('csv-parse (sync) + Number()', timed(csvParse));
    if (pythonExe)
      add(
        'Python csv module + float() (in-process time)',
        peer(pythonExe, [join(root, 'bench', 'python', 'pk_table_read.py'), csvPath]),
      );
    if (rscript) add('R read.csv (in-process time)', peer(rscript, ['-e', R_READ]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
console.log(
  `${rowCount} rows (${(text.length / 1e6).toFixed(1)} MB), ${rounds} rounds interleaved; median per read`,
);
const cpuOf = (xs: Timing[]) => median(xs.map((x) => x.cpuMs ?? Number.NaN));
const base = cpuOf(samples.get('evlab readConcentrationProfiles (one pass)') ?? []);
for (const [name, xs] of samples) {
  const cpu = cpuOf(xs);
  console.log(
    `  ${name.padEnd(50)} wall ${median(xs.map((x) => x.wallMs))
      .toFixed(1)
      .padStart(8)} ms  CPU ${cpu.toFixed(1).padStart(7)} ms  (${(cpu / base).toFixed(2)}× evlab CPU)`,
  );
}
if (!pythonExe) console.log('  (python3 is not on the PATH: Python not measured)');
if (!rscript) console.log('  (Rscript is not on the PATH: R read.csv not measured)');
