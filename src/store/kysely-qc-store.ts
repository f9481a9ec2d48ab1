/**
 * QcStore over Kysely, inside the main store's database: writes go through ctx.write (one transaction) and
 * append their audit event with ctx.audit, carrying the batch id so QC steps appear in the batch's trail.
 */
import type { Kysely, Selectable } from 'kysely';
import type { EvaluationResult } from '../domain/qc/evaluate-specification.ts';
import {
  type Deviation,
  type DeviationInput,
  isLockedStatus,
  QC_RELEASE_RECORD_TYPE,
  type QcEvaluation,
  type QcResult,
  type QcResultData,
  type QcSignature,
} from '../domain/qc/release.ts';
import type { Criterion, Specification, SpecificationData } from '../domain/qc/specification.ts';
import { requireUnlockedBatch } from './batch-lock.ts';
import type { Database, SignaturesTable } from './database-schema.ts';
import { StoreError } from './evlab-store.ts';
import type { NewSignature, QcStore } from './qc-store.ts';
import type {
  QcDeviationsTable,
  QcEvaluationsTable,
  QcResultsTable,
  QcSpecificationsTable,
} from './qc-tables.ts';
import type { SubStoreContext } from './sub-store-context.ts';
import { newTimeOrderedId } from './time-ordered-id.ts';

const toSpecification = (r: Selectable<QcSpecificationsTable>): Specification => ({
  id: r.id,
  productId: r.product_id,
  name: r.name,
  version: Number(r.version),
  notes: r.notes,
  criteria: JSON.parse(r.criteria_json) as Criterion[],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toResult = (r: Selectable<QcResultsTable>): QcResult => ({
  id: r.id,
  batchId: r.batch_id,
  metric: r.metric,
  value: JSON.parse(r.value_json) as QcResult['value'],
  unit: r.unit,
  method: r.method,
  reference: r.reference,
  note: r.note,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  invalidated: r.invalidated,
});

const toEvaluation = (r: Selectable<QcEvaluationsTable>): QcEvaluation => ({
  ...(JSON.parse(r.result_json) as EvaluationResult),
  id: r.id,
  batchId: r.batch_id,
  evaluatedBy: r.evaluated_by,
  recordHash: r.record_hash,
});

const toDeviation = (r: Selectable<QcDeviationsTable>): Deviation => ({
  id: r.id,
  batchId: r.batch_id,
  evaluationId: r.evaluation_id,
  criterionId: r.criterion_id,
  reason: r.reason,
  decision: r.decision,
  justification: r.justification,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

const AUTHENTICATION_MARK = /\s*\[authentication: ([^\]]*)\]$/;

/**
 * QC decisions as the shared signature store holds them (record type 'qc-release', migration 0012): the
 * reason carries "[authentication: …]" when the signer did not re-authenticate with a password; the
 * evaluation signed is the batch's latest one at signing time; an amendment supersedes every earlier
 * signature of the batch.
 */
export function qcSignaturesOf(
  rows: readonly Selectable<SignaturesTable>[],
  evaluations: readonly { id: string; evaluatedAt: string }[],
): QcSignature[] {
  const ordered = [...evaluations].sort((a, b) => (a.evaluatedAt < b.evaluatedAt ? -1 : 1));
  return rows.map((r, i) => {
    const mark = AUTHENTICATION_MARK.exec(r.reason ?? '');
    const reason = (r.reason ?? '').replace(AUTHENTICATION_MARK, '');
    const later = rows.slice(i + 1).find((l) => l.meaning === 'amended');
    const evaluation =
      r.meaning === 'amended' ? undefined : ordered.filter((e) => e.evaluatedAt <= r.signed_at).at(-1);
    return {
      id: r.id,
      batchId: r.record_id,
      meaning: r.meaning as QcSignature['meaning'],
      signer: r.signer,
      printedName: r.printed_name,
      signedAt: r.signed_at,
      recordHash: r.content_hash,
      evaluationId: evaluation?.id ?? null,
      reason,
      authentication: mark?.[1] ?? 'password',
      supersededAt: later?.signed_at ?? null,
      supersededBy: later?.id ?? null,
    };
  });
}

export class KyselyQcStore implements QcStore {
  constructor(readonly ctx: SubStoreContext) {}

  #now(): string {
    return this.ctx.clock().toISOString();
  }

  async createSpecification(data: SpecificationData, actor: string): Promise<Specification> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const product = await tx
        .selectFrom('projects')
        .select('id')
        .where('id', '=', data.productId)
        .executeTakeFirst();
      if (!product)
        throw new StoreError('invalid-reference', `product (project) ${data.productId} does not exist`, [
          'productId',
        ]);
      const latest = await tx
        .selectFrom('qc_specifications')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('product_id', '=', data.productId)
        .where('name', '=', data.name)
        .executeTakeFirst();
      const at = this.#now();
      const spec: Specification = {
        ...data,
        id: newTimeOrderedId(),
        version: Number(latest?.v ?? 0) + 1,
        createdBy: actor,
        createdAt: at,
      };
      await tx
        .insertInto('qc_specifications')
        .values({
          id: spec.id,
          product_id: spec.productId,
          name: spec.name,
          version: spec.version,
          notes: spec.notes,
          criteria_json: JSON.stringify(spec.criteria),
          created_by: actor,
          created_at: at,
        })
        .execute();
      await this.ctx.audit(tx, at, actor, {
        entityType: 'specification',
        entityId: spec.id,
        batchId: null,
        action: 'create',
        before: null,
        after: spec,
      });
      return spec;
    });
  }

  async getSpecification(id: string): Promise<Specification | null> {
    const row = await this.ctx.db
      .selectFrom('qc_specifications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSpecification(row) : null;
  }

  async listSpecifications(filter: { productId?: string } = {}): Promise<Specification[]> {
    let q = this.ctx.db.selectFrom('qc_specifications').selectAll();
    if (filter.productId !== undefined) q = q.where('product_id', '=', filter.productId);
    const rows = await q.orderBy('name').orderBy('version', 'desc').limit(1000).execute();
    return rows.map(toSpecification);
  }

  async addResult(batchId: string, data: QcResultData, actor: string): Promise<QcResult> {
    return this.ctx.write('invalid-reference', async (tx) => {
      await requireUnlockedBatch(tx, this.ctx.dialect, batchId);
      const at = this.#now();
      const result: QcResult = {
        ...data,
        id: newTimeOrderedId(),
        batchId,
        enteredBy: actor,
        enteredAt: at,
        invalidated: null,
      };
      await tx
        .insertInto('qc_results')
        .values({
          id: result.id,
          batch_id: batchId,
          metric: result.metric,
          value_json: JSON.stringify(result.value),
          unit: result.unit,
          method: result.method,
          reference: result.reference,
          note: result.note,
          entered_by: actor,
          entered_at: at,
          invalidated: null,
        })
        .execute();
      await this.ctx.audit(tx, at, actor, {
        entityType: 'qc-result',
        entityId: result.id,
        batchId,
        action: 'create',
        before: null,
        after: result,
      });
      return result;
    });
  }

  async invalidateResult(id: string, reason: string, actor: string): Promise<QcResult> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const row = await tx.selectFrom('qc_results').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new StoreError('not-found', `QC result ${id} does not exist`);
      await requireUnlockedBatch(tx, this.ctx.dialect, row.batch_id);
      if (row.invalidated !== null)
        throw new StoreError('conflict', `QC result ${id} is already invalidated`);
      await tx.updateTable('qc_results').set({ invalidated: reason }).where('id', '=', id).execute();
      const before = toResult(row);
      const after = { ...before, invalidated: reason };
      await this.ctx.audit(tx, this.#now(), actor, {
        entityType: 'qc-result',
        entityId: id,
        batchId: row.batch_id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async listResults(batchId: string): Promise<QcResult[]> {
    const rows = await this.ctx.db
      .selectFrom('qc_results')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('entered_at')
      .orderBy('id')
      .execute();
    return rows.map(toResult);
  }

  async saveEvaluation(evaluation: Omit<QcEvaluation, 'id'>, actor: string): Promise<QcEvaluation> {
    return this.ctx.write('invalid-reference', async (tx) => {
      await requireUnlockedBatch(tx, this.ctx.dialect, evaluation.batchId);
      const saved: QcEvaluation = { ...evaluation, id: newTimeOrderedId() };
      const { id, batchId, evaluatedBy, recordHash, ...result } = saved;
      await tx
        .insertInto('qc_evaluations')
        .values({
          id,
          batch_id: batchId,
          specification_id: saved.specificationId,
          outcome: saved.outcome,
          result_json: JSON.stringify(result),
          record_hash: recordHash,
          evaluated_by: evaluatedBy,
          evaluated_at: saved.evaluatedAt,
        })
        .execute();
      await this.ctx.audit(tx, saved.evaluatedAt, actor, {
        entityType: 'qc-evaluation',
        entityId: id,
        batchId,
        action: 'create',
        before: null,
        after: {
          specificationId: saved.specificationId,
          specificationVersion: saved.specificationVersion,
          outcome: saved.outcome,
          counts: saved.counts,
          recordHash,
        },
      });
      return saved;
    });
  }

  async getEvaluation(id: string): Promise<QcEvaluation | null> {
    const row = await this.ctx.db
      .selectFrom('qc_evaluations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toEvaluation(row) : null;
  }

  async listEvaluations(batchId: string): Promise<QcEvaluation[]> {
    const rows = await this.ctx.db
      .selectFrom('qc_evaluations')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('evaluated_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toEvaluation);
  }

  async addDeviation(batchId: string, data: Required<DeviationInput>, actor: string): Promise<Deviation> {
    return this.ctx.write('invalid-reference', async (tx) => {
      await requireUnlockedBatch(tx, this.ctx.dialect, batchId);
      const evaluation = await tx
        .selectFrom('qc_evaluations')
        .select(['id', 'batch_id', 'result_json'])
        .where('id', '=', data.evaluationId)
        .executeTakeFirst();
      if (!evaluation || evaluation.batch_id !== batchId)
        throw new StoreError(
          'invalid-reference',
          `evaluation ${data.evaluationId} is not an evaluation of this batch`,
          ['evaluationId'],
        );
      const result = JSON.parse(evaluation.result_json) as EvaluationResult;
      const criterion = result.results.find((r) => r.criterionId === data.criterionId);
      if (!criterion)
        throw new StoreError('invalid-reference', `the evaluation has no criterion "${data.criterionId}"`, [
          'criterionId',
        ]);
      if (criterion.outcome === 'pass')
        throw new StoreError(
          'conflict',
          `criterion "${data.criterionId}" passed; a deviation is for a failing or missing criterion`,
          ['criterionId'],
        );
      const at = this.#now();
      const deviation: Deviation = {
        ...data,
        id: newTimeOrderedId(),
        batchId,
        decidedBy: actor,
        decidedAt: at,
      };
      await tx
        .insertInto('qc_deviations')
        .values({
          id: deviation.id,
          batch_id: batchId,
          evaluation_id: data.evaluationId,
          criterion_id: data.criterionId,
          reason: data.reason,
          decision: data.decision,
          justification: data.justification,
          decided_by: actor,
          decided_at: at,
        })
        .execute();
      await this.ctx.audit(tx, at, actor, {
        entityType: 'deviation',
        entityId: deviation.id,
        batchId,
        action: 'create',
        before: null,
        after: deviation,
      });
      return deviation;
    });
  }

  async listDeviations(batchId: string): Promise<Deviation[]> {
    const rows = await this.ctx.db
      .selectFrom('qc_deviations')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    return rows.map(toDeviation);
  }

  async #setStatus(
    tx: Kysely<Database>,
    batchId: string,
    from: string,
    to: string,
    at: string,
    actor: string,
  ) {
    await tx
      .updateTable('batches')
      .set({ status: to as never, updated_at: at })
      .where('id', '=', batchId)
      .execute();
    await this.ctx.audit(tx, at, actor, {
      entityType: 'batch',
      entityId: batchId,
      batchId,
      action: 'status-change',
      before: { status: from },
      after: { status: to },
    });
  }

  async #insertSignature(tx: Kysely<Database>, batchId: string, s: NewSignature, at: string, actor: string) {
    const reason =
      s.authentication === 'password'
        ? s.reason.trim()
        : `${s.reason.trim()} [authentication: ${s.authentication.replaceAll(']', ')')}]`.trim();
    const row: Selectable<SignaturesTable> = {
      id: newTimeOrderedId(),
      record_type: QC_RELEASE_RECORD_TYPE,
      record_id: batchId,
      meaning: s.meaning,
      signer: actor,
      printed_name: s.printedName,
      signed_at: at,
      reason: reason === '' ? null : reason,
      content_hash: s.recordHash,
    };
    await tx.insertInto('signatures').values(row).execute();
    const signature = {
      id: row.id,
      recordType: row.record_type,
      recordId: batchId,
      meaning: row.meaning,
      signer: actor,
      printedName: row.printed_name,
      signedAt: at,
      reason: row.reason,
      contentHash: row.content_hash,
    };
    await this.ctx.audit(tx, at, actor, {
      entityType: 'signature',
      entityId: row.id,
      batchId,
      action: 'sign',
      before: null,
      after: signature,
      reason: row.reason,
    });
    const [view] = qcSignaturesOf([row], s.evaluationId ? [{ id: s.evaluationId, evaluatedAt: at }] : []);
    return view as QcSignature;
  }

  async sign(
    batchId: string,
    s: NewSignature & { meaning: 'released' | 'rejected' },
    actor: string,
  ): Promise<QcSignature> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const batch = await requireUnlockedBatch(tx, this.ctx.dialect, batchId, ['batchId'], 'update');
      if (batch.status !== 'in-qc')
        throw new StoreError(
          'invalid-transition',
          `batch ${batch.code} is ${batch.status}; only a batch in QC can be ${s.meaning}`,
          ['status'],
        );
      const at = this.#now();
      const signature = await this.#insertSignature(tx, batchId, s, at, actor);
      await this.#setStatus(tx, batchId, batch.status, s.meaning, at, actor);
      return signature;
    });
  }

  async amend(
    batchId: string,
    s: NewSignature & { meaning: 'amended' },
    actor: string,
  ): Promise<QcSignature> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const batch = await tx
        .selectFrom('batches')
        .select(['id', 'code', 'status'])
        .where('id', '=', batchId)
        .executeTakeFirst();
      if (!batch) throw new StoreError('not-found', `batch ${batchId} does not exist`);
      if (!isLockedStatus(batch.status))
        throw new StoreError(
          'invalid-transition',
          `batch ${batch.code} is ${batch.status}; only a released or rejected batch is amended`,
          ['status'],
        );
      const at = this.#now();
      // The amendment supersedes every earlier signature of the batch (derived on reading: append-only rows).
      const signature = await this.#insertSignature(tx, batchId, s, at, actor);
      await this.#setStatus(tx, batchId, batch.status, 'in-qc', at, actor);
      return signature;
    });
  }

  async listSignatures(batchId: string): Promise<QcSignature[]> {
    const rows = await this.ctx.db
      .selectFrom('signatures')
      .selectAll()
      .where('record_type', '=', QC_RELEASE_RECORD_TYPE)
      .where('record_id', '=', batchId)
      .orderBy('signed_at')
      .orderBy('id')
      .execute();
    if (rows.length === 0) return [];
    const evaluations = await this.ctx.db
      .selectFrom('qc_evaluations')
      .select(['id', 'evaluated_at'])
      .where('batch_id', '=', batchId)
      .execute();
    return qcSignaturesOf(
      rows,
      evaluations.map((e) => ({ id: e.id, evaluatedAt: e.evaluated_at })),
    );
  }
}
