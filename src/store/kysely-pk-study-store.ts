/**
 * PkStudyStore over Kysely, inside the main store's database: writes go through ctx.write (one transaction,
 * BEGIN IMMEDIATE on SQLite, constraint violations → StoreError) and append their audit event with
 * ctx.audit, carrying the batch id so the study appears in the batch's audit trail. The audit records the
 * study without its observation rows (with their counts), as measurements are audited without their data.
 * Source files (the raw tables the rows were read from) must be raw files of the study's batch with the
 * recorded SHA-256; they are only ever appended.
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import {
  type PkObservations,
  type PkStudy,
  type PkStudyData,
  type PkStudyPatch,
  type PkStudySourceFile,
  type PkStudySummary,
  pkObservationsSchema,
  pkStudySourceFileSchema,
} from '../domain/pk-study.ts';
import type { Database } from './database-schema.ts';
import { type Page, StoreError } from './evlab-store.ts';
import { inScope } from './in-scope.ts';
import type { PkStudyFilter, PkStudyStore } from './pk-study-store.ts';
import type { PkStudiesTable } from './pk-study-tables.ts';
import type { SubStoreContext } from './sub-store-context.ts';
import { newTimeOrderedId } from './time-ordered-id.ts';

/** Same paging rules as the main store (kysely-evlab-store.ts: default 50, at most 1000). */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function page(filter: PkStudyFilter): { limit: number; offset: number } {
  const rawLimit = filter.limit ?? DEFAULT_LIMIT;
  const limit = Number.isFinite(rawLimit)
    ? Math.min(Math.max(Math.trunc(rawLimit), 1), MAX_LIMIT)
    : DEFAULT_LIMIT;
  const rawOffset = filter.offset ?? 0;
  const offset = Number.isFinite(rawOffset) ? Math.max(Math.trunc(rawOffset), 0) : 0;
  return { limit, offset };
}

const SUMMARY_COLUMNS = [
  'id',
  'batch_id',
  'title',
  'species',
  'strain',
  'body_weight_kg',
  'route',
  'dose_value',
  'dose_unit',
  'dose_per_kg',
  'label',
  'dosed_on',
  'concentration_time_rows',
  'biodistribution_rows',
  'source_files_json',
  'notes',
  'created_at',
  'updated_at',
] as const;
type SummaryRow = Pick<Selectable<PkStudiesTable>, (typeof SUMMARY_COLUMNS)[number]>;

export class KyselyPkStudyStore implements PkStudyStore {
  constructor(readonly ctx: SubStoreContext) {}

  async create(
    data: PkStudyData,
    actor: string,
    sourceFiles: readonly PkStudySourceFile[] = [],
  ): Promise<PkStudy> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const batch = await tx
        .selectFrom('batches')
        .select('id')
        .where('id', '=', data.batchId)
        .executeTakeFirst();
      if (!batch)
        throw new StoreError('invalid-reference', `batch ${data.batchId} does not exist`, ['batchId']);
      const files = uniqueByRawFile([], sourceFiles);
      await checkSourceFiles(tx, data.batchId, files, 0);
      const at = this.ctx.clock().toISOString();
      const study: PkStudy = {
        ...data,
        id: newTimeOrderedId(),
        sourceFiles: files,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insertInto('pk_studies').values(toRow(study)).execute();
      await this.ctx.audit(tx, at, actor, {
        entityType: 'pk-study',
        entityId: study.id,
        batchId: study.batchId,
        action: 'create',
        before: null,
        after: summaryOf(study),
      });
      return study;
    });
  }

  async get(id: string): Promise<PkStudy | null> {
    const row = await this.ctx.db
      .selectFrom('pk_studies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toStudy(row) : null;
  }

  async list(filter: PkStudyFilter = {}): Promise<Page<PkStudySummary>> {
    const { limit, offset } = page(filter);
    const where = (eb: ExpressionBuilder<Database, 'pk_studies'>) => {
      const conditions = [];
      if (filter.batchId !== undefined) conditions.push(eb('batch_id', '=', filter.batchId));
      if (filter.projectIds !== undefined) {
        const ids = filter.projectIds;
        conditions.push(
          eb(
            'batch_id',
            'in',
            eb
              .selectFrom('batches as sb')
              .select('sb.id')
              .where((b) => inScope(b, 'sb.project_id', ids)),
          ),
        );
      }
      if (filter.species !== undefined) conditions.push(eb('species', '=', filter.species));
      if (filter.route !== undefined) conditions.push(eb('route', '=', filter.route));
      return eb.and(conditions);
    };
    const [count, rows] = await Promise.all([
      this.ctx.db
        .selectFrom('pk_studies')
        .where(where)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      this.ctx.db
        .selectFrom('pk_studies')
        .select(SUMMARY_COLUMNS)
        .where(where)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
    ]);
    return { items: rows.map(toSummary), total: Number(count.n), limit, offset };
  }

  async update(
    id: string,
    patch: PkStudyPatch,
    actor: string,
    appendSourceFiles: readonly PkStudySourceFile[] = [],
  ): Promise<PkStudy> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const row = await tx
        .selectFrom('pk_studies')
        .selectAll()
        .where('id', '=', id)
        .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row) throw new StoreError('not-found', `PK study ${id} not found`);
      const before = toStudy(row);
      const defined = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'sourceFiles'),
      );
      const added = uniqueByRawFile(before.sourceFiles, appendSourceFiles);
      await checkSourceFiles(tx, before.batchId, added, before.sourceFiles.length);
      const merged: PkStudy = {
        ...before,
        ...defined,
        id: before.id,
        batchId: before.batchId,
        sourceFiles: [...before.sourceFiles, ...added],
      };
      const { updated_at: _b, ...beforeRow } = toRow(before);
      const { updated_at: _m, ...mergedRow } = toRow(merged);
      if (JSON.stringify(beforeRow) === JSON.stringify(mergedRow)) return before;
      const at = this.ctx.clock().toISOString();
      const after: PkStudy = { ...merged, createdAt: before.createdAt, updatedAt: at };
      const { id: _id, created_at: _c, batch_id: _batch, ...set } = toRow(after);
      await tx.updateTable('pk_studies').set(set).where('id', '=', id).execute();
      await this.ctx.audit(tx, at, actor, {
        entityType: 'pk-study',
        entityId: id,
        batchId: before.batchId,
        action: 'update',
        before: summaryOf(before),
        after: summaryOf(after),
      });
      return after;
    });
  }

  async delete(id: string, actor: string): Promise<void> {
    await this.ctx.write('conflict', async (tx) => {
      const row = await tx
        .selectFrom('pk_studies')
        .selectAll()
        .where('id', '=', id)
        .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row) throw new StoreError('not-found', `PK study ${id} not found`);
      const before = toStudy(row);
      await tx.deleteFrom('pk_studies').where('id', '=', id).execute();
      await this.ctx.audit(tx, this.ctx.clock().toISOString(), actor, {
        entityType: 'pk-study',
        entityId: id,
        batchId: before.batchId,
        action: 'delete',
        before: summaryOf(before),
        after: null,
      });
    });
  }
}

function toRow(s: PkStudy): Selectable<PkStudiesTable> {
  return {
    id: s.id,
    batch_id: s.batchId,
    title: s.title,
    species: s.species,
    strain: s.strain,
    body_weight_kg: s.bodyWeightKg,
    route: s.route,
    dose_value: s.dose.value,
    dose_unit: s.dose.unit,
    dose_per_kg: s.dose.perKg ? 1 : 0,
    label: s.label,
    dosed_on: s.dosedOn,
    observations_json: JSON.stringify(s.observations),
    concentration_time_rows: s.observations.concentrationTime.length,
    biodistribution_rows: s.observations.biodistribution.length,
    source_files_json: JSON.stringify(s.sourceFiles),
    notes: s.notes,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

function toSummary(r: SummaryRow): PkStudySummary {
  return {
    id: r.id,
    batchId: r.batch_id,
    title: r.title,
    species: r.species,
    strain: r.strain,
    // pg returns double precision as number; integers as number (int4).
    bodyWeightKg: r.body_weight_kg === null ? null : Number(r.body_weight_kg),
    route: r.route,
    dose: { value: Number(r.dose_value), unit: r.dose_unit, perKg: Number(r.dose_per_kg) === 1 },
    label: r.label,
    dosedOn: r.dosed_on,
    notes: r.notes,
    concentrationTimeRows: Number(r.concentration_time_rows),
    biodistributionRows: Number(r.biodistribution_rows),
    sourceFiles: pkStudySourceFileSchema.array().parse(JSON.parse(r.source_files_json)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toStudy(r: Selectable<PkStudiesTable>): PkStudy {
  const { concentrationTimeRows: _c, biodistributionRows: _b, ...summary } = toSummary(r);
  // Stored JSON was validated on the way in; parsing again restores defaults added by later versions.
  const observations: PkObservations = pkObservationsSchema.parse(JSON.parse(r.observations_json));
  return { ...summary, observations };
}

function summaryOf(s: PkStudy): PkStudySummary {
  const { observations, ...rest } = s;
  return {
    ...rest,
    concentrationTimeRows: observations.concentrationTime.length,
    biodistributionRows: observations.biodistribution.length,
  };
}

/** The files of `added` not yet among `existing` (by raw file id), in order, each once. */
function uniqueByRawFile(
  existing: readonly PkStudySourceFile[],
  added: readonly PkStudySourceFile[],
): PkStudySourceFile[] {
  const seen = new Set(existing.map((f) => f.rawFileId));
  const out: PkStudySourceFile[] = [];
  for (const file of added) {
    if (seen.has(file.rawFileId)) continue;
    seen.add(file.rawFileId);
    out.push(pkStudySourceFileSchema.parse(file));
  }
  return out;
}

/** Each source file must be a raw file of the batch with the same content hash (invalid-reference otherwise). */
async function checkSourceFiles(
  tx: Kysely<Database>,
  batchId: string,
  files: readonly PkStudySourceFile[],
  firstIndex: number,
): Promise<void> {
  if (files.length === 0) return;
  const rows = await tx
    .selectFrom('raw_files')
    .select(['id', 'batch_id', 'sha256'])
    .where(
      'id',
      'in',
      files.map((f) => f.rawFileId),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  files.forEach((file, i) => {
    const row = byId.get(file.rawFileId);
    if (!row || row.batch_id !== batchId || row.sha256 !== file.sha256) {
      throw new StoreError(
        'invalid-reference',
        `source file ${file.rawFileId} is not a raw file of batch ${batchId} with SHA-256 ${file.sha256}`,
        ['sourceFiles', firstIndex + i],
      );
    }
  });
}
