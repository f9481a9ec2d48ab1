/** Regression tests (issue 10 hostile-input probe): /api/pk/simulate with 1e308 never serializes NaN/Infinity. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

describe('POST /api/pk/simulate with extreme numbers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-pk-sim-extreme' });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const simulate = (body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/pk/simulate',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ model: '1cmt-iv-bolus', params: { k10: 1, V1: 2 }, dose: 1, ...body }),
    });

  for (const [name, body, field] of [
    ['dose = 1e308', { dose: 1e308 }, 'dose'],
    ['V1 = 1e308', { params: { k10: 1, V1: 1e308 } }, 'params'],
    ['a time of 1e308', { times: [0, 1e308] }, 'times'],
  ] as const) {
    it(`refuses ${name} with 400 problem+json naming ${field}`, async () => {
      const res = await simulate(body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.json())).toContain(field);
    });
  }

  it('answers 422 when in-range inputs still overflow (dose 1e30, V1 1e-300)', async () => {
    const res = await simulate({ dose: 1e30, params: { k10: 1, V1: 1e-300 }, times: [0, 1] });
    expect(res.statusCode).toBe(422);
    expect(res.body).not.toMatch(/Infinity|NaN/);
    expect(res.json().code).toBe('non-finite-result');
  });

  it('still simulates an ordinary bolus: C(0) = dose/V1', async () => {
    const res = await simulate({ times: [0] });
    expect(res.statusCode).toBe(200);
    expect(res.json().conc[0]).toBeCloseTo(0.5, 12);
  });
});
