import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../domain/batch.ts';
import { seedDemo } from '../../jobs/seed-demo.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

describe('QC API', () => {
  let t: TestServer;
  let released: Batch;
  let inQc: Batch;
  const json = (method: 'POST' | 'PATCH', url: string, body: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { 'content-type': 'application/json', 'x-evlab-user': 'qa-user' },
      payload: JSON.stringify(body),
    });
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-qc' });
    // The signer re-authenticates (src/jobs/accounts.ts); here the password 'pw' is the right one.
    t.wb.verifyCredentials = async (_user, password) => password === 'pw';
    const demo = await seedDemo(t.wb, { actor: 'demo' });
    [released, inQc] = demo.batches as [Batch, Batch];
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('shows the released batch locked with a valid signature', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/batches/${released.id}/qc` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.locked).toBe(true);
    expect(body.signatures).toHaveLength(1);
    expect(body.signatures[0]).toMatchObject({
      meaning: 'released',
      state: 'valid',
      printedName: 'Demo QA (fictional)',
    });
  });

  it('answers 409 with a clear message on every write to a locked batch', async () => {
    const patch = await json('PATCH', `/api/batches/${released.id}`, { notes: 'x' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().detail).toMatch(/is released and locked.*amendment/);
    const upload = multipartBody([{ name: 'file', fileName: 'x.csv', content: 'a,b\n1,2\n' }]);
    const file = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${released.id}/files`,
      headers: upload.headers,
      payload: upload.payload,
    });
    expect(file.statusCode).toBe(409);
    expect(file.json().detail).toMatch(/locked/);
    const result = await json('POST', `/api/batches/${released.id}/qc/results`, {
      metric: 'safety.endotoxinEuPerMl',
      value: 0.1,
      unit: 'EU/mL',
      method: 'LAL',
    });
    expect(result.statusCode).toBe(409);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/batches/${released.id}` });
    expect(del.statusCode).toBe(409);
  });

  it('evaluates the batch in QC, names the failing criterion and refuses its release', async () => {
    const evaluation = await json('POST', `/api/batches/${inQc.id}/qc/evaluations`, {});
    expect(evaluation.statusCode).toBe(201);
    const body = evaluation.json();
    expect(body.outcome).toBe('fail');
    const endotoxin = body.results.find((r: { criterionId: string }) => r.criterionId === 'safety-endotoxin');
    expect(endotoxin).toMatchObject({
      outcome: 'fail',
      value: 0.82,
      evidence: { source: { type: 'result' } },
    });
    const sign = await json('POST', `/api/batches/${inQc.id}/qc/sign`, {
      evaluationId: body.id,
      decision: 'released',
      printedName: 'Quinn Smith',
      password: 'pw',
    });
    expect(sign.statusCode).toBe(409);
    expect(sign.json().detail).toMatch(/Bacterial endotoxins: fail, no documented deviation/);
    const noPassword = await json('POST', `/api/batches/${inQc.id}/qc/sign`, {
      evaluationId: body.id,
      decision: 'rejected',
      printedName: 'Quinn Smith',
      password: '',
    });
    expect(noPassword.statusCode).toBe(400);
    const deviation = await json('POST', `/api/batches/${inQc.id}/qc/deviations`, {
      evaluationId: body.id,
      criterionId: 'identity-cd9',
      reason: 'CD9 passed, this must be refused',
      decision: 'accepted',
    });
    expect(deviation.statusCode).toBe(409);
  });

  it('serves the checklist with its score and EV-TRACK fields', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/batches/${released.id}/qc/checklist` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.score).toBeGreaterThan(50);
    expect(body.score).toBeLessThan(100);
    expect(body.missing).toContain('Single-EV imaging (TEM, cryo-EM, AFM…)');
    expect(body.evTrack['Cell type']).toMatch(/umbilical/);
  });

  it('charts a metric across batches and refuses a bad chart with 422', async () => {
    const series = await t.app.inject({ method: 'GET', url: '/api/qc/metrics/nta.modeNm/series' });
    expect(series.statusCode).toBe(200);
    expect(series.json().points.map((p: { batchCode: string }) => p.batchCode)).toEqual([
      'UC-EV-001',
      'UC-EV-002',
      'UC-EV-003',
    ]);
    expect(series.json().chart.points).toHaveLength(3);
    const bad = await json('POST', '/api/qc/spc/chart', { chart: 'xbar-r', values: [1, 2, 3] });
    expect(bad.statusCode).toBe(422);
    const ok = await json('POST', '/api/qc/spc/chart', {
      chart: 'c',
      values: [21, 24, 16, 12, 15, 5, 28, 20, 31, 25],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().center).toBeCloseTo(19.7, 10);
  });

  it('creates specification versions per product', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/specifications' })).json().items[0];
    const { id: _id, version: _v, createdAt: _c, createdBy: _b, ...input } = spec;
    const next = await json('POST', '/api/specifications', input);
    expect(next.statusCode).toBe(201);
    expect(next.json().version).toBe(2);
    const bad = await json('POST', '/api/specifications', {
      ...input,
      criteria: [{ ...input.criteria[0], operator: 'range' }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps QC signatures in the shared signature store, signed only through the release workflow', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/signatures?recordType=qc-release&recordId=${released.id}`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { meaning: string; status: string }) => [s.meaning, s.status])).toEqual([
      ['released', 'valid'],
    ]);
    const direct = await json('POST', '/api/signatures', {
      recordType: 'qc-release',
      recordId: inQc.id,
      meaning: 'released',
      password: 'pw',
    });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().code).toBe('workflow-only');
    const verify = t.wb.verifyCredentials;
    t.wb.verifyCredentials = undefined;
    try {
      const overview = (await t.app.inject({ method: 'GET', url: `/api/batches/${inQc.id}/qc` })).json();
      const sign = await json('POST', `/api/batches/${inQc.id}/qc/sign`, {
        evaluationId: overview.evaluations[0]?.id ?? 'none',
        decision: 'rejected',
        password: 'pw',
        reason: 'no accounts configured',
      });
      expect(sign.statusCode).toBe(503);
      expect(sign.json().code).toBe('signing-unavailable');
    } finally {
      t.wb.verifyCredentials = verify;
    }
  });
});
