/**
 * CPU per store call with and without the SQLite statement cache (src/store/sqlite-statement-cache.ts),
 * in one process, alternating, so a busy shared machine disturbs both sides alike (issue 9 item 19).
 * The demo project and the curated evidence are in a fresh SQLite file; the calls are those behind
 * GET /api/batches, GET /api/evidence/trials?q=stroke and GET /api/evidence/search?q=exosomes.
 *
 * Run: node bin/run-ts.mjs bench/sqlite-statement-cache.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchEvidence } from '../src/jobs/evidence-views.ts';
import { seedDemo } from '../src/jobs/seed-demo.ts';
import { openWorkbench, type Workbench } from '../src/jobs/workbench.ts';

const dir = await mkdtemp(join(tmpdir(), 'evlab-bench-stmt-'));
const open = async (cache: boolean): Promise<Workbench> => {
  process.env.EVLAB_SQLITE_STATEMENT_CACHE = cache ? '1' : '0';
  return openWorkbench({ dataDir: dir });
};
const setup = await open(true);
await seedDemo(setup, { actor: 'bench' });
await setup.close();

const calls: [string, (wb: Workbench) => Promise<unknown>][] = [
  ['listBatches (GET /api/batches)', (wb) => wb.store.listBatches({ limit: 50, offset: 0 })],
  ['listTrials q=stroke', (wb) => wb.store.evidence.listTrials({ q: 'stroke', limit: 50, offset: 0 })],
  ['searchEvidence q=exosomes', (wb) => searchEvidence(wb, 'exosomes', 20)],
];
const N = 300;
const best = new Map<string, number>();
try {
  for (let round = 0; round < 3; round++) {
    for (const cache of [false, true]) {
      const wb = await open(cache);
      for (const [name, call] of calls) {
        for (let i = 0; i < 20; i++) await call(wb); // warm-up
        const start = process.cpuUsage();
        for (let i = 0; i < N; i++) await call(wb);
        const used = process.cpuUsage(start);
        const us = (used.user + used.system) / N;
        const key = `${name} ${cache ? 'with cache' : 'without (before)'}`;
        best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, us));
      }
      await wb.close();
    }
  }
  console.log(`CPU per call, best of 3 rounds × ${N} calls`);
  for (const [key, us] of best) console.log(`  ${key.padEnd(52)} ${us.toFixed(0).padStart(6)} µs`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
