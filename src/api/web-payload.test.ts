import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNanoSightExperimentSummary } from '../formats/nanosight/write-experiment-summary.ts';
import { ingestRawFile } from '../jobs/ingest-raw-file.ts';
import { seedDemo } from '../jobs/seed-demo.ts';
import { syntheticNtaSample, UC_MSC_EV_DEMO_BATCHES } from '../science/nta/synthetic-nta-sample.ts';
import { openTestServer, type TestServer } from './test-support.ts';

/** Issue 9 item 20: compact NTA measurement payload, compressed responses, no public source maps. */
describe('web payload', () => {
  let s: TestServer;
  let webDir: string;
  let measurementId: string;
  let precompressedScript: string;
  let precompressedBr: Buffer;
  /** Six NTA measurements: the demo's three and a synthetic replicate per demo batch (a 6-batch overlay). */
  const overlayIds: string[] = [];
  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'evlab-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>evlab</title>');
    await writeFile(join(webDir, 'assets', 'index.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    await writeFile(join(webDir, 'assets', 'index.js.map'), '{"version":3,"sources":["secret.ts"]}');
    // A build-time brotli file beside a script (web/vite.config.ts writes one for every asset).
    precompressedScript = `console.log(${JSON.stringify('y'.repeat(4000))});`;
    await writeFile(join(webDir, 'assets', 'page.js'), precompressedScript);
    precompressedBr = brotliCompressSync(precompressedScript);
    await writeFile(join(webDir, 'assets', 'page.js.br'), precompressedBr);
    s = await openTestServer('sqlite', { webDistDir: webDir });
    const demo = await seedDemo(s.wb, { actor: 'test' });
    measurementId = (demo.measurements[0] as { id: string }).id;
    overlayIds.push(...demo.measurements.map((m) => m.id));
    // Demo batches may be released (locked): the replicates go to a draft batch of the demo project.
    const overlayBatch = await s.wb.store.createBatch(
      {
        projectId: (demo.batches[0] as { projectId: string }).projectId,
        sourceId: null,
        code: 'OVERLAY-REPLICATES',
        conditionedMediumVolumeMl: null,
        isolationProtocol: { version: 1, name: '', steps: [] },
        finalVolumeMl: null,
        buffer: '',
        storageTemperatureC: null,
        harvestDate: null,
        isolationDate: null,
        status: 'draft',
        notes: '',
      },
      'test',
    );
    for (const [i, batch] of demo.batches.entries()) {
      const params = UC_MSC_EV_DEMO_BATCHES[i % UC_MSC_EV_DEMO_BATCHES.length];
      if (!params) throw new Error('no demo batch parameters');
      const record = syntheticNtaSample({
        ...params,
        seed: params.seed + 100,
        sampleDescription: `${batch.code} rep`,
      });
      const { measurement } = await ingestRawFile(s.wb, {
        batchId: overlayBatch.id,
        fileName: `${batch.code} replicate-ExperimentSummary.csv`,
        bytes: writeNanoSightExperimentSummary(record),
        mediaType: 'text/csv',
        actor: 'test',
        kind: 'nta',
      });
      overlayIds.push(measurement.id);
    }
  });
  afterAll(async () => {
    await s.dispose();
    await rm(webDir, { recursive: true, force: true });
  });

  it('gives the NTA measurement without the parsed record in its compact view', async () => {
    const full = await s.app.inject({ url: `/api/measurements/${measurementId}` });
    const compact = await s.app.inject({ url: `/api/measurements/${measurementId}?view=compact` });
    expect(compact.statusCode).toBe(200);
    const body = compact.json();
    expect(body.parsed).toBeNull();
    expect(body.metrics).toEqual(full.json().metrics);
    // The parsed record is most of the full payload (NanoSight tables, ~0.55 MB of JSON).
    expect(compact.rawPayload.length).toBeLessThan(100_000);
    expect(full.rawPayload.length).toBeGreaterThan(5 * compact.rawPayload.length);
    const bad = await s.app.inject({ url: `/api/measurements/${measurementId}?view=tiny` });
    expect(bad.statusCode).toBe(400);
  });

  it('sends a 6-measurement NTA overlay in under 500 kB on the wire (issue 9 item 20)', async () => {
    expect(overlayIds).toHaveLength(6);
    let compact = 0;
    let full = 0;
    for (const id of overlayIds) {
      const c = await s.app.inject({
        url: `/api/measurements/${id}?view=compact`,
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(c.statusCode).toBe(200);
      expect(c.headers['content-encoding']).toBe('br');
      compact += c.rawPayload.length;
      const f = await s.app.inject({
        url: `/api/measurements/${id}`,
        headers: { 'accept-encoding': 'identity' },
      });
      full += f.rawPayload.length;
    }
    expect(compact).toBeLessThan(500_000);
    // What the overlay fetched before (full view, uncompressed) is well over the budget.
    expect(full).toBeGreaterThan(1_000_000);
  });

  it('compresses JSON with brotli or gzip, as the client accepts', async () => {
    const url = `/api/measurements/${measurementId}?view=compact`;
    const plain = await s.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    const br = await s.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
    const gz = await s.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });

  it('compresses the web scripts and never serves source maps', async () => {
    const js = await s.app.inject({ url: '/assets/index.js', headers: { 'accept-encoding': 'gzip' } });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    // The build's precompressed file is sent as it is, not compressed again per request.
    const pre = await s.app.inject({ url: '/assets/page.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(pre.statusCode).toBe(200);
    expect(pre.headers['content-encoding']).toBe('br');
    expect(pre.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(pre.rawPayload).toString()).toBe(precompressedScript);
    expect(Buffer.compare(pre.rawPayload, precompressedBr)).toBe(0); // the file's bytes (quality 11), not q2
    const plain = await s.app.inject({ url: '/assets/page.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(precompressedScript);
    const map = await s.app.inject({ url: '/assets/index.js.map' });
    expect(map.statusCode).toBe(404);
    expect(map.body).not.toContain('secret.ts');
  });
});
