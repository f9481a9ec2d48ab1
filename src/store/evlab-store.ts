import type { Batch, BatchData, BatchPatch, BatchStatus } from '../domain/batch.ts';
import type {
  AuditEvent,
  Measurement,
  MeasurementKind,
  MeasurementSummary,
  ParseErrorInfo,
  RawFile,
} from '../domain/measurement.ts';
import type { MscSource, MscSourceData, MscSourcePatch } from '../domain/msc-source.ts';
import type { Project, ProjectData, ProjectPatch } from '../domain/project.ts';
/**
 * The store: one interface, implemented once with Kysely over SQLite (better-sqlite3, default) and
 * PostgreSQL (pg). Every mutating call appends an audit event in the same transaction. Inputs are already
 * validated by the domain zod schemas; the store enforces referential integrity and state rules and
 * throws StoreError for violations.
 */
import type { AccountStore } from './account-store.ts';
import type { AuditChainReport } from './audit-chain.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { KyselyMeasurementCurationStore } from './kysely-measurement-curation-store.ts';
import type { NtaVideoExclusionStore } from './nta-video-exclusion-store.ts';
import type { PkStudyStore } from './pk-study-store.ts';
import type { QcStore } from './qc-store.ts';
import type { SignatureStore } from './signature-store.ts';
export type Dialect = 'sqlite' | 'postgres';

export interface PageRequest {
  limit?: number; // default 50, max 1000
  offset?: number; // default 0
}
/**
 * Per-project scoping (issue 10): when `projectIds` is given, only rows of those projects are listed (an
 * empty list lists nothing). Undefined = every project (administrators, the CLI on its own data directory).
 */
export interface ProjectScope {
  projectIds?: readonly string[];
}
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type StoreErrorCode = 'not-found' | 'conflict' | 'invalid-reference' | 'invalid-transition';
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** Field path the error is about, e.g. ['sourceId']; used for problem+json. */
    readonly path: (string | number)[] = [],
  ) {
    super(message);
  }
}

export interface BatchFilter extends PageRequest, ProjectScope {
  projectId?: string;
  sourceId?: string;
  status?: BatchStatus;
  /** Case-insensitive substring of the batch code. */
  q?: string;
}

export interface MeasurementFilter extends PageRequest, ProjectScope {
  batchId?: string;
  kind?: MeasurementKind;
  /** Retracted measurements (migration 0004): listed (default), left out, or the only ones listed. */
  retracted?: 'include' | 'exclude' | 'only';
  /** Measurements read from raw files with this SHA-256 (duplicate uploads). */
  sha256?: string;
}

export interface AuditFilter extends PageRequest {
  entityId?: string;
  entityType?: AuditEvent['entityType'];
  /** Any of these entity types (e.g. the `access` category: sign-in, user, api-token). */
  entityTypes?: readonly AuditEvent['entityType'][];
  /** Events recorded under this actor name. */
  actor?: string;
  /** Events that concern this batch: the batch itself, its raw files and its measurements. */
  batchId?: string;
}

export interface NewRawFile {
  batchId: string | null;
  sha256: string;
  originalName: string;
  sizeBytes: number;
  mediaType: string;
}

export interface NewMeasurement {
  batchId: string;
  kind: MeasurementKind;
  instrument: string;
  rawFileId: string;
  readerName: string;
  readerVersion: string;
  status: 'parsed' | 'unparsed';
  error: ParseErrorInfo | null;
  parsed: unknown | null;
  metrics: unknown | null;
}

export interface DashboardSummary {
  projectCount: number;
  batchCount: number;
  batchesByStatus: Record<BatchStatus, number>;
  recentMeasurements: (MeasurementSummary & {
    batchCode: string;
    /** Original name of the raw file, the sample name and capture time from the parsed record. */
    fileName?: string | null;
    sample?: string | null;
    capturedAt?: string | null;
  })[];
}

export interface EvlabStore {
  /** Curated evidence and registered trials (src/store/evidence-store.ts). */
  readonly evidence: EvidenceStore;
  /** Videos left out of NanoSight measurements, with reasons (src/store/nta-video-exclusion-store.ts). */
  readonly videoExclusions: NtaVideoExclusionStore;
  /** PK studies linked to the batch that was dosed (src/store/pk-study-store.ts). */
  readonly pkStudies: PkStudyStore;
  /** Retraction and dilution factor of measurements (migration 0004). */
  readonly measurementCuration: KyselyMeasurementCurationStore;
  /** Users, sessions, API tokens and project membership (src/store/account-store.ts). */
  readonly accounts: AccountStore;
  /** Electronic signatures (append-only; see src/jobs/signatures.ts for signing and status). */
  readonly signatures: SignatureStore;
  /** Specifications, QC results, evaluations, deviations and release signatures (src/store/qc-store.ts). */
  readonly qc: QcStore;
  readonly dialect: Dialect;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  createProject(data: ProjectData, actor: string): Promise<Project>;
  getProject(id: string): Promise<Project | null>;
  listProjects(page?: PageRequest & ProjectScope): Promise<Page<Project>>;
  updateProject(id: string, patch: ProjectPatch, actor: string): Promise<Project>;
  /** Refuses (conflict) while the project still has batches or sources. */
  deleteProject(id: string, actor: string): Promise<void>;

  createSource(data: MscSourceData, actor: string): Promise<MscSource>;
  getSource(id: string): Promise<MscSource | null>;
  listSources(filter?: PageRequest & ProjectScope & { projectId?: string }): Promise<Page<MscSource>>;
  updateSource(id: string, patch: MscSourcePatch, actor: string): Promise<MscSource>;
  /** Refuses (conflict) while batches reference the source. */
  deleteSource(id: string, actor: string): Promise<void>;

  createBatch(data: BatchData, actor: string): Promise<Batch>;
  /** Creates many batches in one transaction (demo data, bulk import, benchmarks). */
  createBatches(data: BatchData[], actor: string): Promise<Batch[]>;
  getBatch(id: string): Promise<Batch | null>;
  listBatches(filter?: BatchFilter): Promise<Page<Batch>>;
  /** Status changes follow BATCH_TRANSITIONS (invalid-transition otherwise) and are audited as status-change. */
  updateBatch(id: string, patch: BatchPatch, actor: string): Promise<Batch>;
  /** Refuses (conflict) once the batch has measurements; released batches cannot be deleted. */
  deleteBatch(id: string, actor: string): Promise<void>;

  /**
   * Records an uploaded file whose bytes are already in the blob store. Refused on a released or rejected
   * batch, except `use: 'pk-study'`: the tables of a study that dosed the batch are data about its use,
   * not changes to the batch (dosing released material is the normal case).
   */
  createRawFile(data: NewRawFile, actor: string, options?: { use?: 'pk-study' }): Promise<RawFile>;
  getRawFile(id: string): Promise<RawFile | null>;
  listRawFiles(filter: PageRequest & { batchId: string }): Promise<Page<RawFile>>;
  /** Every raw file (with or without a batch) in id order, `limit` rows after `afterId` (integrity checks). */
  listRawFilesAfter(afterId: string | null, limit: number): Promise<RawFile[]>;

  /**
   * Records an uploaded file and the measurement read from it in ONE transaction (crash consistency: never
   * a raw file without its measurement), each with its audit event.
   */
  createRawFileWithMeasurement(
    data: NewRawFile & { batchId: string },
    measurement: Omit<NewMeasurement, 'batchId' | 'rawFileId'>,
    actor: string,
  ): Promise<{ rawFile: RawFile; measurement: Measurement }>;
  /** Writes the measurement and its audit event atomically: never half-written. */
  createMeasurement(data: NewMeasurement, actor: string): Promise<Measurement>;
  getMeasurement(id: string): Promise<Measurement | null>;
  listMeasurements(filter?: MeasurementFilter): Promise<Page<MeasurementSummary>>;

  /** Newest first (at, then id, descending). */
  listAuditEvents(filter?: AuditFilter): Promise<Page<AuditEvent>>;
  /** Walks the hash chain of the whole audit trail (audit-chain.ts) and names the first broken event. */
  verifyAuditTrail(): Promise<AuditChainReport>;

  dashboard(recentLimit?: number, scope?: ProjectScope): Promise<DashboardSummary>;
}
