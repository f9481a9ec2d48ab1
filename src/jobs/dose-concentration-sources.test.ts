import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, describeWithReference, referencePath } from '../../test/support/environment.ts';
import { writeNanoSightExperimentSummary } from '../formats/nanosight/write-experiment-summary.ts';
import { syntheticNtaSample } from '../science/nta/synthetic-nta-sample.ts';
import { batchDoseSources, prepareDoseFromMeasurement } from './dose-concentration-sources.ts';
import { ingestRawFile } from './ingest-raw-file.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';
import type { Workbench } from './workbench.ts';

async function newBatch(wb: Workbench, code: string) {
  const project = await wb.store.createProject({ name: `Dose ${code}`, description: '' }, 'test');
  return wb.store.createBatch(
    {
      projectId: project.id,
      sourceId: null,
      code,
      conditionedMediumVolumeMl: null,
      isolationProtocol: { version: 1, name: '', steps: [] },
      finalVolumeMl: null,
      buffer: 'PBS',
      storageTemperatureC: -80,
      harvestDate: null,
      isolationDate: null,
      status: 'draft',
      notes: '',
    },
    'test',
  );
}

/** A synthetic export whose instrument marks the concentration measurement "Unreliable" (a QC error). */
function unreliableExport(): Uint8Array {
  const record = syntheticNtaSample({
    medianDiameterNm: 120,
    geometricSd: 1.45,
    concentrationPerMl: 2e11,
    dilutionFactor: 1000,
    seed: 7,
    sampleDescription: 'unreliable',
  });
  const status = record.status.map((row) =>
    row.item === 'Validity of concentration measurement'
      ? { ...row, perVideo: row.perVideo.map(() => 'Unreliable') }
      : row,
  );
  return writeNanoSightExperimentSummary({ ...record, status });
}

describeEachDialect('dose concentration sources', (dialect) => {
  let t: TestWorkbench;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_dose_sources' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('lists QC errors and retraction, and refuses them unless accepted / at all', async () => {
    const batch = await newBatch(t.wb, 'DOSE-1');
    const bad = await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'unreliable-ExperimentSummary.csv',
      bytes: unreliableExport(),
      actor: 'test',
    });
    expect(bad.measurement.status).toBe('parsed');
    const { sources } = await batchDoseSources(t.wb, batch.id);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.qc.status).toBe('error');
    expect(sources[0]?.dilution).toEqual({ factor: 1000, origin: 'file', editable: false });
    const plan = { dose: 1e10, unit: 'particles' as const, perKg: false, measurementId: bad.measurement.id };
    await expect(prepareDoseFromMeasurement(t.wb, plan)).rejects.toMatchObject({
      code: 'qc-errors-not-accepted',
    });
    const accepted = await prepareDoseFromMeasurement(t.wb, {
      ...plan,
      acceptQcErrors: true,
      overrideReason: 'pilot',
    });
    expect(accepted.source?.measurementId).toBe(bad.measurement.id);
    expect(accepted.notes.map((n) => n.code)).toContain('qc-errors-accepted');
    const reported = (bad.measurement.metrics as { average: { concentrationPerMl: number } }).average
      .concentrationPerMl;
    expect(accepted.stockConcentrationPerMl).toBe(reported);

    await t.wb.store.measurementCuration.retract(bad.measurement.id, 'wrong sample', 'test');
    await expect(
      prepareDoseFromMeasurement(t.wb, { ...plan, acceptQcErrors: true, overrideReason: 'pilot' }),
    ).rejects.toMatchObject({
      code: 'measurement-retracted',
    });
    const after = await batchDoseSources(t.wb, batch.id);
    expect(after.sources[0]?.retraction?.reason).toBe('wrong sample');
  });

  it('answers not-found for an unknown batch or measurement', async () => {
    await expect(batchDoseSources(t.wb, 'nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      prepareDoseFromMeasurement(t.wb, { dose: 1, unit: 'particles', perKg: false, measurementId: 'nope' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});

describeWithReference('nanosight', 'dose source from a real NanoSight export', () => {
  describe('sqlite', () => {
    let t: TestWorkbench;
    beforeAll(async () => {
      t = await openTestWorkbench('sqlite', { prefix: 'evlab_jobs_dose_sources_ref' });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('takes the 1:200 dilution the file does not record: 2.16e8 × 200 particles/mL', async () => {
      // NTA 3.3 export: "Dilution factor (concentrations adjusted for this factor),Not recorded…" and the
      // instrument's average "Concentration (Particles / ml)" 2.16e+08; the lab's file name records d200.
      const file = 'EMT1 d200 pre1 2021-04-01 15-42-48-ExperimentSummary.csv';
      const bytes = new Uint8Array(readFileSync(join(referencePath('nanosight', '20210401'), file)));
      const batch = await newBatch(t.wb, 'EMT1');
      const { measurement } = await ingestRawFile(t.wb, {
        batchId: batch.id,
        fileName: file,
        bytes,
        actor: 't',
      });
      const before = (await batchDoseSources(t.wb, batch.id)).sources[0];
      expect(before?.dilution.origin).toBe('not-recorded');
      expect(before?.reportedConcentrationPerMl).toBeCloseTo(2.16e8, -6);
      expect(before?.fileName).toBe(file);

      await t.wb.store.measurementCuration.setDilutionFactor(measurement.id, 200, 'analyst');
      const after = (await batchDoseSources(t.wb, batch.id)).sources[0];
      expect(after?.dilution).toEqual({ factor: 200, origin: 'entered', editable: true });
      expect((after?.concentrationPerMl as number) / 4.32e10).toBeCloseTo(1, 2);
      const plan = await prepareDoseFromMeasurement(t.wb, {
        dose: 1e10,
        unit: 'particles',
        perKg: false,
        measurementId: measurement.id,
      });
      expect(plan.stockVolumePerAnimalUl / ((1e10 / 4.32e10) * 1000)).toBeCloseTo(1, 2);
    });
  });
});
