import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNanoSightExperimentSummary } from '../../formats/nanosight/write-experiment-summary.ts';
import { ingestRawFile } from '../../jobs/ingest-raw-file.ts';
import { syntheticNtaSample } from '../../science/nta/synthetic-nta-sample.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

describe('API /api/pk/dose and /api/pk/routes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite');
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const post = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('computes the FDA (2005) HED: 50 mg/kg mouse → 4.05 mg/kg', async () => {
    const res = await post('/api/pk/dose/hed', { species: 'mouse', dosePerKg: 50, unit: 'mg' });
    expect(res.statusCode).toBe(200);
    const hed = res.json();
    expect(hed).toMatchObject({ species: 'mouse', method: 'bsa', km: { animal: 3, human: 37 }, unit: 'mg' });
    expect(hed.hedPerKg).toBeCloseTo(4.054, 3);
    expect(hed.citation.authors).toBe('U.S. FDA, CDER');
  });

  it('refuses an unknown species with 400 naming the field', async () => {
    const res = await post('/api/pk/dose/hed', { species: 'unicorn', dosePerKg: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toEqual(['species']);
  });

  it('plans a dose preparation and maps missing body weight to 400 on bodyWeightKg', async () => {
    const ok = await post('/api/pk/dose/prepare', {
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10,
      route: 'intravenous',
      species: 'mouse',
      bodyWeightKg: 0.025,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stockVolumePerAnimalUl).toBeCloseTo(40, 9);
    expect(ok.json().maxVolume.goodPracticeUl).toBeCloseTo(125, 9);
    const bad = await post('/api/pk/dose/prepare', {
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10,
      perKg: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toEqual(['bodyWeightKg']);
  });

  it('prepares a dose from a measurement: QC errors need acceptQcErrors, a retracted one is refused (issue 9 item 10)', async () => {
    const project = await t.wb.store.createProject({ name: 'Dose sources', description: '' }, 'test');
    const batch = await t.wb.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'DS-1',
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
      'test',
    );
    const record = syntheticNtaSample({
      medianDiameterNm: 120,
      geometricSd: 1.45,
      concentrationPerMl: 2e11,
      dilutionFactor: null,
      seed: 11,
    });
    const unreliable = {
      ...record,
      status: record.status.map((row) =>
        row.item === 'Validity of concentration measurement'
          ? { ...row, perVideo: row.perVideo.map(() => 'Unreliable') }
          : row,
      ),
    };
    const { measurement } = await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'ds-ExperimentSummary.csv',
      bytes: writeNanoSightExperimentSummary(unreliable),
      actor: 'test',
    });
    const listed = await t.app.inject({ method: 'GET', url: `/api/batches/${batch.id}/dose-sources` });
    expect(listed.statusCode).toBe(200);
    const source = listed.json().sources[0];
    expect(source).toMatchObject({
      measurementId: measurement.id,
      fileName: 'ds-ExperimentSummary.csv',
      dilution: { factor: null, origin: 'not-recorded', editable: true },
      qc: { status: 'error' },
    });

    const body = { measurementId: measurement.id, dose: 1e9 };
    const refused = await post('/api/pk/dose/prepare', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('qc-errors-not-accepted');

    // A dilution entered later multiplies the reported concentration (the file says "not recorded").
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/measurements/${measurement.id}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ dilutionFactor: 100 }),
    });
    expect(patched.statusCode).toBe(200);
    const ok = await post('/api/pk/dose/prepare', { ...body, acceptQcErrors: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stockConcentrationPerMl).toBeCloseTo(source.reportedConcentrationPerMl * 100, -3);
    expect(ok.json().source).toMatchObject({ measurementId: measurement.id, batchId: batch.id });
    expect(ok.json().notes.map((n: { code: string }) => n.code)).toContain('qc-errors-accepted');

    await t.wb.store.measurementCuration.retract(measurement.id, 'wrong sample', 'test');
    const retracted = await post('/api/pk/dose/prepare', { ...body, acceptQcErrors: true });
    expect(retracted.statusCode).toBe(422);
    expect(retracted.json().code).toBe('measurement-retracted');

    const both = await post('/api/pk/dose/prepare', { ...body, stockConcentrationPerMl: 1e11 });
    expect(both.statusCode).toBe(400);
    const missing = await post('/api/pk/dose/prepare', { measurementId: 'no-such', dose: 1 });
    expect(missing.statusCode).toBe(404);
    const noBatch = await t.app.inject({ method: 'GET', url: '/api/batches/no-such/dose-sources' });
    expect(noBatch.statusCode).toBe(404);
  }, 120_000); // ingest + several requests: slow on a loaded machine

  it('lists the route library with cited volumes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/pk/routes' });
    expect(res.statusCode).toBe(200);
    const iv = res.json().routes.find((r: { route: string }) => r.route === 'intravenous');
    expect(iv.bioavailability).toBe(1);
    expect(iv.volumes.find((v: { species: string }) => v.species === 'mouse').goodPracticeMlPerKg).toBe(5);
    expect(iv.volumes[0].citation.authors).toBe('Diehl et al.');
  });

  it('documents the routes in the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/pk/dose/hed',
      '/api/pk/dose/prepare',
      '/api/pk/routes',
      '/api/batches/{id}/dose-sources',
      '/api/pk/biodistribution',
      '/api/pk-studies',
      '/api/pk-studies/{id}',
      '/api/batches/{id}/pk-studies',
    ]) {
      expect(paths, p).toContain(p);
    }
  });
});
