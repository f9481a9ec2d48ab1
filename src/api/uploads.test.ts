import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, describeWithReference, referencePath } from '../../test/support/environment.ts';
import { multipartBody, openTestServer, type TestServer } from './test-support.ts';

const REFERENCE_DIR = referencePath('nanosight', '20210401');
const referenceFiles = (): string[] =>
  readdirSync(REFERENCE_DIR)
    .filter((f) => f.endsWith('-ExperimentSummary.csv'))
    .sort();
const EMT1 = 'EMT1 d200 pre1 2021-04-01 15-42-48-ExperimentSummary.csv';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function newBatch(t: TestServer, code: string): Promise<string> {
  const projects = (await t.app.inject({ method: 'GET', url: '/api/projects' })).json();
  let projectId = projects.items[0]?.id as string | undefined;
  if (!projectId) {
    const p = await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Uploads' } });
    projectId = p.json().id as string;
  }
  const res = await t.app.inject({ method: 'POST', url: '/api/batches', payload: { projectId, code } });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

function upload(
  t: TestServer,
  batchId: string,
  files: { fileName: string; content: Uint8Array | string; contentType?: string }[],
  fields: Record<string, string> = {},
) {
  const body = multipartBody([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ...files.map((f) => ({
      name: 'file',
      fileName: f.fileName,
      content: f.content,
      contentType: f.contentType ?? 'text/csv',
    })),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/batches/${batchId}/files`,
    headers: { ...body.headers, 'x-evlab-user': 'bob' },
    payload: body.payload,
  });
}

async function blobFiles(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else out.push(join(dir, e.name));
    }
  }
  await walk(join(dataDir, 'blobs'));
  return out;
}

describeWithReference('nanosight', 'API uploads of real NanoSight exports', () => {
  describeEachDialect('POST /api/batches/:id/files', (dialect) => {
    let t: TestServer;
    beforeAll(async () => {
      t = await openTestServer(dialect, { prefix: 'evlab_api_uploads' });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('stores and parses all nine reference exports in one request: 201 with NTA metrics', async () => {
      const batchId = await newBatch(t, 'REF-ALL');
      const names = referenceFiles();
      expect(names).toHaveLength(9);
      const files = names.map((fileName) => ({
        fileName,
        content: readFileSync(join(REFERENCE_DIR, fileName)),
      }));
      const res = await upload(t, batchId, files);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
      const { results } = res.json();
      expect(results).toHaveLength(9);
      for (const [i, r] of results.entries()) {
        expect(r.rawFile).toMatchObject({
          batchId,
          originalName: names[i],
          sizeBytes: files[i]?.content.byteLength,
          sha256: sha256(files[i]?.content as Uint8Array),
          mediaType: 'text/csv',
          uploadedBy: 'bob',
        });
        expect(r.measurement).toMatchObject({
          kind: 'nta',
          status: 'parsed',
          error: null,
          rawFileId: r.rawFile.id,
        });
        expect(r.measurement.metrics.videos).toHaveLength(5);
        expect(r.measurement.metrics.distribution.binCentersNm.length).toBeGreaterThan(100);
      }
      // EMT1 d200: the instrument reports 2.16e+08 particles/mL on average (file's [Results] section).
      const emt1 = results[names.indexOf(EMT1)].measurement;
      expect(emt1.metrics.average.concentrationPerMl).toBeCloseTo(2.16e8, -6);
      expect(emt1.metrics.file).toBe(EMT1);

      const listed = (
        await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batchId}&limit=100` })
      ).json();
      expect(listed.total).toBe(9);
      expect(listed.items[0].parsed).toBeUndefined();
      const one = (await t.app.inject({ method: 'GET', url: `/api/measurements/${emt1.id}` })).json();
      expect(one.metrics).toEqual(emt1.metrics);
      expect(one.parsed).not.toBeNull();

      const rawFiles = (await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files` })).json();
      expect(rawFiles.total).toBe(9);

      const dashboard = (await t.app.inject({ method: 'GET', url: '/api/dashboard' })).json();
      expect(dashboard.recentMeasurements.length).toBeGreaterThan(0);
      expect(dashboard.recentMeasurements[0].batchCode).toBe('REF-ALL');
    });

    it('downloads the raw file byte-identical with its media type and an attachment disposition', async () => {
      const batchId = await newBatch(t, 'REF-DL');
      const bytes = readFileSync(join(REFERENCE_DIR, EMT1));
      const res = await upload(t, batchId, [
        { fileName: EMT1, content: bytes, contentType: 'application/vnd.ms-excel' },
      ]);
      expect(res.statusCode).toBe(201);
      const rawFile = res.json().results[0].rawFile;
      const meta = await t.app.inject({ method: 'GET', url: `/api/raw-files/${rawFile.id}` });
      expect(meta.json()).toEqual(rawFile);
      const dl = await t.app.inject({ method: 'GET', url: `/api/raw-files/${rawFile.id}/content` });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/vnd.ms-excel');
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['content-disposition']).toContain('EMT1 d200 pre1');
      expect(Buffer.compare(dl.rawPayload, bytes)).toBe(0);
    });

    const original = () => readFileSync(join(REFERENCE_DIR, EMT1));
    const badInputs: { name: string; make: () => Uint8Array; code: string; needsLine: boolean }[] = [
      {
        name: 'truncated export',
        make: () => original().subarray(0, Math.floor(original().byteLength * 0.6)),
        code: 'truncated',
        needsLine: true,
      },
      {
        name: 'binary file',
        make: () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
        code: 'binary-content',
        needsLine: false,
      },
      {
        name: 'UTF-16 re-save',
        make: () => {
          const text = original().toString('latin1');
          return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        },
        code: 'unsupported-encoding',
        needsLine: false,
      },
      {
        name: 'Excel semicolon re-save',
        make: () => Buffer.from(original().toString('latin1').replace(/,/g, ';'), 'latin1'),
        code: 'not-this-format',
        needsLine: true,
      },
      { name: 'empty file', make: () => new Uint8Array(0), code: 'empty-file', needsLine: false },
    ];

    for (const bad of badInputs) {
      it(`${bad.name}: 422 problem+json naming the reason, raw file kept byte-identical, measurement unparsed`, async () => {
        const batchId = await newBatch(t, `BAD-${bad.code}`);
        const bytes = bad.make();
        const fileName = `bad ${bad.code}-ExperimentSummary.csv`;
        const res = await upload(t, batchId, [{ fileName, content: bytes }]);
        expect(res.statusCode, res.body.slice(0, 400)).toBe(422);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = res.json();
        expect(problem).toMatchObject({
          status: 422,
          type: expect.any(String),
          title: expect.any(String),
          code: bad.code,
        });
        expect(problem.detail).toContain(fileName);
        expect(problem.errors).toEqual([{ path: ['files', 0], message: expect.any(String) }]);
        expect(problem.results).toHaveLength(1);
        const { rawFile, measurement } = problem.results[0];
        expect(measurement).toMatchObject({ status: 'unparsed', parsed: null, metrics: null });
        expect(measurement.error).toMatchObject({ code: bad.code, message: expect.any(String) });
        if (bad.needsLine) {
          expect(measurement.error.line).toEqual(expect.any(Number));
          expect(problem.line).toBe(measurement.error.line);
          expect(problem.detail).toMatch(/line \d+/);
        }

        const stored = await t.app.inject({ method: 'GET', url: `/api/measurements/${measurement.id}` });
        expect(stored.json()).toMatchObject({ status: 'unparsed', error: measurement.error });
        const dl = await t.app.inject({ method: 'GET', url: `/api/raw-files/${rawFile.id}/content` });
        expect(dl.statusCode).toBe(200);
        expect(Buffer.compare(dl.rawPayload, Buffer.from(bytes))).toBe(0);
        expect(rawFile.sha256).toBe(sha256(bytes));
      });
    }

    it('a file nobody recognises is recorded as unparsed with unknown-format', async () => {
      const batchId = await newBatch(t, 'UNKNOWN');
      const res = await upload(t, batchId, [
        { fileName: 'gel.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) },
      ]);
      expect(res.statusCode).toBe(422);
      expect(res.json().results[0].measurement.error.code).toBe('unknown-format');
      expect(res.json().code).toBe('unknown-format');
    });

    it('mixed upload: 422 naming only the failed file, both files stored', async () => {
      const batchId = await newBatch(t, 'MIXED');
      const good = readFileSync(join(REFERENCE_DIR, EMT1));
      const res = await upload(t, batchId, [
        { fileName: EMT1, content: good },
        { fileName: 'empty-ExperimentSummary.csv', content: '' },
      ]);
      expect(res.statusCode).toBe(422);
      const problem = res.json();
      expect(problem.errors).toEqual([{ path: ['files', 1], message: expect.stringContaining('empty') }]);
      expect(problem.results.map((r: { measurement: { status: string } }) => r.measurement.status)).toEqual([
        'parsed',
        'unparsed',
      ]);
      expect(problem.detail).toContain('1 of 2');
      const files = (await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files` })).json();
      expect(files.total).toBe(2);
    });

    it("the batch's audit trail shows each upload and parse, newest first, with the uploader", async () => {
      const batchId = await newBatch(t, 'TRAIL');
      const good = readFileSync(join(REFERENCE_DIR, EMT1));
      const res = await upload(t, batchId, [
        { fileName: EMT1, content: good },
        { fileName: 'empty-ExperimentSummary.csv', content: '' },
      ]);
      expect(res.statusCode).toBe(422);
      const [first, second] = res.json().results as {
        rawFile: { id: string };
        measurement: { id: string };
      }[];
      const audit = await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/audit` });
      expect(audit.statusCode).toBe(200);
      const page = audit.json() as {
        total: number;
        items: {
          at: string;
          actor: string;
          action: string;
          entityType: string;
          entityId: string;
          batchId: string | null;
          after: Record<string, unknown>;
        }[];
      };
      expect(page.total).toBe(5);
      expect(page.items.map((e) => [e.action, e.entityType, e.entityId, e.actor])).toEqual([
        ['parse', 'measurement', second?.measurement.id, 'bob'],
        ['upload', 'raw-file', second?.rawFile.id, 'bob'],
        ['parse', 'measurement', first?.measurement.id, 'bob'],
        ['upload', 'raw-file', first?.rawFile.id, 'bob'],
        ['create', 'batch', batchId, 'test-admin'],
      ]);
      const times = page.items.map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(page.items.every((e) => e.batchId === batchId)).toBe(true);
      expect(page.items[1]?.after).toMatchObject({
        originalName: 'empty-ExperimentSummary.csv',
        sizeBytes: 0,
      });
      expect(page.items[0]?.after).toMatchObject({ status: 'unparsed', error: { code: 'empty-file' } });
      expect(page.items[2]?.after).toMatchObject({ kind: 'nta', status: 'parsed', error: null });
      expect(page.items[2]?.after).not.toHaveProperty('parsed');
    });

    it('honours an explicit kind field and refuses an unknown one with 400 naming kind', async () => {
      const batchId = await newBatch(t, 'KIND');
      const good = readFileSync(join(REFERENCE_DIR, EMT1));
      const ok = await upload(t, batchId, [{ fileName: 'renamed.dat', content: good }], { kind: 'nta' });
      expect(ok.statusCode).toBe(201);
      const bad = await upload(t, batchId, [{ fileName: EMT1, content: good }], { kind: 'mass-photometry' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toEqual(['kind']);
    });

    it('refuses requests without files (400), non-multipart bodies (415) and unknown batches (404)', async () => {
      const batchId = await newBatch(t, 'NOFILE');
      const none = await upload(t, batchId, [], { kind: 'nta' });
      expect(none.statusCode).toBe(400);
      expect(none.json().errors[0].path).toEqual(['file']);
      const json = await t.app.inject({
        method: 'POST',
        url: `/api/batches/${batchId}/files`,
        payload: { file: 'x' },
      });
      expect(json.statusCode).toBe(415);
      expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
      const missing = await upload(t, 'no-such-batch', [{ fileName: EMT1, content: 'x' }]);
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});

describeWithReference('nanosight', 'API upload size limit', () => {
  describeEachDialect('oversize uploads', (dialect) => {
    const LIMIT = 300_000; // between the EMT1 d200 pre1 export (283,220 B) and the d20 export (391,361 B)
    let t: TestServer;
    beforeAll(async () => {
      t = await openTestServer(dialect, { prefix: 'evlab_api_oversize', maxUploadBytes: LIMIT });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('413 problem+json; no raw file, measurement or blob of the oversize file is written', async () => {
      const batchId = await newBatch(t, 'BIG');
      const big = readFileSync(
        join(REFERENCE_DIR, '20210401 EMT1 d20 2021-04-01 15-28-16-ExperimentSummary.csv'),
      );
      expect(big.byteLength).toBeGreaterThan(LIMIT);
      const res = await upload(t, batchId, [{ fileName: 'big-ExperimentSummary.csv', content: big }]);
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 413, code: 'too-large' });
      expect(await t.wb.blobs.has(sha256(big))).toBe(false);
      expect(await blobFiles(t.dataDir)).toEqual([]);
      expect((await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files` })).json().total).toBe(
        0,
      );
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batchId}` })).json().total,
      ).toBe(0);
    });

    it('an oversize second file leaves no rows for the first one either', async () => {
      const batchId = await newBatch(t, 'BIG2');
      const small = readFileSync(join(REFERENCE_DIR, EMT1));
      const big = readFileSync(
        join(REFERENCE_DIR, '20210401 EMT1 d20 2021-04-01 15-28-16-ExperimentSummary.csv'),
      );
      const res = await upload(t, batchId, [
        { fileName: EMT1, content: small },
        { fileName: 'big-ExperimentSummary.csv', content: big },
      ]);
      expect(res.statusCode).toBe(413);
      expect(await t.wb.blobs.has(sha256(big))).toBe(false);
      expect((await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/files` })).json().total).toBe(
        0,
      );
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/measurements?batchId=${batchId}` })).json().total,
      ).toBe(0);
      // The audit trail shows no upload either.
      const audit = (await t.app.inject({ method: 'GET', url: `/api/batches/${batchId}/audit` })).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    });

    it('a file at the limit is accepted', async () => {
      const batchId = await newBatch(t, 'FITS');
      const small = readFileSync(join(REFERENCE_DIR, EMT1));
      const res = await upload(t, batchId, [{ fileName: EMT1, content: small }]);
      expect(res.statusCode).toBe(201);
    });
  });
});

describe('JSON body limit', () => {
  it('answers 413 problem+json for an oversize JSON body', async () => {
    const t = await openTestServer('sqlite', { prefix: 'evlab-api-json-limit' });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x', description: 'y'.repeat(2 * 1024 * 1024) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await t.dispose();
    }
  });
});
