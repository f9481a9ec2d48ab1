import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import type { Batch } from '../../domain/batch.ts';
import { StoreError } from '../../store/evlab-store.ts';
import { releaseMetrics } from '../batch-metrics/release-metrics.ts';
import { demoSpecification } from '../seed-demo.ts';
import { openTestWorkbench, type TestWorkbench } from '../test-support.ts';
import {
  amendBatch,
  evaluateBatch,
  qcOverview,
  ReauthenticationError,
  type SigningIdentity,
  signDecision,
} from './release.ts';

const identity: SigningIdentity = {
  async reauthenticate(_actor, password) {
    return password === 'correct horse' ? 'password' : null;
  },
};

describeEachDialect('QC release workflow', (dialect) => {
  let t: TestWorkbench;
  let batch: Batch;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_qc_release' });
    const project = await t.wb.store.createProject({ name: 'QC product', description: '' }, 'analyst');
    await t.wb.store.qc.createSpecification(demoSpecification(project.id), 'qa');
    batch = await t.wb.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'QC-1',
        conditionedMediumVolumeMl: null,
        isolationProtocol: { version: 1, name: '', steps: [] },
        finalVolumeMl: 1,
        buffer: 'PBS',
        storageTemperatureC: -80,
        harvestDate: null,
        isolationDate: null,
        status: 'draft',
        notes: '',
      },
      'analyst',
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const sign = (
    evaluationId: string,
    extra: Partial<{ password: string; decision: 'released' | 'rejected'; reason: string }> = {},
  ) =>
    signDecision(
      t.wb.store,
      batch.id,
      {
        evaluationId,
        decision: 'released',
        printedName: 'Quinn A. Smith',
        password: 'correct horse',
        reason: '',
        ...extra,
      },
      'qa',
      identity,
    );

  it('refuses to set released or rejected through an update, or to create a batch released', async () => {
    await expect(t.wb.store.updateBatch(batch.id, { status: 'in-qc' }, 'analyst')).resolves.toMatchObject({
      status: 'in-qc',
    });
    await expect(t.wb.store.updateBatch(batch.id, { status: 'released' }, 'analyst')).rejects.toThrow(
      /directly: evaluate/,
    );
    await expect(
      t.wb.store.createBatch({ ...batch, code: 'QC-X', status: 'released' }, 'analyst'),
    ).rejects.toMatchObject({ code: 'invalid-transition' });
  });

  it('blocks a release while criteria fail or are missing without an accepted deviation', async () => {
    const evaluation = await evaluateBatch(t.wb.store, batch.id, 'qa');
    expect(evaluation.outcome).toBe('incomplete');
    expect(evaluation.counts.pass).toBe(0);
    await expect(sign(evaluation.id)).rejects.toThrow(/cannot be released: .*no documented deviation/);
  });

  it('releases after every non-passing criterion has an accepted deviation, with a re-authenticated signature', async () => {
    await t.wb.store.qc.addResult(
      batch.id,
      {
        metric: 'safety.endotoxinEuPerMl',
        value: 0.9,
        unit: 'EU/mL',
        method: 'LAL',
        reference: 'R-1',
        note: '',
      },
      'analyst',
    );
    const evaluation = await evaluateBatch(t.wb.store, batch.id, 'qa');
    expect(evaluation.results.find((r) => r.criterionId === 'safety-endotoxin')).toMatchObject({
      outcome: 'fail',
      value: 0.9,
    });
    for (const r of evaluation.results.filter((x) => x.outcome !== 'pass'))
      await t.wb.store.qc.addDeviation(
        batch.id,
        {
          evaluationId: evaluation.id,
          criterionId: r.criterionId,
          reason: 'Test batch for the workflow (not for use)',
          decision: 'accepted',
          justification: 'test',
        },
        'qa',
      );
    await expect(sign(evaluation.id, { password: 'wrong' })).rejects.toBeInstanceOf(ReauthenticationError);
    const signature = await sign(evaluation.id);
    expect(signature).toMatchObject({
      meaning: 'released',
      printedName: 'Quinn A. Smith',
      authentication: 'password',
    });
    expect(signature.signedAt).toMatch(/Z$/);
    expect(signature.recordHash).toMatch(/^[0-9a-f]{64}$/);
    const overview = await qcOverview(t.wb.store, batch.id);
    expect(overview.locked).toBe(true);
    expect(overview.signatures.map((s) => s.state)).toEqual(['valid']);
  });

  it('locks the released batch: metadata, uploads, measurements and QC results are refused with a clear message', async () => {
    const locked = (p: Promise<unknown>) =>
      expect(p).rejects.toSatisfy(
        (e: unknown) => e instanceof StoreError && e.code === 'conflict' && /locked/.test(e.message),
      );
    await locked(t.wb.store.updateBatch(batch.id, { notes: 'edit' }, 'analyst'));
    await locked(
      t.wb.store.createRawFile(
        {
          batchId: batch.id,
          sha256: 'a'.repeat(64),
          originalName: 'x.csv',
          sizeBytes: 1,
          mediaType: 'text/csv',
        },
        'analyst',
      ),
    );
    await locked(
      t.wb.store.qc.addResult(
        batch.id,
        {
          metric: 'potency.activityPctOfReference',
          value: 99,
          unit: '%',
          method: 'x',
          reference: '',
          note: '',
        },
        'analyst',
      ),
    );
    await locked(t.wb.store.deleteBatch(batch.id, 'analyst'));
    await expect(evaluateBatch(t.wb.store, batch.id, 'qa')).rejects.toThrow(/locked/);
  });

  it('shows a signature as broken when the signed record is changed behind the store', async () => {
    const kysely = (
      t.wb.store as unknown as {
        kysely: import('kysely').Kysely<import('../../store/database-schema.ts').Database>;
      }
    ).kysely;
    const [result] = await t.wb.store.qc.listResults(batch.id);
    await kysely
      .updateTable('qc_results')
      .set({ value_json: '0.1' })
      .where('id', '=', result?.id ?? '')
      .execute();
    expect((await qcOverview(t.wb.store, batch.id)).signatures.map((s) => s.state)).toEqual(['broken']);
    await kysely
      .updateTable('qc_results')
      .set({ value_json: '0.9' })
      .where('id', '=', result?.id ?? '')
      .execute();
    expect((await qcOverview(t.wb.store, batch.id)).signatures.map((s) => s.state)).toEqual(['valid']);
  });

  it('amends with a reason and a new signature; the old signature is superseded, the batch editable in QC', async () => {
    await expect(
      amendBatch(
        t.wb.store,
        batch.id,
        {
          reason: 'Label text corrected after release',
          printedName: 'Quinn A. Smith',
          password: 'correct horse',
        },
        'qa',
        identity,
      ),
    ).resolves.toBeDefined();
    const overview = await qcOverview(t.wb.store, batch.id);
    expect(overview.batch.status).toBe('in-qc');
    expect(overview.locked).toBe(false);
    expect(overview.signatures.map((s) => [s.meaning, s.state])).toEqual([
      ['released', 'superseded'],
      ['amended', 'valid'],
    ]);
    await expect(
      t.wb.store.updateBatch(batch.id, { notes: 'corrected label' }, 'analyst'),
    ).resolves.toMatchObject({ notes: 'corrected label' });
    const trail = await t.wb.store.listAuditEvents({ batchId: batch.id, limit: 200 });
    expect(trail.items.filter((e) => e.action === 'sign')).toHaveLength(2);
  });

  it('refuses to sign an evaluation the data changed after', async () => {
    const evaluation = await evaluateBatch(t.wb.store, batch.id, 'qa');
    await t.wb.store.updateBatch(batch.id, { notes: 'changed again' }, 'analyst');
    await expect(sign(evaluation.id, { decision: 'rejected', reason: 'x' })).rejects.toThrow(
      /changed after the evaluation/,
    );
    const fresh = await evaluateBatch(t.wb.store, batch.id, 'qa');
    await expect(sign(fresh.id, { decision: 'rejected', reason: '' })).rejects.toThrow(/needs a reason/);
    await expect(
      sign(fresh.id, { decision: 'rejected', reason: 'endotoxin out of specification' }),
    ).resolves.toMatchObject({ meaning: 'rejected' });
    expect((await t.wb.store.getBatch(batch.id))?.status).toBe('rejected');
  });

  it('reads metrics through one function, entered results included', async () => {
    const metrics = await releaseMetrics(t.wb.store, batch.id);
    expect(metrics.find((m) => m.name === 'safety.endotoxinEuPerMl')).toMatchObject({
      value: 0.9,
      reliable: true,
      source: { type: 'result' },
    });
  });
});
