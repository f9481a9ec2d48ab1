import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../test-support.ts';

// C = 160·2^(−t): IV bolus, k = ln 2; log-down AUC∞ = 160/ln 2 exactly.
const rows = [1, 2, 3, 4].map((t) => ({ id: 'A', time: t, conc: 160 * 2 ** -t, dose: 1000 }));

describe('POST /api/pk/nca', () => {
  let t: TestServer;
  beforeAll(async () => {
    // NCA needs no database: one dialect is enough.
    t = await openTestServer('sqlite', { prefix: 'evlab-api-nca' });
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

  it('analyses JSON rows and answers the CLI array keyed by CDISC codes', async () => {
    const res = await post({ rows, route: 'iv-bolus', aucMethod: 'linear-log' });
    expect(res.statusCode).toBe(200);
    const [a] = res.json() as { id: string; parameters: Record<string, number>; lambdaZPoints: unknown[] }[];
    expect(a?.id).toBe('A');
    expect(a?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
    expect(a?.parameters.CLO).toBeCloseTo((1000 * Math.LN2) / 160, 9);
    expect(a?.lambdaZPoints).toHaveLength(4);
  });

  it('analyses CSV text with a column mapping, BLQ cells and units', async () => {
    const csv = 'Mouse\tMin\tParticles/mL\nm1\t5\t8e9\nm1\t15\t4e9\nm1\t30\t2e9\nm1\t60\t5e8\nm1\t120\tBLQ\n';
    const res = await post({
      csv,
      columns: { id: 'Mouse', time: 'Min', conc: 'Particles/mL' },
      route: 'iv-bolus',
      dose: 1e11,
      units: { time: 'min', conc: 'particles/mL', dose: 'particles' },
    });
    expect(res.statusCode).toBe(200);
    const [m] = res.json() as {
      parameters: Record<string, number>;
      units: Record<string, string>;
      notes: string[];
    }[];
    expect(m?.units.CLO).toBe('mL/min');
    expect(m?.parameters.TLST).toBe(60);
    expect(m?.notes).toContain('1 trailing BLQ sample set to 0');
  });

  it('reports minute data in hours with reportTimeUnit (options in the data unit)', async () => {
    // The same curve sampled in minutes: C = 160·2^(−t/60).
    const minuteRows = [60, 120, 180, 240].map((t) => ({ id: 'A', time: t, conc: 160 * 2 ** (-t / 60) }));
    const res = await post({
      rows: minuteRows,
      route: 'iv-bolus',
      aucMethod: 'linear-log',
      dose: 1,
      partialAucs: [[60, 180]],
      units: { time: 'min', conc: 'ng/mL', dose: 'mg' },
      reportTimeUnit: 'h',
    });
    expect(res.statusCode).toBe(200);
    const [a] = res.json() as {
      parameters: Record<string, number>;
      units: Record<string, string>;
      partialAucs: { startTime: number; endTime: number; auc: number }[];
      notes: string[];
    }[];
    expect(a?.parameters.LAMZ).toBeCloseTo(Math.LN2, 12);
    expect(a?.parameters.LAMZHL).toBeCloseTo(1, 12);
    expect(a?.parameters.AUCIFO).toBeCloseTo(160 / Math.LN2, 9);
    expect(a?.parameters.CLO).toBeCloseTo((1e6 * Math.LN2) / 160, 5); // mL/h
    expect(a?.partialAucs[0]).toMatchObject({ startTime: 1, endTime: 3 });
    expect(a?.units).toMatchObject({ LAMZ: '1/h', TMAX: 'h', AUMCIFO: 'h²·ng/mL', CLO: 'mL/h', VZO: 'mL' });
    expect(a?.notes).toContain('times are in min in the data and reported in h');
  });

  it('answers 400 naming reportTimeUnit when it is unknown or has no data time unit', async () => {
    const unknown = await post({ rows, route: 'iv-bolus', units: { time: 'h' }, reportTimeUnit: 'weeks' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json().errors[0].path).toEqual(['reportTimeUnit']);
    const alone = await post({ rows, route: 'iv-bolus', reportTimeUnit: 'min' });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().errors[0].path).toEqual(['reportTimeUnit']);
    expect(JSON.stringify(alone.json())).toMatch(/needs units\.time/);
  });

  it('answers 400 problem+json naming the row of a negative concentration', async () => {
    const bad = [...rows.slice(0, 2), { id: 'A', time: 3, conc: -1, dose: 1000 }];
    const res = await post({ rows: bad, route: 'iv-bolus' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json() as { detail: string; errors: { path: (string | number)[] }[] };
    expect(problem.detail).toBe('rows[2] (subject A): negative concentration -1 at time 3');
    expect(problem.errors[0]?.path).toEqual(['rows', 2, 'conc']);
  });

  it('answers 400 naming unsorted rows, a missing dose and a missing CSV column', async () => {
    const unsorted = await post({ rows: [rows[1], rows[0]], route: 'iv-bolus' });
    expect(unsorted.statusCode).toBe(400);
    expect(unsorted.json().errors[0].path).toEqual(['rows', 1, 'time']);
    const noDose = await post({ rows: [...rows, { id: 'B', time: 1, conc: 5 }], route: 'iv-bolus' });
    expect(noDose.statusCode).toBe(400);
    expect(noDose.json().detail).toMatch(/subject B has no dose/);
    const column = await post({
      csv: 'a,b\n1,2\n',
      columns: { time: 't', conc: 'b' },
      route: 'extravascular',
      dose: 1,
    });
    expect(column.statusCode).toBe(400);
    expect(column.json().detail).toMatch(/no time column "t"; the columns are: a, b/);
  });

  it('validates the body with field paths', async () => {
    const both = await post({ route: 'extravascular' });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].path).toEqual(['rows']);
    const infusion = await post({ rows, route: 'iv-infusion' });
    expect(infusion.json().errors[0].path).toEqual(['durationH']);
  });

  it('is listed in the OpenAPI document under the pk tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { post?: { tags?: string[] } }>;
    };
    expect(doc.paths['/api/pk/nca']?.post?.tags).toEqual(['pk']);
  });
});
