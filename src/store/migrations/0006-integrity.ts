/**
 * Data integrity (issue 10): the hash-chained audit trail and electronic signatures.
 *
 * - audit_events gains `seq` (gapless chain position), `prev_hash`, `hash` (chain format 1, see
 *   src/store/audit-chain.ts) and `reason` (the "why" of ALCOA+). Existing events are chained in their
 *   recorded order (at, id). A unique index on seq makes two events at one position impossible.
 * - Append-only: triggers refuse UPDATE and DELETE of audit rows (PostgreSQL: also TRUNCATE), for every
 *   role, the application's included. The same holds for `signatures`.
 * - `signatures`: one row per electronic signature (21 CFR 11.50/11.70): signer, printed name, UTC time,
 *   meaning, reason and the SHA-256 of the signed record's canonical JSON.
 *
 * Runs unchanged on SQLite and PostgreSQL except the triggers (marked Dialect-specific). Never edit once
 * shipped; add a new migration instead.
 */
import { createHash } from 'node:crypto';
import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json.ts';

type AnyDb = Kysely<unknown>;

const GENESIS = '0'.repeat(64);

interface LegacyAuditRow {
  id: string;
  at: string;
  actor: string;
  entity_type: string;
  entity_id: string;
  batch_id: string | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

/** Chain format 1, frozen here (the same formula as audit-chain.ts at the time of this migration). */
function hashV1(prev: string, seq: number, r: LegacyAuditRow): string {
  const canonical = canonicalJson({
    seq,
    id: r.id,
    at: r.at,
    actor: r.actor,
    entityType: r.entity_type,
    entityId: r.entity_id,
    batchId: r.batch_id,
    action: r.action,
    reason: null,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  });
  return createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
}

function isPostgres(db: AnyDb): boolean {
  return !(db.getExecutor().adapter instanceof SqliteAdapter);
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('reason', 'text').execute();

  // Chain the events recorded before this migration, in the order they were recorded.
  const rows = await sql<LegacyAuditRow>`
    select id, at, actor, entity_type, entity_id, batch_id, action, before_json, after_json
    from audit_events order by at, id`.execute(db);
  let prev = GENESIS;
  let seq = 0;
  for (const r of rows.rows) {
    seq += 1;
    const hash = hashV1(prev, seq, r);
    await sql`update audit_events set seq = ${seq}, prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`.execute(
      db,
    );
    prev = hash;
  }
  await db.schema.createIndex('audit_events_seq_idx').unique().on('audit_events').column('seq').execute();

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('printed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'signatures_meaning_check',
      sql`meaning in ('authored', 'reviewed', 'approved', 'released', 'rejected')`,
    )
    .addCheckConstraint('signatures_signer_check', sql`signer <> '' and printed_name <> ''`)
    .execute();
  await db.schema
    .createIndex('signatures_record_idx')
    .on('signatures')
    .columns(['record_type', 'record_id', 'signed_at', 'id'])
    .execute();

  if (isPostgres(db)) {
    // Dialect-specific (PostgreSQL): one function, row triggers for UPDATE/DELETE, a statement trigger for
    // TRUNCATE. A trigger binds every role including the table owner (only a superuser could disable it).
    await sql`
      create or replace function evlab_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'evlab: % is append-only (% refused)', tg_table_name, tg_op
          using errcode = 'insufficient_privilege';
      end $$`.execute(db);
    for (const table of ['audit_events', 'signatures']) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(
        table,
      )} for each row execute function evlab_refuse_change()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(
        table,
      )} for each statement execute function evlab_refuse_change()`.execute(db);
    }
  } else {
    // Dialect-specific (SQLite): RAISE(ABORT) in BEFORE triggers. Anyone with the file can drop them; the
    // hash chain is what detects that (evlab audit verify).
    for (const table of ['audit_events', 'signatures']) {
      for (const op of ['update', 'delete']) {
        await sql`create trigger ${sql.raw(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(
          table,
        )} begin select raise(abort, ${sql.lit(`evlab: ${table} is append-only (${op} refused)`)}); end`.execute(
          db,
        );
      }
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    for (const table of ['audit_events', 'signatures']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
      await sql`drop trigger if exists ${sql.raw(`${table}_no_truncate`)} on ${sql.table(table)}`.execute(db);
    }
    await sql`drop function if exists evlab_refuse_change()`.execute(db);
  } else {
    for (const table of ['audit_events', 'signatures']) {
      for (const op of ['update', 'delete']) {
        await sql`drop trigger if exists ${sql.raw(`${table}_no_${op}`)}`.execute(db);
      }
    }
  }
  await db.schema.dropTable('signatures').execute();
  await db.schema.dropIndex('audit_events_seq_idx').execute();
  for (const column of ['reason', 'hash', 'prev_hash', 'seq']) {
    await db.schema.alterTable('audit_events').dropColumn(column).execute();
  }
}
