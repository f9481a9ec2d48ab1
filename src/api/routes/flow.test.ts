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

describeEachDialect('API flow controls', (dialect) => {
  let t: TestServer;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_flowctl' });
    const p = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: HEADERS,
      payload: JSON.stringify({ name: 'Flow controls' }),
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      headers: HEADERS,
      payload: JSON.stringify({ projectId: p.json().id, code: 'FLOW-CTL' }),
    });
    // Synthetic files written by evlab's writer: isotype CD63-PE = 1…200; stained sample: 100 events 1…100,
    // 100 events 1100…1199 (hand check: P99.5 of 1…200 = 199.005 → isotype 0.5 % above, sample 50 %).
    const files = {
      isotype: Float32Array.from({ length: 200 }, (_, i) => i + 1),
      sample: Float32Array.from({ length: 200 }, (_, i) => (i < 100 ? i + 1 : 1000 + i)),
    };
    for (const [role, values] of Object.entries(files)) {
      const fcs = writeFcs({
        parameters: [{ name: 'FL2-A', label: 'CD63-PE', range: 4096 }],
        columns: [values],
      });
      const body = multipartBody([{ name: 'file', fileName: `${role}.fcs`, content: fcs }]);
      const up = await t.app.inject({
        method: 'POST',
        url: `/api/batches/${b.json().id}/files`,
        payload: body.payload,
        headers: { ...body.headers, 'x-evlab-user': 'alice' },
      });
      ids[role] = up.json().results[0].measurement.id;
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('POST /flow/controls: net % positive from stored measurements, counts and dilution linearity', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/flow/controls',
      headers: HEADERS,
      payload: JSON.stringify({
        markers: [{ marker: 'CD63', channel: 'CD63-PE', sampleId: ids.sample, isotypeId: ids.isotype }],
        counts: { sample: { events: 10000, volumeUl: 10 }, bufferOnly: { events: 500, volumeUl: 10 } },
        // Event rate halves with each 2-fold dilution: log-log slope exactly 1, no swarm.
        dilutionSeries: [
          { dilutionFactor: 1, eventRatePerS: 4000 },
          { dilutionFactor: 2, eventRatePerS: 2000 },
          { dilutionFactor: 4, eventRatePerS: 1000 },
        ],
      }),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const out = res.json();
    expect(out.markers[0].threshold).toBeCloseTo(199.005, 9);
    expect(out.markers[0].netPercentPositive).toBeCloseTo(49.5, 9);
    expect(out.counts.vesicleEventsPerUl).toBe(950);
    expect(out.dilution.logLogSlope).toBeCloseTo(1, 12);
    expect(out.dilution.swarmSuspected).toBe(false);
  });

  it('a marker without a control, an unknown channel or a two-point series is a 400', async () => {
    const post = (payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/flow/controls',
        headers: HEADERS,
        payload: JSON.stringify(payload),
      });
    expect(
      (await post({ markers: [{ marker: 'CD63', channel: 'CD63-PE', sampleId: ids.sample }] })).statusCode,
    ).toBe(400);
    expect(
      (
        await post({
          markers: [{ marker: 'CD9', channel: 'FL9', sampleId: ids.sample, isotypeId: ids.isotype }],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post({
          dilutionSeries: [
            { dilutionFactor: 1, eventRatePerS: 10 },
            { dilutionFactor: 2, eventRatePerS: 5 },
          ],
        })
      ).statusCode,
    ).toBe(400);
  });
});
