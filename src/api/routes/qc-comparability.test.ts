import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import type { Batch } from '../../domain/batch.ts';
import { seedDemo } from '../../jobs/seed-demo.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

describeEachDialect('QC comparability API', (dialect) => {
  let t: TestServer;
  let demo: Batch[];
  let other: Batch;
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_qc_comparability' });
    demo = (await seedDemo(t.wb, { actor: 'demo' })).batches;
    const project = await t.wb.store.createProject({ name: 'Elsewhere', description: '' }, 'analyst');
    other = await t.wb.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'OTHER-1',
        conditionedMediumVolumeMl: null,
        isolationProtocol: { version: 1, name: '', steps: [] },
        finalVolumeMl: 1,
        buffer: 'PBS',
        storageTemperatureC: -80,
        harvestDate: null,
        isolationDate: null,
        status: 'draft',
        notes: '',
      },
      'analyst',
    );
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const ids = () => ({ a: [demo[0]?.id], b: [demo[1]?.id, demo[2]?.id] });

  it('compares two groups of batches (JSON)', async () => {
    const res = await post('/api/qc/comparability', { ...ids(), marginPct: 15 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.marginPct).toBe(15);
    expect(body.a.map((b: Batch) => b.code)).toEqual([demo[0]?.code]);
    expect(body.metrics.map((m: { metric: string }) => m.metric)).toContain('nta.modeNm');
    // one batch in A: no test, and the report says why
    const mode = body.metrics.find((m: { metric: string }) => m.metric === 'nta.modeNm');
    expect(mode.verdict).toBe('insufficient-data');
    expect(mode.valuesB).toHaveLength(2);
    expect(body.sizeDistribution.wassersteinNm).toBeGreaterThan(0);
    // the instrument behind each batch's distribution is named
    expect(body.sizeDistribution.instrumentsA).toEqual(['NanoSight NTA']);
    expect(body.sizeDistribution.sourcesB.map((s: { batchCode: string }) => s.batchCode)).toEqual([
      demo[1]?.code,
      demo[2]?.code,
    ]);
  });

  it('writes the PDF', async () => {
    const res = await post('/api/qc/comparability/pdf', ids());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(2000);
  });

  it('answers problems for bad input', async () => {
    const empty = await post('/api/qc/comparability', { a: [], b: ids().b });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toEqual(['a']);
    const unknown = await post('/api/qc/comparability', { a: ['no-such-batch'], b: ids().b });
    expect(unknown.statusCode).toBe(404);
    const both = await post('/api/qc/comparability', { a: ids().a, b: ids().a });
    expect(both.statusCode).toBe(422);
    const margin = await post('/api/qc/comparability', { ...ids(), marginPct: -5 });
    expect(margin.statusCode).toBe(400);
  });

  it('lets viewers compare their own projects only', async () => {
    const viewer = await t.headersFor('viewer-1', 'viewer', { projectIds: [demo[0]?.projectId ?? ''] });
    expect((await post('/api/qc/comparability', ids(), viewer)).statusCode).toBe(200);
    const denied = await post('/api/qc/comparability', { a: ids().a, b: [other.id] }, viewer);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toMatch(/not a member/);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/qc/comparability',
      headers: { 'content-type': 'application/json', cookie: 'x=y' },
      payload: JSON.stringify(ids()),
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
