/**
 * Store-level timing of batch listing, the query behind GET /api/batches (API target: p95 < 50 ms on
 * SQLite end to end; the store query should use a small fraction of that).
 *
 *   node bin/run-ts.mjs bench/api-list-batches-store.bench.ts [--batches=10000] [--json]
 *
 * Seeds a fresh SQLite file (WAL, as in production) in a temp directory, and also PostgreSQL in a
 * throw-away schema when EVLAB_TEST_PG_URL is set. Then times: every page of the whole list (limit 50),
 * every page of one project, and the first page with each filter combination, reporting p50/p95/max.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BATCH_STATUSES, type BatchData, batchInputSchema } from '../src/domain/batch.ts';
import { mscSourceInputSchema } from '../src/domain/msc-source.ts';
import { projectInputSchema } from '../src/domain/project.ts';
import type { BatchFilter, EvlabStore } from '../src/store/evlab-store.ts';
import { openStore } from '../src/store/open-store.ts';
import { openTestStore } from '../src/store/open-test-store.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const BATCHES = Number(args.get('batches') ?? 10_000);
const PAGE = 50;
const REPEAT = 200;
const asJson = args.has('json');

interface Stats {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  total?: number;
}

function stats(name: string, samples: number[], total?: number): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { name, n: samples.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN, total };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [performance.now() - t0, result];
}

async function seed(store: EvlabStore): Promise<{ seedMs: number; mainProject: string; source: string }> {
  const actor = 'bench';
  const projects = [];
  for (const name of ['Main', 'Second', 'Third', 'Fourth']) {
    projects.push(await store.createProject(projectInputSchema.parse({ name }), actor));
  }
  const sources = [];
  for (const [i, project] of projects.entries()) {
    for (let s = 0; s < 5; s += 1) {
      sources.push(
        await store.createSource(
          mscSourceInputSchema.parse({
            projectId: project.id,
            tissue: 'umbilical-cord',
            donorCode: `D-${i}-${s}`,
          }),
          actor,
        ),
      );
    }
  }
  const rows: BatchData[] = [];
  for (let i = 0; i < BATCHES; i += 1) {
    // 70 % of the batches in the main project, the rest spread over the others.
    const p = i % 10 < 7 ? 0 : (i % 3) + 1;
    const project = projects[p];
    const source = sources[p * 5 + (i % 5)];
    if (!project || !source) throw new Error('seed bug');
    rows.push(
      batchInputSchema.parse({
        projectId: project.id,
        sourceId: i % 4 === 0 ? null : source.id,
        code: `EV-${String(i).padStart(6, '0')}`,
        status: BATCH_STATUSES[i % BATCH_STATUSES.length],
        conditionedMediumVolumeMl: 500,
        isolationProtocol: {
          version: 1,
          name: 'TFF + SEC',
          steps: [
            { method: 'tangential-flow-filtration', parameters: { cutoffKDa: 300 }, notes: '' },
            { method: 'size-exclusion-chromatography', parameters: { column: 'qEV10/70' }, notes: '' },
          ],
        },
      }),
    );
  }
  const [seedMs] = await time(() => store.createBatches(rows, actor));
  const main = projects[0];
  const mainSource = sources[1];
  if (!main || !mainSource) throw new Error('seed bug');
  return { seedMs, mainProject: main.id, source: mainSource.id };
}

async function pageThrough(store: EvlabStore, name: string, filter: BatchFilter): Promise<Stats> {
  const samples: number[] = [];
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const [ms, page] = await time(() => store.listBatches({ ...filter, limit: PAGE, offset }));
    samples.push(ms);
    total = page.total;
    if (page.items.length < PAGE) break;
  }
  return stats(`${name} (${samples.length} pages)`, samples, total);
}

async function repeatFirstPage(store: EvlabStore, name: string, filter: BatchFilter): Promise<Stats> {
  for (let i = 0; i < 10; i += 1) await store.listBatches({ ...filter, limit: PAGE }); // warm-up
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < REPEAT; i += 1) {
    const [ms, page] = await time(() => store.listBatches({ ...filter, limit: PAGE }));
    samples.push(ms);
    total = page.total;
  }
  return stats(name, samples, total);
}

async function run(
  label: string,
  store: EvlabStore,
): Promise<{ label: string; seedMs: number; results: Stats[] }> {
  const { seedMs, mainProject, source } = await seed(store);
  const results: Stats[] = [];
  await store.listBatches({ limit: PAGE }); // warm-up
  results.push(await pageThrough(store, 'all batches, every page', {}));
  results.push(await pageThrough(store, 'one project, every page', { projectId: mainProject }));
  results.push(await repeatFirstPage(store, 'first page, no filter', {}));
  results.push(await repeatFirstPage(store, 'first page, status', { status: 'in-qc' }));
  results.push(
    await repeatFirstPage(store, 'first page, project + status', {
      projectId: mainProject,
      status: 'released',
    }),
  );
  results.push(await repeatFirstPage(store, 'first page, source', { sourceId: source }));
  results.push(await repeatFirstPage(store, 'first page, q', { q: 'ev-0012' }));
  results.push(
    await repeatFirstPage(store, 'first page, project + status + q', {
      projectId: mainProject,
      status: 'draft',
      q: '00',
    }),
  );
  results.push(await repeatFirstPage(store, 'last page, no filter', { offset: BATCHES - PAGE }));
  return { label, seedMs, results };
}

function print(report: { label: string; seedMs: number; results: Stats[] }): void {
  console.log(
    `\n${report.label}: ${BATCHES} batches seeded with createBatches in ${report.seedMs.toFixed(0)} ms`,
  );
  console.log(
    `${'query'.padEnd(44)}${'n'.padStart(5)}${'total'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}`,
  );
  for (const s of report.results) {
    console.log(
      `${s.name.padEnd(44)}${String(s.n).padStart(5)}${String(s.total ?? '').padStart(8)}${s.p50.toFixed(2).padStart(9)}${s.p95.toFixed(2).padStart(9)}${s.max.toFixed(2).padStart(9)}`,
    );
  }
}

const reports = [];
const dir = await mkdtemp(join(tmpdir(), 'evlab-bench-'));
try {
  const sqlite = await openStore({ dataDir: dir });
  try {
    reports.push(await run('SQLite (file, WAL)', sqlite));
  } finally {
    await sqlite.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (process.env.EVLAB_TEST_PG_URL) {
  const pg = await openTestStore('postgres', { poolMax: 4 });
  try {
    reports.push(await run('PostgreSQL (EVLAB_TEST_PG_URL, throw-away schema)', pg.store));
  } finally {
    await pg.dispose();
  }
}
if (asJson) console.log(JSON.stringify({ batches: BATCHES, pageSize: PAGE, reports }, null, 2));
else for (const r of reports) print(r);
