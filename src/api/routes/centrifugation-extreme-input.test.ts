/** Regression tests (issue 10 hostile-input probe): `spin` with a viscosity of 1e308 answered non-finite times. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

describe('POST /api/centrifugation/spin with extreme numbers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-spin-extreme' });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const spin = (body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/centrifugation/spin',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ rotor: 'Type 60 Ti', rcf: 100_000, minutes: 70, ...body }),
    });

  for (const [field, value] of [
    ['viscosityCp', 1e308],
    ['minutes', 1e308],
    ['evDensity', 1e308],
  ] as const) {
    it(`refuses ${field} = ${value} with 4xx problem+json naming the field`, async () => {
      const res = await spin({ [field]: value });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).not.toMatch(/Infinity|NaN/);
      const problem = res.json() as { detail: string; errors: { path: string[] }[] };
      expect(problem.errors[0]?.path).toEqual([field]);
      expect(problem.detail).toMatch(/at most/);
    });
  }

  it('still computes a run at the upper viscosity bound (1e6 cP) with finite numbers', async () => {
    const res = await spin({ viscosityCp: 1e6 });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/Infinity|NaN|null,"pelleted"/);
    expect(Number.isFinite((res.json() as { cutoffDiameterNm: number }).cutoffDiameterNm)).toBe(true);
  });
});
