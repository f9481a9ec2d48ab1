import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../jobs/seed-demo.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

// Synthetic data written by this test.
const levels = [0, 25, 125, 250, 500, 1000, 1500, 2000];
const bca = [
  'type,id,concentration (µg/mL),response,dilution',
  ...levels.map((c) => `standard,S${c},${c},${(0.1 + 0.0012 * c - 1e-7 * c * c).toFixed(5)},`),
  'sample,EV,,0.5,4',
].join('\n');
const blot = 'Marker,Lane,Area\nCD9,1,5000\nCD9,2,500\nGM130,1,0\nGM130,2,4000\n';

describe('characterization routes', () => {
  let t: TestServer;
  let batchIds: string[] = [];
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-characterization' });
    const demo = await seedDemo(t.wb, { actor: 'test' });
    batchIds = demo.batches.map((b) => b.id);
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

  it('POST /api/assays/fit fits a quadratic BCA curve and back-calculates the diluted sample', async () => {
    const res = await post('/api/assays/fit', { text: bca, model: 'quadratic' });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.parameters.intercept).toBeCloseTo(0.1, 3);
    const ev = report.samples[0];
    // 0.1 + 0.0012x − 1e-7x² = 0.5 → x = 346.48…; × 4.
    const x = (0.0012 - Math.sqrt(0.0012 ** 2 - 4 * 1e-7 * 0.4)) / (2 * 1e-7);
    expect(ev.concentration).toBeCloseTo(4 * x, 0);
  });

  it('bad input: unknown model 400, unreadable text 422 with the line, too few standards 400', async () => {
    expect((await post('/api/assays/fit', { text: bca, model: 'cubic' })).statusCode).toBe(400);
    const unreadable = await post('/api/assays/fit', {
      text: 'type,id,concentration,response\nstandard,S,x,1',
    });
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json()).toMatchObject({ line: 2, code: 'malformed-number' });
    const few = await post('/api/assays/fit', {
      text: 'type,id,concentration,response\nstandard,A,1,1\nstandard,B,2,2',
      model: '5pl',
    });
    expect(few.statusCode).toBe(400);
    expect(few.headers['content-type']).toMatch(/problem\+json/);
  });

  it('POST /api/western-blots/calls with a lane map', async () => {
    const res = await post('/api/western-blots/calls', {
      text: blot,
      lanes: [
        { lane: 1, sample: 'EV', role: 'ev', loadingUg: 10 },
        { lane: 2, sample: 'MSC', role: 'lysate', loadingUg: 10 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const gm130 = report.markers.find((m: { marker: string }) => m.marker === 'GM130');
    expect(gm130.category).toBe('other-compartment');
    expect(gm130.lanes[0]).toMatchObject({ call: 'absent', vsLysate: 'depleted', asExpected: true });
    const bad = await post('/api/western-blots/calls', {
      text: blot,
      lanes: [{ lane: 1, sample: 'x', role: 'serum', loadingUg: 1 }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('POST /api/proteomics/analyse reads a small FragPipe-shaped table', async () => {
    const text = [
      'Protein\tProtein ID\tGene\tCombined Total Spectral Count\tEV Total Spectral Count\tEV Intensity',
      'sp|P21926|CD9_HUMAN\tP21926\tCD9\t4\t4\t1e7',
      'sp|Q99816|TS101_HUMAN\tQ99816\tTSG101\t2\t2\t1e6',
    ].join('\n');
    const res = await post('/api/proteomics/analyse', { text, fileName: 'combined_protein.tsv' });
    expect(res.statusCode).toBe(200);
    expect(
      res.json().evCategories.find((c: { category: string }) => c.category === 'transmembrane').detected,
    ).toEqual(['CD9']);
    expect((await post('/api/proteomics/analyse', { text: 'hello' })).statusCode).toBe(422);
  });

  it('GET /api/batches/:id/metrics and /api/batch-metrics side by side; 404 for a missing batch', async () => {
    const one = await t.app.inject({ method: 'GET', url: `/api/batches/${batchIds[0]}/metrics` });
    expect(one.statusCode).toBe(200);
    const table = one.json();
    expect(table.metrics.find((m: { key: string }) => m.key === 'nta.concentrationPerMl').unit).toBe(
      'particles/mL',
    );
    const two = await t.app.inject({
      method: 'GET',
      url: `/api/batch-metrics?ids=${batchIds.slice(0, 2).join(',')}`,
    });
    expect(two.statusCode).toBe(200);
    expect(two.json().batches).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/batches/nope/metrics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/batch-metrics?ids=,' })).statusCode).toBe(400);
  });

  it('GET /api/measurements/:id/assay-fit refits a stored plate; 409 for an NTA measurement', async () => {
    // Released and rejected demo batches are locked (QC): upload to a draft one.
    const drafts = await t.app.inject({ method: 'GET', url: '/api/batches?status=draft&limit=1' });
    const draftId = drafts.json().items[0].id as string;
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${draftId}/files`,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="bca-plate.csv"\r\nContent-Type: text/csv\r\n\r\n${bca}\r\n--XYZ--\r\n`,
    });
    expect(upload.statusCode).toBe(201);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/measurements?batchId=${draftId}&kind=protein-assay`,
    });
    const id = list.json().items[0].id;
    const refit = await t.app.inject({
      method: 'GET',
      url: `/api/measurements/${id}/assay-fit?model=linear&weights=1/y`,
    });
    expect(refit.statusCode).toBe(200);
    expect(refit.json().model).toBe('linear');
    const nta = (
      await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${draftId}&kind=nta` })
    ).json().items[0].id;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/measurements/${nta}/assay-fit` })).statusCode,
    ).toBe(409);
  });

  it('the routes are in the OpenAPI description', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/assays/fit',
      '/api/western-blots/calls',
      '/api/proteomics/analyse',
      '/api/batches/{id}/metrics',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
