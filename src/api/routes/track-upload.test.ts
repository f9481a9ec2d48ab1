/**
 * Uploading a particle-track table to a batch (kind nta-tracks): acquisition parameters as form fields;
 * without them 422 missing-acquisition-parameters and nothing recorded; with them the measurement and its
 * batch metrics. Sizes are checked against the known size of evlab's simulated population.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { simulateBrownianTracks } from '../../science/nta-tracks/simulate-brownian-tracks.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

const sim = simulateBrownianTracks({
  population: [{ diameterNm: 100, fraction: 1 }],
  tracks: 1200,
  minSteps: 10,
  maxSteps: 30,
  fps: 25,
  umPerPx: 0.1,
  temperatureC: 24,
  frames: 800,
  seed: 3,
});
const csv = [
  'Particle ID,Frame,X position,Y position',
  ...sim.frame.map((f, i) => `${sim.trackId[i]},${f},${sim.xPx[i]},${sim.yPx[i]}`),
].join('\n');

describeEachDialect('POST /api/batches/:id/files with a track table', (dialect) => {
  let t: TestServer;
  let batchId = '';
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_track_upload' });
    const p = await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Tracks' } });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      payload: { projectId: p.json().id, code: 'TRK-1' },
    });
    batchId = b.json().id;
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const upload = (fields: Record<string, string>) => {
    const body = multipartBody([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      { name: 'file', fileName: 'video1-AllTracks.csv', content: csv, contentType: 'text/csv' },
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/batches/${batchId}/files`,
      headers: body.headers,
      payload: body.payload,
    });
  };

  it('without parameters: 422 missing-acquisition-parameters naming each one; nothing recorded', async () => {
    const res = await upload({ fps: '25' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe('missing-acquisition-parameters');
    expect(problem.errors.map((e: { path: string[] }) => e.path[0])).toEqual(['umPerPx', 'temperatureC']);
    const files = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files` });
    expect(files.json().total).toBe(0);
  });

  it('a malformed parameter is a 400 naming the field', async () => {
    const res = await upload({ umPerPx: '-1', fps: '25', temperatureC: '24' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('umPerPx');
  });

  it('with them: 201, kind nta-tracks, ML D50 within 3 nm of 100 nm; batch metrics list tracks.*', async () => {
    const res = await upload({ umPerPx: '0.1', fps: '25', temperatureC: '24' });
    expect(res.statusCode).toBe(201);
    const m = res.json().results[0].measurement;
    expect(m).toMatchObject({ kind: 'nta-tracks', status: 'parsed' });
    expect(Math.abs(m.metrics.ml.d50Nm - 100)).toBeLessThanOrEqual(3);
    const metrics = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/metrics` });
    expect(metrics.statusCode).toBe(200);
    const rows = metrics.json().metrics as { key: string; unit: string | null; value: unknown }[];
    expect(rows.find((r) => r.key === 'tracks.mlD50Nm')).toMatchObject({ unit: 'nm' });
    expect(rows.find((r) => r.key === 'tracks.count')).toMatchObject({ value: 1200, unit: 'tracks' });
  });
});
