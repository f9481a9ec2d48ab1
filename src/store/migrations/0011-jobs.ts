/**
 * Background jobs (issue 10, scale-out): one row per job with its state, progress and result, read the
 * same way on SQLite and PostgreSQL (src/jobs/queue/). On PostgreSQL pg-boss carries the job id between
 * processes; this table stays the record the API reads. Never edit a migration that has shipped.
 */
import { type Kysely, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('jobs')
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
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('jobs_idempotency_key_unique', ['idempotency_key'])
    .addCheckConstraint('jobs_state_check', sql`state in ('queued', 'running', 'completed', 'failed')`)
    .addCheckConstraint('jobs_progress_check', sql`progress >= 0 and progress <= 1`)
    .execute();
  await db.schema.createIndex('jobs_state_idx').on('jobs').columns(['state', 'created_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
