import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      '/api/pk/biodistribution',
      '/api/pk-studies',
      '/api/pk-studies/{id}',
      '/api/batches/{id}/pk-studies',
    ]) {
      expect(paths, p).toContain(p);
    }
  });
});
