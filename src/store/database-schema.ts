/**
 * Kysely table types of the evlab database (snake_case, as stored). One schema for SQLite and PostgreSQL:
 * - IDs are text UUIDs generated in JS (see time-ordered-id.ts), never database sequences.
 * - Timestamps are ISO-8601 text in UTC with milliseconds (`2025-01-31T12:00:00.000Z`), so they sort
 *   lexicographically in chronological order on both dialects.
 * - JSON values are stored as text (`*_json` columns) and parsed in kysely-evlab-store.ts; no json/jsonb
 *   column types, so the same migration runs on both dialects.
 * - Floating point columns are `double precision` (SQLite: REAL affinity, 8-byte IEEE; PostgreSQL: float8).
 * - `bigint` columns come back from pg as strings (int8); the repository converts them with Number().
 */

import type { ColumnType } from 'kysely';
import type { BatchStatus } from '../domain/batch.ts';
import type { AuditEvent, MeasurementKind, MeasurementStatus } from '../domain/measurement.ts';
import type { CultureFormat, MediumSupplement, Preconditioning, Tissue } from '../domain/msc-source.ts';
import type { AccountTables } from './account-tables.ts';
import type { EvidenceTables } from './evidence-tables.ts';
import type { NtaVideoExclusionTables } from './nta-video-exclusion-store.ts';
import type { PkStudyTables } from './pk-study-tables.ts';
import type { QcTables } from './qc-tables.ts';

/** ISO-8601 UTC timestamp with milliseconds, stored as text. */
export type IsoTimestamp = string;

export interface ProjectsTable {
  id: string;
  name: string;
  description: string;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface MscSourcesTable {
  id: string;
  project_id: string;
  tissue: Tissue;
  donor_code: string;
  passage: number | null;
  culture_format: CultureFormat;
  medium_supplement: MediumSupplement;
  preconditioning: Preconditioning;
  notes: string;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface BatchesTable {
  id: string;
  project_id: string;
  source_id: string | null;
  /** Unique per project (case-sensitive; codes arrive trimmed from the domain schema). */
  code: string;
  conditioned_medium_volume_ml: number | null;
  /** IsolationProtocol as JSON text. */
  isolation_protocol_json: string;
  final_volume_ml: number | null;
  buffer: string;
  storage_temperature_c: number | null;
  /** YYYY-MM-DD */
  harvest_date: string | null;
  /** YYYY-MM-DD */
  isolation_date: string | null;
  status: BatchStatus;
  notes: string;
  /** NeurologicalDisorder slug or free text (migration 0002-evidence). */
  intended_indication: string | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface RawFilesTable {
  id: string;
  batch_id: string | null;
  /** Lowercase hex SHA-256 of the bytes in the blob store. */
  sha256: string;
  original_name: string;
  /** bigint: pg returns int8 as a string. */
  size_bytes: ColumnType<number | string | bigint, number, number>;
  media_type: string;
  uploaded_by: string;
  uploaded_at: IsoTimestamp;
}

export interface MeasurementsTable {
  id: string;
  batch_id: string;
  kind: MeasurementKind;
  instrument: string;
  raw_file_id: string;
  reader_name: string;
  reader_version: string;
  status: MeasurementStatus;
  /** ParseErrorInfo as JSON text, or null. */
  error_json: string | null;
  /** The reader's full output as JSON text, or null. */
  parsed_json: string | null;
  /** Derived metrics as JSON text, or null. */
  metrics_json: string | null;
  created_at: IsoTimestamp;
}

export interface AuditEventsTable {
  id: string;
  at: IsoTimestamp;
  actor: string;
  entity_type: AuditEvent['entityType'];
  entity_id: string;
  /** The batch the event concerns (the batch itself, one of its raw files or measurements); null otherwise. */
  batch_id: string | null;
  action: AuditEvent['action'];
  /** Domain object (camelCase) before the change as JSON text; null for creations. */
  before_json: string | null;
  /** Domain object (camelCase) after the change as JSON text; null for deletions. */
  after_json: string | null;
  /** Why (ALCOA+): the reason given for the change, when one was asked for (signatures, corrections). */
  reason: string | null;
  /** Position in the hash chain (1, 2, …, gapless); set by appendAuditEvents (audit-chain.ts). */
  seq: number | null;
  /** Hash of the event before this one (64 zeros for the first). */
  prev_hash: string | null;
  /** SHA-256 hex over prev_hash and this event's canonical JSON (chain format 1). */
  hash: string | null;
}

/** Electronic signatures (migration 0006): append-only, bound to the signed record's content hash. */
export interface SignaturesTable {
  id: string;
  record_type: string;
  record_id: string;
  meaning: 'authored' | 'reviewed' | 'approved' | 'released' | 'rejected' | 'amended';
  /** The signer's account (user id or name) as authenticated at signing. */
  signer: string;
  /** The signer's printed name at the time of signing (21 CFR 11.50(a)(1)). */
  printed_name: string;
  /** ISO-8601 UTC with milliseconds. */
  signed_at: IsoTimestamp;
  reason: string | null;
  /** SHA-256 hex of the record's canonical JSON at signing. */
  content_hash: string;
}

/** Later decisions about a measurement (migration 0004): dilution factor, retraction. */
export interface MeasurementCurationTable {
  measurement_id: string;
  dilution_factor: number | null;
  retracted_at: IsoTimestamp | null;
  retracted_by: string | null;
  retraction_reason: string | null;
  updated_at: IsoTimestamp;
}

/** Bookkeeping tables owned by Kysely's Migrator (names are Kysely's defaults). */
export interface KyselyMigrationTable {
  name: string;
  timestamp: string;
}
export interface KyselyMigrationLockTable {
  id: string;
  is_locked: number;
}

export interface Database
  extends EvidenceTables,
    PkStudyTables,
    AccountTables,
    NtaVideoExclusionTables,
    QcTables {
  projects: ProjectsTable;
  msc_sources: MscSourcesTable;
  batches: BatchesTable;
  raw_files: RawFilesTable;
  measurements: MeasurementsTable;
  audit_events: AuditEventsTable;
  measurement_curation: MeasurementCurationTable;
  signatures: SignaturesTable;
  kysely_migration: KyselyMigrationTable;
  kysely_migration_lock: KyselyMigrationLockTable;
}

export type TableName = Exclude<keyof Database, 'kysely_migration' | 'kysely_migration_lock'>;
