import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { writeFcs } from '../../formats/fcs/write-fcs.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

const HEADERS = { 'content-type': 'application/json', 'x-evlab-user': 'alice' };

describeEachDialect('API flow routes', (dialect) => {
  let t: TestServer;
  let measurementId: string;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_flow' });
    const p = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: HEADERS,
      payload: JSON.stringify({ name: 'Flow' }),
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      headers: HEADERS,
      payload: JSON.stringify({ projectId: p.json().id, code: 'FLOW-API' }),
    });
    // A synthetic FCS file written by evlab's writer: 6 events, FSC-A = 1…6, FL1-A = 10…60.
    const fcs = writeFcs({
      parameters: [
        { name: 'FSC-A', range: 1024 },
        { name: 'FL1-A', range: 1024 },
      ],
      columns: [new Float32Array([1, 2, 3, 4, 5, 6]), new Float32Array([10, 20, 30, 40, 50, 60])],
    });
    const body = multipartBody([{ name: 'file', fileName: 'ev.fcs', content: fcs }]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${b.json().id}/files`,
      payload: body.payload,
      headers: { ...body.headers, 'x-evlab-user': 'alice' },
    });
    expect(up.statusCode, up.body.slice(0, 300)).toBe(201);
    measurementId = up.json().results[0].measurement.id;
    expect(up.json().results[0].measurement.kind).toBe('flow');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('GET events returns the chosen channels; an unknown channel is a 400', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/measurements/${measurementId}/flow/events?channels=FL1-A&limit=3`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      events: 3,
      totalEvents: 6,
      channels: [{ name: 'FL1-A', values: [10, 20, 30] }],
    });
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/measurements/${measurementId}/flow/events?channels=PE-A`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/measurements/nope/flow/events' })).statusCode,
    ).toBe(404);
  });

  it('POST gate counts events in Gating-ML gates; malformed XML is a 400', async () => {
    const xml = `<gating:Gating-ML xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating" xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
      <gating:RectangleGate gating:id="Mid"><gating:dimension gating:compensation-ref="uncompensated" gating:min="2" gating:max="5"><data-type:fcs-dimension data-type:name="FSC-A" /></gating:dimension></gating:RectangleGate></gating:Gating-ML>`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${measurementId}/flow/gate`,
      headers: HEADERS,
      payload: JSON.stringify({ gatingml: xml, membership: true }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().gates).toEqual([{ id: 'Mid', count: 3, membership: [0, 1, 1, 1, 0, 0] }]); // 2 ≤ x < 5
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${measurementId}/flow/gate`,
      headers: HEADERS,
      payload: JSON.stringify({ gatingml: '<a><b></a>' }),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('POST calibrate/fluorescence reproduces the FCMPASS example; bad bodies are 400s', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/flow/calibrate/fluorescence',
      headers: HEADERS,
      payload: JSON.stringify({
        beads: [
          { mfi: 16, assigned: 0 },
          { mfi: 2701.9, assigned: 44922 },
          { mfi: 8846.75, assigned: 163832 },
          { mfi: 150763, assigned: 2833170 },
        ],
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().slope).toBeCloseTo(1.025836, 6);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/flow/calibrate/fluorescence',
      headers: HEADERS,
      payload: JSON.stringify({
        beads: [
          { mfi: 1, assigned: 0 },
          { mfi: 2, assigned: 0 },
        ],
      }),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/flow/calibrate/scatter',
          headers: HEADERS,
          payload: '{}',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('POST mie gives the BHMIE example', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/flow/mie',
      headers: HEADERS,
      payload: JSON.stringify({ mReal: 1.55, x: (2 * Math.PI * 0.525) / 0.6328 }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().qback).toBeCloseTo(2.92534, 5);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/flow/mie',
          headers: HEADERS,
          payload: JSON.stringify({ mReal: -1, x: 1 }),
        })
      ).statusCode,
    ).toBe(400);
  });
});
