/**
 * Benchmark: read + analyse one NanoSight NTA 3.x experiment summary (~0.4 MB).
 * Run: node bin/run-ts.mjs bench/nta-read.bench.ts [iterations]
 * Uses the largest reference export in ../shared/reference/nanosight/20210401 when present (or
 * EVLAB_REFERENCE_DIR), otherwise a synthetic 5-video export written by evlab's NanoSight writer.
 * Target: mean < 20 ms per file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNanoSightExperimentSummary } from '../src/formats/nanosight/read-experiment-summary.ts';
import { writeNanoSightExperimentSummary } from '../src/formats/nanosight/write-experiment-summary.ts';
import { analyseNta } from '../src/science/nta/analyse-nta.ts';
import { ucMscEvDemoBatches } from '../src/science/nta/synthetic-nta-sample.ts';

const TARGET_MS = 20;
const iterations = Number(process.argv[2] ?? 100);
const warmup = 10;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = join(
  process.env.EVLAB_REFERENCE_DIR ?? resolve(repoRoot, '..', 'shared', 'reference'),
  'nanosight',
  '20210401',
);

function input(): { name: string; bytes: Uint8Array; origin: string } {
  if (existsSync(referenceDir)) {
    const files = readdirSync(referenceDir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => ({ f, size: statSync(join(referenceDir, f)).size }))
      .sort((a, b) => b.size - a.size);
    const largest = files[0];
    if (largest) {
      return {
        name: largest.f,
        bytes: new Uint8Array(readFileSync(join(referenceDir, largest.f))),
        origin: 'reference',
      };
    }
  }
  const batches = ucMscEvDemoBatches();
  const record = batches[batches.length - 1];
  if (!record) throw new Error('no synthetic batch');
  return {
    name: 'synthetic.csv',
    bytes: writeNanoSightExperimentSummary(record),
    origin: 'synthetic (evlab writer)',
  };
}

const { name, bytes, origin } = input();
const times: number[] = [];
let videos = 0;
for (let i = 0; i < warmup + iterations; i++) {
  const t0 = performance.now();
  const summary = readNanoSightExperimentSummary(bytes, name);
  const report = analyseNta(summary, name);
  const t1 = performance.now();
  videos = report.videos.length;
  if (i >= warmup) times.push(t1 - t0);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] as number;
const fmt = (x: number) => x.toFixed(2);
console.log(`nta-read: ${origin} "${name}" (${(bytes.length / 1024).toFixed(0)} KiB, ${videos} videos)`);
console.log(
  `nta-read: read+analyse ×${iterations}: mean ${fmt(mean)} ms, p95 ${fmt(p95)} ms, min ${fmt(times[0] as number)} ms (target < ${TARGET_MS} ms): ${mean < TARGET_MS ? 'OK' : 'SLOW'}`,
);
