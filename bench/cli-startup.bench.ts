/**
 * CLI start-up, as a whole process, side by side with `node -e 0` (issue 9 item 17): `evlab --help` and
 * `evlab nta` on the nine reference NanoSight exports (../shared/reference/nanosight/20210401/*.csv),
 * from the compiled build (dist/, `npm run build`) and from the TypeScript sources through tsx
 * (EVLAB_FROM_SOURCE=1, what every run did before). Each command is spawned a bounded number of times,
 * hyperfine-style, interleaved; the median wall time and the median CPU time (user + system of the child,
 * from /proc/self/stat cutime/cstime, Linux) are printed with their ratio to `node -e 0`. On a shared,
 * loaded machine the CPU ratio is the fairer one. Targets: --help ≤ 3×, nta ≤ 5× `node -e 0`.
 *
 * Peers, same files, same interleaving: a Python reader (bench/python/nta_summary.py, csv module; the issue
 * quotes ~10× `node -e 0`) when python3 is on the PATH, and — with `--baseline DIR` — another evlab
 * checkout's compiled CLI (e.g. main, built with `node scripts/build-cli.mjs` in DIR), so a change is
 * measured side by side with what it replaces.
 *
 * Run: node bin/run-ts.mjs bench/cli-startup.bench.ts [runs] [--baseline DIR]   (build first: npm run build)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const baselineAt = argv.indexOf('--baseline');
const baselineDir = baselineAt >= 0 ? argv[baselineAt + 1] : undefined;
if (baselineAt >= 0) argv.splice(baselineAt, 2);
const runs = Math.min(30, Math.max(3, Number(argv[0] ?? 7) || 7));
const referenceDir = join(root, '..', 'shared', 'reference', 'nanosight', '20210401');
const bin = join(root, 'bin', 'evlab.mjs');

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.log('dist/ is missing: run `npm run build` (or `node scripts/build-cli.mjs`) first.');
  process.exit(1);
}

/** CPU seconds used by waited-for children so far (Linux /proc; null elsewhere). */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state); cutime and cstime are fields 16 and 17.
    const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** The program to spawn; default this node. */
  command?: string;
}

/** The Python interpreter itself (sys.executable), not a version-manager shim that would add its own start-up. */
const python = (() => {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
})();

const ntaFiles = existsSync(referenceDir)
  ? readdirSync(referenceDir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => join(referenceDir, f))
  : [];
const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'evlab --help (dist)', args: [bin, '--help'] },
  { name: 'evlab --help (tsx, before)', args: [bin, '--help'], env: { EVLAB_FROM_SOURCE: '1' } },
];
if (ntaFiles.length > 0) {
  cases.push(
    { name: `evlab nta ${ntaFiles.length} files (dist)`, args: [bin, 'nta', ...ntaFiles] },
    {
      name: `evlab nta ${ntaFiles.length} files (tsx, before)`,
      args: [bin, 'nta', ...ntaFiles],
      env: { EVLAB_FROM_SOURCE: '1' },
    },
  );
  if (python) {
    cases.push({ name: 'python3 -c 0', command: python, args: ['-c', '0'] });
    cases.push({
      name: `python3 csv reader ${ntaFiles.length} files`,
      command: python,
      args: [join(root, 'bench', 'python', 'nta_summary.py'), ...ntaFiles],
    });
  } else console.log('(python3 is not on the PATH: the Python reader is not measured)');
  if (baselineDir) {
    const baselineBin = join(baselineDir, 'bin', 'evlab.mjs');
    if (!existsSync(join(baselineDir, 'dist', 'cli', 'main.js')))
      throw new Error(`${baselineDir}/dist is missing: run node scripts/build-cli.mjs there first`);
    cases.push(
      { name: 'evlab --help (baseline dist)', args: [baselineBin, '--help'] },
      { name: `evlab nta ${ntaFiles.length} files (baseline dist)`, args: [baselineBin, 'nta', ...ntaFiles] },
    );
  }
} else {
  console.log(`(no reference exports in ${referenceDir}: nta not measured)`);
}

const wall = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    const cpuBefore = childrenCpuSeconds();
    const start = performance.now();
    const result = spawnSync(c.command ?? process.execPath, c.args, {
      cwd: root,
      env: { ...process.env, ...c.env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const ms = performance.now() - start;
    const cpuAfter = childrenCpuSeconds();
    if (result.status !== 0) throw new Error(`${c.name} exited with ${result.status}`);
    (wall.get(c.name) ?? wall.set(c.name, []).get(c.name) ?? []).push(ms);
    if (cpuBefore !== null && cpuAfter !== null)
      (cpu.get(c.name) ?? cpu.set(c.name, []).get(c.name) ?? []).push((cpuAfter - cpuBefore) * 1000);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const baseWall = median(wall.get('node -e 0') ?? [1]);
const baseCpu = median(cpu.get('node -e 0') ?? [1]);
console.log(
  `${runs} runs each, interleaved; median wall and median CPU (user + system); ratios to node -e 0`,
);
for (const c of cases) {
  const w = median(wall.get(c.name) ?? []);
  const cpuRuns = cpu.get(c.name);
  const cpuText = cpuRuns
    ? `  CPU ${median(cpuRuns).toFixed(0).padStart(5)} ms (${(median(cpuRuns) / baseCpu).toFixed(1)}×)`
    : '';
  console.log(
    `${c.name.padEnd(38)} wall ${w.toFixed(0).padStart(5)} ms (${(w / baseWall).toFixed(1)}×)${cpuText}`,
  );
}
