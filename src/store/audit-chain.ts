/**
 * The hash-chained audit trail (21 CFR Part 11 §11.10(e), EU GMP Annex 11 §9: secure, computer-generated,
 * time-stamped audit trails that cannot be altered unnoticed).
 *
 * Every audit_events row carries `seq` (1, 2, 3, … without gaps), `prev_hash` (the hash of the event
 * before it; 64 zeros for the first) and `hash` = SHA-256 hex of
 *
 *     prev_hash + "\n" + canonicalJson({ seq, id, at, actor, entityType, entityId, batchId, action, reason,
 *                                        before, after })
 *
 * (who, what, when in UTC, why, old → new values; canonical JSON = sorted keys, see
 * src/domain/canonical-json.ts). This is chain format 1: never change it, add a format 2 instead.
 *
 * `appendAuditEvents` is the ONE way rows enter audit_events: it reads the chain head and inserts inside the
 * caller's write transaction. Concurrent appends are serialized: SQLite's write transaction (BEGIN
 * IMMEDIATE) already is; on PostgreSQL every store write transaction first takes a transaction-scoped
 * advisory lock (`lockAuditChain`, keyed by the schema) so two transactions never read the same head.
 *
 * `verifyAuditChain` walks the chain in seq order and names the first event that is edited (its hash no
 * longer matches its content), preceded by a deletion (seq gap / prev_hash mismatch), inserted or reordered
 * (prev_hash does not match the event before it), or outside the chain (no seq/hash).
 *
 * Limits (documented for QA): the chain has no secret, so someone with write access to the database who
 * recomputes every later hash can rewrite history undetectably by this check alone. Record `headHash`
 * from `evlab audit verify --json` outside evlab (a lab notebook, a signed e-mail, the backup log) and
 * compare it later: any rewrite before that point changes it. On PostgreSQL a trigger also refuses UPDATE,
 * DELETE and TRUNCATE on audit_events for every role (migration 0006).
 */
import { createHash } from 'node:crypto';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { AuditEventsTable, Database } from './database-schema.ts';
import type { Dialect } from './evlab-store.ts';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
const INSERT_CHUNK_ROWS = 500;
const VERIFY_PAGE_ROWS = 1000;

/** The content of one event as it is hashed (values, not stored JSON text). */
export interface ChainedEventContent {
  seq: number;
  id: string;
  at: string;
  actor: string;
  entityType: string;
  entityId: string;
  batchId: string | null;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

/** SHA-256 hex of the previous hash and the canonical event (chain format 1). */
export function auditEventHash(prevHash: string, event: ChainedEventContent): string {
  const canonical = canonicalJson({
    seq: event.seq,
    id: event.id,
    at: event.at,
    actor: event.actor,
    entityType: event.entityType,
    entityId: event.entityId,
    batchId: event.batchId,
    action: event.action,
    reason: event.reason,
    before: event.before ?? null,
    after: event.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** A row to append: everything but the chain columns (seq, prev_hash, hash), which the appender sets. */
export type NewAuditRow = Omit<Insertable<AuditEventsTable>, 'seq' | 'prev_hash' | 'hash'>;

function parseJson(text: string | null | undefined): unknown {
  return text === null || text === undefined ? null : JSON.parse(text);
}

function contentOf(row: NewAuditRow | Selectable<AuditEventsTable>, seq: number): ChainedEventContent {
  return {
    seq,
    id: row.id,
    at: row.at,
    actor: row.actor,
    entityType: row.entity_type,
    entityId: row.entity_id,
    batchId: row.batch_id ?? null,
    action: row.action,
    reason: row.reason ?? null,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
  };
}

/**
 * Dialect-specific (PostgreSQL): a transaction-scoped advisory lock, one per schema, taken as the first
 * statement of every store write transaction (so it is always the first lock taken: no deadlock with row
 * locks). SQLite needs nothing: BEGIN IMMEDIATE already serializes writers.
 */
export async function lockAuditChain(tx: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.evlab.audit_events'))`.execute(tx);
}

/** Appends rows to the chain inside the caller's write transaction `tx`, in the order given. */
export async function appendAuditEvents(
  tx: Kysely<Database>,
  dialect: Dialect,
  rows: readonly NewAuditRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await lockAuditChain(tx, dialect);
  const head = await tx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? AUDIT_GENESIS_HASH;
  const chained: Insertable<AuditEventsTable>[] = rows.map((row) => {
    seq += 1;
    const hash = auditEventHash(prev, contentOf(row, seq));
    const out = { ...row, reason: row.reason ?? null, seq, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
  for (let i = 0; i < chained.length; i += INSERT_CHUNK_ROWS) {
    await tx
      .insertInto('audit_events')
      .values(chained.slice(i, i + INSERT_CHUNK_ROWS))
      .execute();
  }
}

export interface AuditChainReport {
  valid: boolean;
  /** Events checked (every row of audit_events). */
  events: number;
  /** The first event that breaks the chain, or null. */
  firstInvalid: { id: string; seq: number | null; reason: string } | null;
  /** Hash of the last event (record it outside evlab to detect a wholesale rewrite later). */
  headHash: string;
}

/** Walks the whole chain in seq order (keyset pages of 1000 rows) and reports the first broken event. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditChainReport> {
  const total = Number(
    (
      await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const outside = await db
    .selectFrom('audit_events')
    .select('id')
    .where((eb) => eb.or([eb('seq', 'is', null), eb('hash', 'is', null), eb('prev_hash', 'is', null)]))
    .orderBy('at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();

  let expectedSeq = 1;
  let prev = AUDIT_GENESIS_HASH;
  let prevId: string | null = null;
  let lastSeq = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(VERIFY_PAGE_ROWS)
      .execute();
    for (const row of page) {
      const seq = Number(row.seq);
      const fail = (reason: string): AuditChainReport => ({
        valid: false,
        events: total,
        firstInvalid: { id: row.id, seq, reason },
        headHash: prev,
      });
      if (seq !== expectedSeq) {
        return fail(
          seq > expectedSeq
            ? `sequence jumps from ${expectedSeq - 1} to ${seq}: ${seq - expectedSeq} event(s) before it were deleted`
            : `sequence number ${seq} repeats or goes backwards (expected ${expectedSeq})`,
        );
      }
      if (row.prev_hash !== prev) {
        return fail(
          prevId === null
            ? 'it claims a predecessor but it is the first event: events before it were deleted'
            : `its previous-hash does not match event ${prevId} before it: an event was inserted, deleted or reordered here`,
        );
      }
      let recomputed: string;
      try {
        recomputed = auditEventHash(row.prev_hash ?? '', contentOf(row, seq));
      } catch {
        return fail('its before/after values are not valid JSON: the row was edited');
      }
      if (recomputed !== row.hash) {
        return fail('its content no longer matches its hash: the event was edited after it was recorded');
      }
      prev = row.hash as string;
      prevId = row.id;
      expectedSeq += 1;
      lastSeq = seq;
    }
    if (page.length < VERIFY_PAGE_ROWS) break;
  }
  if (outside) {
    return {
      valid: false,
      events: total,
      firstInvalid: {
        id: outside.id,
        seq: null,
        reason: 'it is not part of the hash chain: inserted outside evlab',
      },
      headHash: prev,
    };
  }
  return { valid: true, events: total, firstInvalid: null, headHash: prev };
}
