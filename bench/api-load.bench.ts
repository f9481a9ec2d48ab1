/**
 * The API under load (issue 9 item 19): 50 concurrent clients (keep-alive connections) against a real
 * listening server (`evlab serve` in a child process on 127.0.0.1, fresh SQLite data directory with the
 * demo project and the curated evidence), for a bounded time per endpoint: the batch list and two
 * evidence searches. Each run is measured without the SQLite statement cache
 * (EVLAB_SQLITE_STATEMENT_CACHE=0, the "before") and with it. Prints requests, errors, p50 / p95 / p99 in ms.
 * Target: p95 < 50 ms, no errors.
 *
 * Run: node bin/run-ts.mjs bench/api-load.bench.ts [seconds per endpoint, default 6, at most 20]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Math.min(20, Math.max(1, Number(process.argv[2] ?? 6) || 6));
const CLIENTS = 50;
const ENDPOINTS = ['/api/batches', '/api/evidence/trials?q=stroke', '/api/evidence/search?q=exosomes'];

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'evlab-bench-load-'));
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'evlab.mjs'), '--json', '--data-dir', dir, 'serve', '--port', '0'],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] },
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
  return { child, port, dir };
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { 'accept-encoding': 'br, gzip' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function load(port: number, path: string): Promise<{ n: number; errors: number; ms: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const ms: number[] = [];
  let errors = 0;
  // Warm-up: one request per client.
  await Promise.all(Array.from({ length: CLIENTS }, () => get(agent, port, path)));
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const status = await get(agent, port, path);
        ms.push(performance.now() - start);
        if (status !== 200) errors += 1;
      }
    }),
  );
  agent.destroy();
  return { n: ms.length, errors, ms };
}

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

console.log(`${CLIENTS} concurrent clients, ${seconds} s per endpoint, server in a child process`);
for (const [label, env] of [
  ['without statement cache (before)', { EVLAB_SQLITE_STATEMENT_CACHE: '0' }],
  ['with statement cache', {}],
] as const) {
  const server = await startServer(env);
  try {
    console.log(label);
    for (const path of ENDPOINTS) {
      const r = await load(server.port, path);
      const sorted = [...r.ms].sort((a, b) => a - b);
      console.log(
        `  ${path.padEnd(34)} ${String(r.n).padStart(6)} req (${(r.n / seconds).toFixed(0)}/s), errors ${r.errors}, ` +
          `p50 ${pct(sorted, 0.5).toFixed(1)} ms, p95 ${pct(sorted, 0.95).toFixed(1)} ms, p99 ${pct(sorted, 0.99).toFixed(1)} ms`,
      );
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    await rm(server.dir, { recursive: true, force: true });
  }
}
