import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { MSC_SOURCE_PROFILES, NEURO_FINDINGS } from '../../domain/evidence/index.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'formats', 'ctgov', 'fixtures');
const JSON_HEADERS = { 'content-type': 'application/json', 'x-evlab-user': 'alice' };

describeEachDialect('evidence API', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_evidence' });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: JSON_HEADERS,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('GET /api/evidence/trials lists the curated trials with facets', async () => {
    const res = await get('/api/evidence/trials?neuro=true&limit=10');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.facets.neurological).toEqual({ true: 3 });
    expect(Object.keys(body.facets).sort()).toEqual(
      ['country', 'disorder', 'neurological', 'phase', 'source', 'status', 'year'].sort(),
    );
    const trial = body.items.find((i: { nctId: string }) => i.nctId === 'NCT04388982');
    expect(trial).toMatchObject({
      mscSource: 'adipose',
      neurological: true,
      disorder: 'alzheimers',
      origin: 'curated',
      statusHistory: [{ status: 'UNKNOWN', at: '2025-04-25' }],
      citation: { authors: 'Li et al.', year: 2025, location: 'Table 5' },
    });
    expect(trial.mscSourceRule).toContain('"Fat"');
  });

  it('validates trial filters (400 naming the parameter)', async () => {
    const bad = await get('/api/evidence/trials?source=liver');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toEqual(['source']);
    const disorder = await get('/api/evidence/trials?disorder=psoriasis');
    expect(disorder.statusCode).toBe(400);
    expect(disorder.json().errors[0].path).toEqual(['disorder']);
    expect((await get('/api/evidence/trials?disorder=stroke')).json().total).toBe(1);
  });

  it('GET /api/evidence/trials/:nctId answers 404 problem+json for an unknown trial', async () => {
    const res = await get('/api/evidence/trials/NCT00000000');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get('/api/evidence/trials/NCT06598202')).json().disorder).toBe('als');
  });

  it('POST /api/evidence/import-ctgov imports a page, names bad studies by JSON path, and is idempotent', async () => {
    const page = readFileSync(join(fixtures, 'msc-ev-search-page-1.json'), 'utf8');
    const first = await post('/api/evidence/import-ctgov', page);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ imported: 2, updated: 2, unchanged: 0 });
    expect(first.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'studies[3].protocolSection.identificationModule.nctId',
      'studies[4].protocolSection.conditionsModule.conditions[1]',
    ]);
    const again = await post('/api/evidence/import-ctgov', page);
    expect(again.json()).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    const imported = await get('/api/evidence/trials?origin=ctgov');
    expect(imported.json().total).toBe(2);

    const notCtgov = await post('/api/evidence/import-ctgov', { hello: 'world' });
    expect(notCtgov.statusCode).toBe(422);
    expect(notCtgov.json()).toMatchObject({ code: 'not-this-format' });
  });

  it('GET /api/evidence/findings, /sources, /matrix, /timeline', async () => {
    const findings = await get('/api/evidence/findings?disorder=als&limit=100');
    expect(findings.json().total).toBe(NEURO_FINDINGS.filter((f) => f.disorder === 'als').length);
    expect(findings.json().items[0].citations.length).toBe(2);
    const sources = (await get('/api/evidence/sources')).json();
    expect(sources.map((s: { slug: string }) => s.slug)).toEqual(MSC_SOURCE_PROFILES.map((p) => p.slug));
    const uc = sources.find((s: { slug: string }) => s.slug === 'umbilical-cord');
    expect(uc.markers.positive).toContain('CD73');
    expect(uc.markers.negative).toContain('CD45');
    const matrix = (await get('/api/evidence/matrix')).json();
    expect(matrix.cells.length).toBe(matrix.sources.length * matrix.disorders.length);
    const timeline = (await get('/api/evidence/timeline')).json();
    expect(timeline.reduce((n: number, y: { total: number }) => n + y.total, 0)).toBe(30);
  });

  it('GET /api/evidence/search finds trials, findings and reference entries', async () => {
    const res = await get('/api/evidence/search?q=intranasal');
    const kinds = new Set(res.json().hits.map((h: { kind: string }) => h.kind));
    expect(kinds.has('finding')).toBe(true);
    expect(kinds.has('route')).toBe(true);
    const trial = await get(`/api/evidence/search?q=${encodeURIComponent('"dry eye"')}`);
    expect(
      trial
        .json()
        .hits.filter((h: { kind: string }) => h.kind === 'trial')
        .map((h: { id: string }) => h.id)
        .sort(),
    ).toEqual(['NCT05738629', 'NCT09990003']);
    expect((await get('/api/evidence/search')).statusCode).toBe(400);
  });

  it('GET /api/evidence/export sends an attachment (CSV and JSON)', async () => {
    const csv = await get('/api/evidence/export?dataset=trials&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="evlab-trials.csv"');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^nct_id,title,/);
    expect(lines).toHaveLength(1 + 30);
    const json = await get('/api/evidence/export?dataset=findings&format=json');
    expect(json.headers['content-disposition']).toBe('attachment; filename="evlab-findings.json"');
    expect(JSON.parse(json.body)).toHaveLength(NEURO_FINDINGS.length);
  });

  it('serves the reference tables', async () => {
    for (const url of ['routes', 'labels', 'properties']) {
      const res = await get(`/api/evidence/${url}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().length).toBeGreaterThan(0);
    }
    expect(Object.keys((await get('/api/evidence/techniques')).json()).sort()).toEqual([
      'characterization',
      'isolation',
      'proteinMarkers',
    ]);
    expect((await get('/api/evidence/clearance')).json().mechanisms.length).toBeGreaterThan(0);
  });

  it('GET /api/batches/:id/evidence links a batch source and indication; PATCH sets the indication', async () => {
    const project = (await post('/api/projects', { name: 'Stroke EVs' })).json();
    const source = (
      await post('/api/sources', { projectId: project.id, tissue: 'wharton-jelly', donorCode: 'WJ-1' })
    ).json();
    const created = await post('/api/batches', { projectId: project.id, sourceId: source.id, code: 'B-1' });
    expect(created.statusCode).toBe(201);
    expect(created.json().intendedIndication).toBeNull();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/batches/${created.json().id}`,
      headers: JSON_HEADERS,
      payload: JSON.stringify({ intendedIndication: 'ischemic-stroke' }),
    });
    expect(patched.json().intendedIndication).toBe('ischemic-stroke');
    const tooLong = await t.app.inject({
      method: 'PATCH',
      url: `/api/batches/${created.json().id}`,
      headers: JSON_HEADERS,
      payload: JSON.stringify({ intendedIndication: 'x'.repeat(201) }),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].path).toEqual(['intendedIndication']);

    const res = await get(`/api/batches/${created.json().id}/evidence`);
    expect(res.statusCode).toBe(200);
    const ev = res.json();
    expect(ev).toMatchObject({
      source: 'wharton-jelly',
      indication: 'ischemic-stroke',
      disorder: 'ischemic-stroke',
    });
    expect(ev.sources.sort()).toEqual(['umbilical-cord', 'wharton-jelly']);
    // Umbilical cord / Wharton's jelly share the Table 6 profile: its markers.
    const profile = MSC_SOURCE_PROFILES.find((p) => p.slug === 'umbilical-cord');
    expect(ev.markers.positive).toEqual(profile?.positiveMarkers);
    expect(ev.markers.conflicting.map((c: { marker: string }) => c.marker)).toEqual(
      profile?.conflictingMarkers.map((c) => c.marker),
    );
    const both = NEURO_FINDINGS.filter(
      (f) =>
        (f.mscSource === 'umbilical-cord' || f.mscSource === 'wharton-jelly') &&
        f.disorder === 'ischemic-stroke',
    ).map((f) => f.id);
    const firstIds = ev.findings.slice(0, both.length).map((f: { id: string }) => f.id);
    expect(firstIds.sort()).toEqual(both.sort());
    expect(ev.trials.some((x: { nctId: string }) => x.nctId === 'NCT06812637')).toBe(true);
    expect(ev.trials.some((x: { nctId: string }) => x.nctId === 'NCT03384433')).toBe(true);

    expect((await get('/api/batches/nope/evidence')).statusCode).toBe(404);
  });
});

describeEachDialect('evidence API keeps CT.gov uploads', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_evidence_raw' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const study = {
    protocolSection: {
      identificationModule: { nctId: 'NCT09999991', briefTitle: 'Umbilical cord MSC exosomes in stroke' },
      statusModule: { overallStatus: 'RECRUITING', studyFirstPostDateStruct: { date: '2025-01-02' } },
      conditionsModule: { conditions: ['Ischemic Stroke'] },
    },
    hasResults: false,
  };

  it('stores the body byte for byte before reading it, and the raw file is downloadable', async () => {
    // Odd spacing on purpose: the stored copy must be the bytes sent, not a re-serialisation.
    const text = `{ "studies" : [ ${JSON.stringify(study)} ],   "nextPageToken": null }\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/evidence/import-ctgov',
      headers: { 'content-type': 'application/json' },
      payload: text,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(1);
    expect(body.rawFiles).toHaveLength(1);
    const content = await t.app.inject({
      method: 'GET',
      url: `/api/raw-files/${body.rawFiles[0].rawFileId}/content`,
    });
    expect(content.statusCode).toBe(200);
    expect(content.body).toBe(text);
    const meta = await t.app.inject({ method: 'GET', url: `/api/raw-files/${body.rawFiles[0].rawFileId}` });
    expect(meta.json()).toMatchObject({
      batchId: null,
      mediaType: 'application/json',
      sizeBytes: Buffer.byteLength(text),
    });
  });

  it('keeps a body that is not JSON and answers 422 with the line of the problem', async () => {
    const text = '{\n  "studies": [\n    { "protocolSection": oops }\n  ]\n}\n';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/evidence/import-ctgov',
      headers: { 'content-type': 'application/json' },
      payload: text,
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().line).toBe(3);
    const sha = (await import('node:crypto')).createHash('sha256').update(text).digest('hex');
    expect(await t.wb.blobs.has(sha)).toBe(true);
  });
});
