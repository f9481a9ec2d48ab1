/**
 * The API under load (issue 9 item 19, issue 10 "Load test"): 50 concurrent clients (keep-alive
 * connections), each authenticated with a bearer token, sending a mix of reads and writes to a real
 * listening server (bench/support/load-server.ts in a child process, fresh SQLite data directory with the
 * demo project, the curated evidence, a bench user and a draft batch) for `--duration` seconds:
 *
 *   35 % GET  /api/batches                       (the batch list)
 *   25 % GET  /api/evidence/search?q=<term>      (evidence full-text search, 6 terms in turn)
 *   15 % GET  /api/evidence/trials?q=stroke      (trial search)
 *   15 % PATCH /api/batches/:id  { notes }       (write: one shared draft batch, audited)
 *   10 % POST /api/batches       { code, … }     (write: a new draft batch, audited)
 *
 * `--mix batches|search|trials|patch|post` instead sends only that operation from all clients: the way
 * issue 9 item 19 states its target ("p95 < 50 ms at 50 concurrent clients for the batch list and evidence
 * search", each endpoint on its own), and a way to see what each operation costs the server.
 *
 * The operation sequence is deterministic (mulberry32, seed 1). Requests are counted as errors unless they
 * answer 200/201. Prints, per operation and overall: requests, errors, p50 / p95 / p99 latency in ms.
 * Targets: p95 < 50 ms for the batch list and evidence search (issue 9), p95 < 100 ms overall and zero
 * errors (issue 10). With `--compare-cache` the same load runs first without the SQLite statement cache
 * (EVLAB_SQLITE_STATEMENT_CACHE=0, the "before") and then with it, on fresh data directories.
 *
 * The load generator shares the machine with the server: on a busy machine both wait for cores, and the
 * latencies include that wait. The generator's own CPU per request is printed after each run (about 215 µs
 * with node:http on this machine; an undici Pool measured no cheaper, so the bench keeps node:http).
 *
 * Run: node bin/run-ts.mjs bench/api-load.bench.ts [--duration SECONDS (default 20, at most 900)]
 *      [--clients N (default 50)] [--compare-cache] [--server-cpu-prof DIR]
 *      [--server-workers N (default 1)] [--mix mixed|batches|search|trials|patch|post (default mixed)]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../src/jobs/seed-demo.ts';
import { openWorkbench } from '../src/jobs/workbench.ts';
import { mulberry32 } from '../src/science/nta/synthetic-nta-sample.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seconds = Math.min(900, Math.max(1, Number(option('--duration') ?? 20) || 20));
const CLIENTS = Math.min(500, Math.max(1, Number(option('--clients') ?? 50) || 50));
const compareCache = argv.includes('--compare-cache');
/** `--server-cpu-prof DIR`: the server process writes a V8 CPU profile (.cpuprofile) into DIR. */
const serverCpuProfDir = option('--server-cpu-prof');
/** `--server-workers N`: the server as `evlab serve --workers N` (src/api/start-server-cluster.ts). */
const serverWorkers = Math.min(64, Math.max(1, Number(option('--server-workers') ?? 1) || 1));

/** `--mix`: the operation mix (header comment). */
const mix = option('--mix') ?? 'mixed';
/** Where each single-operation mix puts the draw `u` in opFor's table. */
const SINGLE_OPERATION_U: Record<string, number> = {
  batches: 0,
  search: 0.5,
  trials: 0.7,
  patch: 0.8,
  post: 0.95,
};
if (mix !== 'mixed' && !(mix in SINGLE_OPERATION_U))
  throw new Error(`--mix must be mixed or one of ${Object.keys(SINGLE_OPERATION_U).join(', ')}`);

const SEARCH_TERMS = ['exosomes', 'stroke', 'mesenchymal', 'vesicles', 'neuroprotection', 'umbilical'];

interface Setup {
  dir: string;
  token: string;
  projectId: string;
  draftBatchId: string;
}

/** A fresh data directory: demo project and evidence, an analyst-capable bench user with a token, a draft batch. */
async function prepare(): Promise<Setup> {
  const dir = await mkdtemp(join(tmpdir(), 'evlab-bench-load-'));
  const wb = await openWorkbench({ dataDir: dir });
  try {
    const demo = await seedDemo(wb, { actor: 'bench' });
    const user = await wb.store.accounts.createUser(
      { name: 'bench', displayName: 'Load bench', role: 'admin', password: null },
      'bench',
    );
    const { token } = await wb.store.accounts.createApiToken(
      user.id,
      { name: 'load bench', role: 'admin' },
      'bench',
    );
    const projectId = (demo.batches[0] as { projectId: string }).projectId;
    const draft = await wb.store.createBatch(
      {
        projectId,
        sourceId: null,
        code: 'LOAD-DRAFT',
        conditionedMediumVolumeMl: null,
        isolationProtocol: { version: 1, name: '', steps: [] },
        finalVolumeMl: null,
        buffer: '',
        storageTemperatureC: null,
        harvestDate: null,
        isolationDate: null,
        status: 'draft',
        notes: '',
      },
      'bench',
    );
    return { dir, token, projectId, draftBatchId: draft.id };
  } finally {
    await wb.close();
  }
}

async function startServer(
  dir: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      ...(serverCpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${serverCpuProfDir}`] : []),
      join(root, 'bin', 'run-ts.mjs'),
      join(root, 'bench', 'support', 'load-server.ts'),
      dir,
      String(serverWorkers),
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":\s*(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
  });
  return { child, port };
}

interface Op {
  name: string;
  method: 'GET' | 'PATCH' | 'POST';
  path: string;
  body?: string;
}

function send(agent: Agent, port: number, token: string, op: Op): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'br, gzip',
    };
    if (op.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(op.body));
    }
    const req = request(
      { host: '127.0.0.1', port, path: op.path, method: op.method, agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    if (op.body !== undefined) req.write(op.body);
    req.end();
  });
}

function opFor(u: number, n: number, client: number, setup: Setup): Op {
  if (mix !== 'mixed') u = SINGLE_OPERATION_U[mix] as number;
  if (u < 0.35) return { name: 'GET /api/batches', method: 'GET', path: '/api/batches' };
  if (u < 0.6) {
    const q = SEARCH_TERMS[n % SEARCH_TERMS.length] as string;
    return { name: 'GET /api/evidence/search', method: 'GET', path: `/api/evidence/search?q=${q}` };
  }
  if (u < 0.75)
    return { name: 'GET /api/evidence/trials?q=', method: 'GET', path: '/api/evidence/trials?q=stroke' };
  if (u < 0.9)
    return {
      name: 'PATCH /api/batches/:id',
      method: 'PATCH',
      path: `/api/batches/${setup.draftBatchId}`,
      body: JSON.stringify({ notes: `load bench client ${client} request ${n}` }),
    };
  return {
    name: 'POST /api/batches',
    method: 'POST',
    path: '/api/batches',
    body: JSON.stringify({ projectId: setup.projectId, code: `LOAD-${client}-${n}` }),
  };
}

interface Stats {
  ms: number[];
  errors: number;
  statuses: Map<number, number>;
}

async function load(port: number, setup: Setup): Promise<Map<string, Stats>> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const stats = new Map<string, Stats>();
  // Warm-up: one batch list per client (connections open, statements prepared).
  await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      send(agent, port, setup.token, { name: 'warm-up', method: 'GET', path: '/api/batches' }),
    ),
  );
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const random = mulberry32(1 + client);
      for (let n = 0; performance.now() < end; n++) {
        const op = opFor(random(), n, client, setup);
        const start = performance.now();
        const status = await send(agent, port, setup.token, op);
        const ms = performance.now() - start;
        const s = stats.get(op.name) ?? { ms: [], errors: 0, statuses: new Map<number, number>() };
        stats.set(op.name, s);
        s.ms.push(ms);
        s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
        if (status !== 200 && status !== 201) s.errors += 1;
      }
    }),
  );
  agent.destroy();
  return stats;
}

/**
 * CPU time (user + system, ms) of a process and all its descendants (the cluster workers), from Linux's
 * /proc (utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s); null elsewhere.
 * Less sensitive than latency to what else the machine runs.
 */
function processTreeCpuMs(pid: number): number | null {
  try {
    let ticks = 0;
    const pending = [pid];
    while (pending.length > 0) {
      const p = pending.pop() as number;
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children !== '') pending.push(...children.split(' ').map(Number));
      }
    }
    return ticks * 10;
  } catch {
    return null;
  }
}

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

function report(stats: Map<string, Stats>): void {
  const all: Stats = { ms: [], errors: 0, statuses: new Map<number, number>() };
  const line = (name: string, s: Stats) => {
    const sorted = [...s.ms].sort((a, b) => a - b);
    const odd = [...s.statuses].filter(([code]) => code !== 200 && code !== 201);
    console.log(
      `  ${name.padEnd(30)} ${String(s.ms.length).padStart(7)} req (${(s.ms.length / seconds).toFixed(0).padStart(4)}/s), errors ${s.errors}${odd.length ? ` ${JSON.stringify(Object.fromEntries(odd))}` : ''}, ` +
        `p50 ${pct(sorted, 0.5).toFixed(1)} ms, p95 ${pct(sorted, 0.95).toFixed(1)} ms, p99 ${pct(sorted, 0.99).toFixed(1)} ms`,
    );
  };
  for (const [name, s] of [...stats].sort((a, b) => a[0].localeCompare(b[0]))) {
    line(name, s);
    for (const ms of s.ms) all.ms.push(ms); // no spread: a 10-minute run has more samples than call arguments
    all.errors += s.errors;
  }
  if (mix === 'mixed') line('all (reads and writes)', all);
}

console.log(
  `${CLIENTS} concurrent authenticated clients, ${mix === 'mixed' ? 'mixed reads and writes' : `only ${opFor(SINGLE_OPERATION_U[mix] as number, 0, 0, { dir: '', token: '', projectId: '', draftBatchId: ':id' }).name}`}, ${seconds} s per run, server in a child process` +
    (serverWorkers > 1 ? ` with ${serverWorkers} worker processes` : ''),
);
const runs: [string, Record<string, string>][] = compareCache
  ? [
      ['without statement cache (before)', { EVLAB_SQLITE_STATEMENT_CACHE: '0' }],
      ['with statement cache', { EVLAB_SQLITE_STATEMENT_CACHE: '1' }],
    ]
  : [['with statement cache', { EVLAB_SQLITE_STATEMENT_CACHE: '1' }]];
for (const [label, env] of runs) {
  const setup = await prepare();
  const server = await startServer(setup.dir, env);
  try {
    console.log(label);
    const clientCpu = process.cpuUsage();
    const serverCpuBefore = processTreeCpuMs(server.child.pid ?? -1);
    const stats = await load(server.port, setup);
    const used = process.cpuUsage(clientCpu);
    const serverCpuAfter = processTreeCpuMs(server.child.pid ?? -1);
    report(stats);
    const requests = [...stats.values()].reduce((n, s) => n + s.ms.length, 0);
    console.log(
      `  load generator CPU: ${((used.user + used.system) / 1000).toFixed(0)} ms, ${((used.user + used.system) / Math.max(1, requests)).toFixed(0)} µs per request (it shares the cores with the server)`,
    );
    if (serverCpuBefore !== null && serverCpuAfter !== null)
      console.log(
        `  server CPU (all its processes): ${(serverCpuAfter - serverCpuBefore).toFixed(0)} ms, ${((1000 * (serverCpuAfter - serverCpuBefore)) / Math.max(1, requests)).toFixed(0)} µs per request`,
      );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    await rm(setup.dir, { recursive: true, force: true });
  }
}
