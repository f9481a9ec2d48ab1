import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { StoreError } from '../store/evlab-store.ts';
import {
  createPkStudyWithSources,
  DEFAULT_SOURCE_MEDIA_TYPE,
  PkStudyRequestInvalidError,
  PkStudySourceTooLargeError,
  updatePkStudyWithSources,
} from './pk-study-sources.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';

/** A concentration–time table with a BOM, CRLF line ends, tabs and non-ASCII units, as a file might hold. */
const CT_TEXT =
  '\uFEFFsubject\ttime_h\tvalue\tunit\r\nM1\t0.083\t3.1e10\tparticles/mL\r\nM1\t2\t<LOQ\tµg/mL\r\n';
const BD_TEXT = 'organ (%ID/g)\t1 h\t24 h\nliver\t18\t16\nspleen\t22\t20\n';

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describeEachDialect('PK-study sources job', (dialect) => {
  let t: TestWorkbench;
  let batchId: string;

  beforeAll(async () => {
    // A small upload limit, so the oversize case needs no 5 MiB string.
    t = await openTestWorkbench(dialect, { prefix: 'evlab_job_pk_sources', maxUploadBytes: 4096 });
    const project = await t.wb.store.createProject({ name: 'PK sources', description: '' }, 'alice');
    batchId = (
      await t.wb.store.createBatch(batchInputSchema.parse({ projectId: project.id, code: 'SRC-1' }), 'alice')
    ).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    batchId,
    species: 'mouse',
    route: 'intravenous',
    dose: { value: 1e10, unit: 'particles', perKg: false },
    observations: {
      concentrationTime: [
        { timeH: 0.083, value: 3.1e10, unit: 'particles/mL', subject: 'M1' },
        { timeH: 2, value: 0, unit: 'particles/mL', subject: 'M1' },
      ],
    },
    ...over,
  });
  const rawFilesOfBatch = async () => (await t.wb.store.listRawFiles({ batchId, limit: 1000 })).items;

  it('stores each source byte for byte as a raw file of the batch and records it on the study', async () => {
    const study = await createPkStudyWithSources(
      t.wb,
      body({
        sources: [
          {
            kind: 'concentration-time',
            name: 'C:\\data\\plasma.tsv',
            mediaType: 'text/tab-separated-values',
            text: CT_TEXT,
          },
          { kind: 'biodistribution', name: 'pasted table', text: BD_TEXT },
          // The same table twice in one request is kept once.
          { kind: 'biodistribution', name: 'pasted table', text: BD_TEXT },
        ],
      }),
      'alice',
    );
    expect(study.sourceFiles.map((f) => [f.kind, f.name, f.sha256])).toEqual([
      ['concentration-time', 'plasma.tsv', sha256(CT_TEXT)],
      ['biodistribution', 'pasted table', sha256(BD_TEXT)],
    ]);
    const [ct, bd] = study.sourceFiles;
    const ctRaw = await t.wb.store.getRawFile(ct?.rawFileId ?? '');
    expect(ctRaw).toMatchObject({
      batchId,
      originalName: 'plasma.tsv',
      mediaType: 'text/tab-separated-values',
      sizeBytes: Buffer.byteLength(CT_TEXT, 'utf8'),
      uploadedBy: 'alice',
    });
    expect((await t.wb.store.getRawFile(bd?.rawFileId ?? ''))?.mediaType).toBe(DEFAULT_SOURCE_MEDIA_TYPE);
    const bytes = await t.wb.blobs.get(ct?.sha256 ?? '');
    expect(Buffer.from(bytes ?? new Uint8Array()).equals(Buffer.from(CT_TEXT, 'utf8'))).toBe(true);
    expect((await t.wb.store.pkStudies.get(study.id))?.sourceFiles).toEqual(study.sourceFiles);
    const trail = await t.wb.store.listAuditEvents({ batchId, entityType: 'raw-file' });
    expect(trail.items.map((e) => e.entityId)).toEqual(
      expect.arrayContaining([ct?.rawFileId, bd?.rawFileId]),
    );
  });

  it('keeps the sources of a study whose rows fail validation, and says so', async () => {
    const before = await rawFilesOfBatch();
    const text = 'organ\ttime_h\tvalue\tunit\nliver\t1\t2\tmg\n';
    const error = await createPkStudyWithSources(
      t.wb,
      body({
        title: 'bad rows',
        observations: { biodistribution: [{ organ: 'liver', timeH: 1, value: 2, unit: 'mg' }] },
        sources: [{ kind: 'biodistribution', name: 'organs.tsv', text }],
      }),
      'alice',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkStudyRequestInvalidError);
    const invalid = error as PkStudyRequestInvalidError;
    expect(invalid.issues[0]?.path).toEqual(['observations', 'biodistribution', 0, 'unit']);
    expect(invalid.sourceFiles).toHaveLength(1);
    expect(invalid.message).toContain('kept as raw files');
    const after = await rawFilesOfBatch();
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((f) => f.id === invalid.sourceFiles[0]?.rawFileId)?.sha256).toBe(sha256(text));
    expect((await t.wb.store.pkStudies.list({ batchId })).items.map((s) => s.title)).not.toContain(
      'bad rows',
    );
  });

  it('appends new sources on update, skips one already kept and never removes any', async () => {
    const study = await createPkStudyWithSources(
      t.wb,
      body({
        title: 'to append',
        sources: [{ kind: 'concentration-time', name: 'a.csv', text: 'time_h,value\n1,2\n' }],
      }),
      'alice',
    );
    const first = study.sourceFiles[0];
    const changed = await updatePkStudyWithSources(
      t.wb,
      study.id,
      {
        notes: 'replaced the organ table',
        sources: [
          { kind: 'concentration-time', name: 'a.csv', text: 'time_h,value\n1,2\n' },
          { kind: 'biodistribution', name: 'pasted table', text: 'organ,1 h\nliver,3\n' },
        ],
      },
      'bob',
    );
    expect(changed.notes).toBe('replaced the organ table');
    expect(changed.sourceFiles.map((f) => f.name)).toEqual(['a.csv', 'pasted table']);
    expect(changed.sourceFiles[0]).toEqual(first);
    const none = await updatePkStudyWithSources(t.wb, study.id, { title: 'renamed' }, 'bob');
    expect(none.sourceFiles).toEqual(changed.sourceFiles);

    // An invalid patch still keeps its new source (not linked: the study did not change).
    const error = await updatePkStudyWithSources(
      t.wb,
      study.id,
      {
        dose: { value: -1, unit: 'particles', perKg: false },
        sources: [{ kind: 'biodistribution', name: 'b', text: 'x' }],
      },
      'bob',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkStudyRequestInvalidError);
    expect((error as PkStudyRequestInvalidError).sourceFiles).toHaveLength(1);
    expect((await t.wb.store.pkStudies.get(study.id))?.sourceFiles).toEqual(changed.sourceFiles);
  });

  it('stores nothing for an oversize source, malformed sources, a missing batch or a missing study', async () => {
    const before = (await rawFilesOfBatch()).length;
    const big = 'x'.repeat(4097);
    const tooLarge = await createPkStudyWithSources(
      t.wb,
      body({
        sources: [
          { kind: 'concentration-time', name: 'ok.csv', text: 'fine' },
          { kind: 'biodistribution', name: 'big.csv', text: big },
        ],
      }),
      'alice',
    ).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(PkStudySourceTooLargeError);
    expect(tooLarge).toMatchObject({ path: ['sources', 1, 'text'], sizeBytes: 4097, maxBytes: 4096 });
    // Two-byte characters count as two bytes.
    const wide = await createPkStudyWithSources(
      t.wb,
      body({ sources: [{ kind: 'concentration-time', name: 'µ.csv', text: 'µ'.repeat(2049) }] }),
      'alice',
    ).catch((e: unknown) => e);
    expect(wide).toMatchObject({ path: ['sources', 0, 'text'], sizeBytes: 4098 });

    const malformed = await createPkStudyWithSources(
      t.wb,
      body({ sources: [{ kind: 'pk', name: 'x', text: 'y' }] }),
      'alice',
    ).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(PkStudyRequestInvalidError);
    expect((malformed as PkStudyRequestInvalidError).issues[0]?.path).toEqual(['sources', 0, 'kind']);

    const noBatch = await createPkStudyWithSources(
      t.wb,
      body({ batchId: 'no-such-batch', sources: [{ kind: 'biodistribution', name: 'x', text: 'y' }] }),
      'alice',
    ).catch((e: unknown) => e);
    expect(noBatch).toBeInstanceOf(StoreError);
    expect(noBatch).toMatchObject({ code: 'invalid-reference', path: ['batchId'] });

    const noStudy = await updatePkStudyWithSources(
      t.wb,
      'no-such-study',
      { sources: [{ kind: 'biodistribution', name: 'x', text: 'y' }] },
      'alice',
    ).catch((e: unknown) => e);
    expect(noStudy).toMatchObject({ code: 'not-found' });
    expect(await rawFilesOfBatch()).toHaveLength(before);
  });
});
