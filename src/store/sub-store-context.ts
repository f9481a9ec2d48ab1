/**
 * What the main store hands to the stores of other modules (evidence, PK studies) that live in the same
 * database: the Kysely instance, the dialect, the clock, and the same write transaction and audit trail
 * the core entities use, so every module's writes are atomic and audited the same way.
 */
import type { Kysely } from 'kysely';
import type { AuditEvent } from '../domain/measurement.ts';
import type { Database } from './database-schema.ts';
import type { Dialect } from './evlab-store.ts';

/** One audit_events row to append (id, time and actor come from the write). */
export interface AuditEntry {
  entityType: AuditEvent['entityType'];
  entityId: string;
  /** The batch the event concerns; null when it concerns no batch. */
  batchId: string | null;
  action: AuditEvent['action'];
  before: unknown;
  after: unknown;
  /** Why (ALCOA+), when a reason was given; omitted = null. */
  reason?: string | null;
}

export interface SubStoreContext {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: () => Date;
  /**
   * Runs fn in one write transaction (BEGIN IMMEDIATE on SQLite). Foreign-key violations become a
   * StoreError: 'invalid-reference' on insert/update, 'conflict' on delete.
   */
  write<T>(
    fkViolation: 'invalid-reference' | 'conflict',
    fn: (tx: Kysely<Database>) => Promise<T>,
  ): Promise<T>;
  /** Appends one audit event to the hash chain (audit-chain.ts) inside the transaction `tx`. */
  audit(tx: Kysely<Database>, at: string, actor: string, entry: AuditEntry): Promise<void>;
}
