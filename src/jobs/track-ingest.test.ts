/**
 * Track tables as a stored measurement kind (`nta-tracks`): ingest with acquisition parameters, refusal
 * without them (nothing recorded), batch metrics with units and provenance. Sizes are checked against
 * the known size of a simulated Brownian population (the approach of Walker 2012, Meas Sci Technol
 * 23:065605), never against numbers evlab printed earlier.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import type { Batch } from '../domain/batch.ts';
import { waterViscosityCP } from '../science/nta/stokes-einstein.ts';
import { simulateBrownianTracks } from '../science/nta-tracks/simulate-brownian-tracks.ts';
import { batchMetrics } from './batch-metrics/batch-metrics.ts';
import { ingestRawFile } from './ingest-raw-file.ts';
import { detectKind } from './measurement-readers.ts';
import { seedDemo } from './seed-demo.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';
import { MissingAcquisitionParametersError } from './track-readers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** evlab's simulated 100 nm population written as a generic position table (id, frame, x, y in px). */
function positionsCsv(): string {
  const sim = simulateBrownianTracks({
    population: [{ diameterNm: 100, fraction: 1 }],
    tracks: 1500,
    minSteps: 10,
    maxSteps: 30,
    fps: 30,
    umPerPx: 0.166,
    temperatureC: 22,
    driftUmPerS: { x: 1, y: 0.5 },
    frames: 900,
    seed: 9,
  });
  return [
    'Track ID,Frame,x (px),y (px)',
    ...sim.frame.map(
      (f, i) =>
        `${sim.trackId[i]},${f},${(sim.xPx[i] as number).toFixed(4)},${(sim.yPx[i] as number).toFixed(4)}`,
    ),
  ].join('\n');
}

describeEachDialect('nta-tracks measurements', (dialect) => {
  let t: TestWorkbench;
  let batch: Batch;
  const csv = positionsCsv();
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_track_ingest' });
    const demo = await seedDemo(t.wb, { actor: 'test' });
    batch = demo.batches.find((b) => b.status === 'draft') as Batch;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a track table is detected as nta-tracks by content and by its NanoSight file name', () => {
    expect(detectKind(enc(csv), 'video.csv')).toBe('nta-tracks');
    expect(detectKind(enc('garbage'), 'Sample 1-AllTracks.csv')).toBe('nta-tracks');
  });

  it('without µm/px, fps and temperature the upload is refused and nothing is recorded', async () => {
    const before = await t.wb.store.listMeasurements({ batchId: batch.id, limit: 1000 });
    const error = await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'tracks-a.csv',
      bytes: enc(csv),
      actor: 'test',
      acquisition: { fps: 30 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingAcquisitionParametersError);
    expect((error as MissingAcquisitionParametersError).code).toBe('missing-acquisition-parameters');
    expect((error as MissingAcquisitionParametersError).missing).toEqual(['umPerPx', 'temperatureC']);
    const after = await t.wb.store.listMeasurements({ batchId: batch.id, limit: 1000 });
    expect(after.total).toBe(before.total);
  });

  let d50First = 0;
  it('with them: parsed, ML D50 within 3 nm of the simulated 100 nm; batch metrics tracks.* with units and provenance', async () => {
    const { measurement, rawFile } = await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'tracks-a.csv',
      bytes: enc(csv),
      actor: 'test',
      acquisition: { umPerPx: 0.166, fps: 30, temperatureC: 22 },
    });
    expect(measurement.status).toBe('parsed');
    expect(measurement.kind).toBe('nta-tracks');
    const report = measurement.metrics as { ml: { modeNm: number; d50Nm: number }; tracks: number };
    // 1500 tracks: the D50 is within 3 nm; the mode of a 1 % grid scatters more (±4 nm over seeds 1–9 of this
    // simulation); the 3 nm mode claim is checked on 4000 tracks in finite-track-length-adjustment.test.ts
    expect(Math.abs(report.ml.d50Nm - 100)).toBeLessThanOrEqual(3);
    expect(Math.abs(report.ml.modeNm - 100)).toBeLessThanOrEqual(5);
    d50First = report.ml.d50Nm;
    expect(report.tracks).toBe(1500);
    const parsed = measurement.parsed as { conditions: { viscosityCp: number }; viscositySource: string };
    // water at 22 °C by the NTA 3.x correlation (checked against the printed Viscosity/cP of real exports
    // in read-nta-report.test.ts); between the IAPWS values at 20 and 25 °C, 1.0016 and 0.8900 cP
    expect(parsed.conditions.viscosityCp).toBe(waterViscosityCP(22));
    expect(parsed.conditions.viscosityCp).toBeGreaterThan(0.89);
    expect(parsed.conditions.viscosityCp).toBeLessThan(1.0016);
    expect(parsed.viscositySource).toMatch(/water/);

    const { metrics } = await batchMetrics(t.wb, batch.id);
    const byKey = new Map(metrics.map((m) => [m.key, m]));
    const mode = byKey.get('tracks.mlModeNm');
    expect(mode?.unit).toBe('nm');
    expect(mode?.value).toBe(report.ml.modeNm);
    expect(Math.abs((byKey.get('tracks.mlD50Nm')?.value as number) - 100)).toBeLessThanOrEqual(3);
    expect(mode?.provenance).toMatchObject({
      measurementId: measurement.id,
      kind: 'nta-tracks',
      rawFileId: rawFile.id,
      fileName: 'tracks-a.csv',
    });
    expect(mode?.provenance.method).toMatch(/Walker 2012/);
    expect(byKey.get('tracks.count')).toMatchObject({ value: 1500, unit: 'tracks', qc: 'pass' });
    expect(byKey.get('tracks.naiveModeNm')?.unit).toBe('nm');
  });

  it('a viscosity given with the upload is used (glycerol-rich diluent: sizes scale with 1/η)', async () => {
    const { measurement } = await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'tracks-b.csv',
      bytes: enc(`${csv}\n`), // different bytes: not a duplicate
      actor: 'test',
      acquisition: { umPerPx: 0.166, fps: 30, temperatureC: 22, viscosityCp: 0.954 * 2 },
    });
    const report = measurement.metrics as { ml: { d50Nm: number } };
    // D = kT/(3πηd): at twice the viscosity the same tracks mean half the diameter (within the 1 % grid)
    expect(Math.abs(report.ml.d50Nm / d50First - 0.5)).toBeLessThan(0.01);
    expect((measurement.parsed as { viscositySource: string }).viscositySource).toBe('given');
  });
});
