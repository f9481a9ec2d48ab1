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
