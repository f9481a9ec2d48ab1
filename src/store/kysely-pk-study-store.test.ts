import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { type PkStudyInput, pkStudyInputSchema, pkStudyPatchSchema } from '../domain/pk-study.ts';
import { StoreError } from './evlab-store.ts';
import { openTestStore, type TestStore } from './open-test-store.ts';

describeEachDialect('PK-study store', (dialect) => {
  let t: TestStore;
  let batchId: string;
  let otherBatchId: string;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const project = await t.store.createProject({ name: 'Stroke EVs', description: '' }, 'alice');
    batchId = (
      await t.store.createBatch(batchInputSchema.parse({ projectId: project.id, code: 'B-1' }), 'alice')
    ).id;
    otherBatchId = (
      await t.store.createBatch(batchInputSchema.parse({ projectId: project.id, code: 'B-2' }), 'alice')
    ).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const input = (over: Partial<PkStudyInput> = {}) =>
    pkStudyInputSchema.parse({
      batchId,
      title: 'IV biodistribution',
      species: 'mouse',
      strain: 'C57BL/6J',
      bodyWeightKg: 0.025,
      route: 'intravenous',
      dose: { value: 1e10, unit: 'particles', perKg: false },
      label: '99mTc',
      observations: {
        biodistribution: [
          { organ: 'liver', timeH: 1, value: 20.25, unit: '%ID/g' },
          { organ: 'liver', timeH: 24, value: 15, unit: '%ID/g', subject: 'm2', organMassG: 1.31 },
        ],
        concentrationTime: [{ timeH: 0.083, value: 3.2e9, unit: 'particles/mL' }],
      },
      ...over,
    });

  it('creates a study, reads it back exactly and audits it in the batch trail', async () => {
    const study = await t.store.pkStudies.create(input(), 'alice');
    expect(study).toMatchObject({ batchId, species: 'mouse', route: 'intravenous', label: '99mTc' });
    const got = await t.store.pkStudies.get(study.id);
    expect(got).toEqual(study);
    expect(got?.dose).toEqual({ value: 1e10, unit: 'particles', perKg: false });
    expect(got?.observations.biodistribution[1]).toEqual({
      organ: 'liver',
      timeH: 24,
      value: 15,
      unit: '%ID/g',
      subject: 'm2',
      countTimeH: null,
      organMassG: 1.31,
    });
    const trail = await t.store.listAuditEvents({ batchId });
    const event = trail.items.find((e) => e.entityId === study.id);
    expect(event).toMatchObject({ entityType: 'pk-study', action: 'create', actor: 'alice', batchId });
    expect(event?.after).toMatchObject({ biodistributionRows: 2, concentrationTimeRows: 1 });
  });

  it('refuses a study for a batch that does not exist (invalid-reference on batchId)', async () => {
    const error = await t.store.pkStudies
      .create(input({ batchId: 'no-such-batch' }), 'alice')
      .catch((e) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'invalid-reference', path: ['batchId'] });
  });

  it('lists newest first, filters by batch, species and route, and pages', async () => {
    await t.store.pkStudies.create(
      input({ batchId: otherBatchId, species: 'rat', route: 'intranasal' }),
      'bob',
    );
    await t.store.pkStudies.create(input({ title: 'second' }), 'bob');
    const all = await t.store.pkStudies.list();
    expect(all.total).toBe(3);
    expect(all.items[0]?.title).toBe('second');
    expect(all.items[0]).not.toHaveProperty('observations');
    expect(all.items[0]).toMatchObject({ biodistributionRows: 2, concentrationTimeRows: 1 });
    expect((await t.store.pkStudies.list({ batchId })).total).toBe(2);
    expect((await t.store.pkStudies.list({ species: 'rat' })).items[0]?.route).toBe('intranasal');
    expect((await t.store.pkStudies.list({ route: 'intravenous', limit: 1, offset: 1 })).items).toHaveLength(
      1,
    );
  });

  it('patches only the given fields, keeps the batch and audits before/after', async () => {
    const study = await t.store.pkStudies.create(input({ title: 'to patch' }), 'alice');
    const patch = pkStudyPatchSchema.parse({
      notes: 'animals fasted',
      dose: { value: 2e10, unit: 'particles', perKg: true },
    });
    const after = await t.store.pkStudies.update(study.id, patch, 'carol');
    expect(after).toMatchObject({ title: 'to patch', notes: 'animals fasted', batchId });
    expect(after.dose).toEqual({ value: 2e10, unit: 'particles', perKg: true });
    expect(after.observations).toEqual(study.observations);
    const same = await t.store.pkStudies.update(
      study.id,
      pkStudyPatchSchema.parse({ notes: 'animals fasted' }),
      'carol',
    );
    expect(same.updatedAt).toBe(after.updatedAt);
    const events = await t.store.listAuditEvents({ entityId: study.id });
    expect(events.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(events.items[0]?.before).toMatchObject({ notes: '' });
    await expect(t.store.pkStudies.update('missing', patch, 'carol')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('deletes a study, audits it and answers not-found afterwards', async () => {
    const study = await t.store.pkStudies.create(input({ title: 'to delete' }), 'alice');
    await t.store.pkStudies.delete(study.id, 'dave');
    expect(await t.store.pkStudies.get(study.id)).toBeNull();
    const events = await t.store.listAuditEvents({ entityId: study.id });
    expect(events.items[0]).toMatchObject({ action: 'delete', actor: 'dave', batchId, after: null });
    await expect(t.store.pkStudies.delete(study.id, 'dave')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('records source files that are raw files of the batch, appends them on update and never drops one', async () => {
    const sha = (c: string) => c.repeat(64);
    const raw = (b: string, c: string, name: string) =>
      t.store.createRawFile(
        { batchId: b, sha256: sha(c), originalName: name, sizeBytes: 10, mediaType: 'text/csv' },
        'alice',
      );
    const ct = await raw(batchId, 'a', 'plasma.csv');
    const study = await t.store.pkStudies.create(input({ title: 'with sources' }), 'alice', [
      { kind: 'concentration-time', rawFileId: ct.id, sha256: sha('a'), name: 'plasma.csv', sizeBytes: 10 },
    ]);
    expect(study.sourceFiles).toEqual([
      { kind: 'concentration-time', rawFileId: ct.id, sha256: sha('a'), name: 'plasma.csv', sizeBytes: 10 },
    ]);
    expect(await t.store.pkStudies.get(study.id)).toEqual(study);
    const listed = await t.store.pkStudies.list({ batchId, limit: 1 });
    expect(listed.items[0]?.sourceFiles.map((f) => f.rawFileId)).toEqual([ct.id]);

    const bd = await raw(batchId, 'b', 'pasted table');
    const after = await t.store.pkStudies.update(
      study.id,
      pkStudyPatchSchema.parse({ notes: 'new organ table' }),
      'bob',
      [
        { kind: 'biodistribution', rawFileId: bd.id, sha256: sha('b'), name: 'pasted table', sizeBytes: 10 },
        // Already listed: not listed twice.
        { kind: 'concentration-time', rawFileId: ct.id, sha256: sha('a'), name: 'plasma.csv', sizeBytes: 10 },
      ],
    );
    expect(after.sourceFiles.map((f) => f.rawFileId)).toEqual([ct.id, bd.id]);
    // A patch without sources (even one naming sourceFiles) keeps them.
    const kept = await t.store.pkStudies.update(
      study.id,
      { notes: 'x', sourceFiles: [] } as unknown as Parameters<typeof t.store.pkStudies.update>[1],
      'bob',
    );
    expect(kept.sourceFiles.map((f) => f.rawFileId)).toEqual([ct.id, bd.id]);
    const event = (await t.store.listAuditEvents({ entityId: study.id })).items.find(
      (e) => e.action === 'update',
    );
    expect((event?.after as { sourceFiles?: unknown[] } | undefined)?.sourceFiles).toHaveLength(2);
  });

  it('refuses a source file of another batch, with another hash or that does not exist', async () => {
    const other = await t.store.createRawFile(
      {
        batchId: otherBatchId,
        sha256: 'c'.repeat(64),
        originalName: 'x.csv',
        sizeBytes: 1,
        mediaType: 'text/csv',
      },
      'alice',
    );
    const file = { kind: 'biodistribution' as const, name: 'x.csv', sizeBytes: 1 };
    for (const bad of [
      { ...file, rawFileId: other.id, sha256: 'c'.repeat(64) },
      { ...file, rawFileId: 'no-such-file', sha256: 'c'.repeat(64) },
    ]) {
      const error = await t.store.pkStudies.create(input(), 'alice', [bad]).catch((e) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'invalid-reference', path: ['sourceFiles', 0] });
    }
    const mine = await t.store.createRawFile(
      { batchId, sha256: 'd'.repeat(64), originalName: 'y.csv', sizeBytes: 1, mediaType: 'text/csv' },
      'alice',
    );
    const study = await t.store.pkStudies.create(input({ title: 'hash check' }), 'alice');
    const error = await t.store.pkStudies
      .update(study.id, {}, 'alice', [{ ...file, rawFileId: mine.id, sha256: 'e'.repeat(64) }])
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid-reference', path: ['sourceFiles', 0] });
    expect((await t.store.pkStudies.get(study.id))?.sourceFiles).toEqual([]);
  });

  it('keeps a batch with PK studies from being deleted (foreign key)', async () => {
    await expect(t.store.deleteBatch(otherBatchId, 'alice')).rejects.toMatchObject({ code: 'conflict' });
  });
});

describeEachDialect('a dosed batch cannot be deleted', (dialect) => {
  let t: TestStore;
  afterAll(async () => {
    await t?.dispose();
  });

  it('refuses to delete a batch with PK studies, naming them, and deletes it once they are gone', async () => {
    t = await openTestStore(dialect);
    const project = await t.store.createProject({ name: 'PK', description: '' }, 'alice');
    const batch = await t.store.createBatch(
      batchInputSchema.parse({ projectId: project.id, code: 'PK-1' }),
      'alice',
    );
    const study = await t.store.pkStudies.create(
      pkStudyInputSchema.parse({
        batchId: batch.id,
        title: 'IN dosing',
        species: 'mouse',
        route: 'intranasal',
        dose: { value: 5e9, unit: 'particles', perKg: false },
      }),
      'alice',
    );
    const refused = await t.store.deleteBatch(batch.id, 'alice').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('conflict');
    expect((refused as StoreError).message).toContain('1 PK study');
    expect(await t.store.getBatch(batch.id)).not.toBeNull();
    await t.store.pkStudies.delete(study.id, 'alice');
    await t.store.deleteBatch(batch.id, 'alice');
    expect(await t.store.getBatch(batch.id)).toBeNull();
  });
});
