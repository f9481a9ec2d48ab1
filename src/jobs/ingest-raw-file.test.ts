import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachDialect, describeWithReference, referencePath } from '../../test/support/environment.ts';
import { StoreError } from '../store/evlab-store.ts';
import {
  cleanFileName,
  cleanMediaType,
  ingestRawFile,
  isUploadTooLarge,
  UploadTooLargeError,
} from './ingest-raw-file.ts';
import { readerFor } from './measurement-readers.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('upload helpers', () => {
  it('keeps only the base name of an uploaded file, without control characters', () => {
    expect(cleanFileName('C:\\fakepath\\run 1-ExperimentSummary.csv')).toBe('run 1-ExperimentSummary.csv');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.csv')).toBe('abc.csv');
    expect(cleanFileName('')).toBe('upload');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
  });

  it('accepts valid media types only', () => {
    expect(cleanMediaType('text/csv')).toBe('text/csv');
    expect(cleanMediaType('text/csv; charset=iso-8859-1')).toBe('text/csv; charset=iso-8859-1');
    expect(cleanMediaType('')).toBe('application/octet-stream');
    expect(cleanMediaType('not a type')).toBe('application/octet-stream');
    expect(cleanMediaType(undefined)).toBe('application/octet-stream');
  });

  it('recognises size-limit errors of the blob store and its own', () => {
    expect(isUploadTooLarge(new UploadTooLargeError(10))).toBe(true);
    expect(isUploadTooLarge(Object.assign(new Error('x'), { code: 'blob-too-large' }))).toBe(true);
    expect(isUploadTooLarge(new Error('x'))).toBe(false);
    expect(new UploadTooLargeError(50 * 1024 * 1024).message).toContain('50 MiB');
  });
});

describeEachDialect('ingestRawFile', (dialect) => {
  let t: TestWorkbench;
  let batchId: string;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_ingest', maxUploadBytes: 1_000_000 });
    const project = await t.wb.store.createProject({ name: 'Ingest', description: '' }, 'test');
    const batch = await t.wb.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'ING-1',
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
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses a missing batch before storing anything', async () => {
    const bytes = new TextEncoder().encode('never stored');
    await expect(
      ingestRawFile(t.wb, { batchId: 'missing', fileName: 'a.csv', bytes, actor: 'test' }),
    ).rejects.toBeInstanceOf(StoreError);
    expect(await t.wb.blobs.has(sha256(bytes))).toBe(false);
  });

  it('refuses bytes above the upload limit before storing anything', async () => {
    const bytes = new Uint8Array(1_000_001);
    await expect(
      ingestRawFile(t.wb, { batchId, fileName: 'big.csv', bytes, actor: 'test' }),
    ).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(await t.wb.blobs.has(sha256(bytes))).toBe(false);
  });

  it('refuses a stream above the upload limit, leaving no blob and no rows', async () => {
    async function* chunks() {
      for (let i = 0; i < 20; i++) yield new Uint8Array(100_000).fill(i);
    }
    await expect(
      ingestRawFile(t.wb, { batchId, fileName: 'big.csv', stream: chunks(), actor: 'test' }),
    ).rejects.toSatisfy(isUploadTooLarge);
    expect((await t.wb.store.listRawFiles({ batchId })).total).toBe(0);
  });

  it('records an unrecognised file as unparsed with unknown-format, its bytes kept', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
    const { rawFile, measurement } = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'scan.pdf',
      bytes,
      mediaType: 'application/pdf',
      actor: 'carol',
    });
    expect(rawFile).toMatchObject({
      sha256: sha256(bytes),
      sizeBytes: 6,
      mediaType: 'application/pdf',
      uploadedBy: 'carol',
    });
    expect(measurement).toMatchObject({
      status: 'unparsed',
      rawFileId: rawFile.id,
      parsed: null,
      metrics: null,
    });
    expect(measurement.error?.code).toBe('unknown-format');
    expect(await t.wb.blobs.get(rawFile.sha256)).toEqual(bytes);
  });

  it('records an unknown explicit kind as unparsed with unknown-format', async () => {
    const { measurement } = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'x.csv',
      bytes: new Uint8Array([1, 2, 3]),
      actor: 'test',
      kind: 'mass-photometry',
    });
    expect(measurement.error).toMatchObject({
      code: 'unknown-format',
      message: expect.stringContaining('mass-photometry'),
    });
  });

  it('turns a FormatError into an unparsed measurement naming the reason', async () => {
    const { measurement } = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'empty-ExperimentSummary.csv',
      bytes: new Uint8Array(0),
      actor: 'test',
    });
    expect(measurement).toMatchObject({ status: 'unparsed', kind: 'nta' });
    expect(measurement.error?.code).toBe('empty-file');
  });

  it('turns a crash inside a reader into an unparsed measurement with reader-crashed', async () => {
    const reader = readerFor('nta');
    if (!reader) throw new Error('no nta reader');
    vi.spyOn(reader, 'read').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const bytes = new TextEncoder().encode('NTA Experiment Summary File,\n');
    const { rawFile, measurement } = await ingestRawFile(t.wb, {
      batchId,
      fileName: 'crash-ExperimentSummary.csv',
      bytes,
      actor: 'test',
    });
    expect(measurement).toMatchObject({ status: 'unparsed', parsed: null, metrics: null });
    expect(measurement.error).toMatchObject({ code: 'reader-crashed', line: null, byteOffset: null });
    expect(measurement.error?.message).toContain('TypeError');
    expect(await t.wb.blobs.has(rawFile.sha256)).toBe(true);
    const stored = await t.wb.store.getMeasurement(measurement.id);
    expect(stored?.error?.code).toBe('reader-crashed');
  });
});

describeWithReference('nanosight', 'ingestRawFile with a real NanoSight export', () => {
  describeEachDialect('parsed path', (dialect) => {
    let t: TestWorkbench;
    beforeAll(async () => {
      t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_ingest_ref' });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('stores, records and parses the export (streamed), with metrics and an audit trail', async () => {
      const project = await t.wb.store.createProject({ name: 'Ref', description: '' }, 'test');
      const batch = await t.wb.store.createBatch(
        {
          projectId: project.id,
          sourceId: null,
          code: 'REF-1',
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
      const file = 'EMT2 d200 pre2 2021-04-01 16-08-42-ExperimentSummary.csv';
      const bytes = new Uint8Array(readFileSync(join(referencePath('nanosight', '20210401'), file)));
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
      }
      const { rawFile, measurement } = await ingestRawFile(t.wb, {
        batchId: batch.id,
        fileName: file,
        stream: chunks(),
        mediaType: 'text/csv',
        actor: 'dave',
      });
      expect(rawFile).toMatchObject({
        sha256: sha256(bytes),
        sizeBytes: bytes.byteLength,
        originalName: file,
      });
      expect(measurement).toMatchObject({
        status: 'parsed',
        kind: 'nta',
        instrument: 'NanoSight NTA',
        error: null,
      });
      const metrics = measurement.metrics as { videos: { computed: { d50Nm: number | null } }[] };
      expect(metrics.videos).toHaveLength(5);
      expect(metrics.videos[0]?.computed.d50Nm).toBeGreaterThan(50);
      expect(await t.wb.blobs.get(rawFile.sha256)).toEqual(bytes);
      const events = await t.wb.store.listAuditEvents({ entityId: measurement.id });
      expect(events.items.map((e) => e.actor)).toEqual(['dave']);
    });
  });
});
