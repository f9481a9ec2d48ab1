import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, describeWithReference, referencePath } from '../../test/support/environment.ts';
import type { FlowMetrics } from '../science/flow/flow-channel-statistics.ts';
import { ingestRawFile } from './ingest-raw-file.ts';
import { detectKind, readerFor } from './measurement-readers.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';

describeWithReference('fcs', 'flow reader in the measurement registry', () => {
  const bytes = () => new Uint8Array(readFileSync(referencePath('fcs', 'flowio', 'data1.fcs')));

  it('detects FCS by content, and .fcs/.lmd by name', () => {
    expect(detectKind(bytes(), 'renamed.bin')).toBe('flow');
    expect(detectKind(new Uint8Array(0), 'damaged.fcs')).toBe('flow');
  });

  it('stores the structure without events and per-channel statistics as metrics', () => {
    const out = readerFor('flow')?.read(bytes(), 'data1.fcs') as {
      parsed: { datasets: unknown[] };
      metrics: FlowMetrics;
    };
    expect(out.parsed.datasets).toHaveLength(1);
    expect(JSON.stringify(out.parsed).length).toBeLessThan(20_000);
    expect(out.metrics.events).toBe(13367);
    const fsc = out.metrics.channels.find((c) => c.name === 'FSC-H');
    // FSC-H is stored with gain 3.67: the median of the scaled values is the raw median / 3.67.
    expect(fsc?.count).toBe(13367);
    expect(fsc?.median).toBeGreaterThan(0);
  });
});

describeEachDialect('flow ingest', (dialect) => {
  let t: TestWorkbench;
  let batchId: string;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_flow', maxUploadBytes: 10_000_000 });
    const project = await t.wb.store.createProject({ name: 'Flow', description: '' }, 'test');
    const batch = await t.wb.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'FLOW-1',
        conditionedMediumVolumeMl: null,
        isolationProtocol: { version: 1, name: '', steps: [] },
        finalVolumeMl: null,
        buffer: 'PBS',
        storageTemperatureC: -80,
        harvestDate: null,
        isolationDate: null,
        status: 'draft',
        notes: '',
      },
      'test',
    );
    batchId = batch.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('an FCS upload becomes a parsed flow measurement; a truncated one is unparsed with the byte offset', async () => {
    const { writeFcs } = await import('../formats/fcs/write-fcs.ts');
    const bytes = writeFcs({
      parameters: [
        { name: 'FSC-A', range: 1024 },
        { name: 'SSC-A', range: 1024 },
      ],
      columns: [new Float32Array([1, 2, 3, 4]), new Float32Array([5, 6, 7, 8])],
    }); // synthetic, written by evlab's writer
    const { measurement } = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'ev.fcs',
      bytes,
      mediaType: 'application/octet-stream',
      actor: 'ann',
    });
    expect(measurement.status).toBe('parsed');
    expect(measurement.kind).toBe('flow');
    expect((measurement.metrics as FlowMetrics).channels[1]?.median).toBe(6.5);
    const bad = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'cut.fcs',
      bytes: bytes.subarray(0, bytes.length - 3),
      mediaType: 'application/octet-stream',
      actor: 'ann',
    });
    expect(bad.measurement.status).toBe('unparsed');
    expect(bad.measurement.error?.message).toMatch(/byte \d+/);
  });

  it('decodes a stored upload over its own buffer, never the caller’s bytes or the stored blob', async () => {
    // Big-endian 16-bit integers with $PnR 1024 and values above it: the decode swaps and masks (in place
    // when the ingest owns the buffer, i.e. bytes read back from the blob store).
    const n = 500;
    const p = 3;
    const data = new Uint8Array(n * p * 2);
    for (let k = 0; k < n * p; k++) {
      data[2 * k] = (k * 7) % 256; // high byte: bits above the 10-bit mask are set for most values
      data[2 * k + 1] = (k * 13) % 256;
    }
    const kws = ['$BYTEORD', '4,3,2,1', '$DATATYPE', 'I', '$MODE', 'L', '$PAR', String(p), '$TOT', String(n)];
    for (let i = 1; i <= p; i++) kws.push(`$P${i}N`, `CH${i}`, `$P${i}B`, '16', `$P${i}R`, '1024');
    const text = new TextEncoder().encode(`/${kws.join('/')}/`);
    const begin = 58 + text.length;
    const pad = (x: number) => String(x).padStart(8, ' ');
    const header = `FCS3.0    ${pad(58)}${pad(begin - 1)}${pad(begin)}${pad(begin + data.length - 1)}${pad(0)}${pad(0)}`;
    const file = new Uint8Array(begin + data.length);
    file.set(new TextEncoder().encode(header));
    file.set(text, 58);
    file.set(data, begin);
    const original = file.slice();

    const fromBytes = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'be-bytes.fcs',
      bytes: file,
      mediaType: 'application/octet-stream',
      actor: 'ann',
    });
    expect(file).toEqual(original); // the caller's bytes are not written
    async function* chunks(): AsyncIterable<Uint8Array> {
      yield original.slice(0, 100);
      yield original.slice(100);
    }
    const fromStream = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'be-stream.fcs',
      stream: chunks(),
      mediaType: 'application/octet-stream',
      actor: 'ann',
    });
    expect(fromStream.measurement.status).toBe('parsed');
    const a = fromBytes.measurement.metrics as FlowMetrics;
    const b = fromStream.measurement.metrics as FlowMetrics;
    expect(b.channels).toEqual(a.channels);
    // Channel 1's values are (k · 7 mod 256) · 256 + (k · 13 mod 256) masked to 10 bits, for k = 0, 3, 6, …
    const want = Array.from({ length: n }, (_, e) => {
      const k = e * p;
      return ((((k * 7) % 256) << 8) | ((k * 13) % 256)) & 1023;
    });
    expect(b.channels[0]?.count).toBe(n);
    expect(b.channels[0]?.mean).toBeCloseTo(want.reduce((x, y) => x + y, 0) / n, 9);
    expect(Math.max(...want)).toBeLessThan(1024);
    // The stored blob is the upload, byte for byte.
    expect(await t.wb.blobs.get(fromStream.rawFile.sha256)).toEqual(original);
  });
});
