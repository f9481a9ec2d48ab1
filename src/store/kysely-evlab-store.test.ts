import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import {
  BATCH_STATUSES,
  BATCH_TRANSITIONS,
  type BatchInput,
  type BatchStatus,
  batchInputSchema,
} from '../domain/batch.ts';
import { mscSourceInputSchema } from '../domain/msc-source.ts';
import { projectInputSchema } from '../domain/project.ts';
import { type EvlabStore, type NewMeasurement, StoreError, type StoreErrorCode } from './evlab-store.ts';
import { openTestStore, type TestStore } from './open-test-store.ts';

const actor = 'tester@lab.example';

async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail with a StoreError').toBeInstanceOf(StoreError);
  return error as StoreError;
}

async function expectStoreError(
  promise: Promise<unknown>,
  code: StoreErrorCode,
  path?: (string | number)[],
): Promise<StoreError> {
  const error = await storeError(promise);
  expect(error.code).toBe(code);
  if (path !== undefined) expect(error.path).toEqual(path);
  return error;
}

describeEachDialect('KyselyEvlabStore', (dialect) => {
  let testStore: TestStore;
  let store: EvlabStore;

  beforeAll(async () => {
    testStore = await openTestStore(dialect);
    store = testStore.store;
  });
  afterAll(async () => {
    await testStore?.dispose();
  });

  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${++seq}`;
  const newProject = (name = unique('project')) =>
    store.createProject(projectInputSchema.parse({ name }), actor);
  const newSource = (projectId: string, donorCode = unique('donor')) =>
    store.createSource(mscSourceInputSchema.parse({ projectId, tissue: 'umbilical-cord', donorCode }), actor);
  const batchData = (projectId: string, overrides: Partial<BatchInput> = {}) =>
    batchInputSchema.parse({ projectId, code: unique('EV'), ...overrides });
  const auditCount = async (
    filter: {
      entityId?: string;
      entityType?: 'project' | 'source' | 'batch' | 'raw-file' | 'measurement';
    } = {},
  ) => (await store.listAuditEvents({ ...filter, limit: 1 })).total;
  const newRawFile = (batchId: string | null, sizeBytes = 1234) =>
    store.createRawFile(
      {
        batchId,
        sha256: 'a'.repeat(64),
        originalName: 'ExperimentSummary.csv',
        sizeBytes,
        mediaType: 'text/csv',
      },
      actor,
    );
  /** A QC signature for store-level tests (the jobs layer adds evaluation and re-authentication). */
  const signature = (meaning: 'released' | 'rejected') => ({
    meaning,
    printedName: 'Store Test',
    recordHash: '0'.repeat(64),
    evaluationId: null,
    reason: meaning === 'rejected' ? 'test' : '',
    authentication: 'test',
  });
  const measurementData = (
    batchId: string,
    rawFileId: string,
    overrides: Partial<NewMeasurement> = {},
  ): NewMeasurement => ({
    batchId,
    kind: 'nta',
    instrument: 'NanoSight NS300',
    rawFileId,
    readerName: 'nanosight-experiment-summary',
    readerVersion: '1.0.0',
    status: 'parsed',
    error: null,
    parsed: { concentrationPerMl: 2.16e11 },
    metrics: { modeNm: 112.5 },
    ...overrides,
  });

  describe('migrations', () => {
    it('are idempotent: a second migrate() applies nothing and keeps the data', async () => {
      const project = await newProject();
      await store.migrate();
      await store.migrate();
      expect(await store.getProject(project.id)).toEqual(project);
    });
  });

  describe('projects', () => {
    it('creates, reads, lists, updates and deletes, auditing each write with before/after', async () => {
      const created = await store.createProject(
        projectInputSchema.parse({ name: 'Wound healing', description: 'UC-MSC EVs' }),
        actor,
      );
      expect(created).toMatchObject({ name: 'Wound healing', description: 'UC-MSC EVs' });
      expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(created.updatedAt).toBe(created.createdAt);
      expect(await store.getProject(created.id)).toEqual(created);

      const listed = await store.listProjects({ limit: 1000 });
      expect(listed.items.map((p) => p.id)).toContain(created.id);
      expect(listed.total).toBe(listed.items.length);

      const updated = await store.updateProject(created.id, { description: 'renamed' }, 'editor');
      expect(updated).toMatchObject({
        id: created.id,
        name: 'Wound healing',
        description: 'renamed',
        createdAt: created.createdAt,
      });
      expect(await store.getProject(created.id)).toEqual(updated);

      await store.deleteProject(created.id, 'admin');
      expect(await store.getProject(created.id)).toBeNull();

      const audit = await store.listAuditEvents({ entityId: created.id });
      expect(audit.total).toBe(3);
      const [del, upd, cre] = audit.items; // newest first
      expect(cre).toMatchObject({
        action: 'create',
        entityType: 'project',
        actor,
        before: null,
        after: created,
      });
      expect(upd).toMatchObject({ action: 'update', actor: 'editor', before: created, after: updated });
      expect(del).toMatchObject({ action: 'delete', actor: 'admin', before: updated, after: null });
    });

    it('answers null / not-found for unknown ids', async () => {
      expect(await store.getProject('00000000-0000-7000-8000-000000000000')).toBeNull();
      await expectStoreError(store.updateProject('nope', { name: 'x' }, actor), 'not-found');
      await expectStoreError(store.deleteProject('nope', actor), 'not-found');
    });

    it('does not write or audit an update that changes nothing', async () => {
      const project = await newProject();
      const same = await store.updateProject(project.id, { name: project.name }, actor);
      expect(same).toEqual(project);
      expect(await auditCount({ entityId: project.id })).toBe(1);
    });

    it('refuses to delete a project that still has sources or batches, writing nothing', async () => {
      const withSource = await newProject();
      await newSource(withSource.id);
      await expectStoreError(store.deleteProject(withSource.id, actor), 'conflict');

      const withBatch = await newProject();
      await store.createBatch(batchData(withBatch.id), actor);
      const error = await expectStoreError(store.deleteProject(withBatch.id, actor), 'conflict');
      expect(error.message).toMatch(/1 batch/);

      expect(await store.getProject(withSource.id)).not.toBeNull();
      expect(await store.getProject(withBatch.id)).not.toBeNull();
      expect(await auditCount({ entityId: withBatch.id })).toBe(1);
    });
  });

  describe('MSC sources', () => {
    it('creates, reads, lists by project, updates and deletes with audit', async () => {
      const project = await newProject();
      const other = await newProject();
      const a = await store.createSource(
        mscSourceInputSchema.parse({
          projectId: project.id,
          tissue: 'wharton-jelly',
          donorCode: 'D-01',
          passage: 4,
        }),
        actor,
      );
      const b = await newSource(project.id);
      await newSource(other.id);
      expect(a).toMatchObject({
        projectId: project.id,
        tissue: 'wharton-jelly',
        donorCode: 'D-01',
        passage: 4,
        cultureFormat: '2d-flask',
      });
      expect(await store.getSource(a.id)).toEqual(a);

      const page = await store.listSources({ projectId: project.id });
      expect(page.total).toBe(2);
      expect(page.items.map((s) => s.id)).toEqual([b.id, a.id]);

      const updated = await store.updateSource(a.id, { passage: null, preconditioning: 'hypoxia' }, actor);
      expect(updated).toMatchObject({
        passage: null,
        preconditioning: 'hypoxia',
        donorCode: 'D-01',
        projectId: project.id,
      });
      expect(await store.getSource(a.id)).toEqual(updated);

      await store.deleteSource(a.id, actor);
      expect(await store.getSource(a.id)).toBeNull();
      const audit = await store.listAuditEvents({ entityId: a.id, entityType: 'source' });
      expect(audit.items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
      expect(audit.items[1]).toMatchObject({ before: a, after: updated });
    });

    it('rejects a source for a missing project (invalid-reference at projectId)', async () => {
      await expectStoreError(newSource('missing-project'), 'invalid-reference', ['projectId']);
    });

    it('refuses to delete a source referenced by a batch', async () => {
      const project = await newProject();
      const source = await newSource(project.id);
      await store.createBatch(batchData(project.id, { sourceId: source.id }), actor);
      await expectStoreError(store.deleteSource(source.id, actor), 'conflict');
      expect(await store.getSource(source.id)).not.toBeNull();
      await expectStoreError(store.updateSource('missing', { notes: 'x' }, actor), 'not-found');
    });
  });

  describe('batches', () => {
    it('round-trips every field, including the isolation protocol JSON and exact floats', async () => {
      const project = await newProject();
      const source = await newSource(project.id);
      const data = batchData(project.id, {
        sourceId: source.id,
        code: 'UC-EV-2025-001',
        conditionedMediumVolumeMl: 0.1 + 0.2, // 0.30000000000000004: survives only with 8-byte floats
        finalVolumeMl: 123.456789012345,
        buffer: 'PBS + 0.1% HSA',
        storageTemperatureC: -80,
        harvestDate: '2025-03-01',
        isolationDate: '2025-03-02',
        notes: 'ünïcödé ✓',
        isolationProtocol: {
          version: 1,
          name: 'TFF + SEC',
          steps: [
            {
              method: 'low-speed-centrifugation',
              parameters: { rcfG: 2000, minutes: 10, temperatureC: 4 },
              notes: '',
            },
            {
              method: 'tangential-flow-filtration',
              parameters: { cutoffKDa: 300, cassette: 'Pellicon', sterile: true, lot: null },
              notes: 'x',
            },
            {
              method: 'differential-ultracentrifugation',
              parameters: { rcfG: 100000, minutes: 70, rotor: 'SW 32 Ti' },
              notes: '',
            },
          ],
        },
      });
      const batch = await store.createBatch(data, actor);
      expect(batch).toMatchObject({ ...data, status: 'draft' });
      const read = await store.getBatch(batch.id);
      expect(read).toEqual(batch);
      expect(read?.conditionedMediumVolumeMl).toBe(0.30000000000000004);
      expect(read?.finalVolumeMl).toBe(123.456789012345);
      expect(read?.isolationProtocol).toEqual(data.isolationProtocol);
      const [created] = (await store.listAuditEvents({ entityId: batch.id })).items;
      expect(created).toMatchObject({ action: 'create', entityType: 'batch', before: null, after: batch });
    });

    it('checks references: missing project, missing source, source of another project', async () => {
      const project = await newProject();
      const other = await newProject();
      const foreignSource = await newSource(other.id);
      await expectStoreError(store.createBatch(batchData('missing'), actor), 'invalid-reference', [
        'projectId',
      ]);
      await expectStoreError(
        store.createBatch(batchData(project.id, { sourceId: 'missing' }), actor),
        'invalid-reference',
        ['sourceId'],
      );
      const error = await expectStoreError(
        store.createBatch(batchData(project.id, { sourceId: foreignSource.id }), actor),
        'invalid-reference',
        ['sourceId'],
      );
      expect(error.message).toMatch(/another project/);
      const batch = await store.createBatch(batchData(project.id), actor);
      await expectStoreError(
        store.updateBatch(batch.id, { sourceId: foreignSource.id }, actor),
        'invalid-reference',
        ['sourceId'],
      );
      expect((await store.listBatches({ projectId: project.id })).total).toBe(1);
    });

    it('keeps codes unique per project (conflict at code), not across projects', async () => {
      const p1 = await newProject();
      const p2 = await newProject();
      const first = await store.createBatch(batchData(p1.id, { code: 'EV-001' }), actor);
      await expectStoreError(store.createBatch(batchData(p1.id, { code: 'EV-001' }), actor), 'conflict', [
        'code',
      ]);
      await store.createBatch(batchData(p2.id, { code: 'EV-001' }), actor);
      const second = await store.createBatch(batchData(p1.id, { code: 'EV-002' }), actor);
      await expectStoreError(store.updateBatch(second.id, { code: first.code }, actor), 'conflict', ['code']);
      expect((await store.getBatch(second.id))?.code).toBe('EV-002');
    });

    it('updates fields, clears with null, and audits as update', async () => {
      const project = await newProject();
      const source = await newSource(project.id);
      const batch = await store.createBatch(
        batchData(project.id, { finalVolumeMl: 0.5, sourceId: source.id }),
        actor,
      );
      const updated = await store.updateBatch(
        batch.id,
        { finalVolumeMl: null, sourceId: null, notes: 'n' },
        actor,
      );
      expect(updated).toMatchObject({
        finalVolumeMl: null,
        sourceId: null,
        notes: 'n',
        code: batch.code,
        projectId: project.id,
      });
      expect(updated.updatedAt >= batch.updatedAt).toBe(true);
      expect(await store.getBatch(batch.id)).toEqual(updated);
      const [event] = (await store.listAuditEvents({ entityId: batch.id })).items;
      expect(event).toMatchObject({ action: 'update', before: batch, after: updated });
      await expectStoreError(store.updateBatch('missing', { notes: 'x' }, actor), 'not-found');
    });

    describe('status transitions follow BATCH_TRANSITIONS; released/rejected only by QC signature', () => {
      const pairs = BATCH_STATUSES.flatMap((from) =>
        BATCH_STATUSES.filter((to) => to !== from).map((to) => [from, to] as [BatchStatus, BatchStatus]),
      );
      const locked = (s: BatchStatus) => s === 'released' || s === 'rejected';
      it.each(pairs)('%s -> %s', async (from, to) => {
        const project = await newProject();
        const batch = await store.createBatch(
          batchData(project.id, { status: locked(from) ? 'in-qc' : from }),
          actor,
        );
        if (from === 'released' || from === 'rejected') await store.qc.sign(batch.id, signature(from), actor);
        const events = await auditCount({ entityId: batch.id });
        if (locked(from)) {
          const error = await expectStoreError(
            store.updateBatch(batch.id, { status: to }, 'qa'),
            'conflict',
            ['status'],
          );
          expect(error.message).toContain('locked');
          expect((await store.getBatch(batch.id))?.status).toBe(from);
        } else if (BATCH_TRANSITIONS[from].includes(to) && !locked(to)) {
          const updated = await store.updateBatch(batch.id, { status: to }, 'qa');
          expect(updated.status).toBe(to);
          const [event] = (await store.listAuditEvents({ entityId: batch.id })).items;
          expect(event).toMatchObject({ action: 'status-change', actor: 'qa' });
          expect(event?.before).toMatchObject({ status: from });
          expect(event?.after).toMatchObject({ status: to });
        } else {
          const error = await expectStoreError(
            store.updateBatch(batch.id, { status: to }, 'qa'),
            'invalid-transition',
            ['status'],
          );
          expect(error.message).toContain(to);
          expect((await store.getBatch(batch.id))?.status).toBe(from);
          expect(await auditCount({ entityId: batch.id })).toBe(events);
        }
      });

      it('walks draft -> in-qc -> draft -> in-qc and refuses released/rejected through an update', async () => {
        const project = await newProject();
        const batch = await store.createBatch(batchData(project.id), actor);
        for (const status of ['in-qc', 'draft', 'in-qc'] as const) {
          expect((await store.updateBatch(batch.id, { status }, actor)).status).toBe(status);
        }
        // Release and rejection go through QC evaluation and an e-signature (issue 13).
        for (const status of ['released', 'rejected'] as const)
          await expectStoreError(store.updateBatch(batch.id, { status }, actor), 'invalid-transition', [
            'status',
          ]);
        // A same-status patch is not a transition.
        expect((await store.updateBatch(batch.id, { status: 'in-qc' }, actor)).status).toBe('in-qc');
        expect((await store.listAuditEvents({ entityId: batch.id })).items.map((e) => e.action)).toEqual([
          'status-change',
          'status-change',
          'status-change',
          'create',
        ]);
      });
    });

    it('serialises concurrent writers: one status change and one code wins, the other is refused', async () => {
      const project = await newProject();
      const batch = await store.createBatch(batchData(project.id, { status: 'in-qc' }), actor);
      const outcomes = await Promise.allSettled([
        store.qc.sign(batch.id, signature('released'), 'a'),
        store.qc.sign(batch.id, signature('rejected'), 'b'),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(StoreError);
      expect(refused?.reason).toMatchObject({ code: 'conflict', path: ['status'] });
      expect(await auditCount({ entityId: batch.id })).toBe(2);

      const racers = await Promise.allSettled(
        Array.from({ length: 4 }, () => store.createBatch(batchData(project.id, { code: 'RACE-1' }), actor)),
      );
      expect(racers.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of racers) {
        if (o.status === 'rejected')
          expect(o.reason).toMatchObject({ name: 'StoreError', code: 'conflict', path: ['code'] });
      }
      expect((await store.listBatches({ projectId: project.id, q: 'RACE' })).total).toBe(1);
    });

    it('deletes a draft batch but refuses released batches and batches with measurements', async () => {
      const project = await newProject();
      const draft = await store.createBatch(batchData(project.id), actor);
      await store.deleteBatch(draft.id, actor);
      expect(await store.getBatch(draft.id)).toBeNull();
      const [event] = (await store.listAuditEvents({ entityId: draft.id })).items;
      expect(event).toMatchObject({ action: 'delete', before: draft, after: null });

      const released = await store.createBatch(batchData(project.id, { status: 'in-qc' }), actor);
      await store.qc.sign(released.id, signature('released'), actor);
      await expectStoreError(store.deleteBatch(released.id, actor), 'conflict', ['status']);

      const measured = await store.createBatch(batchData(project.id), actor);
      const file = await newRawFile(measured.id);
      await store.createMeasurement(measurementData(measured.id, file.id), actor);
      await expectStoreError(store.deleteBatch(measured.id, actor), 'conflict');
      expect(await store.getBatch(measured.id)).not.toBeNull();
      await expectStoreError(store.deleteBatch('missing', actor), 'not-found');
    });
  });

  describe('listBatches', () => {
    let projectId: string;
    let sourceId: string;
    let inserted: string[];

    beforeAll(async () => {
      const project = await newProject();
      projectId = project.id;
      sourceId = (await newSource(projectId)).id;
      const statuses: BatchStatus[] = ['draft', 'in-qc', 'released', 'rejected'];
      // Released and rejected batches are created in QC and signed (issue 13: no direct status).
      const rows = Array.from({ length: 120 }, (_, i) =>
        batchData(projectId, {
          code: `EV-${String(i).padStart(3, '0')}`,
          status: i % 4 >= 2 ? 'in-qc' : statuses[i % 4],
          sourceId: i % 3 === 0 ? sourceId : null,
        }),
      );
      rows.push(
        batchData(projectId, { code: 'Lot_A' }),
        batchData(projectId, { code: 'LotXA' }),
        batchData(projectId, { code: '50%-pool' }),
      );
      inserted = (await store.createBatches(rows, actor)).map((b) => b.id);
      for (let i = 0; i < 120; i++) {
        const status = statuses[i % 4];
        if (status === 'released' || status === 'rejected')
          await store.qc.sign(inserted[i] as string, signature(status), actor);
      }
    });

    it('pages through everything newest first with a stable total', async () => {
      const seen: string[] = [];
      for (let offset = 0; ; offset += 50) {
        const page = await store.listBatches({ projectId, limit: 50, offset });
        expect(page.total).toBe(123);
        expect(page.limit).toBe(50);
        expect(page.offset).toBe(offset);
        seen.push(...page.items.map((b) => b.id));
        if (page.items.length < 50) break;
      }
      expect(seen).toHaveLength(123);
      expect(new Set(seen).size).toBe(123);
      // One bulk insert shares one createdAt; ids are time-ordered, so newest first = reverse insertion.
      expect(seen).toEqual([...inserted].reverse());
    });

    it('filters by status, source and both', async () => {
      const inQc = await store.listBatches({ projectId, status: 'in-qc', limit: 1000 });
      expect(inQc.total).toBe(30);
      expect(inQc.items.every((b) => b.status === 'in-qc')).toBe(true);
      const bySource = await store.listBatches({ sourceId, limit: 1000 });
      expect(bySource.total).toBe(40);
      expect(bySource.items.every((b) => b.sourceId === sourceId)).toBe(true);
      const both = await store.listBatches({ projectId, sourceId, status: 'draft' });
      expect(both.total).toBe(10); // i % 12 === 0
      expect(both.items.map((b) => b.code)).toEqual([
        'EV-108',
        'EV-096',
        'EV-084',
        'EV-072',
        'EV-060',
        'EV-048',
        'EV-036',
        'EV-024',
        'EV-012',
        'EV-000',
      ]);
    });

    it('matches q as a case-insensitive substring of the code, with wildcards taken literally', async () => {
      const q = await store.listBatches({ projectId, q: 'ev-01' });
      expect(q.total).toBe(10);
      expect(q.items.map((b) => b.code).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `EV-01${i}`));
      expect((await store.listBatches({ projectId, q: 'lot_a' })).items.map((b) => b.code)).toEqual([
        'Lot_A',
      ]);
      expect((await store.listBatches({ projectId, q: '%' })).items.map((b) => b.code)).toEqual(['50%-pool']);
      expect((await store.listBatches({ projectId, q: 'no-such-code' })).total).toBe(0);
      expect((await store.listBatches({ projectId, q: '' })).total).toBe(123);
    });

    it('applies the default limit of 50 and caps it at 1000', async () => {
      const defaults = await store.listBatches({ projectId });
      expect(defaults.limit).toBe(50);
      expect(defaults.offset).toBe(0);
      expect(defaults.items).toHaveLength(50);
      expect((await store.listBatches({ projectId, limit: 5000 })).limit).toBe(1000);
      const beyond = await store.listBatches({ projectId, offset: 500 });
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(123);
    });
  });

  describe('createBatches', () => {
    it('inserts more rows than one chunk, each with its own audit event', async () => {
      const project = await newProject();
      const rows = Array.from({ length: 1201 }, (_, i) => batchData(project.id, { code: `B-${i}` }));
      const created = await store.createBatches(rows, 'importer');
      expect(created).toHaveLength(1201);
      expect((await store.listBatches({ projectId: project.id, limit: 1 })).total).toBe(1201);
      const last = created[1200];
      expect(last && (await store.getBatch(last.id))).toEqual(last);
      const [event] = (await store.listAuditEvents({ entityId: last?.id })).items;
      expect(event).toMatchObject({ action: 'create', actor: 'importer', after: last });
      expect(await store.createBatches([], actor)).toEqual([]);
    });

    it('writes nothing when one row is invalid, naming the row in the path', async () => {
      const project = await newProject();
      const other = await newProject();
      const foreign = await newSource(other.id);
      await store.createBatch(batchData(project.id, { code: 'TAKEN' }), actor);
      const batchAuditBefore = await auditCount({ entityType: 'batch' });
      const valid = () => batchData(project.id);

      await expectStoreError(
        store.createBatches([valid(), valid(), batchData(project.id, { sourceId: foreign.id })], actor),
        'invalid-reference',
        [2, 'sourceId'],
      );
      await expectStoreError(
        store.createBatches([valid(), batchData('missing')], actor),
        'invalid-reference',
        [1, 'projectId'],
      );
      await expectStoreError(
        store.createBatches(
          [batchData(project.id, { code: 'DUP' }), valid(), batchData(project.id, { code: 'DUP' })],
          actor,
        ),
        'conflict',
        [2, 'code'],
      );
      await expectStoreError(
        store.createBatches([valid(), valid(), valid(), batchData(project.id, { code: 'TAKEN' })], actor),
        'conflict',
        [3, 'code'],
      );
      expect((await store.listBatches({ projectId: project.id })).total).toBe(1);
      expect(await auditCount({ entityType: 'batch' })).toBe(batchAuditBefore);
    });

    it('rolls back rows already inserted when a later statement of the transaction fails', async () => {
      const project = await newProject();
      const batchAuditBefore = await auditCount({ entityType: 'batch' });
      // The empty actor passes every store check but violates the audit table's CHECK constraint, so the
      // failure happens after the batch rows of the chunk were inserted.
      await expect(store.createBatches([batchData(project.id), batchData(project.id)], '')).rejects.toThrow();
      await expect(store.createBatch(batchData(project.id), '')).rejects.toThrow();
      expect((await store.listBatches({ projectId: project.id })).total).toBe(0);
      expect(await auditCount({ entityType: 'batch' })).toBe(batchAuditBefore);
      // The store is still usable afterwards (transaction closed, connection released).
      await store.createBatch(batchData(project.id), actor);
      expect((await store.listBatches({ projectId: project.id })).total).toBe(1);
    });
  });

  describe('raw files and measurements', () => {
    it('records raw files, attached or not, with sizes above 2^32 bytes', async () => {
      const project = await newProject();
      const batch = await store.createBatch(batchData(project.id), actor);
      const attached = await newRawFile(batch.id, 5_368_709_120);
      const loose = await newRawFile(null);
      expect(attached).toMatchObject({ batchId: batch.id, sizeBytes: 5_368_709_120, uploadedBy: actor });
      expect(await store.getRawFile(attached.id)).toEqual(attached);
      expect(await store.getRawFile(loose.id)).toEqual(loose);
      const page = await store.listRawFiles({ batchId: batch.id });
      expect(page.total).toBe(1);
      expect(page.items).toEqual([attached]);
      const [event] = (await store.listAuditEvents({ entityId: attached.id })).items;
      expect(event).toMatchObject({ action: 'upload', entityType: 'raw-file', after: attached });
      await expectStoreError(newRawFile('missing'), 'invalid-reference', ['batchId']);
      expect(await store.getRawFile('missing')).toBeNull();
    });

    it('round-trips parsed records and metrics with large and tiny floats exactly', async () => {
      const project = await newProject();
      const batch = await store.createBatch(batchData(project.id), actor);
      const file = await newRawFile(batch.id);
      const parsed = {
        concentrationPerMl: 2.16e11,
        concentrationSdPerMl: 1.0000000000000002e10,
        onePlusEpsilon: 1.0000000000000002,
        particlesPerFrame: 58.349999999999994,
        tiny: 5e-324,
        negative: -1.7976931348623157e308,
        bins: [
          { diameterNm: 0.5, concentrationPerMl: 3.3e5 },
          { diameterNm: 1.5, concentrationPerMl: 0 },
        ],
        labels: { sample: 'UC-EV 1:1000', unicode: 'µm ±' },
        flags: [true, false, null],
      };
      const metrics = { modeNm: 112.5, d10Nm: 87.123456789, particlesPerUgProtein: 2.16e11 / 37.5 };
      const m = await store.createMeasurement(measurementData(batch.id, file.id, { parsed, metrics }), actor);
      expect(m).toMatchObject({ batchId: batch.id, rawFileId: file.id, status: 'parsed', parsed, metrics });
      const read = await store.getMeasurement(m.id);
      expect(read).toEqual(m);
      const readParsed = read?.parsed as typeof parsed;
      const readMetrics = read?.metrics as typeof metrics;
      expect(readParsed.concentrationPerMl).toBe(216000000000);
      expect(readParsed.onePlusEpsilon).toBe(1 + Number.EPSILON);
      expect(readParsed.tiny).toBe(Number.MIN_VALUE);
      expect(readMetrics.particlesPerUgProtein).toBe(2.16e11 / 37.5);

      const [event] = (await store.listAuditEvents({ entityId: m.id })).items;
      expect(event).toMatchObject({ action: 'parse', entityType: 'measurement', before: null });
      expect(event?.after).toMatchObject({ id: m.id, status: 'parsed' });
    });

    it('stores unparsed measurements with their error', async () => {
      const project = await newProject();
      const batch = await store.createBatch(batchData(project.id), actor);
      const file = await newRawFile(batch.id);
      const error = { code: 'malformed-number', message: 'bad number "1,2e"', line: 42, byteOffset: 1337 };
      const m = await store.createMeasurement(
        measurementData(batch.id, file.id, { status: 'unparsed', error, parsed: null, metrics: null }),
        actor,
      );
      expect(await store.getMeasurement(m.id)).toEqual({ ...m, error, parsed: null, metrics: null });
    });

    it('lists summaries by batch and kind, newest first, without parsed/metrics', async () => {
      const project = await newProject();
      const batch = await store.createBatch(batchData(project.id), actor);
      const other = await store.createBatch(batchData(project.id), actor);
      const file = await newRawFile(batch.id);
      const otherFile = await newRawFile(other.id);
      const m1 = await store.createMeasurement(measurementData(batch.id, file.id), actor);
      const m2 = await store.createMeasurement(measurementData(batch.id, file.id), actor);
      await store.createMeasurement(measurementData(other.id, otherFile.id), actor);
      const page = await store.listMeasurements({ batchId: batch.id, kind: 'nta' });
      expect(page.total).toBe(2);
      expect(page.items.map((m) => m.id)).toEqual([m2.id, m1.id]);
      expect(page.items[0]).not.toHaveProperty('parsed');
      expect(page.items[0]).not.toHaveProperty('metrics');
      const { parsed: _p, metrics: _m, ...summary } = m2;
      // Lists also name each measurement: its raw file, and the sample/capture time its metrics record.
      expect(page.items[0]).toEqual({
        ...summary,
        fileName: file.originalName,
        sample: null,
        capturedAt: null,
        // The test's measurement records no dilution of its own (NanoSight "not recorded").
        fileDilutionFactor: null,
      });
      expect(await store.getMeasurement('missing')).toBeNull();
    });

    it('checks references and writes neither measurement nor audit row on failure', async () => {
      const project = await newProject();
      const batch = await store.createBatch(batchData(project.id), actor);
      const other = await store.createBatch(batchData(project.id), actor);
      const otherFile = await newRawFile(other.id);
      const file = await newRawFile(batch.id);
      const before = await auditCount({ entityType: 'measurement' });

      await expectStoreError(
        store.createMeasurement(measurementData('missing', file.id), actor),
        'invalid-reference',
        ['batchId'],
      );
      await expectStoreError(
        store.createMeasurement(measurementData(batch.id, 'missing'), actor),
        'invalid-reference',
        ['rawFileId'],
      );
      await expectStoreError(
        store.createMeasurement(measurementData(batch.id, otherFile.id), actor),
        'invalid-reference',
        ['rawFileId'],
      );
      // Fails at the audit insert, after the measurement row was written: the row must be rolled back.
      await expect(store.createMeasurement(measurementData(batch.id, file.id), '')).rejects.toThrow();

      expect((await store.listMeasurements({ batchId: batch.id })).total).toBe(0);
      expect(await auditCount({ entityType: 'measurement' })).toBe(before);
      // A file uploaded without a batch may be parsed into a measurement of any batch.
      const loose = await newRawFile(null);
      await store.createMeasurement(measurementData(batch.id, loose.id), actor);
      expect((await store.listMeasurements({ batchId: batch.id })).total).toBe(1);
    });
  });

  describe('audit events', () => {
    it('filters by entity and type, pages with a total, newest first even within one millisecond', async () => {
      const fixed = await openTestStore(dialect, { clock: () => new Date('2025-01-01T00:00:00.000Z') });
      try {
        const s = fixed.store;
        const project = await s.createProject(projectInputSchema.parse({ name: 'fixed clock' }), actor);
        for (let i = 0; i < 5; i += 1) await s.updateProject(project.id, { description: `v${i}` }, actor);
        const source = await s.createSource(
          mscSourceInputSchema.parse({ projectId: project.id, tissue: 'adipose', donorCode: 'A' }),
          actor,
        );

        const all = await s.listAuditEvents();
        expect(all.total).toBe(7);
        expect(all.items.every((e) => e.at === '2025-01-01T00:00:00.000Z')).toBe(true);
        expect(all.items.map((e) => e.action)).toEqual([
          'create',
          'update',
          'update',
          'update',
          'update',
          'update',
          'create',
        ]);
        expect(all.items[0]?.entityId).toBe(source.id);
        expect(all.items.slice(1, 6).map((e) => (e.after as { description: string }).description)).toEqual([
          'v4',
          'v3',
          'v2',
          'v1',
          'v0',
        ]);

        const projectEvents = await s.listAuditEvents({ entityType: 'project', limit: 2, offset: 1 });
        expect(projectEvents.total).toBe(6);
        expect(projectEvents.items.map((e) => (e.after as { description: string }).description)).toEqual([
          'v3',
          'v2',
        ]);
        expect((await s.listAuditEvents({ entityId: source.id })).total).toBe(1);
        expect((await s.listAuditEvents({ entityId: source.id, entityType: 'project' })).total).toBe(0);
      } finally {
        await fixed.dispose();
      }
    });

    it("a batch's trail holds its own events and its files' uploads and parses, newest first, with actors", async () => {
      // One second per write, so the trail's time order is visible in `at`.
      let tick = 0;
      const stepping = await openTestStore(dialect, {
        clock: () => new Date(Date.UTC(2025, 0, 1) + 1000 * tick++),
      });
      try {
        const s = stepping.store;
        const project = await s.createProject(projectInputSchema.parse({ name: 'trail' }), 'alice');
        const source = await s.createSource(
          mscSourceInputSchema.parse({ projectId: project.id, tissue: 'bone-marrow', donorCode: 'D1' }),
          'alice',
        );
        const batch = await s.createBatch(
          batchInputSchema.parse({ projectId: project.id, code: 'T-1' }),
          'alice',
        );
        const [other] = await s.createBatches(
          [batchInputSchema.parse({ projectId: project.id, code: 'T-2' })],
          'alice',
        );
        if (!other) throw new Error('batch not created');
        await s.updateBatch(batch.id, { sourceId: source.id }, 'bob');
        const rawFile = (batchId: string | null, originalName: string) =>
          s.createRawFile(
            { batchId, sha256: 'd'.repeat(64), originalName, sizeBytes: 10, mediaType: 'text/csv' },
            'carol',
          );
        const good = await rawFile(batch.id, 'good-ExperimentSummary.csv');
        const parsed = await s.createMeasurement(measurementData(batch.id, good.id), 'carol');
        const bad = await rawFile(batch.id, 'bad-ExperimentSummary.csv');
        const error = { code: 'malformed-number', message: 'bad number', line: 42, byteOffset: 1337 };
        const unparsed = await s.createMeasurement(
          measurementData(batch.id, bad.id, { status: 'unparsed', error, parsed: null, metrics: null }),
          'dave',
        );
        // Not in the trail: another batch's file and measurement, the source, and the upload of a file
        // without a batch (its parse into this batch is).
        const otherFile = await rawFile(other.id, 'other.csv');
        await s.createMeasurement(measurementData(other.id, otherFile.id), 'carol');
        await s.updateSource(source.id, { notes: 'checked' }, 'bob');
        const loose = await rawFile(null, 'loose.csv');
        const fromLoose = await s.createMeasurement(measurementData(batch.id, loose.id), 'erin');
        await s.updateBatch(batch.id, { status: 'in-qc' }, 'bob');

        const trail = await s.listAuditEvents({ batchId: batch.id });
        expect(trail.total).toBe(8);
        expect(trail.items.map((e) => [e.action, e.entityType, e.entityId, e.actor, e.batchId])).toEqual([
          ['status-change', 'batch', batch.id, 'bob', batch.id],
          ['parse', 'measurement', fromLoose.id, 'erin', batch.id],
          ['parse', 'measurement', unparsed.id, 'dave', batch.id],
          ['upload', 'raw-file', bad.id, 'carol', batch.id],
          ['parse', 'measurement', parsed.id, 'carol', batch.id],
          ['upload', 'raw-file', good.id, 'carol', batch.id],
          ['update', 'batch', batch.id, 'bob', batch.id],
          ['create', 'batch', batch.id, 'alice', batch.id],
        ]);
        const times = trail.items.map((e) => e.at);
        expect(times).toEqual([...times].sort().reverse());
        expect(new Set(times).size).toBe(times.length);
        expect(trail.items[3]?.after).toEqual(bad);
        expect(trail.items[2]?.after).toMatchObject({ id: unparsed.id, status: 'unparsed', error });
        expect(trail.items[2]?.after).not.toHaveProperty('parsed');

        const page = await s.listAuditEvents({ batchId: batch.id, limit: 2, offset: 2 });
        expect(page.total).toBe(8);
        expect(page.items.map((e) => e.action)).toEqual(['parse', 'upload']);
        expect((await s.listAuditEvents({ batchId: other.id })).items.map((e) => e.action)).toEqual([
          'parse',
          'upload',
          'create',
        ]);
        // Events about no batch carry null.
        const loneEvents = [
          ...(await s.listAuditEvents({ entityId: project.id })).items,
          ...(await s.listAuditEvents({ entityId: source.id })).items,
          ...(await s.listAuditEvents({ entityId: loose.id })).items,
        ];
        expect(loneEvents.map((e) => e.batchId)).toEqual([null, null, null, null]);

        // A deleted batch keeps its trail under its id.
        const draft = await s.createBatch(
          batchInputSchema.parse({ projectId: project.id, code: 'T-3' }),
          'alice',
        );
        await s.deleteBatch(draft.id, 'bob');
        expect((await s.listAuditEvents({ batchId: draft.id })).items.map((e) => e.action)).toEqual([
          'delete',
          'create',
        ]);
      } finally {
        await stepping.dispose();
      }
    });
  });

  describe('dashboard', () => {
    it('counts projects and batches per status (all keys present) and lists recent measurements with batch codes', async () => {
      const fresh = await openTestStore(dialect);
      try {
        const s = fresh.store;
        const empty = await s.dashboard();
        expect(empty).toEqual({
          projectCount: 0,
          batchCount: 0,
          batchesByStatus: { draft: 0, 'in-qc': 0, released: 0, rejected: 0 },
          recentMeasurements: [],
        });

        const p1 = await s.createProject(projectInputSchema.parse({ name: 'one' }), actor);
        await s.createProject(projectInputSchema.parse({ name: 'two' }), actor);
        const [b1, b2] = await s.createBatches(
          [
            batchInputSchema.parse({ projectId: p1.id, code: 'A-1' }),
            batchInputSchema.parse({ projectId: p1.id, code: 'A-2', status: 'in-qc' }),
            batchInputSchema.parse({ projectId: p1.id, code: 'A-3', status: 'in-qc' }),
          ],
          actor,
        );
        if (!b1 || !b2) throw new Error('batches not created');
        const f1 = await s.createRawFile(
          {
            batchId: b1.id,
            sha256: 'b'.repeat(64),
            originalName: 'a.csv',
            sizeBytes: 1,
            mediaType: 'text/csv',
          },
          actor,
        );
        const f2 = await s.createRawFile(
          {
            batchId: b2.id,
            sha256: 'c'.repeat(64),
            originalName: 'b.csv',
            sizeBytes: 1,
            mediaType: 'text/csv',
          },
          actor,
        );
        const m1 = await s.createMeasurement(measurementData(b1.id, f1.id), actor);
        const m2 = await s.createMeasurement(measurementData(b2.id, f2.id), actor);
        const m3 = await s.createMeasurement(measurementData(b1.id, f1.id), actor);

        const summary = await s.dashboard(2);
        expect(summary.projectCount).toBe(2);
        expect(summary.batchCount).toBe(3);
        expect(summary.batchesByStatus).toEqual({ draft: 1, 'in-qc': 2, released: 0, rejected: 0 });
        expect(summary.recentMeasurements.map((m) => [m.id, m.batchCode])).toEqual([
          [m3.id, 'A-1'],
          [m2.id, 'A-2'],
        ]);
        expect(summary.recentMeasurements[0]).not.toHaveProperty('parsed');
        // File name, sample and capture date for the dashboard list (issue 9 item 7).
        const m4 = await s.createMeasurement(
          measurementData(b1.id, f1.id, { metrics: { sample: 'd200', capturedAt: '2021-04-01T15:42:48' } }),
          actor,
        );
        const [latest] = (await s.dashboard(1)).recentMeasurements;
        expect(latest).toMatchObject({
          id: m4.id,
          fileName: 'a.csv',
          sample: 'd200',
          capturedAt: '2021-04-01T15:42:48',
        });
        expect((await s.dashboard()).recentMeasurements.map((m) => m.id)).toEqual([
          m4.id,
          m3.id,
          m2.id,
          m1.id,
        ]);
        // The list endpoint names measurements the same way (the overlay picker), read in SQL from metrics.
        const listed = await s.listMeasurements({ batchId: b1.id });
        expect(listed.items.find((m) => m.id === m4.id)).toMatchObject({
          fileName: 'a.csv',
          sample: 'd200',
          capturedAt: '2021-04-01T15:42:48',
        });
        expect(listed.items.find((m) => m.id === m1.id)).toMatchObject({
          fileName: 'a.csv',
          sample: null,
          capturedAt: null,
        });
      } finally {
        await fresh.dispose();
      }
    });
  });
});
