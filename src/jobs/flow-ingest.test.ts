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
});
