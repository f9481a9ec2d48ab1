/**
 * Where a heavy route should stop answering synchronously and become a job (issue 10, scale-out): times the
 * synchronous path of
 *  - track-based NTA sizing (POST /api/tracks/size → `sizeTrackTable`) for CSV track tables of ~0.5–8 MiB
 *    (simulated Brownian tracks of 100 nm particles, 10–30 steps per track);
 *  - PK model fits (POST /api/pk/fit → `fitSubjects`) for 5–40 subjects, each fitted with the closed-form
 *    1-cmt and 2-cmt IV bolus models, and again with an ODE model (Michaelis–Menten 1-cmt) added;
 *  - flow (FCS) analysis of a batch (POST /api/batches/:id/flow/analysis → `runFlowBatchAnalysis`) for a
 *    stained sample and its isotype control of 10k–2M events each (3 float32 channels), with markers,
 *    concentration and diameter asked for — over a real SQLite workbench in a temporary directory;
 * and reports, per path, the input size at which the synchronous answer crosses TARGET_MS (linear
 * interpolation between the measured sizes). One run per size (the machine is shared with load
 * benchmarks); CPU time (user + system of this process) is the figure compared, wall time is printed too.
 *
 *   node bin/run-ts.mjs bench/job-thresholds.bench.ts [--only=tracks|fits|fits-closed|flow] [--json]
 *
 * Results and the thresholds chosen from them: bench/results/job-thresholds.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { batchInputSchema } from '../src/domain/batch.ts';
import { writeFcs } from '../src/formats/fcs/write-fcs.ts';
import { runFlowBatchAnalysis } from '../src/jobs/flow-batch-analysis.ts';
import { ingestRawFile } from '../src/jobs/ingest-raw-file.ts';
import { sizeTrackTable } from '../src/jobs/size-track-table.ts';
import { openWorkbench } from '../src/jobs/workbench.ts';
import {
  DEFAULT_EV_MODEL,
  evCrossSectionNm2,
  sphereCrossSectionNm2,
} from '../src/science/flow-calibration/scatter-calibration.ts';
import { Complex } from '../src/science/mie/complex.ts';
import { refractiveIndex } from '../src/science/mie/refractive-index.ts';
import { simulateBrownianTracks } from '../src/science/nta-tracks/simulate-brownian-tracks.ts';
import { fitSubjects } from '../src/science/pk/fitting/fit-subjects.ts';
import { getModel } from '../src/science/pk/models/model-registry.ts';
import { repeatedDoses } from '../src/science/pk/models/superposition.ts';

/** A synchronous answer should come within about a second (the brief's bound for a request). */
const TARGET_MS = 1000;
const MIB = 1024 * 1024;

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const only = args.get('only');

interface Point {
  size: number;
  label: string;
  cpuMs: number;
  wallMs: number;
  extra?: string;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ cpuMs: number; wallMs: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs, value };
}

/** Size at which cpuMs crosses the target, interpolated linearly between neighbouring points. */
function crossing(points: Point[]): string {
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Point;
    if (p.cpuMs < TARGET_MS) continue;
    if (i === 0) return `≤ ${p.size} (already ${p.cpuMs.toFixed(0)} ms at the smallest size)`;
    const q = points[i - 1] as Point;
    const x = q.size + ((TARGET_MS - q.cpuMs) * (p.size - q.size)) / (p.cpuMs - q.cpuMs);
    return `≈ ${x.toPrecision(3)}`;
  }
  return `> ${points.at(-1)?.size} (not reached)`;
}

function table(title: string, unit: string, points: Point[]): void {
  process.stdout.write(
    `\n## ${title}\n\n| ${unit} | input | CPU ms | wall ms | note |\n| --- | --- | --- | --- | --- |\n`,
  );
  for (const p of points)
    process.stdout.write(
      `| ${p.size} | ${p.label} | ${p.cpuMs.toFixed(0)} | ${p.wallMs.toFixed(0)} | ${p.extra ?? ''} |\n`,
    );
  process.stdout.write(`\n${TARGET_MS} ms CPU crossed at ${unit} ${crossing(points)}\n`);
}

// ---------------------------------------------------------------- track tables

async function trackTables(): Promise<Point[]> {
  const points: Point[] = [];
  for (const targetMib of [0.5, 1, 2, 4, 8]) {
    // ~27 bytes per CSV row, 20 rows per track on average.
    const tracks = Math.round((targetMib * MIB) / (27 * 20));
    const sim = simulateBrownianTracks({
      population: [{ diameterNm: 100, fraction: 1 }],
      tracks,
      minSteps: 10,
      maxSteps: 30,
      fps: 30,
      umPerPx: 0.166,
      temperatureC: 25,
      frames: 1500,
      seed: 7,
    });
    const lines = ['id,frame,x,y'];
    for (let i = 0; i < sim.frame.length; i++)
      lines.push(`${sim.trackId[i]},${sim.frame[i]},${sim.xPx[i]?.toFixed(3)},${sim.yPx[i]?.toFixed(3)}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const t = await timed(() =>
      sizeTrackTable(bytes, 'tracks.csv', { umPerPx: 0.166, fps: 30, temperatureC: 25 }),
    );
    const mib = bytes.byteLength / MIB;
    points.push({
      size: Number(mib.toFixed(2)),
      label: `${tracks} tracks, ${sim.frame.length} rows`,
      cpuMs: t.cpuMs,
      wallMs: t.wallMs,
      extra: `ML mode ${t.value.ml.modeNm?.toFixed(0)} nm`,
    });
  }
  return points;
}

// ---------------------------------------------------------------- model fits

function modelFits(models: readonly string[]): Point[] {
  const TIMES = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24];
  const doses = repeatedDoses(100);
  const clean = getModel('2cmt-iv-bolus').predict({ k10: 0.3, k12: 0.8, k21: 0.35, V1: 6 }, doses, TIMES);
  const points: Point[] = [];
  for (const n of [5, 10, 20, 40]) {
    const subjects = Array.from({ length: n }, (_, s) => ({
      id: `s${s + 1}`,
      // Deterministic ±5 % perturbation, different per subject.
      observations: TIMES.map((timeH, i) => ({
        timeH,
        conc: (clean[i] ?? 0) * (1 + 0.05 * Math.sin(7 * i + s)),
      })),
    }));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = fitSubjects({ subjects, models, doses, weighting: '1/yhat2' });
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    points.push({
      size: n,
      label: `${n} subjects × ${models.length} models`,
      cpuMs: (c.user + c.system) / 1000,
      wallMs,
      extra: `${result.fits.length} fits`,
    });
  }
  return points;
}

// ---------------------------------------------------------------- flow analysis

async function flowAnalysis(): Promise<Point[]> {
  const SETUP = {
    wavelengthNm: 405,
    aperture: { centreDeg: 90, halfAngleDeg: 15, polarisation: 'unpolarised' as const },
  };
  const K = 2;
  const targetAu = K * evCrossSectionNm2(150, DEFAULT_EV_MODEL, SETUP);
  const bead = (d: number) => ({
    diameterNm: d,
    material: 'polystyrene' as const,
    au: K * sphereCrossSectionNm2(d, new Complex(refractiveIndex('polystyrene', 405), 0), SETUP),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'evlab-bench-thresholds-'));
  const wb = await openWorkbench({ dataDir, maxUploadBytes: 200 * MIB });
  const points: Point[] = [];
  try {
    const project = await wb.store.createProject({ name: 'bench', description: '' }, 'bench');
    for (const events of [10_000, 100_000, 500_000, 1_000_000, 2_000_000]) {
      const batch = await wb.store.createBatch(
        batchInputSchema.parse({ projectId: project.id, code: `FLOW-${events}` }),
        'bench',
      );
      const file = (seed: number) => {
        const ssc = new Float32Array(events);
        const fl = new Float32Array(events);
        const fsc = new Float32Array(events);
        for (let i = 0; i < events; i++) {
          const u = ((i * 2654435761 + seed) >>> 0) / 2 ** 32;
          ssc[i] = targetAu * (0.3 + 1.4 * u);
          fl[i] = seed === 1 ? (u < 0.4 ? 2000 + u * 100 : u * 1000) : u * 1000;
          fsc[i] = u * 5000;
        }
        return writeFcs({
          parameters: [
            { name: 'FSC-A', range: 262144 },
            { name: 'SSC-A', range: 262144 },
            { name: 'FL2-A', range: 262144 },
          ],
          columns: [fsc, ssc, fl],
          keywords: { $VOL: '10000' },
        });
      };
      const sampleBytes = file(1);
      const isotypeBytes = file(2);
      const ingest = async (name: string, bytes: Uint8Array) =>
        (await ingestRawFile(wb, { batchId: batch.id, fileName: name, bytes, actor: 'bench', kind: 'flow' }))
          .measurement.id;
      const sample = await ingest('sample.fcs', sampleBytes);
      const isotype = await ingest('isotype.fcs', isotypeBytes);
      const input = {
        markers: [{ marker: 'CD63', channel: 'FL2-A', sample, isotype }],
        concentration: { sample, dilution: 100 },
        diameter: {
          sample,
          channel: 'SSC-A',
          scatter: { ...SETUP, beads: [bead(100), bead(200), bead(400)] },
        },
      };
      const t = await timed(() => runFlowBatchAnalysis(wb, batch.id, input, 'bench'));
      const mib = (sampleBytes.byteLength + isotypeBytes.byteLength) / MIB;
      points.push({
        size: events,
        label: `2 files, ${mib.toFixed(1)} MiB of FCS`,
        cpuMs: t.cpuMs,
        wallMs: t.wallMs,
        extra: `median ${t.value.diameter?.medianDiameterNm?.toFixed(0)} nm`,
      });
    }
  } finally {
    await wb.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return points;
}

const results: Record<string, Point[]> = {};
if (!only || only === 'tracks') {
  results.tracks = await trackTables();
  table('Track sizing (sizeTrackTable)', 'MiB', results.tracks);
}
if (!only || only === 'fits' || only === 'fits-closed') {
  results.fitsClosedForm = modelFits(['1cmt-iv-bolus', '2cmt-iv-bolus']);
  table(
    'Model fits, closed form (fitSubjects: 1-cmt + 2-cmt IV bolus per subject)',
    'subjects',
    results.fitsClosedForm,
  );
}
if (!only || only === 'fits') {
  results.fits = modelFits(['1cmt-iv-bolus', '2cmt-iv-bolus', 'mm-1cmt-iv-bolus']);
  table(
    'Model fits with an ODE model (fitSubjects: 1-cmt, 2-cmt, Michaelis–Menten 1-cmt IV bolus)',
    'subjects',
    results.fits,
  );
}
if (!only || only === 'flow') {
  results.flow = await flowAnalysis();
  table('Flow analysis (runFlowBatchAnalysis, sample + isotype)', 'events per file', results.flow);
}
if (args.has('json')) process.stdout.write(`${JSON.stringify(results)}\n`);
