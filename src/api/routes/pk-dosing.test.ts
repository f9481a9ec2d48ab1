import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNanoSightExperimentSummary } from '../../formats/nanosight/write-experiment-summary.ts';
import { writeZetaViewTxt } from '../../formats/zetaview/write-zetaview-txt.ts';
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
    // Accepting the QC errors needs a reason, which goes to the audit trail.
    const noReason = await post('/api/pk/dose/prepare', { ...body, acceptQcErrors: true });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('override-reason-required');
    const ok = await post('/api/pk/dose/prepare', {
      ...body,
      acceptQcErrors: true,
      overrideReason: 'pilot dose; remeasured next week',
    });
    expect(ok.statusCode).toBe(200);
    const audit = await t.wb.store.listAuditEvents({ entityType: 'measurement', entityId: measurement.id });
    const override = audit.items.find((e) => e.reason === 'pilot dose; remeasured next week');
    expect(override?.after).toMatchObject({ qcOverride: { use: 'dose-concentration', unit: 'particles' } });
    expect(ok.json().stockConcentrationPerMl).toBeCloseTo(source.reportedConcentrationPerMl * 100, -3);
    expect(ok.json().source).toMatchObject({ measurementId: measurement.id, batchId: batch.id });
    expect(ok.json().notes.map((n: { code: string }) => n.code)).toContain('qc-errors-accepted');

    await t.wb.store.measurementCuration.retract(measurement.id, 'wrong sample', 'test');
    const retracted = await post('/api/pk/dose/prepare', {
      ...body,
      acceptQcErrors: true,
      overrideReason: 'x',
    });
    expect(retracted.statusCode).toBe(422);
    expect(retracted.json().code).toBe('measurement-retracted');

    const both = await post('/api/pk/dose/prepare', { ...body, stockConcentrationPerMl: 1e11 });
    expect(both.statusCode).toBe(400);
    const missing = await post('/api/pk/dose/prepare', { measurementId: 'no-such', dose: 1 });
    expect(missing.statusCode).toBe(404);
    const noBatch = await t.app.inject({ method: 'GET', url: '/api/batches/no-such/dose-sources' });
    expect(noBatch.statusCode).toBe(404);
  }, 120_000); // ingest + several requests: slow on a loaded machine

  it('lists ZetaView (file dilution, read-only) and protein-assay samples (µg/mL) as dose sources', async () => {
    const project = await t.wb.store.createProject({ name: 'Dose sources 2', description: '' }, 'test');
    const batch = await t.wb.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'DS-2',
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
    // ZetaView: 2,000 traces in the 120-125 nm bin at 4e7/mL measured, Dilution:: 500 → 2e10/mL stock.
    const zeta = writeZetaViewTxt({
      sample: 'UC-EV',
      dilution: 500,
      numberOfTraces: 2000,
      linearBins: Array.from({ length: 60 }, (_, k) => ({
        sizeNm: 2.5 + 5 * k,
        number: k === 24 ? 2000 : 0,
        concentrationPerMl: k === 24 ? 4e7 : 0,
        volumeNm3: 0,
        areaNm2: 0,
      })),
    });
    await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: '20260101_0001_UC-EV_size_488.txt',
      bytes: zeta,
      actor: 'test',
    });
    // BCA plate (long CSV, µg/mL), linear standards 0–2000 µg/mL; EV-1 diluted 1:2, EV-2 above the standards.
    const plate = [
      'type,id,concentration (µg/mL),response,dilution',
      'blank,blank,,0.095,',
      'blank,blank,,0.097,',
      ...[0, 125, 250, 500, 750, 1000, 1500, 2000].flatMap((c) => [
        `standard,S${c},${c},${(0.096 + 0.00105 * c).toFixed(4)},`,
        `standard,S${c},${c},${(0.096 + 0.00102 * c).toFixed(4)},`,
      ]),
      'sample,EV-1,,0.411,2',
      'sample,EV-1,,0.421,2',
      'sample,EV-2,,3.2,1',
      'sample,EV-2,,3.3,1',
    ].join('\r\n');
    await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'bca-plate.csv',
      bytes: new TextEncoder().encode(plate),
      actor: 'test',
    });
    const listed = await t.app.inject({ method: 'GET', url: `/api/batches/${batch.id}/dose-sources` });
    expect(listed.statusCode).toBe(200);
    const sources = listed.json().sources as {
      measurementId: string;
      sampleId: string | null;
      kind: string;
      unit: string;
      concentrationPerMl: number;
      dilution: { factor: number; origin: string; editable: boolean };
      qc: { status: string };
    }[];
    const zv = sources.find((s) => s.kind === 'zetaview');
    expect(zv).toMatchObject({
      unit: 'particles',
      dilution: { factor: 500, origin: 'file', editable: false },
    });
    expect(zv?.concentrationPerMl).toBeCloseTo(4e7 * 500, -3);
    const ev1 = sources.find((s) => s.sampleId === 'EV-1');
    const ev2 = sources.find((s) => s.sampleId === 'EV-2');
    expect(ev1).toMatchObject({
      unit: 'ug-protein',
      dilution: { factor: 2, origin: 'file', editable: false },
    });
    // By hand: (0.416 − 0.096) / 0.001035 (mean slope of the standards) × 2 ≈ 618 µg/mL.
    expect(ev1?.concentrationPerMl).toBeGreaterThan(560);
    expect(ev1?.concentrationPerMl).toBeLessThan(660);
    expect(ev1?.qc.status).not.toBe('error');
    expect(ev2?.qc.status).toBe('error');

    const protein = await post('/api/pk/dose/prepare', {
      measurementId: ev1?.measurementId,
      sampleId: 'EV-1',
      dose: 10,
      unit: 'ug-protein',
    });
    expect(protein.statusCode).toBe(200);
    expect(protein.json().stockVolumePerAnimalUl).toBeCloseTo(
      (10 / (ev1?.concentrationPerMl ?? 1)) * 1000,
      6,
    );
    const wrongUnit = await post('/api/pk/dose/prepare', {
      measurementId: ev1?.measurementId,
      sampleId: 'EV-1',
      dose: 1e9,
    });
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.json().code).toBe('unit-mismatch');
    const noSample = await post('/api/pk/dose/prepare', {
      measurementId: ev1?.measurementId,
      dose: 10,
      unit: 'ug-protein',
    });
    expect(noSample.statusCode).toBe(422);
  }, 120_000);

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
