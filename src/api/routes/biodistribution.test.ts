import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

describe('API /api/pk/biodistribution', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite');
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const post = (body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/pk/biodistribution',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('analyses posted rows (hand-computed AUC and %ID)', async () => {
    const res = await post({
      rows: [
        { organ: 'Liver', timeH: 1, value: 20, unit: '%ID/g' },
        { organ: 'Liver', timeH: 4, value: 25, unit: '%ID/g' },
        { organ: 'Liver', timeH: 24, value: 15, unit: '%ID/g' },
      ],
      bodyWeightKg: 0.025,
      label: '111In',
    });
    expect(res.statusCode).toBe(200);
    const liver = res.json().organs[0];
    expect(liver.concentration.auc).toBeCloseTo(467.5, 9);
    expect(liver.points[1].percentId.mean).toBeCloseTo(34.3125, 9);
    expect(res.json().flags.map((f: { code: string }) => f.code)).toContain('detached-indium');
  });

  it('analyses a pasted table with decay correction', async () => {
    const res = await post({
      csv: 'organ (%ID/g)\t4 h\t24 h\nliver\t1\t1\n',
      label: '99mTc',
      decayCorrect: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().organs[0].points[1].percentIdPerG.mean).toBeCloseTo(15.9469, 3);
  });

  it('answers 422 with the line for an unreadable table or unusable rows, 400 without data', async () => {
    const unreadable = await post({ csv: 'organ,time,value,unit\nliver,1,x,%ID/g\n', fileName: 'bd.csv' });
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json()).toMatchObject({ code: 'malformed-number', line: 2 });
    const mixed = await post({
      csv: 'organ,time,value,unit\nliver,1,1,radiance\nliver,2,1,%ID\n',
      fileName: 'bd.csv',
    });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json()).toMatchObject({ code: 'invalid-biodistribution', line: 3 });
    const rows = await post({
      rows: [
        { organ: 'liver', timeH: 1, value: 1, unit: 'radiance' },
        { organ: 'liver', timeH: 2, value: 1, unit: '%ID' },
      ],
    });
    expect(rows.json().errors[0].path).toEqual(['rows', 1, 'unit']);
    const none = await post({ label: 'DiR' });
    expect(none.statusCode).toBe(400);
  });

  it('serves the reference tables it uses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/pk/biodistribution/reference' });
    expect(res.statusCode).toBe(200);
    expect(res.json().organMasses.percentOfBodyWeight.mouse.liver).toBe(5.49);
    expect(res.json().halfLives.find((h: { label: string }) => h.label === '89Zr').halfLifeH).toBe(78.41);
  });
});
