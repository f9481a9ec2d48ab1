/**
 * Benchmark: GET /api/batches over 10,000 batches on SQLite.
 *
 *   node bin/run-ts.mjs bench/api-list-batches.bench.ts [--http] [--batches N] [--requests N]
 *
 * Seeds N batches (default 10,000) with store.createBatches into a temporary data directory, then times
 * paginated and filtered list requests through the full Fastify stack (validation, store query, response
 * serialization): via fastify.inject by default, or over real HTTP on 127.0.0.1 with --http.
 * Prints p50/p95/max per scenario and overall. Target: p95 < 50 ms. Exit code 1 when the target is missed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer } from '../src/api/build-server.ts';
import type { BatchData, BatchStatus } from '../src/domain/batch.ts';
import { openWorkbench } from '../src/jobs/workbench.ts';

const TARGET_P95_MS = 50;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
const useHttp = process.argv.includes('--http');
const batchCount = arg('--batches', 10_000);
const requestsPerScenario = arg('--requests', 200);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

const fmt = (ms: number) => ms.toFixed(2).padStart(8);

const dataDir = await mkdtemp(join(tmpdir(), 'evlab-bench-'));
const wb = await openWorkbench({ dataDir, db: null });
try {
  const actor = 'bench';
  const project = await wb.store.createProject({ name: 'Bench project', description: '' }, actor);
  const other = await wb.store.createProject({ name: 'Bench project 2', description: '' }, actor);
  const source = await wb.store.createSource(
    {
      projectId: project.id,
      tissue: 'umbilical-cord',
      donorCode: 'UC-BENCH',
      passage: 4,
      cultureFormat: '2d-flask',
      mediumSupplement: 'serum-free',
      preconditioning: 'none',
      notes: '',
    },
    actor,
  );
  const statuses: BatchStatus[] = ['draft', 'in-qc', 'released', 'rejected'];
  const seedStart = performance.now();
  const data: BatchData[] = Array.from(
    { length: batchCount },
    (_, i): BatchData => ({
      projectId: i % 5 === 0 ? other.id : project.id,
      sourceId: i % 5 === 0 ? null : source.id,
      code: `EV-${String(i).padStart(5, '0')}`,
      conditionedMediumVolumeMl: 400 + (i % 200),
      isolationProtocol: {
        version: 1,
        name: 'UC → TFF → SEC',
        steps: [
          { method: 'low-speed-centrifugation', parameters: { rcfG: 2000, minutes: 20 }, notes: '' },
          { method: 'tangential-flow-filtration', parameters: { mwcoKDa: 300 }, notes: '' },
          { method: 'size-exclusion-chromatography', parameters: { column: 'qEV' }, notes: '' },
        ],
      },
      finalVolumeMl: 1,
      buffer: 'PBS',
      storageTemperatureC: -80,
      harvestDate: '2025-01-15',
      isolationDate: '2025-01-16',
      status: statuses[i % statuses.length] as BatchStatus,
      notes: i % 7 === 0 ? 'bench batch with a note' : '',
    }),
  );
  for (let i = 0; i < data.length; i += 1000) await wb.store.createBatches(data.slice(i, i + 1000), actor);
  const seedMs = performance.now() - seedStart;

  const app = await buildServer(wb, { logger: false, webDistDir: null });
  let baseUrl = '';
  if (useHttp) baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  async function get(url: string): Promise<{ status: number; body: string }> {
    if (useHttp) {
      const res = await fetch(baseUrl + url);
      return { status: res.status, body: await res.text() };
    }
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.body };
  }

  const pages = Math.floor(batchCount / 50);
  const scenarios: { name: string; url: (i: number) => string }[] = [
    {
      name: 'page (limit=50, offset spread)',
      url: (i) => `/api/batches?limit=50&offset=${((i * 37) % pages) * 50}`,
    },
    {
      name: 'last pages (deep offset)',
      url: (i) => `/api/batches?limit=50&offset=${batchCount - 50 - (i % 10) * 50}`,
    },
    {
      name: 'status filter',
      url: (i) => `/api/batches?status=${statuses[i % 4]}&limit=50&offset=${(i % 40) * 50}`,
    },
    {
      name: 'project + source filter',
      url: (i) =>
        `/api/batches?projectId=${project.id}&sourceId=${source.id}&limit=50&offset=${(i % 100) * 50}`,
    },
    { name: 'code search q', url: (i) => `/api/batches?q=${String(i % 100).padStart(2, '0')}&limit=50` },
    { name: 'limit=1000', url: (i) => `/api/batches?limit=1000&offset=${(i % 10) * 1000}` },
  ];

  // Warm-up: JIT, SQLite page cache, schema compilation.
  for (let i = 0; i < 30; i++) await get(scenarios[0]?.url(i) ?? '/api/batches');

  const all: number[] = [];
  const pageSized: number[] = [];
  console.log(
    `evlab bench: GET /api/batches over ${batchCount} batches (SQLite, ${useHttp ? 'HTTP 127.0.0.1' : 'fastify.inject'}), ` +
      `${requestsPerScenario} requests per scenario; seeding took ${(seedMs / 1000).toFixed(1)} s`,
  );
  console.log(`${'scenario'.padEnd(34)}      p50      p95      max   (ms)`);
  for (const scenario of scenarios) {
    const times: number[] = [];
    for (let i = 0; i < requestsPerScenario; i++) {
      const url = scenario.url(i);
      const t0 = performance.now();
      const res = await get(url);
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${res.body.slice(0, 300)}`);
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    if (!scenario.name.startsWith('limit=1000')) pageSized.push(...times);
    console.log(
      `${scenario.name.padEnd(34)} ${fmt(percentile(times, 50))} ${fmt(percentile(times, 95))} ${fmt(times[times.length - 1] ?? 0)}`,
    );
  }
  all.sort((a, b) => a - b);
  pageSized.sort((a, b) => a - b);
  const p95 = percentile(pageSized, 95);
  console.log(
    `${'all limit=50 requests'.padEnd(34)} ${fmt(percentile(pageSized, 50))} ${fmt(p95)} ${fmt(pageSized[pageSized.length - 1] ?? 0)}`,
  );
  console.log(
    `${'all requests'.padEnd(34)} ${fmt(percentile(all, 50))} ${fmt(percentile(all, 95))} ${fmt(all[all.length - 1] ?? 0)}`,
  );
  console.log(
    `target p95 < ${TARGET_P95_MS} ms for limit=50 pages: ${p95 < TARGET_P95_MS ? 'met' : 'MISSED'} (p95 ${p95.toFixed(2)} ms)`,
  );
  await app.close();
  if (!(p95 < TARGET_P95_MS)) process.exitCode = 1;
} finally {
  await wb.close();
  await rm(dataDir, { recursive: true, force: true });
}
