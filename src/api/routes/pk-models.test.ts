import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await openTestServer('sqlite');
});
afterAll(async () => {
  await server.dispose();
});

// 1-compartment IV bolus D = 100, k10 = 0.25, V1 = 10: C = 10·e^(−0.25 t).
const observations = [0.5, 1, 2, 4, 6, 8, 12, 24].map((time) => ({
  time,
  conc: 10 * Math.exp(-0.25 * time),
}));

describe('/api/pk models, fit and simulate', () => {
  it('GET /api/pk/models lists every model with parameters and units', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/pk/models?doseUnit=ug&concUnit=ug/mL' });
    expect(res.statusCode).toBe(200);
    const models = res.json() as { id: string; parameters: { name: string; unit: string }[] }[];
    const twoCmt = models.find((m) => m.id === '2cmt-iv-bolus');
    expect(twoCmt?.parameters.map((p) => p.name)).toEqual(['k10', 'k12', 'k21', 'V1']);
    expect(twoCmt?.parameters.find((p) => p.name === 'V1')?.unit).toBe('mL');
    expect(models.some((m) => m.id === 'mm-1cmt-iv-bolus')).toBe(true);
    expect(models.some((m) => m.id === 'abc-1cmt-iv-bolus')).toBe(true);
  });

  it('POST /api/pk/fit recovers the parameters and compares models', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/pk/fit',
      payload: {
        models: ['1cmt-iv-bolus', '2cmt-iv-bolus'],
        subjects: [{ id: 'rat-1', observations }],
        dose: 100,
        weighting: '1/y2',
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const fit = body.fits.find((f: { model: string }) => f.model === '1cmt-iv-bolus');
    expect(fit.id).toBe('rat-1');
    expect(fit.parameters.find((p: { name: string }) => p.name === 'k10').estimate).toBeCloseTo(0.25, 6);
    expect(fit.parameters.find((p: { name: string }) => p.name === 'V1').estimate).toBeCloseTo(10, 5);
    expect(body.comparisons).toHaveLength(1);
    expect(body.comparisons[0].rows).toHaveLength(2);
  });

  it('POST /api/pk/simulate returns times and concentrations', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/pk/simulate',
      payload: { model: '1cmt-iv-bolus', params: { k10: 0.5, V1: 2 }, dose: 10, times: [0, 1, 2] },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.times).toEqual([0, 1, 2]);
    expect(body.conc[1]).toBeCloseTo(5 * Math.exp(-0.5), 12);
    expect(body.derived.CL.value).toBeCloseTo(1, 12);
  });

  it.each([
    ['/api/pk/fit', { models: ['nope'], subjects: [{ id: 'a', observations }], dose: 100 }, 'models'],
    ['/api/pk/fit', { models: ['1cmt-iv-bolus'], subjects: [{ id: 'a', observations }], dose: -1 }, 'dose'],
    [
      '/api/pk/fit',
      { models: ['1cmt-iv-infusion'], subjects: [{ id: 'a', observations }], dose: 1 },
      'duration',
    ],
    [
      '/api/pk/fit',
      { models: ['3cmt-iv-bolus'], subjects: [{ id: 'a', observations: observations.slice(0, 4) }], dose: 1 },
      'subjects',
    ],
    ['/api/pk/simulate', { model: '2cmt-iv-bolus', params: { k10: 1, V1: 2 }, dose: 1 }, 'params'],
    ['/api/pk/simulate', { model: '1cmt-iv-bolus', params: { k10: 1, V1: 2 }, dose: 1, doses: 3 }, 'tau'],
  ])('%s answers 400 problem+json naming the field (%j)', async (url, payload, field) => {
    const res = await server.app.inject({ method: 'POST', url, payload });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json();
    expect(problem.errors[0].path[0]).toBe(field);
  });
});
