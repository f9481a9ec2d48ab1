/**
 * The single EvlabStore implementation, over Kysely. The code is dialect-agnostic; the few places that
 * differ between SQLite and PostgreSQL are marked "Dialect-specific" (transaction start, row locks, how
 * constraint violations are reported).
 *
 * Every mutating method runs in one transaction that also appends its audit_events row(s), so a write is
 * either fully recorded and audited or not there at all.
 */
import {
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  Migrator,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import {
  BATCH_STATUSES,
  type Batch,
  type BatchData,
  type BatchPatch,
  type BatchStatus,
  canTransition,
} from '../domain/batch.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { IsolationProtocol } from '../domain/isolation-protocol.ts';
import type {
  AuditEvent,
  Measurement,
  MeasurementSummary,
  ParseErrorInfo,
  RawFile,
} from '../domain/measurement.ts';
import type { MscSource, MscSourceData, MscSourcePatch } from '../domain/msc-source.ts';
import type { Project, ProjectData, ProjectPatch } from '../domain/project.ts';
import { isLockedStatus } from '../domain/qc/release.ts';
import type { AccountStore } from './account-store.ts';
import {
  type AuditChainReport,
  appendAuditEvents,
  lockAuditChain,
  type NewAuditRow,
  verifyAuditChain,
} from './audit-chain.ts';
import { lockedBatchError, requireUnlockedBatch } from './batch-lock.ts';
import type {
  AuditEventsTable,
  BatchesTable,
  Database,
  MeasurementsTable,
  MscSourcesTable,
  ProjectsTable,
  RawFilesTable,
} from './database-schema.ts';
import type { EvidenceStore } from './evidence-store.ts';
import {
  type AuditFilter,
  type BatchFilter,
  type DashboardSummary,
  type Dialect,
  type EvlabStore,
  type MeasurementFilter,
  type NewMeasurement,
  type NewRawFile,
  type Page,
  type PageRequest,
  type ProjectScope,
  StoreError,
} from './evlab-store.ts';
import { inScope } from './in-scope.ts';
import { KyselyAccountStore } from './kysely-account-store.ts';
import { KyselyEvidenceStore } from './kysely-evidence-store.ts';
import { KyselyMeasurementCurationStore } from './kysely-measurement-curation-store.ts';
import { KyselyPkStudyStore } from './kysely-pk-study-store.ts';
import { KyselyQcStore } from './kysely-qc-store.ts';
import { KyselySignatureStore } from './kysely-signature-store.ts';
import { migrationProvider } from './migrations/index.ts';
import { KyselyNtaVideoExclusionStore, type NtaVideoExclusionStore } from './nta-video-exclusion-store.ts';
import type { PkStudyStore } from './pk-study-store.ts';
import type { QcStore } from './qc-store.ts';
import type { SignatureStore } from './signature-store.ts';
import { SqliteStateCache } from './sqlite-state-cache.ts';
import { sqliteWriteTransaction } from './sqlite-write-transaction.ts';
import type { AuditEntry, SubStoreContext } from './sub-store-context.ts';
import { newTimeOrderedId } from './time-ordered-id.ts';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 1000;
/**
 * Rows per INSERT statement in bulk writes. The widest table (batches) has 15 columns, so 500 rows bind
 * 7,500 parameters: below SQLite's SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32.0,
 * https://www.sqlite.org/limits.html) and PostgreSQL's 65,535 bind parameters per statement (wire protocol
 * Int16 parameter count).
 */
export const INSERT_CHUNK_ROWS = 500;
/** createBatches of at least this many rows refreshes planner statistics afterwards (PostgreSQL). */
const ANALYZE_AFTER_ROWS = 1000;

export interface KyselyEvlabStoreOptions {
  /** Time source for createdAt/updatedAt/audit timestamps (tests inject a fixed clock). */
  clock?: () => Date;
  /** PostgreSQL: schema that holds the store (and Kysely's migration tables). */
  migrationTableSchema?: string;
  /** Called by close() after the Kysely instance is destroyed (e.g. to drop a test schema). */
  onClose?: () => Promise<void> | void;
}

type Db = Kysely<Database>;
type Path = (string | number)[];

/** Tables of the entities that are edited and deleted through #updateEntity / #deleteEntity. */
type EditableTable = 'projects' | 'msc_sources' | 'batches';
interface Timestamped {
  id: string;
  createdAt: string;
  updatedAt: string;
}
/** How one editable entity maps to its table and to the audit trail. */
interface EntityKind<T extends EditableTable, E extends Timestamped> {
  table: T;
  entityType: 'project' | 'source' | 'batch';
  toEntity: (row: Selectable<Database[T]>) => E;
  toRow: (entity: E) => Selectable<Database[T]>;
  /** Columns an update never changes besides id and created_at. */
  fixedColumns: readonly (keyof Selectable<Database[T]> & string)[];
  /** The batch whose trail an event about this entity belongs to. */
  batchOf: (entity: E) => string | null;
}

const PROJECTS: EntityKind<'projects', Project> = {
  table: 'projects',
  entityType: 'project',
  toEntity: toProject,
  toRow: projectRow,
  fixedColumns: [],
  batchOf: () => null,
};
const SOURCES: EntityKind<'msc_sources', MscSource> = {
  table: 'msc_sources',
  entityType: 'source',
  toEntity: toSource,
  toRow: sourceRow,
  // A source stays in the project it was created in.
  fixedColumns: ['project_id'],
  batchOf: () => null,
};
const BATCHES: EntityKind<'batches', Batch> = {
  table: 'batches',
  entityType: 'batch',
  toEntity: toBatch,
  toRow: batchRow,
  // A batch stays in the project it was created in.
  fixedColumns: ['project_id'],
  batchOf: (batch) => batch.id,
};

/** What an audit event about this entity names: its type, its id and the batch whose trail it joins. */
function auditSubject<T extends EditableTable, E extends Timestamped>(
  kind: EntityKind<T, E>,
  entity: E,
): Pick<AuditEntry, 'entityType' | 'entityId' | 'batchId'> {
  return { entityType: kind.entityType, entityId: entity.id, batchId: kind.batchOf(entity) };
}

function creationOf<T extends EditableTable, E extends Timestamped>(
  kind: EntityKind<T, E>,
  entity: E,
): AuditEntry {
  return { ...auditSubject(kind, entity), action: 'create', before: null, after: entity };
}

export function normalizePage(page: PageRequest = {}): { limit: number; offset: number } {
  const rawLimit = page.limit ?? DEFAULT_PAGE_LIMIT;
  const limit = Number.isFinite(rawLimit)
    ? Math.min(Math.max(Math.trunc(rawLimit), 1), MAX_PAGE_LIMIT)
    : DEFAULT_PAGE_LIMIT;
  const rawOffset = page.offset ?? 0;
  const offset = Number.isFinite(rawOffset) ? Math.max(Math.trunc(rawOffset), 0) : 0;
  return { limit, offset };
}

/** LIKE pattern for a case-insensitive substring match; `\` escapes the wildcards in user input. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export class KyselyEvlabStore implements EvlabStore {
  readonly dialect: Dialect;
  readonly evidence: EvidenceStore;
  readonly pkStudies: PkStudyStore;
  readonly measurementCuration: KyselyMeasurementCurationStore;
  readonly accounts: AccountStore;
  readonly signatures: SignatureStore;
  readonly videoExclusions: NtaVideoExclusionStore;
  readonly qc: QcStore;
  readonly #db: Db;
  readonly #clock: () => Date;
  readonly #options: KyselyEvlabStoreOptions;
  /** Batch-list pages by filter (SQLite), dropped at any write: 64 filters (scopes × pages) is plenty. */
  readonly #batchListCache = new SqliteStateCache<Page<Batch>>(64);
  #closed = false;

  constructor(db: Db, dialect: Dialect, options: KyselyEvlabStoreOptions = {}) {
    this.#db = db;
    this.dialect = dialect;
    this.#clock = options.clock ?? (() => new Date());
    this.#options = options;
    const context: SubStoreContext = {
      db,
      dialect,
      clock: this.#clock,
      write: (fkViolation, fn) => this.#write(fkViolation, fn),
      audit: (tx, at, actor, entry) => this.#audit(tx, at, actor, entry),
    };
    this.evidence = new KyselyEvidenceStore(context);
    this.pkStudies = new KyselyPkStudyStore(context);
    this.measurementCuration = new KyselyMeasurementCurationStore(context);
    this.accounts = new KyselyAccountStore(context);
    this.signatures = new KyselySignatureStore(context);
    this.videoExclusions = new KyselyNtaVideoExclusionStore(context);
    this.qc = new KyselyQcStore(context);
  }

  /** The underlying Kysely instance (benchmarks, diagnostics). Writes must go through the store. */
  get kysely(): Db {
    return this.#db;
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.#db,
      provider: migrationProvider,
      migrationTableSchema: this.#options.migrationTableSchema,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`evlab store migration ${failed ?? ''} failed: ${reason}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
    await this.#options.onClose?.();
  }

  // ---------------------------------------------------------------- projects

  async createProject(data: ProjectData, actor: string): Promise<Project> {
    return this.#write('invalid-reference', async (tx) => {
      const at = this.#now();
      const project: Project = {
        id: newTimeOrderedId(),
        name: data.name,
        description: data.description,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insertInto('projects').values(projectRow(project)).execute();
      await this.#audit(tx, at, actor, creationOf(PROJECTS, project));
      return project;
    });
  }

  async getProject(id: string): Promise<Project | null> {
    const row = await this.#db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toProject(row) : null;
  }

  async listProjects(page?: PageRequest & ProjectScope): Promise<Page<Project>> {
    const ids = page?.projectIds;
    return this.#page(
      this.#db
        .selectFrom('projects')
        .selectAll()
        .where((eb) => eb.and(ids !== undefined ? [inScope(eb, 'id', ids)] : [])),
      'created_at',
      page,
      toProject,
    );
  }

  async updateProject(id: string, patch: ProjectPatch, actor: string): Promise<Project> {
    return this.#write('invalid-reference', (tx) => this.#updateEntity(tx, PROJECTS, id, patch, actor));
  }

  async deleteProject(id: string, actor: string): Promise<void> {
    await this.#write('conflict', (tx) =>
      this.#deleteEntity(tx, PROJECTS, id, actor, async () => {
        const [batches, sources] = await Promise.all([
          countWhere(tx, 'batches', 'project_id', id),
          countWhere(tx, 'msc_sources', 'project_id', id),
        ]);
        if (batches > 0 || sources > 0) {
          throw new StoreError(
            'conflict',
            `project ${id} still has ${batches} batch(es) and ${sources} source(s); delete them first`,
          );
        }
      }),
    );
  }

  // ---------------------------------------------------------------- MSC sources

  async createSource(data: MscSourceData, actor: string): Promise<MscSource> {
    return this.#write('invalid-reference', async (tx) => {
      await this.#requireProject(tx, data.projectId, ['projectId']);
      const at = this.#now();
      const source = toSource(sourceRow({ ...data, id: newTimeOrderedId(), createdAt: at, updatedAt: at }));
      await tx.insertInto('msc_sources').values(sourceRow(source)).execute();
      await this.#audit(tx, at, actor, creationOf(SOURCES, source));
      return source;
    });
  }

  async getSource(id: string): Promise<MscSource | null> {
    const row = await this.#db.selectFrom('msc_sources').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSource(row) : null;
  }

  async listSources(
    filter: PageRequest & ProjectScope & { projectId?: string } = {},
  ): Promise<Page<MscSource>> {
    const where = (eb: ExpressionBuilder<Database, 'msc_sources'>) =>
      eb.and([
        ...(filter.projectId !== undefined ? [eb('project_id', '=', filter.projectId)] : []),
        ...(filter.projectIds !== undefined ? [inScope(eb, 'project_id', filter.projectIds)] : []),
      ]);
    return this.#page(
      this.#db.selectFrom('msc_sources').selectAll().where(where),
      'created_at',
      filter,
      toSource,
    );
  }

  async updateSource(id: string, patch: MscSourcePatch, actor: string): Promise<MscSource> {
    return this.#write('invalid-reference', (tx) => this.#updateEntity(tx, SOURCES, id, patch, actor));
  }

  async deleteSource(id: string, actor: string): Promise<void> {
    await this.#write('conflict', (tx) =>
      this.#deleteEntity(tx, SOURCES, id, actor, async () => {
        const batches = await countWhere(tx, 'batches', 'source_id', id);
        if (batches > 0) {
          throw new StoreError('conflict', `source ${id} is referenced by ${batches} batch(es)`);
        }
      }),
    );
  }

  // ---------------------------------------------------------------- batches

  async createBatch(data: BatchData, actor: string): Promise<Batch> {
    const [batch] = await this.#write('invalid-reference', (tx) =>
      this.#insertBatches(tx, [data], actor, false),
    );
    if (!batch) throw new Error('createBatch: insert returned no row');
    return batch;
  }

  async createBatches(data: BatchData[], actor: string): Promise<Batch[]> {
    if (data.length === 0) return [];
    const batches = await this.#write('invalid-reference', (tx) =>
      this.#insertBatches(tx, data, actor, true),
    );
    if (data.length >= ANALYZE_AFTER_ROWS) await this.#refreshPlannerStatistics();
    return batches;
  }

  async getBatch(id: string): Promise<Batch | null> {
    const row = await this.#db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toBatch(row) : null;
  }

  async listBatches(filter: BatchFilter = {}): Promise<Page<Batch>> {
    const where = (eb: ExpressionBuilder<Database, 'batches'>) => {
      const conditions = [];
      if (filter.projectId !== undefined) conditions.push(eb('project_id', '=', filter.projectId));
      if (filter.projectIds !== undefined) conditions.push(inScope(eb, 'project_id', filter.projectIds));
      if (filter.sourceId !== undefined) conditions.push(eb('source_id', '=', filter.sourceId));
      if (filter.status !== undefined) conditions.push(eb('status', '=', filter.status));
      if (filter.q !== undefined && filter.q !== '') {
        // Portable case-insensitive substring: lower() on both sides, explicit escape character.
        // (SQLite's lower() folds ASCII only; PostgreSQL's follows the database locale.)
        conditions.push(sql<SqlBool>`lower(${eb.ref('code')}) like ${containsPattern(filter.q)} escape '\\'`);
      }
      return eb.and(conditions);
    };
    const page = () =>
      this.#page(this.#db.selectFrom('batches').selectAll().where(where), 'created_at', filter, toBatch);
    // Dialect-specific (SQLite): the list many clients poll is kept between writes (sqlite-state-cache.ts).
    return this.dialect === 'sqlite'
      ? this.#batchListCache.get(this.#db, JSON.stringify(filter), page)
      : page();
  }

  async updateBatch(id: string, patch: BatchPatch, actor: string): Promise<Batch> {
    return this.#write('invalid-reference', (tx) =>
      this.#updateEntity(tx, BATCHES, id, patch, actor, {
        check: async (before, merged) => {
          // QC lock (issue 13): a released or rejected batch changes only through an amendment, and
          // release or rejection happen only through evaluation and an e-signature (src/store/qc-store.ts).
          if (isLockedStatus(before.status)) throw lockedBatchError(before.code, before.status);
          if (merged.status !== before.status && isLockedStatus(merged.status)) {
            throw new StoreError(
              'invalid-transition',
              `batch status cannot be set to ${merged.status} directly: evaluate the batch against its specification and sign the ${merged.status === 'released' ? 'release' : 'rejection'} (POST /api/batches/${id}/qc/sign, evlab qc sign)`,
              ['status'],
            );
          }
          if (merged.status !== before.status && !canTransition(before.status, merged.status)) {
            const allowed = BATCH_STATUSES.filter(
              (s) => s !== before.status && canTransition(before.status, s),
            );
            throw new StoreError(
              'invalid-transition',
              `batch status cannot change from ${before.status} to ${merged.status} (allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none, terminal status'})`,
              ['status'],
            );
          }
          if (merged.sourceId !== before.sourceId && merged.sourceId !== null) {
            await this.#requireSourceInProject(tx, merged.sourceId, before.projectId, ['sourceId']);
          }
          if (merged.code !== before.code) {
            const taken = await tx
              .selectFrom('batches')
              .select('id')
              .where('project_id', '=', before.projectId)
              .where('code', '=', merged.code)
              .executeTakeFirst();
            if (taken) throw codeConflict(merged.code, ['code']);
          }
        },
        action: (before, after) => (after.status !== before.status ? 'status-change' : 'update'),
      }),
    );
  }

  async deleteBatch(id: string, actor: string): Promise<void> {
    await this.#write('conflict', (tx) =>
      this.#deleteEntity(tx, BATCHES, id, actor, async (batch) => {
        if (isLockedStatus(batch.status)) throw lockedBatchError(batch.code, batch.status);
        const [measurements, rawFiles, pkStudies] = await Promise.all([
          countWhere(tx, 'measurements', 'batch_id', id),
          countWhere(tx, 'raw_files', 'batch_id', id),
          countWhere(tx, 'pk_studies', 'batch_id', id),
        ]);
        if (measurements > 0) {
          throw new StoreError(
            'conflict',
            `batch ${batch.code} has ${measurements} measurement(s) and cannot be deleted`,
          );
        }
        if (rawFiles > 0) {
          // Uploaded files are provenance: keep the batch they were recorded against.
          throw new StoreError(
            'conflict',
            `batch ${batch.code} has ${rawFiles} uploaded file(s) and cannot be deleted`,
          );
        }
        if (pkStudies > 0) {
          // A PK study records that this batch was dosed: the batch must stay for the study to mean anything.
          throw new StoreError(
            'conflict',
            `batch ${batch.code} has ${pkStudies} PK study(ies) and cannot be deleted`,
          );
        }
      }),
    );
  }

  // ---------------------------------------------------------------- raw files

  async createRawFile(data: NewRawFile, actor: string, options?: { use?: 'pk-study' }): Promise<RawFile> {
    return this.#write('invalid-reference', (tx) =>
      this.#insertRawFile(tx, data, actor, options?.use === 'pk-study'),
    );
  }

  async createRawFileWithMeasurement(
    data: NewRawFile & { batchId: string },
    measurement: Omit<NewMeasurement, 'batchId' | 'rawFileId'>,
    actor: string,
  ): Promise<{ rawFile: RawFile; measurement: Measurement }> {
    return this.#write('invalid-reference', async (tx) => {
      const rawFile = await this.#insertRawFile(tx, data, actor);
      const m = await this.#insertMeasurement(
        tx,
        { ...measurement, batchId: data.batchId, rawFileId: rawFile.id },
        actor,
      );
      return { rawFile, measurement: m };
    });
  }

  async #insertRawFile(tx: Db, data: NewRawFile, actor: string, lockedBatchOk = false): Promise<RawFile> {
    if (data.batchId !== null) {
      await requireUnlockedBatch(tx, this.dialect, data.batchId, ['batchId'], 'share', lockedBatchOk);
    }
    const at = this.#now();
    const file: RawFile = {
      id: newTimeOrderedId(),
      batchId: data.batchId,
      sha256: data.sha256,
      originalName: data.originalName,
      sizeBytes: data.sizeBytes,
      mediaType: data.mediaType,
      uploadedBy: actor,
      uploadedAt: at,
    };
    await tx.insertInto('raw_files').values(rawFileRow(file)).execute();
    await this.#audit(tx, at, actor, {
      entityType: 'raw-file',
      entityId: file.id,
      // A file uploaded without a batch belongs to no batch's trail.
      batchId: file.batchId,
      action: 'upload',
      before: null,
      after: file,
    });
    return file;
  }

  async getRawFile(id: string): Promise<RawFile | null> {
    const row = await this.#db.selectFrom('raw_files').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRawFile(row) : null;
  }

  async listRawFiles(filter: PageRequest & { batchId: string }): Promise<Page<RawFile>> {
    return this.#page(
      this.#db.selectFrom('raw_files').selectAll().where('batch_id', '=', filter.batchId),
      'uploaded_at',
      filter,
      toRawFile,
    );
  }

  async listRawFilesAfter(afterId: string | null, limit: number): Promise<RawFile[]> {
    const rows = await this.#db
      .selectFrom('raw_files')
      .selectAll()
      .$if(afterId !== null, (qb) => qb.where('id', '>', afterId as string))
      .orderBy('id')
      .limit(Math.min(Math.max(Math.trunc(limit), 1), 10_000))
      .execute();
    return rows.map(toRawFile);
  }

  // ---------------------------------------------------------------- measurements

  async createMeasurement(data: NewMeasurement, actor: string): Promise<Measurement> {
    return this.#write('invalid-reference', (tx) => this.#insertMeasurement(tx, data, actor));
  }

  async #insertMeasurement(tx: Db, data: NewMeasurement, actor: string): Promise<Measurement> {
    await requireUnlockedBatch(tx, this.dialect, data.batchId, ['batchId']);
    const file = await tx
      .selectFrom('raw_files')
      .select(['id', 'batch_id'])
      .where('id', '=', data.rawFileId)
      .executeTakeFirst();
    if (!file)
      throw new StoreError('invalid-reference', `raw file ${data.rawFileId} does not exist`, ['rawFileId']);
    if (file.batch_id !== null && file.batch_id !== data.batchId) {
      throw new StoreError('invalid-reference', `raw file ${data.rawFileId} was uploaded for another batch`, [
        'rawFileId',
      ]);
    }
    const at = this.#now();
    const measurement: Measurement = {
      id: newTimeOrderedId(),
      batchId: data.batchId,
      kind: data.kind,
      instrument: data.instrument,
      rawFileId: data.rawFileId,
      readerName: data.readerName,
      readerVersion: data.readerVersion,
      status: data.status,
      error: data.error,
      parsed: data.parsed ?? null,
      metrics: data.metrics ?? null,
      createdAt: at,
    };
    await tx.insertInto('measurements').values(measurementRow(measurement)).execute();
    // The audit records the summary; parsed/metrics stay in the (immutable) measurement row.
    await this.#audit(tx, at, actor, {
      entityType: 'measurement',
      entityId: measurement.id,
      batchId: measurement.batchId,
      action: 'parse',
      before: null,
      after: summaryOf(measurement),
    });
    return toMeasurement(measurementRow(measurement));
  }

  async getMeasurement(id: string): Promise<Measurement | null> {
    const row = await this.#db.selectFrom('measurements').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? ((await this.measurementCuration.withCuration([toMeasurement(row)]))[0] ?? null) : null;
  }

  async listMeasurements(filter: MeasurementFilter = {}): Promise<Page<MeasurementSummary>> {
    const where = (eb: ExpressionBuilder<Database, 'measurements'>) => {
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
      if (filter.kind !== undefined) conditions.push(eb('kind', '=', filter.kind));
      // Migration 0004: retracted measurements and duplicate uploads.
      if (filter.retracted === 'exclude' || filter.retracted === 'only') {
        const retracted = eb.exists(
          eb
            .selectFrom('measurement_curation as c')
            .select('c.measurement_id')
            .whereRef('c.measurement_id', '=', 'measurements.id')
            .where('c.retracted_at', 'is not', null),
        );
        conditions.push(filter.retracted === 'only' ? retracted : eb.not(retracted));
      }
      if (filter.sha256 !== undefined) {
        conditions.push(
          eb(
            'raw_file_id',
            'in',
            eb.selectFrom('raw_files as f').select('f.id').where('f.sha256', '=', filter.sha256),
          ),
        );
      }
      return eb.and(conditions);
    };
    const page = await this.#page(
      this.#db.selectFrom('measurements').select(SUMMARY_COLUMNS).where(where),
      'created_at',
      filter,
      toMeasurementSummary,
    );
    const labels = await this.#measurementLabels(page.items.map((m) => m.id));
    const items = page.items.map((m) => ({
      ...m,
      ...(labels.get(m.id) ?? { fileName: null, sample: null, capturedAt: null, fileDilutionFactor: null }),
    }));
    return { ...page, items: await this.measurementCuration.withCuration(items) };
  }

  /**
   * File name, sample and capture time of listed measurements (issue 9 item 7: the overlay picker names
   * each measurement like the dashboard does). The two fields are read from the stored metrics with the
   * database's JSON functions, so a page of 1,000 NTA measurements does not parse 1,000 reports in Node.
   */
  async #measurementLabels(ids: readonly string[]): Promise<
    Map<
      string,
      {
        fileName: string | null;
        sample: string | null;
        capturedAt: string | null;
        fileDilutionFactor: number | null;
      }
    >
  > {
    const out = new Map<
      string,
      {
        fileName: string | null;
        sample: string | null;
        capturedAt: string | null;
        fileDilutionFactor: number | null;
      }
    >();
    // The dilution the file records: NanoSight's NtaReport `dilutionFactor`, ZetaView's report `dilution`.
    const field = (name: 'sample' | 'capturedAt' | 'dilutionFactor' | 'dilution') =>
      this.dialect === 'postgres'
        ? sql<unknown>`(m.metrics_json::json ->> ${name})`
        : sql<unknown>`(case when json_valid(m.metrics_json) then json_extract(m.metrics_json, ${`$.${name}`}) end)`;
    // Chunks stay far below SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.#db
        .selectFrom('measurements as m')
        .leftJoin('raw_files as rf', 'rf.id', 'm.raw_file_id')
        .select(['m.id', 'rf.original_name as file_name'])
        .select([
          field('sample').as('sample'),
          field('capturedAt').as('captured_at'),
          field('dilutionFactor').as('dilution_factor'),
          field('dilution').as('dilution'),
        ])
        .where('m.id', 'in', chunk)
        .execute();
      for (const r of rows) {
        const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
        const factor = (v: unknown) => {
          const n =
            typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
          return Number.isFinite(n) && n > 0 ? n : null;
        };
        out.set(r.id, {
          fileName: r.file_name ?? null,
          sample: text(r.sample),
          capturedAt: text(r.captured_at),
          fileDilutionFactor: factor(r.dilution_factor) ?? factor(r.dilution),
        });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- audit, dashboard

  async listAuditEvents(filter: AuditFilter = {}): Promise<Page<AuditEvent>> {
    const where = (eb: ExpressionBuilder<Database, 'audit_events'>) => {
      const conditions = [];
      if (filter.entityId !== undefined) conditions.push(eb('entity_id', '=', filter.entityId));
      if (filter.entityType !== undefined) conditions.push(eb('entity_type', '=', filter.entityType));
      if (filter.entityTypes !== undefined) conditions.push(inScope(eb, 'entity_type', filter.entityTypes));
      if (filter.actor !== undefined) conditions.push(eb('actor', '=', filter.actor));
      if (filter.batchId !== undefined) conditions.push(eb('batch_id', '=', filter.batchId));
      return eb.and(conditions);
    };
    return this.#page(
      this.#db.selectFrom('audit_events').selectAll().where(where),
      'at',
      filter,
      toAuditEvent,
    );
  }

  verifyAuditTrail(): Promise<AuditChainReport> {
    return verifyAuditChain(this.#db);
  }

  async dashboard(recentLimit = 10, scope: ProjectScope = {}): Promise<DashboardSummary> {
    const recent = Number.isFinite(recentLimit)
      ? Math.min(Math.max(Math.trunc(recentLimit), 0), MAX_PAGE_LIMIT)
      : 10;
    const ids = scope.projectIds;
    const [projects, byStatus, recentRows] = await Promise.all([
      this.#db
        .selectFrom('projects')
        .where((eb) => eb.and(ids !== undefined ? [inScope(eb, 'id', ids)] : []))
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      this.#db
        .selectFrom('batches')
        .where((eb) => eb.and(ids !== undefined ? [inScope(eb, 'project_id', ids)] : []))
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute(),
      recent === 0
        ? Promise.resolve([])
        : this.#db
            .selectFrom('measurements as m')
            .innerJoin('batches as b', 'b.id', 'm.batch_id')
            .leftJoin('raw_files as rf', 'rf.id', 'm.raw_file_id')
            .where((eb) => eb.and(ids !== undefined ? [inScope(eb, 'b.project_id', ids)] : []))
            .select([
              'rf.original_name as file_name',
              'm.metrics_json',
              'm.id',
              'm.batch_id',
              'm.kind',
              'm.instrument',
              'm.raw_file_id',
              'm.reader_name',
              'm.reader_version',
              'm.status',
              'm.error_json',
              'm.created_at',
              'b.code as batch_code',
            ])
            .orderBy('m.created_at', 'desc')
            .orderBy('m.id', 'desc')
            .limit(recent)
            .execute(),
    ]);
    const batchesByStatus = Object.fromEntries(BATCH_STATUSES.map((s) => [s, 0])) as Record<
      BatchStatus,
      number
    >;
    for (const row of byStatus) {
      if ((BATCH_STATUSES as readonly string[]).includes(row.status))
        batchesByStatus[row.status] = Number(row.n);
    }
    return {
      projectCount: Number(projects.n),
      batchCount: Object.values(batchesByStatus).reduce((a, b) => a + b, 0),
      batchesByStatus,
      recentMeasurements: await this.measurementCuration.withCuration(
        recentRows.map((r) => ({
          ...toMeasurementSummary(r),
          batchCode: r.batch_code,
          ...recentMeasurementLabel(r.file_name ?? null, r.metrics_json),
        })),
      ),
    };
  }

  // ---------------------------------------------------------------- internals

  #now(): string {
    return this.#clock().toISOString();
  }

  /**
   * Runs fn in one transaction and translates constraint violations into StoreError. `fkViolation` says
   * what a foreign-key violation means for this operation (only reachable through a concurrent writer;
   * the explicit checks inside fn normally answer first): a dangling reference on insert/update, or
   * remaining children on delete.
   */
  async #write<T>(fkViolation: 'invalid-reference' | 'conflict', fn: (tx: Db) => Promise<T>): Promise<T> {
    try {
      if (this.dialect === 'sqlite') {
        // Dialect-specific (SQLite): BEGIN IMMEDIATE takes the write lock up front; another process's
        // lock is waited for by SQLite's busy handler (sqlite-write-transaction.ts).
        return await sqliteWriteTransaction(this.#db, fn);
      }
      // Dialect-specific (PostgreSQL): the audit-chain lock is the first lock of every write transaction,
      // so appends are serialized and no write can deadlock against it (audit-chain.ts).
      return await this.#db.transaction().execute(async (tx) => {
        await lockAuditChain(tx, 'postgres');
        return fn(tx);
      });
    } catch (error) {
      throw translateDbError(error, fkViolation);
    }
  }

  /**
   * Dialect-specific (PostgreSQL): right after a bulk insert the planner has no statistics for the new
   * rows and sorts the whole table for every page instead of walking batches_created_idx (measured: 8 ms
   * vs 0.7 ms per page at 10,000 batches). ANALYZE fixes that at once instead of waiting for autovacuum.
   * SQLite's planner picks the list indexes without statistics. Best effort: a failure only costs speed.
   */
  async #refreshPlannerStatistics(): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await sql`analyze batches`.execute(this.#db).catch(() => undefined);
  }

  /**
   * One page of a list: `query` selects and filters, this counts the whole filtered set and reads the
   * page ordered newest first (`newestFirst` descending, then the time-ordered id descending).
   */
  async #page<TB extends keyof Database, Row, Item>(
    query: SelectQueryBuilder<Database, TB, Row>,
    newestFirst: Extract<keyof Database[TB], 'created_at' | 'uploaded_at' | 'at'>,
    request: PageRequest | undefined,
    toItem: (row: Row) => Item,
  ): Promise<Page<Item>> {
    const { limit, offset } = normalizePage(request);
    const [count, rows] = await Promise.all([
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      query
        .orderBy(sql.ref(newestFirst), 'desc')
        .orderBy(sql.ref('id'), 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
    ]);
    return { items: rows.map(toItem), total: Number(count.n), limit, offset };
  }

  /**
   * The update every editable entity shares: lock the row, lay the patch's defined fields over it (the
   * entity's fixed columns keep their stored values), let `rules.check` refuse the change, write nothing
   * when no column changes, else update the row and audit before/after (action `rules.action`, default
   * `update`).
   */
  async #updateEntity<T extends EditableTable, E extends Timestamped>(
    tx: Db,
    kind: EntityKind<T, E>,
    id: string,
    patch: NoInfer<Partial<E>>,
    actor: string,
    rules: {
      check?: (before: E, merged: E) => Promise<void>;
      action?: (before: E, after: E) => AuditEvent['action'];
    } = {},
  ): Promise<E> {
    const row = await this.#lockRow(tx, kind.table, id);
    if (!row) throw notFound(kind.entityType, id);
    const before = kind.toEntity(row);
    const merged = kind.toEntity({
      ...kind.toRow({ ...before, ...definedOnly(patch) }),
      ...pickColumns(row, kind.fixedColumns),
    });
    await rules.check?.(before, merged);
    if (sameRow(kind.toRow(before), kind.toRow(merged))) return before;
    const at = this.#now();
    const after: E = { ...merged, id: before.id, createdAt: before.createdAt, updatedAt: at };
    const set = omitColumns(kind.toRow(after), ['id', 'created_at', ...kind.fixedColumns]);
    // Kysely cannot narrow a generic table name: typed as 'batches', like #lockRow.
    await tx
      .updateTable(kind.table as 'batches')
      .set(set as Updateable<BatchesTable>)
      .where('id', '=', id)
      .execute();
    const action = rules.action?.(before, after) ?? 'update';
    await this.#audit(tx, at, actor, { ...auditSubject(kind, before), action, before, after });
    return after;
  }

  /** Locks the row, lets `guard` refuse the deletion (conflict), deletes it and audits what it was. */
  async #deleteEntity<T extends EditableTable, E extends Timestamped>(
    tx: Db,
    kind: EntityKind<T, E>,
    id: string,
    actor: string,
    guard: (before: E) => Promise<void>,
  ): Promise<void> {
    const row = await this.#lockRow(tx, kind.table, id);
    if (!row) throw notFound(kind.entityType, id);
    const before = kind.toEntity(row);
    await guard(before);
    await tx
      .deleteFrom(kind.table as 'batches')
      .where('id', '=', id)
      .execute();
    await this.#audit(tx, this.#now(), actor, {
      ...auditSubject(kind, before),
      action: 'delete',
      before,
      after: null,
    });
  }

  /** Reads a row for update. Dialect-specific: PostgreSQL locks it (FOR UPDATE); SQLite's write lock covers it. */
  async #lockRow<T extends EditableTable>(
    tx: Db,
    table: T,
    id: string,
  ): Promise<Selectable<Database[T]> | undefined> {
    // Kysely cannot narrow a generic table name: type the query as 'batches' (all three tables have a text
    // primary key `id`) and restate T on the result.
    const row = await tx
      .selectFrom(table as 'batches')
      .selectAll()
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row as Selectable<Database[T]> | undefined;
  }

  /** The one way audit rows are written: appended to the hash chain (audit-chain.ts) inside `tx`. */
  async #audit(tx: Db, at: string, actor: string, entry: AuditEntry): Promise<void> {
    await appendAuditEvents(tx, this.dialect, [auditRow(at, actor, entry)]);
  }

  async #requireProject(tx: Db, projectId: string, path: Path): Promise<void> {
    const row = await tx.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
    if (!row) throw new StoreError('invalid-reference', `project ${projectId} does not exist`, path);
  }

  async #requireSourceInProject(tx: Db, sourceId: string, projectId: string, path: Path): Promise<void> {
    const row = await tx
      .selectFrom('msc_sources')
      .select(['id', 'project_id'])
      .where('id', '=', sourceId)
      .executeTakeFirst();
    if (!row) throw new StoreError('invalid-reference', `source ${sourceId} does not exist`, path);
    if (row.project_id !== projectId) {
      throw new StoreError('invalid-reference', `source ${sourceId} belongs to another project`, path);
    }
  }

  /** Validates references and code uniqueness for all rows, then inserts them and their audit events in chunks. */
  async #insertBatches(tx: Db, data: BatchData[], actor: string, indexed: boolean): Promise<Batch[]> {
    const pathOf = (index: number, field: string): Path => (indexed ? [index, field] : [field]);

    const projectIds = [...new Set(data.map((d) => d.projectId))];
    const existingProjects = new Set<string>();
    for (const ids of chunks(projectIds, INSERT_CHUNK_ROWS)) {
      const rows = await tx.selectFrom('projects').select('id').where('id', 'in', ids).execute();
      for (const r of rows) existingProjects.add(r.id);
    }
    const sourceIds = [...new Set(data.flatMap((d) => (d.sourceId === null ? [] : [d.sourceId])))];
    const sourceProject = new Map<string, string>();
    for (const ids of chunks(sourceIds, INSERT_CHUNK_ROWS)) {
      const rows = await tx
        .selectFrom('msc_sources')
        .select(['id', 'project_id'])
        .where('id', 'in', ids)
        .execute();
      for (const r of rows) sourceProject.set(r.id, r.project_id);
    }
    const seen = new Map<string, number>();
    data.forEach((d, i) => {
      if (isLockedStatus(d.status)) {
        throw new StoreError(
          'invalid-transition',
          `a batch cannot be created as ${d.status}: release and rejection go through QC evaluation and an e-signature`,
          pathOf(i, 'status'),
        );
      }
      if (!existingProjects.has(d.projectId)) {
        throw new StoreError(
          'invalid-reference',
          `project ${d.projectId} does not exist`,
          pathOf(i, 'projectId'),
        );
      }
      if (d.sourceId !== null) {
        const owner = sourceProject.get(d.sourceId);
        if (owner === undefined) {
          throw new StoreError(
            'invalid-reference',
            `source ${d.sourceId} does not exist`,
            pathOf(i, 'sourceId'),
          );
        }
        if (owner !== d.projectId) {
          throw new StoreError(
            'invalid-reference',
            `source ${d.sourceId} belongs to another project`,
            pathOf(i, 'sourceId'),
          );
        }
      }
      const key = `${d.projectId}\u0000${d.code}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw new StoreError(
          'conflict',
          `batch code ${d.code} appears twice in this request (rows ${first} and ${i})`,
          pathOf(i, 'code'),
        );
      }
      seen.set(key, i);
    });
    const codesByProject = new Map<string, string[]>();
    for (const d of data) {
      const list = codesByProject.get(d.projectId) ?? [];
      list.push(d.code);
      codesByProject.set(d.projectId, list);
    }
    for (const [projectId, codes] of codesByProject) {
      for (const part of chunks(codes, INSERT_CHUNK_ROWS)) {
        const taken = await tx
          .selectFrom('batches')
          .select('code')
          .where('project_id', '=', projectId)
          .where('code', 'in', part)
          .limit(1)
          .executeTakeFirst();
        if (taken) {
          throw codeConflict(taken.code, pathOf(seen.get(`${projectId}\u0000${taken.code}`) ?? 0, 'code'));
        }
      }
    }

    const at = this.#now();
    const batches = data.map((d) =>
      toBatch(batchRow({ ...d, id: newTimeOrderedId(), createdAt: at, updatedAt: at })),
    );
    for (const part of chunks(batches, INSERT_CHUNK_ROWS)) {
      await tx.insertInto('batches').values(part.map(batchRow)).execute();
      await appendAuditEvents(
        tx,
        this.dialect,
        part.map((b) => auditRow(at, actor, creationOf(BATCHES, b))),
      );
    }
    return batches;
  }
}

// ---------------------------------------------------------------- helpers

function notFound(what: string, id: string): StoreError {
  return new StoreError('not-found', `${what} ${id} not found`);
}

function codeConflict(code: string, path: Path): StoreError {
  return new StoreError('conflict', `batch code ${code} is already used in this project`, path);
}

/**
 * Dialect-specific: maps constraint violations to StoreError. pg reports SQLSTATE codes (23505
 * unique_violation, 23503 foreign_key_violation) with the constraint name; better-sqlite3 reports
 * SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_FOREIGNKEY with the columns in the message.
 */
export function translateDbError(error: unknown, fkViolation: 'invalid-reference' | 'conflict'): unknown {
  if (error instanceof StoreError || typeof error !== 'object' || error === null) return error;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const constraint = typeof e.constraint === 'string' ? e.constraint : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    if (constraint === 'batches_project_code_unique' || message.includes('batches.code')) {
      return new StoreError('conflict', 'batch code is already used in this project', ['code']);
    }
    return new StoreError('conflict', `conflicting write: ${message}`);
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    if (fkViolation === 'conflict') {
      return new StoreError('conflict', 'the record is still referenced by other records');
    }
    return new StoreError(
      'invalid-reference',
      'a referenced record does not exist',
      FK_PATHS[constraint] ?? [],
    );
  }
  return error;
}

const FK_PATHS: Record<string, Path> = {
  msc_sources_project_fk: ['projectId'],
  batches_project_fk: ['projectId'],
  batches_source_fk: ['sourceId'],
  raw_files_batch_fk: ['batchId'],
  measurements_batch_fk: ['batchId'],
  measurements_raw_file_fk: ['rawFileId'],
  pk_studies_batch_fk: ['batchId'],
};

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function countWhere(
  tx: Db,
  table: 'batches' | 'msc_sources' | 'measurements' | 'raw_files' | 'pk_studies',
  column: 'project_id' | 'source_id' | 'batch_id',
  value: string,
): Promise<number> {
  const row = await (tx as unknown as Kysely<Record<string, Record<string, string>>>)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(column, '=', value)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Drops keys whose value is undefined, so a patch only overrides what it sets (null still clears). */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function pickColumns<R extends object>(row: R, columns: readonly string[]): Partial<R> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => columns.includes(k))) as Partial<R>;
}

function omitColumns<R extends object>(row: R, columns: readonly string[]): Partial<R> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !columns.includes(k))) as Partial<R>;
}

function sameRow(a: object, b: object): boolean {
  const skip = new Set(['updated_at']);
  const ea = Object.entries(a).filter(([k]) => !skip.has(k));
  const mb = new Map(Object.entries(b));
  return ea.every(([k, v]) => Object.is(v, mb.get(k)));
}

function toJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

// ---------------------------------------------------------------- row <-> domain mapping

function projectRow(p: Project): Insertable<ProjectsTable> & Selectable<ProjectsTable> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function toProject(r: Selectable<ProjectsTable>): Project {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function sourceRow(s: MscSource): Selectable<MscSourcesTable> {
  return {
    id: s.id,
    project_id: s.projectId,
    tissue: s.tissue,
    donor_code: s.donorCode,
    passage: s.passage,
    culture_format: s.cultureFormat,
    medium_supplement: s.mediumSupplement,
    preconditioning: s.preconditioning,
    notes: s.notes,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

function toSource(r: Selectable<MscSourcesTable>): MscSource {
  return {
    id: r.id,
    projectId: r.project_id,
    tissue: r.tissue,
    donorCode: r.donor_code,
    passage: r.passage,
    cultureFormat: r.culture_format,
    mediumSupplement: r.medium_supplement,
    preconditioning: r.preconditioning,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function batchRow(
  b: BatchData & { id: string; createdAt: string; updatedAt: string },
): Selectable<BatchesTable> {
  return {
    id: b.id,
    project_id: b.projectId,
    source_id: b.sourceId,
    code: b.code,
    conditioned_medium_volume_ml: b.conditionedMediumVolumeMl,
    isolation_protocol_json: JSON.stringify(b.isolationProtocol),
    final_volume_ml: b.finalVolumeMl,
    buffer: b.buffer,
    storage_temperature_c: b.storageTemperatureC,
    harvest_date: b.harvestDate,
    isolation_date: b.isolationDate,
    status: b.status,
    notes: b.notes,
    intended_indication: b.intendedIndication ?? null,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

function toBatch(r: Selectable<BatchesTable>): Batch {
  return {
    id: r.id,
    projectId: r.project_id,
    sourceId: r.source_id,
    code: r.code,
    conditionedMediumVolumeMl: r.conditioned_medium_volume_ml,
    isolationProtocol: JSON.parse(r.isolation_protocol_json) as IsolationProtocol,
    finalVolumeMl: r.final_volume_ml,
    buffer: r.buffer,
    storageTemperatureC: r.storage_temperature_c,
    harvestDate: r.harvest_date,
    isolationDate: r.isolation_date,
    status: r.status,
    notes: r.notes,
    intendedIndication: r.intended_indication,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function rawFileRow(f: RawFile): Insertable<RawFilesTable> {
  return {
    id: f.id,
    batch_id: f.batchId,
    sha256: f.sha256,
    original_name: f.originalName,
    size_bytes: f.sizeBytes,
    media_type: f.mediaType,
    uploaded_by: f.uploadedBy,
    uploaded_at: f.uploadedAt,
  };
}

function toRawFile(r: Selectable<RawFilesTable>): RawFile {
  return {
    id: r.id,
    batchId: r.batch_id,
    sha256: r.sha256,
    originalName: r.original_name,
    sizeBytes: Number(r.size_bytes),
    mediaType: r.media_type,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  };
}

const SUMMARY_COLUMNS = [
  'id',
  'batch_id',
  'kind',
  'instrument',
  'raw_file_id',
  'reader_name',
  'reader_version',
  'status',
  'error_json',
  'created_at',
] as const;

type SummaryRow = Pick<Selectable<MeasurementsTable>, (typeof SUMMARY_COLUMNS)[number]>;

function measurementRow(m: Measurement): Selectable<MeasurementsTable> {
  return {
    id: m.id,
    batch_id: m.batchId,
    kind: m.kind,
    instrument: m.instrument,
    raw_file_id: m.rawFileId,
    reader_name: m.readerName,
    reader_version: m.readerVersion,
    status: m.status,
    error_json: toJson(m.error),
    parsed_json: toJson(m.parsed),
    metrics_json: toJson(m.metrics),
    created_at: m.createdAt,
  };
}

function toMeasurementSummary(r: SummaryRow): MeasurementSummary {
  return {
    id: r.id,
    batchId: r.batch_id,
    kind: r.kind,
    instrument: r.instrument,
    rawFileId: r.raw_file_id,
    readerName: r.reader_name,
    readerVersion: r.reader_version,
    status: r.status,
    error: fromJson(r.error_json) as ParseErrorInfo | null,
    createdAt: r.created_at,
  };
}

function toMeasurement(r: Selectable<MeasurementsTable>): Measurement {
  return { ...toMeasurementSummary(r), parsed: fromJson(r.parsed_json), metrics: fromJson(r.metrics_json) };
}

function summaryOf(m: Measurement): MeasurementSummary {
  const { parsed: _p, metrics: _m, ...summary } = m;
  return summary;
}

function auditRow(at: string, actor: string, entry: AuditEntry): NewAuditRow {
  return {
    id: newTimeOrderedId(),
    at,
    actor,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    batch_id: entry.batchId,
    action: entry.action,
    before_json: canonicalJsonOrNull(entry.before),
    after_json: canonicalJsonOrNull(entry.after),
    reason: entry.reason ?? null,
  };
}

function canonicalJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalJson(value);
}

function toAuditEvent(r: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    entityType: r.entity_type,
    entityId: r.entity_id,
    batchId: r.batch_id,
    action: r.action,
    before: fromJson(r.before_json),
    after: fromJson(r.after_json),
    reason: r.reason,
  };
}

/**
 * File name, sample and capture time of a recent measurement for the dashboard list: the sample and time
 * come from the parsed NanoSight record's metrics (`sample`, `capturedAt`) when present, else null.
 */
export function recentMeasurementLabel(
  fileName: string | null,
  metricsJson: string | null,
): { fileName: string | null; sample: string | null; capturedAt: string | null } {
  let sample: string | null = null;
  let capturedAt: string | null = null;
  if (metricsJson) {
    try {
      const m = JSON.parse(metricsJson) as { sample?: unknown; capturedAt?: unknown } | null;
      if (m && typeof m.sample === 'string' && m.sample.trim() !== '') sample = m.sample;
      if (m && typeof m.capturedAt === 'string') capturedAt = m.capturedAt;
    } catch {
      // Unreadable metrics: the list still shows the file name.
    }
  }
  return { fileName, sample, capturedAt };
}
