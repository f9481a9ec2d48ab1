/**
 * One signature store (issue 13): QC release, rejection and amendment signatures move from `qc_signatures`
 * (0010-qc) into the shared append-only `signatures` table (0006-integrity) as record type `qc-release`
 * (record id = the batch id), and `qc_signatures` is dropped.
 *
 * - `signatures.meaning` also allows `amended` (an amendment reopens a released or rejected record).
 *   SQLite cannot change a CHECK constraint: the table is rebuilt (same columns, index and append-only
 *   triggers); PostgreSQL swaps the named constraint.
 * - Column mapping: batch_id → record_id, record_hash → content_hash (the same SHA-256 over the same
 *   canonical content, src/jobs/qc/record-hash.ts), empty reason → null. `evaluation_id` and
 *   `superseded_*` are not kept: the signed evaluation is the batch's latest one at signing time and an
 *   amendment supersedes every earlier signature of the record, both derived on reading. An
 *   `authentication` other than 'password' (demo data, the pre-accounts stand-in) is kept in the reason
 *   as "[authentication: …]" so nothing recorded is lost.
 * Never edit once shipped.
 */
import { type Kysely, SqliteAdapter, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

const MEANINGS_AFTER = sql`meaning in ('authored', 'reviewed', 'approved', 'released', 'rejected', 'amended')`;

function isPostgres(db: AnyDb): boolean {
  return !(db.getExecutor().adapter instanceof SqliteAdapter);
}

async function sqliteAppendOnlyTriggers(db: AnyDb, create: boolean): Promise<void> {
  for (const op of ['update', 'delete']) {
    if (create)
      await sql`create trigger ${sql.raw(`signatures_no_${op}`)} before ${sql.raw(op)} on signatures begin select raise(abort, ${sql.lit(`evlab: signatures is append-only (${op} refused)`)}); end`.execute(
        db,
      );
    else await sql`drop trigger if exists ${sql.raw(`signatures_no_${op}`)}`.execute(db);
  }
}

async function setMeaningCheck(db: AnyDb, check: ReturnType<typeof sql>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table signatures drop constraint signatures_meaning_check`.execute(db);
    await sql`alter table signatures add constraint signatures_meaning_check check (${check})`.execute(db);
    return;
  }
  // SQLite: rebuild the table with the new CHECK (https://www.sqlite.org/lang_altertable.html#otheralter).
  await sqliteAppendOnlyTriggers(db, false);
  await db.schema
    .createTable('signatures_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('printed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addCheckConstraint('signatures_meaning_check', check)
    .addCheckConstraint('signatures_signer_check', sql`signer <> '' and printed_name <> ''`)
    .execute();
  await sql`insert into signatures_next (id, record_type, record_id, meaning, signer, printed_name, signed_at, reason, content_hash)
    select id, record_type, record_id, meaning, signer, printed_name, signed_at, reason, content_hash from signatures`.execute(
    db,
  );
  await db.schema.dropTable('signatures').execute();
  await sql`alter table signatures_next rename to signatures`.execute(db);
  await db.schema
    .createIndex('signatures_record_idx')
    .on('signatures')
    .columns(['record_type', 'record_id', 'signed_at', 'id'])
    .execute();
  await sqliteAppendOnlyTriggers(db, true);
}

export async function up(db: AnyDb): Promise<void> {
  await setMeaningCheck(db, MEANINGS_AFTER);
  await sql`insert into signatures (id, record_type, record_id, meaning, signer, printed_name, signed_at, reason, content_hash)
    select id, 'qc-release', batch_id, meaning, signer, printed_name, signed_at,
      case
        when authentication = 'password' then nullif(reason, '')
        when reason = '' then '[authentication: ' || authentication || ']'
        else reason || ' [authentication: ' || authentication || ']'
      end,
      record_hash
    from qc_signatures
    order by signed_at, id`.execute(db);
  await db.schema.dropTable('qc_signatures').execute();
}

/** Recreates `qc_signatures` from the shared rows (which stay: signatures are append-only). */
export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('qc_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('printed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('evaluation_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('authentication', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('superseded_by', 'text')
    .addForeignKeyConstraint('qc_signatures_batch_fk', ['batch_id'], 'batches', ['id'])
    .addCheckConstraint('qc_signatures_meaning_check', sql`meaning in ('released', 'rejected', 'amended')`)
    .execute();
  await db.schema
    .createIndex('qc_signatures_batch_idx')
    .on('qc_signatures')
    .columns(['batch_id', 'signed_at'])
    .execute();
  await sql`insert into qc_signatures (id, batch_id, meaning, signer, printed_name, signed_at, record_hash, evaluation_id, reason, authentication, superseded_at, superseded_by)
    select id, record_id, meaning, signer, printed_name, signed_at, content_hash, null, coalesce(reason, ''), 'migrated back from signatures', null, null
    from signatures where record_type = 'qc-release'`.execute(db);
  // The shared CHECK keeps 'amended': those rows cannot leave an append-only table.
}
