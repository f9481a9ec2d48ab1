import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { writeFcs } from '../../formats/fcs/write-fcs.ts';
import { reconcileBlobStore } from '../../jobs/data-integrity.ts';
import {
  DEFAULT_EV_MODEL,
  evCrossSectionNm2,
  sphereCrossSectionNm2,
} from '../../science/flow-calibration/scatter-calibration.ts';
import { Complex } from '../../science/mie/complex.ts';
import { refractiveIndex } from '../../science/mie/refractive-index.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

const HEADERS = { 'content-type': 'application/json', 'x-evlab-user': 'alice' };

/** 405 nm side scatter, 15° half-angle, unpolarised, in water (a typical violet-SSC set-up). */
const SETUP = {
  wavelengthNm: 405,
  aperture: { centreDeg: 90, halfAngleDeg: 15, polarisation: 'unpolarised' as const },
};
/** The instrument factor the synthetic beads are made with (a.u. per nm²). */
const K = 2;

function fcs(columns: Record<string, number[]>, keywords: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(columns);
  return writeFcs({
    parameters: names.map((name) => ({ name, range: 262144 })),
    columns: names.map((n) => new Float32Array(columns[n] as number[])),
    keywords,
  });
}

describeEachDialect('API flow analysis: batch flow results as QC metrics', (dialect) => {
  let t: TestServer;
  let batchId: string;
  let otherMeasurement: string;
  const ids: Record<string, string> = {};
  const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
  // Target: the median event scatters like a 150 nm EV of the default core–shell model.
  const targetAu = K * evCrossSectionNm2(150, DEFAULT_EV_MODEL, SETUP);

  async function upload(batch: string, name: string, bytes: Uint8Array): Promise<string> {
    const body = multipartBody([{ name: 'file', fileName: name, content: bytes }]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batch}/files`,
      payload: body.payload,
      headers: { ...body.headers, 'x-evlab-user': 'alice' },
    });
    expect(up.statusCode, up.body.slice(0, 300)).toBe(201);
    return up.json().results[0].measurement.id;
  }

  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_flow_analysis' });
    const p = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: HEADERS,
      payload: JSON.stringify({ name: 'Flow analysis' }),
    });
    const mk = async (code: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/batches',
          headers: HEADERS,
          payload: JSON.stringify({ projectId: p.json().id, code }),
        })
      ).json().id as string;
    batchId = await mk('FLOW-AN-1');
    const other = await mk('FLOW-AN-2');
    // Isotype: FL2 = 1…1000 → 99.5th percentile (type 7) 995.005, 5 events (0.5 %) above.
    ids.isotype = await upload(
      batchId,
      'isotype.fcs',
      fcs({ 'SSC-A': range(1000, () => 1), 'FL2-A': range(1000, (i) => i + 1) }),
    );
    // Stained: 400 of 1000 events at 2000 (40 % above the threshold); $VOL 10,000 nL = 10 µL.
    // SSC: 499 events below the calibrated range, two at the 150 nm EV's a.u., 499 above the first branch.
    ids.sample = await upload(
      batchId,
      'cd63.fcs',
      fcs(
        {
          'SSC-A': [...range(499, () => 1e-6), targetAu, targetAu, ...range(499, () => 1e12)],
          'FL2-A': range(1000, (i) => (i < 400 ? 2000 : i + 1 - 400)),
        },
        { $VOL: '10000' },
      ),
    );
    ids.buffer = await upload(
      batchId,
      'buffer.fcs',
      fcs({ 'SSC-A': range(50, () => 1), 'FL2-A': range(50, () => 1) }),
    );
    ids.detergent = await upload(
      batchId,
      'triton.fcs',
      fcs({ 'SSC-A': range(100, () => 1), 'FL2-A': range(100, () => 1) }),
    );
    otherMeasurement = await upload(other, 'elsewhere.fcs', fcs({ 'SSC-A': [1], 'FL2-A': [1] }));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const bead = (d: number) => ({
    diameterNm: d,
    material: 'polystyrene' as const,
    au: K * sphereCrossSectionNm2(d, new Complex(refractiveIndex('polystyrene', 405), 0), SETUP),
  });
  const body = () => ({
    markers: [{ marker: 'CD63', channel: 'FL2-A', sample: ids.sample, isotype: ids.isotype }],
    concentration: {
      sample: ids.sample,
      dilution: 100,
      bufferOnly: ids.buffer,
      bufferVolumeUl: 10,
      detergentLysed: ids.detergent,
      detergentVolumeUl: 10,
    },
    diameter: {
      sample: ids.sample,
      channel: 'SSC-A',
      scatter: { ...SETUP, beads: [bead(100), bead(200), bead(400)] },
    },
  });

  it('computes the three metrics and stores them as QC results that QC reads', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batchId}/flow/analysis`,
      headers: HEADERS,
      payload: JSON.stringify(body()),
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const a = res.json();
    const metric = (name: string) => a.metrics.find((m: { name: string }) => m.name === name)?.value;
    // 40 % − 0.5 % (isotype events above its own 99.5th percentile).
    expect(metric('flow.CD63.netPercentPositive')).toBeCloseTo(39.5, 10);
    // Sample 1000/10 µL × 100 = 10,000/µL; buffer 5/µL; detergent 100/10 µL × 100 − 5 = 995/µL;
    // (10,000 − 5) − 995 = 9,000/µL = 9.0 × 10⁶/mL.
    expect(metric('flow.evConcentrationPerMl')).toBeCloseTo(9.0e6, 3);
    expect(metric('flow.medianDiameterNm')).toBeCloseTo(150, 0);
    expect(Math.abs(metric('flow.medianDiameterNm') - 150)).toBeLessThan(0.5);
    expect(a.diameter.calibration.auPerNm2).toBeCloseTo(K, 6);
    expect(a.diameter).toMatchObject({ eventsBelowRange: 499, eventsAboveRange: 499, events: 1000 });
    expect(a.results).toHaveLength(3);
    expect(a.results[0].reference).toMatch(/^flow-analysis sha256:[0-9a-f]{64}$/);
    expect(a.measurements.map((m: { fileName: string }) => m.fileName).sort()).toEqual([
      'buffer.fcs',
      'cd63.fcs',
      'isotype.fcs',
      'triton.fcs',
    ]);

    // The analysis record is a raw file of the batch, so start-up reconciliation (no grace) keeps its blob.
    const recordHash = (a.results[0].reference as string).slice('flow-analysis sha256:'.length);
    const reconciled = await reconcileBlobStore(t.wb, { orphanGraceMs: 0 });
    expect(reconciled.removedOrphanBlobs).not.toContain(recordHash);
    expect(await t.wb.blobs.get(recordHash)).not.toBeNull();

    const qc = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/qc/metrics` });
    expect(qc.statusCode).toBe(200);
    const items = qc.json().items as { name: string; value: number; source: { label: string } }[];
    const conc = items.find((m) => m.name === 'flow.evConcentrationPerMl');
    expect(conc?.value).toBeCloseTo(9.0e6, 3);
    expect(conc?.source.label).toMatch(/^evlab flow analysis/);

    // A second analysis (markers only) supersedes the earlier CD63 result, not the others.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batchId}/flow/analysis`,
      headers: HEADERS,
      payload: JSON.stringify({ markers: [{ ...body().markers[0], percentileCut: 99 }] }),
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().superseded).toHaveLength(1);
    const results = (await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/qc/results` })).json()
      .items as { metric: string; invalidated: string | null }[];
    expect(results.filter((r) => r.metric === 'flow.CD63.netPercentPositive' && r.invalidated)).toHaveLength(
      1,
    );
    expect(results.filter((r) => r.metric === 'flow.evConcentrationPerMl' && !r.invalidated)).toHaveLength(1);
  });

  it('refuses measurements of another batch, unknown channels, missing volumes and empty requests', async () => {
    const post = (payload: unknown, batch = batchId) =>
      t.app.inject({
        method: 'POST',
        url: `/api/batches/${batch}/flow/analysis`,
        headers: HEADERS,
        payload: JSON.stringify(payload),
      });
    const foreign = await post({
      markers: [{ marker: 'CD9', channel: 'FL2-A', sample: otherMeasurement, isotype: ids.isotype }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.headers['content-type']).toMatch(/problem\+json/);
    expect(foreign.json().errors[0].path).toEqual(['markers', 0, 'sample']);
    const channel = await post({
      markers: [{ marker: 'CD9', channel: 'PE-A', sample: ids.sample, isotype: ids.isotype }],
    });
    expect(channel.statusCode).toBe(400);
    expect(channel.json().detail).toMatch(/no channel "PE-A"/);
    const volume = await post({ concentration: { sample: ids.buffer } });
    expect(volume.statusCode).toBe(400);
    expect(volume.json().detail).toMatch(/\$VOL/);
    expect((await post({})).statusCode).toBe(400);
    expect(
      (await post({ markers: [{ marker: 'CD9', channel: 'FL2-A', sample: ids.sample }] })).statusCode,
    ).toBe(400);
    expect((await post(body(), 'no-such-batch')).statusCode).toBe(404);
  });
});
