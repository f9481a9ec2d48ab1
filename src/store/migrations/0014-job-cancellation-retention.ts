/**
 * Job cancellation and result-file retention (issue 10, scale-out; src/jobs/queue/):
 *  - `jobs.state` also allows `cancelled` (a queued job cancelled before it ran, or a running one that
 *    stopped at its next progress checkpoint). SQLite cannot change a CHECK constraint: the table is rebuilt
 *    with the same columns, constraints and index (https://www.sqlite.org/lang_altertable.html#otheralter);
 *    PostgreSQL swaps the named constraint.
 *  - `cancel_requested_at` / `cancel_requested_by`: who asked a running job to stop, and when (the worker
 *    reads it at each progress checkpoint).
 *  - `file_expired_at`: when the job's result file was removed after the retention period (the row stays,
 *    so GET /api/jobs/:id/file can say the file expired).
 * Never edit once shipped.
 */
import { type Kysely, SqliteAdapter, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

function isPostgres(db: AnyDb): boolean {
  return !(db.getExecutor().adapter instanceof SqliteAdapter);
}

const STATES_BEFORE = sql`state in ('queued', 'running', 'completed', 'failed')`;
const STATES_AFTER = sql`state in ('queued', 'running', 'completed', 'failed', 'cancelled')`;

const OLD_COLUMNS = `id, type, state, progress, message, input_json, result_json, error, attempts, max_attempts,
  idempotency_key, worker_id, created_by, created_at, started_at, heartbeat_at, finished_at`;

async function rebuildSqliteJobs(
  db: AnyDb,
  states: ReturnType<typeof sql>,
  newColumns: boolean,
): Promise<void> {
  let table = db.schema
    .createTable('jobs_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('input_json', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('worker_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('finished_at', 'text');
  if (newColumns)
    table = table
      .addColumn('cancel_requested_at', 'text')
      .addColumn('cancel_requested_by', 'text')
      .addColumn('file_expired_at', 'text');
  await table
    .addUniqueConstraint('jobs_idempotency_key_unique', ['idempotency_key'])
    .addCheckConstraint('jobs_state_check', states)
    .addCheckConstraint('jobs_progress_check', sql`progress >= 0 and progress <= 1`)
    .execute();
  await sql`insert into jobs_next (${sql.raw(OLD_COLUMNS)}) select ${sql.raw(OLD_COLUMNS)} from jobs`.execute(
    db,
  );
  await db.schema.dropTable('jobs').execute();
  await sql`alter table jobs_next rename to jobs`.execute(db);
  await db.schema.createIndex('jobs_state_idx').on('jobs').columns(['state', 'created_at']).execute();
}

export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table jobs drop constraint jobs_state_check`.execute(db);
    await sql`alter table jobs add constraint jobs_state_check check (${STATES_AFTER})`.execute(db);
    await db.schema
      .alterTable('jobs')
      .addColumn('cancel_requested_at', 'text')
      .addColumn('cancel_requested_by', 'text')
      .addColumn('file_expired_at', 'text')
      .execute();
    return;
  }
  await rebuildSqliteJobs(db, STATES_AFTER, true);
}

/** Back to 0011's table: cancelled jobs become failed (with their reason kept in `error`). */
export async function down(db: AnyDb): Promise<void> {
  await sql`update jobs set state = 'failed', error = coalesce(error, 'cancelled') where state = 'cancelled'`.execute(
    db,
  );
  if (isPostgres(db)) {
    await sql`alter table jobs drop constraint jobs_state_check`.execute(db);
    await sql`alter table jobs add constraint jobs_state_check check (${STATES_BEFORE})`.execute(db);
    await db.schema.alterTable('jobs').dropColumn('cancel_requested_at').execute();
    await db.schema.alterTable('jobs').dropColumn('cancel_requested_by').execute();
    await db.schema.alterTable('jobs').dropColumn('file_expired_at').execute();
    return;
  }
  await rebuildSqliteJobs(db, STATES_BEFORE, false);
}
