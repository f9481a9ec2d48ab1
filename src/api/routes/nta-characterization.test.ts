import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { syntheticZetaViewBins, writeZetaViewTxt } from '../../formats/zetaview/write-zetaview-txt.ts';
import { simulateBrownianTracks } from '../../science/nta-tracks/simulate-brownian-tracks.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
// evlab's own synthetic fixtures (not instrument data)
const zv100 = writeZetaViewTxt({
  linearBins: syntheticZetaViewBins({ medianNm: 100, geometricSd: 1.3, traces: 2000 }),
  dilution: 100,
});
const zv140 = writeZetaViewTxt({
  linearBins: syntheticZetaViewBins({ medianNm: 140, geometricSd: 1.3, traces: 2000 }),
  dilution: 100,
});
const imagej = [' ,Area,Feret,MinFeret,Circ.,AR,Solidity']
  .concat(
    Array.from(
      { length: 10 },
      (_, i) => `${i + 1},${((Math.PI * 40 * 40) / 4).toFixed(3)},40,40,0.95,1.0,0.97`,
    ),
  )
  .join('\n');

describeEachDialect('API characterization (ZetaView, tracks, TEM, distances)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_nta_characterization' });
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

  it('POST /api/zetaview/analyse: report; malformed file → 422 naming the line; bad body → 400', async () => {
    const ok = await post('/api/zetaview/analyse', { fileName: 'a_size_488.txt', content: latin1(zv100) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'size', dilution: 100 });
    const bad = await post('/api/zetaview/analyse', {
      fileName: 'b.txt',
      content:
        'Sample:\tx\r\nSize Distribution\r\nSize / nm\tNumber\tConcentration / cm-3\r\n5\tInfinity\t1\r\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'malformed-number', line: 4 });
    expect((await post('/api/zetaview/analyse', { fileName: 'x' })).statusCode).toBe(400);
  });

  it('POST /api/tracks/size: ML mode of simulated 100 nm tracks; missing conditions → 422', async () => {
    const sim = simulateBrownianTracks({
      population: [{ diameterNm: 100, fraction: 1 }],
      tracks: 800,
      minSteps: 10,
      maxSteps: 30,
      fps: 30,
      umPerPx: 0.166,
      temperatureC: 25,
      frames: 300,
      seed: 4,
    });
    const content = [
      'id,frame,x,y',
      ...sim.frame.map((f, i) => `${sim.trackId[i]},${f},${sim.xPx[i]},${sim.yPx[i]}`),
    ].join('\n');
    const res = await post('/api/tracks/size', {
      fileName: 't.csv',
      content,
      umPerPx: 0.166,
      fps: 30,
      temperatureC: 25,
    });
    expect(res.statusCode).toBe(200);
    expect(Math.abs(res.json().ml.modeNm - 100)).toBeLessThanOrEqual(5);
    const missing = await post('/api/tracks/size', {
      fileName: 't.csv',
      content,
      umPerPx: 0.166,
      temperatureC: 25,
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].path).toEqual(['fps']);
  });

  it('POST /api/tem/analyse and POST /api/distributions/distance', async () => {
    const tem = await post('/api/tem/analyse', { fileName: 'Results.csv', content: imagej, nmPerPx: 2 });
    expect(tem.statusCode).toBe(200);
    expect(tem.json().ecd.d50Nm).toBeCloseTo(80, 2);
    expect((await post('/api/tem/analyse', { fileName: 'Results.csv', content: imagej })).statusCode).toBe(
      422,
    );
    const d = await post('/api/distributions/distance', {
      a: { centresNm: [0, 1, 3], weights: [1, 1, 1] },
      b: { centresNm: [5, 6, 8], weights: [1, 1, 1] },
    });
    expect(d.statusCode).toBe(200);
    expect(d.json().wassersteinNm).toBeCloseTo(5, 12); // scipy docstring example
    expect(d.json().ks.statistic).toBe(1);
    const empty = await post('/api/distributions/distance', {
      a: { centresNm: [1], weights: [0] },
      b: { centresNm: [1], weights: [1] },
    });
    expect(empty.statusCode).toBe(422);
  });

  it('stored measurements: ZetaView and TEM uploads, distance between batches, TEM beside NTA', async () => {
    const project = (
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Characterization' } })
    ).json();
    const batch = (
      await t.app.inject({
        method: 'POST',
        url: '/api/batches',
        payload: { projectId: project.id, code: 'ZV-1' },
      })
    ).json();
    const body = multipartBody([
      { name: 'file', fileName: 'A_size_488.txt', content: zv100, contentType: 'text/plain' },
      { name: 'file', fileName: 'B_size_488.txt', content: zv140, contentType: 'text/plain' },
      { name: 'file', fileName: 'Results.csv', content: imagej, contentType: 'text/csv' },
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batch.id}/files`,
      headers: body.headers,
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const list = (await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batch.id}` })).json();
    const byKind = (k: string) => list.items.filter((m: { kind: string }) => m.kind === k);
    expect(byKind('zetaview')).toHaveLength(2);
    expect(byKind('tem')).toHaveLength(1);
    const [a, b] = byKind('zetaview');
    const d = await t.app.inject({ method: 'GET', url: `/api/measurements/${a.id}/distance/${b.id}` });
    expect(d.statusCode).toBe(200);
    expect(d.json().wassersteinNm).toBeGreaterThan(30);
    expect(d.json().ks.pValue).toBeLessThan(1e-6);
    const tem = byKind('tem')[0];
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/measurements/${tem.id}/tem?nmPerPx=2&ntaMeasurementId=${a.id}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().comparison.ratio).toBeLessThan(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/measurements/${tem.id}/tem` })).statusCode).toBe(
      422,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/measurements/nope/distance/${a.id}` })).statusCode,
    ).toBe(404);
  });
});

describeEachDialect('API NanoSight video exclusion', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_video_exclusion' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('excludes a video with a reason, recomputes the result, audits, and puts it back', async () => {
    const { writeNanoSightExperimentSummary } = await import(
      '../../formats/nanosight/write-experiment-summary.ts'
    );
    const { ucMscEvDemoBatches } = await import('../../science/nta/synthetic-nta-sample.ts');
    const record = ucMscEvDemoBatches()[0];
    if (!record) throw new Error('no demo record');
    const project = (
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Exclusions' } })
    ).json();
    const batch = (
      await t.app.inject({
        method: 'POST',
        url: '/api/batches',
        payload: { projectId: project.id, code: 'EX-1' },
      })
    ).json();
    const body = multipartBody([
      {
        name: 'file',
        fileName: 'demo-ExperimentSummary.csv',
        content: writeNanoSightExperimentSummary(record),
        contentType: 'text/csv',
      },
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batch.id}/files`,
      headers: body.headers,
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const m = (
      await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batch.id}&kind=nta` })
    ).json().items[0];
    const before = (
      await t.app.inject({ method: 'GET', url: `/api/measurements/${m.id}/video-exclusions` })
    ).json();
    expect(before.exclusions).toEqual([]);
    const put = (video: number, reason: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/measurements/${m.id}/video-exclusions/${video}`,
        headers: { 'content-type': 'application/json', 'x-evlab-user': 'ana' },
        payload: JSON.stringify({ reason }),
      });
    const res = await put(2, 'bubble in the cell');
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.exclusions).toMatchObject([
      { videoIndex: 1, reason: 'bubble in the cell', excludedBy: 'ana' },
    ]);
    expect(after.result.includedVideos).not.toContain(1);
    expect(after.result.concentrationPerMl).not.toBe(before.result.concentrationPerMl);
    expect((await put(2, '   ')).statusCode).toBe(400);
    expect((await put(99, 'x')).statusCode).toBe(422);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/batches/${batch.id}/audit` })).json();
    expect(JSON.stringify(audit)).toContain('bubble in the cell');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/measurements/${m.id}/video-exclusions/2` });
    expect(del.statusCode).toBe(200);
    expect(del.json().exclusions).toEqual([]);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/measurements/${m.id}/video-exclusions/2` }))
        .statusCode,
    ).toBe(404);
  });
});
