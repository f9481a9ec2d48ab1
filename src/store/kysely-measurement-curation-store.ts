/**
 * Later decisions about a stored measurement (migration 0004, table measurement_curation): a dilution
 * factor entered when the file says "not recorded", and retraction of a failed or wrong upload with a
 * reason. The measurement row and the raw bytes are never changed; each decision is one audited write
 * (measurement, `update` for the dilution factor, `status-change` for a retraction).
 */
import type { Kysely, Selectable } from 'kysely';
import type { MeasurementRetraction, MeasurementSummary } from '../domain/measurement.ts';
import type { Database, MeasurementCurationTable } from './database-schema.ts';
import { StoreError } from './evlab-store.ts';
import type { SubStoreContext } from './sub-store-context.ts';

type Db = Kysely<Database>;

export interface MeasurementCuration {
  dilutionFactor: number | null;
  retraction: MeasurementRetraction | null;
}

const NONE: MeasurementCuration = { dilutionFactor: null, retraction: null };

/** Longest retraction reason kept (characters). */
export const MAX_RETRACTION_REASON = 2000;

function toCuration(r: Selectable<MeasurementCurationTable> | undefined): MeasurementCuration {
  if (!r) return NONE;
  return {
    dilutionFactor: r.dilution_factor === null ? null : Number(r.dilution_factor),
    retraction:
      r.retracted_at !== null
        ? { at: r.retracted_at, by: r.retracted_by ?? '', reason: r.retraction_reason ?? '' }
        : null,
  };
}

/** The dilution factor a stored measurement's file records itself (NanoSight, ZetaView metrics), else null. */
export function fileDilutionOf(metricsJson: string | null): number | null {
  if (!metricsJson) return null;
  try {
    const m = JSON.parse(metricsJson) as { dilutionFactor?: unknown; dilution?: unknown } | null;
    for (const v of [m?.dilutionFactor, m?.dilution])
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  } catch {
    // unreadable metrics: nothing recorded
  }
  return null;
}

export class KyselyMeasurementCurationStore {
  readonly #ctx: SubStoreContext;
  constructor(ctx: SubStoreContext) {
    this.#ctx = ctx;
  }

  /** Curation of the given measurements (missing ids: nothing decided). */
  async curationOf(ids: readonly string[], db: Db = this.#ctx.db): Promise<Map<string, MeasurementCuration>> {
    const out = new Map<string, MeasurementCuration>();
    if (ids.length === 0) return out;
    const rows = await db
      .selectFrom('measurement_curation')
      .selectAll()
      .where('measurement_id', 'in', [...ids])
      .execute();
    for (const r of rows) out.set(r.measurement_id, toCuration(r));
    return out;
  }

  /**
   * Adds `retraction` and `dilutionFactor` to each summary (or measurement) that has a decision; one
   * without any keeps its shape (both fields absent = nothing decided).
   */
  async withCuration<T extends MeasurementSummary>(items: T[]): Promise<T[]> {
    const curation = await this.curationOf(items.map((m) => m.id));
    return items.map((m) => {
      const c = curation.get(m.id);
      return c ? { ...m, ...c } : m;
    });
  }

  async retract(id: string, reason: string, actor: string): Promise<MeasurementCuration> {
    const text = reason.trim();
    if (text === '')
      throw new StoreError('invalid-reference', 'give a reason for the retraction', ['reason']);
    return this.#change(id, actor, 'status-change', (before, at) => {
      if (before.retraction)
        throw new StoreError(
          'conflict',
          `measurement ${id} was already retracted on ${before.retraction.at}`,
          ['reason'],
        );
      return { ...before, retraction: { at, by: actor, reason: text.slice(0, MAX_RETRACTION_REASON) } };
    });
  }

  async setDilutionFactor(
    id: string,
    dilutionFactor: number | null,
    actor: string,
  ): Promise<MeasurementCuration> {
    if (dilutionFactor !== null && !(Number.isFinite(dilutionFactor) && dilutionFactor >= 1))
      throw new StoreError('invalid-reference', 'the dilution factor is a number ≥ 1 (1 = undiluted)', [
        'dilutionFactor',
      ]);
    if (dilutionFactor !== null) {
      // The file's own factor is the record (NanoSight `dilutionFactor`, ZetaView `dilution`): never overridden.
      const row = await this.#ctx.db
        .selectFrom('measurements')
        .select('metrics_json')
        .where('id', '=', id)
        .executeTakeFirst();
      const recorded = fileDilutionOf(row?.metrics_json ?? null);
      if (recorded !== null)
        throw new StoreError(
          'conflict',
          `the file of measurement ${id} records its own dilution factor ×${recorded}; it cannot be changed`,
          ['dilutionFactor'],
        );
    }
    return this.#change(id, actor, 'update', (before) => ({ ...before, dilutionFactor }));
  }

  /**
   * Records that a user used the measurement despite its QC errors (e.g. as a dose concentration), with the
   * reason: one audit event (measurement, `update`, reason), nothing else changes.
   */
  async recordQcOverride(id: string, override: Record<string, unknown>, reason: string, actor: string) {
    const text = reason.trim();
    if (text === '')
      throw new StoreError('invalid-reference', 'give a reason for using a measurement with QC errors', [
        'overrideReason',
      ]);
    await this.#ctx.write('invalid-reference', async (tx) => {
      const m = await tx
        .selectFrom('measurements')
        .select(['id', 'batch_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!m) throw new StoreError('not-found', `measurement ${id} does not exist`, ['id']);
      await this.#ctx.audit(tx, this.#ctx.clock().toISOString(), actor, {
        entityType: 'measurement',
        entityId: id,
        batchId: m.batch_id,
        action: 'update',
        before: null,
        after: { qcOverride: override },
        reason: text.slice(0, MAX_RETRACTION_REASON),
      });
    });
  }

  async #change(
    id: string,
    actor: string,
    action: 'update' | 'status-change',
    next: (before: MeasurementCuration, at: string) => MeasurementCuration,
  ): Promise<MeasurementCuration> {
    return this.#ctx.write('invalid-reference', async (tx) => {
      const m = await tx
        .selectFrom('measurements')
        .select(['id', 'batch_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!m) throw new StoreError('not-found', `measurement ${id} does not exist`, ['id']);
      const row = await tx
        .selectFrom('measurement_curation')
        .selectAll()
        .where('measurement_id', '=', id)
        .executeTakeFirst();
      const before = toCuration(row);
      const at = this.#ctx.clock().toISOString();
      const after = next(before, at);
      if (JSON.stringify(after) === JSON.stringify(before)) return before;
      const values = {
        dilution_factor: after.dilutionFactor,
        retracted_at: after.retraction?.at ?? null,
        retracted_by: after.retraction?.by ?? null,
        retraction_reason: after.retraction?.reason ?? null,
        updated_at: at,
      };
      if (row)
        await tx.updateTable('measurement_curation').set(values).where('measurement_id', '=', id).execute();
      else
        await tx
          .insertInto('measurement_curation')
          .values({ measurement_id: id, ...values })
          .execute();
      await this.#ctx.audit(tx, at, actor, {
        entityType: 'measurement',
        entityId: id,
        batchId: m.batch_id,
        action,
        before,
        after,
      });
      return after;
    });
  }
}
