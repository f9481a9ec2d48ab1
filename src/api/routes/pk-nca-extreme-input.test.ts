/**
 * Regression tests for the hostile-input probe of issue 10: NCA on extreme but finite numbers answered a
 * non-finite AUC/MRT (serialized as null or crashing). Extreme inputs are refused with 400/422 problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

const rows = [1, 2, 3, 4].map((t) => ({ id: 'A', time: t, conc: 160 * 2 ** -t, dose: 1000 }));

describe('POST /api/pk/nca with extreme numbers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-nca-extreme' });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const post = (body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/pk/nca',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('refuses a JSON concentration of 1.8e308 (parses to Infinity) with 400 naming the row', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/pk/nca',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ rows, route: 'iv-bolus' }).replace('"conc":80', '"conc":1.8e308'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).not.toMatch(/Infinity|NaN/);
    expect(JSON.stringify(res.json())).toContain('rows');
  });

  it('refuses a JSON concentration of 1.7e308 (finite, out of range) with 400', async () => {
    const res = await post({
      rows: rows.map((r, i) => (i === 0 ? { ...r, conc: 1.7e308 } : r)),
      route: 'iv-bolus',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('conc');
  });

  it('refuses tau = 1e308 with 400 naming tau', async () => {
    const res = await post({ rows, route: 'iv-bolus', tau: 1e308 });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('tau');
  });

  it('answers 422 (not NaN/Infinity) when a CSV concentration overflows the AUC', async () => {
    const csv = 'id,t,c\nA,1,1.7e308\nA,2,1.6e308\nA,3,1.5e308\nA,4,1.4e308\n';
    const res = await post({ csv, columns: { id: 'id', time: 't', conc: 'c' }, route: 'extravascular' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const body = res.json() as { code: string; detail: string };
    expect(body.code).toBe('non-finite-result');
    expect(body.detail).toMatch(/overflow/);
  });

  it('still computes ordinary data after the guard', async () => {
    const res = await post({ rows, route: 'iv-bolus', aucMethod: 'linear-log' });
    expect(res.statusCode).toBe(200);
    const [a] = res.json() as { parameters: Record<string, number> }[];
    expect(a?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
  });
});
