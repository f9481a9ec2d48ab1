import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

describeEachDialect('API centrifugation', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_centrifugation' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const spin = (body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/centrifugation/spin',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('GET /api/rotors lists the library with geometry, k-factor and source', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/rotors' });
    expect(res.statusCode).toBe(200);
    const rotors = res.json();
    expect(rotors.length).toBeGreaterThanOrEqual(15);
    const tla = rotors.find((r: { name: string }) => r.name === 'TLA-110');
    expect(tla).toMatchObject({
      type: 'fixed-angle',
      rMinMm: 26,
      rMaxMm: 48.5,
      tubeDiameterMm: 13,
      angleDeg: 28,
      maxRpm: 110000,
    });
    expect(tla.kFactor).toBeCloseTo(13, 0);
    expect(tla.source).toContain('Livshits');
  });

  it('POST /api/centrifugation/spin reproduces Livshits et al. 2015 Table 2 for Type 60 Ti (d* 170 nm, 88 % of 150 nm)', async () => {
    const res = await spin({ rotor: 'type60ti', rcf: 10000, minutes: 30, curve: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rotor: 'Type 60 Ti', type: 'fixed-angle', minutes: 30 });
    expect(Math.abs(body.cutoffDiameterNm - 170)).toBeLessThanOrEqual(2);
    const p150 = body.pelleted.find((p: { diameterNm: number }) => p.diameterNm === 150);
    expect(Math.abs(p150.fraction * 100 - 88)).toBeLessThanOrEqual(1);
    expect(body.curve.length).toBeGreaterThan(20);
    expect(body.curve[0].diameterNm).toBeCloseTo(20, 6);
    expect(body.curve.at(-1).diameterNm).toBeCloseTo(500, 6);
  });

  it('k-adjusts from another rotor and accepts user-defined rotors', async () => {
    const res = await spin({
      rotor: 'Lab FA',
      rcf: 100000,
      minutes: 70,
      kAdjustFrom: 'SW 40 Ti',
      rotors: [
        {
          name: 'Lab FA',
          type: 'fixed-angle',
          rMinMm: 40,
          rMaxMm: 90,
          maxRpm: 70000,
          tubeDiameterMm: 25,
          angleDeg: 25,
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kAdjustedFrom.rotor).toBe('SW 40 Ti');
    expect(body.minutes).toBeCloseTo((70 * body.kFactor) / body.kAdjustedFrom.kFactor, 9);
  });

  it.each([
    [{ rotor: 'SW 40 Ti', rcf: 10000, minutes: 0 }, 'minutes'],
    [{ rotor: 'SW 40 Ti', rcf: 10000, minutes: -3 }, 'minutes'],
    [{ rotor: 'SW 40 Ti', rpm: 41000, minutes: 10 }, 'rpm'],
    [{ rotor: 'SW 40 Ti', rcf: 10000, minutes: 10, evDensity: 1.0, mediumDensity: 1.0 }, 'evDensity'],
    [{ rotor: 'SW 99', rcf: 10000, minutes: 10 }, 'rotor'],
  ])('answers 422 problem+json naming the field for %j', async (body, field) => {
    const res = await spin(body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.errors[0].path).toEqual([field]);
    if (field === 'rpm') expect(problem.detail).toContain('40,000 rpm');
  });

  it('documents both routes in the OpenAPI document under the isolation tag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const path = Object.keys(doc.paths).find((p) => p.endsWith('/centrifugation/spin'));
    expect(path).toBeDefined();
    expect(doc.paths[path as string].post.tags).toEqual(['isolation']);
  });

  it('answers 400 naming the field for malformed input and invalid user rotors', async () => {
    const res = await spin({ rotor: 'SW 40 Ti', rcf: 'fast', minutes: 10 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toEqual(['rcf']);
    const bad = await spin({
      rotor: 'X',
      rcf: 1000,
      minutes: 1,
      rotors: [{ name: 'X', type: 'swinging-bucket', rMinMm: 90, rMaxMm: 60, maxRpm: 1000 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toEqual(['rotors', 0, 'rMaxMm']);
  });
});
