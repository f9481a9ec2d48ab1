import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import type { Batch } from '../../domain/batch.ts';
import { seedDemo } from '../../jobs/seed-demo.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

describeEachDialect('QC API: old metric names are aliases of the canonical ones', (dialect) => {
  let t: TestServer;
  let inQc: Batch;
  let productId: string;
  const post = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'x-evlab-user': 'qa-user' },
      payload: JSON.stringify(body),
    });
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab-api-qc-alias' });
    const demo = await seedDemo(t.wb, { actor: 'demo' });
    inQc = demo.batches.find((b) => b.status === 'in-qc') as Batch;
    productId = demo.project.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores a criterion given under an old name under the canonical name, with a deprecation header', async () => {
    const res = await post('/api/specifications', {
      productId,
      name: 'Alias check',
      criteria: [
        {
          id: 'conc',
          category: 'concentration',
          name: 'Particle concentration',
          metric: 'nta.concentration',
          operator: '>',
          limit: 1,
          unit: 'particles/mL',
        },
        {
          id: 'mode',
          category: 'size',
          name: 'Mode',
          metric: 'nta.modeNm',
          operator: 'range',
          low: 1,
          high: 1000,
          unit: 'nm',
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    const spec = res.json();
    expect(spec.criteria.map((c: { metric: string }) => c.metric)).toEqual([
      'nta.concentrationPerMl',
      'nta.modeNm',
    ]);
    expect(res.headers.deprecation).toBe('true');
    expect(String(res.headers.warning)).toMatch(
      /'nta\.concentration' is deprecated.*'nta\.concentrationPerMl'/,
    );

    // The batch's NTA value is found under the canonical name: the criterion passes, not "missing".
    const evaluation = await post(`/api/batches/${inQc.id}/qc/evaluations`, { specificationId: spec.id });
    expect(evaluation.statusCode).toBe(201);
    const conc = evaluation.json().results.find((r: { criterionId: string }) => r.criterionId === 'conc');
    expect(conc.outcome).toBe('pass');
  });

  it('charts an old name as the canonical metric, and canonical names carry no deprecation header', async () => {
    const old = await t.app.inject({ method: 'GET', url: '/api/qc/metrics/nta.concentration/series' });
    const canonical = await t.app.inject({
      method: 'GET',
      url: '/api/qc/metrics/nta.concentrationPerMl/series',
    });
    expect(old.statusCode).toBe(200);
    expect(old.json().metric).toBe('nta.concentrationPerMl');
    expect(old.json().points.length).toBeGreaterThan(1);
    expect(old.json().points).toEqual(canonical.json().points);
    expect(old.headers.deprecation).toBe('true');
    expect(canonical.headers.deprecation).toBeUndefined();
  });

  it('lists the deprecated aliases next to the catalogue', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/qc/metrics' });
    const body = res.json();
    expect(body.aliases['nta.concentration']).toBe('nta.concentrationPerMl');
    const names = new Set(body.items.map((m: { name: string }) => m.name));
    for (const canonical of ['nta.concentrationPerMl', 'protein.concentrationUgPerMl'])
      expect(names.has(canonical)).toBe(true);
    for (const alias of Object.keys(body.aliases)) expect(names.has(alias)).toBe(false);
  });

  it('accepts an entered result under an old name as the canonical metric', async () => {
    const res = await post(`/api/batches/${inQc.id}/qc/results`, {
      metric: 'protein.concentration',
      value: 250,
      unit: 'µg/mL',
      method: 'micro-BCA',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().metric).toBe('protein.concentrationUgPerMl');
    expect(res.headers.warning).toMatch(/protein\.concentration/);
  });
});
