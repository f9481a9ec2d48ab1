/**
 * The `jobs` table (migration 0011): every read and state change of a job, written the same way on SQLite
 * and PostgreSQL. Each state change is one conditional UPDATE (atomic on both databases), so two workers
 * can never both claim or both finish the same attempt.
 */
import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { appendAuditEvents, lockAuditChain } from '../../store/audit-chain.ts';
import type { Database } from '../../store/database-schema.ts';
import type { Dialect } from '../../store/evlab-store.ts';
import { sqliteWriteTransaction } from '../../store/sqlite-write-transaction.ts';
import { newTimeOrderedId } from '../../store/time-ordered-id.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  FINISHED_JOB_STATES,
  type Job,
  type JobListRequest,
  JobNotCancellableError,
  type JobState,
} from './job-types.ts';

export interface JobsTable {
  id: string;
  type: string;
  state: JobState;
  progress: number;
  message: string;
  input_json: string;
  result_json: string | null;
  error: string | null;
  attempts: number;
  max_attempts: number;
  idempotency_key: string | null;
  worker_id: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  heartbeat_at: string | null;
  finished_at: string | null;
  /** Migration 0014. */
  cancel_requested_at: string | null;
  cancel_requested_by: string | null;
  file_expired_at: string | null;
}

export interface JobsDatabase {
  jobs: JobsTable;
}

/** Largest list answer. */
export const MAX_JOB_LIST = 500;
/** Longest stored error message (a stack trace is not kept). */
const MAX_ERROR_CHARS = 2000;

let workerCounter = 0;
/** A worker id unique on this machine: host, process id and a counter. */
export function newWorkerId(): string {
  workerCounter += 1;
  return `${hostname()}:${process.pid}:${workerCounter}`;
}

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    progress: Number(row.progress),
    message: row.message,
    input: JSON.parse(row.input_json),
    result: row.result_json === null ? null : JSON.parse(row.result_json),
    error: row.error,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    idempotencyKey: row.idempotency_key,
    workerId: row.worker_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    cancelRequestedAt: row.cancel_requested_at ?? null,
    cancelRequestedBy: row.cancel_requested_by ?? null,
    fileExpiredAt: row.file_expired_at ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export class JobTable {
  readonly #db: Kysely<JobsDatabase>;
  readonly #clock: () => Date;
  readonly #dialect: Dialect;

  constructor(db: Kysely<unknown>, clock: () => Date = () => new Date(), dialect: Dialect = 'sqlite') {
    this.#db = db as Kysely<JobsDatabase>;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  #now(): string {
    return this.#clock().toISOString();
  }

  async insert(
    type: string,
    inputJson: string,
    options: EnqueueOptions = {},
  ): Promise<{ job: Job; created: boolean }> {
    const key = options.idempotencyKey ?? null;
    if (key !== null) {
      const existing = await this.#byKey(key);
      if (existing) return { job: existing, created: false };
    }
    const row: JobsTable = {
      id: newTimeOrderedId(),
      type,
      state: 'queued',
      progress: 0,
      message: '',
      input_json: inputJson,
      result_json: null,
      error: null,
      attempts: 0,
      max_attempts: Math.max(1, Math.trunc(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
      idempotency_key: key,
      worker_id: null,
      created_by: options.actor ?? 'system',
      created_at: this.#now(),
      started_at: null,
      heartbeat_at: null,
      finished_at: null,
      cancel_requested_at: null,
      cancel_requested_by: null,
      file_expired_at: null,
    };
    try {
      await this.#db.insertInto('jobs').values(row).execute();
    } catch (error) {
      // Two requests with the same key at once: the loser answers with the winner's job.
      if (key !== null && isUniqueViolation(error)) {
        const existing = await this.#byKey(key);
        if (existing) return { job: existing, created: false };
      }
      throw error;
    }
    return { job: toJob(row), created: true };
  }

  async #byKey(key: string): Promise<Job | null> {
    const row = await this.#db
      .selectFrom('jobs')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  async get(id: string): Promise<Job | null> {
    const row = await this.#db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : null;
  }

  async list(request: JobListRequest = {}): Promise<Job[]> {
    let query = this.#db.selectFrom('jobs').selectAll();
    if (request.state) query = query.where('state', '=', request.state);
    if (request.type) query = query.where('type', '=', request.type);
    if (request.createdBy !== undefined) query = query.where('created_by', '=', request.createdBy);
    const limit = Math.min(MAX_JOB_LIST, Math.max(1, Math.trunc(request.limit ?? 100)));
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toJob);
  }

  /** Claims the oldest queued job (one atomic UPDATE … RETURNING); null when none is queued. */
  async claimNext(workerId: string): Promise<Job | null> {
    const now = this.#now();
    const row = await this.#db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        worker_id: workerId,
        started_at: now,
        heartbeat_at: now,
        error: null,
      }))
      .where('state', '=', 'queued')
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs as next')
          .select('next.id')
          .where('next.state', '=', 'queued')
          .orderBy('next.created_at')
          .orderBy('next.id')
          .limit(1),
      )
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  /**
   * Claims a given job for a worker (pg-boss delivered its id). A queued job, or a running one whose
   * attempt was given up by pg-boss (the worker died), becomes running again with attempts + 1. Null when
   * the job is finished (a duplicate delivery) or missing.
   */
  async claim(id: string, workerId: string): Promise<Job | null> {
    const now = this.#now();
    const row = await this.#db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        worker_id: workerId,
        started_at: now,
        heartbeat_at: now,
      }))
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      // A running job someone cancelled is not started again (settleCancelled ends it).
      .where('cancel_requested_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  /**
   * Records progress (also the heartbeat). Returns true when someone asked the job to stop: the caller
   * (run-attempt.ts) then throws JobCancelledError from the handler's progress callback.
   */
  async progress(
    id: string,
    workerId: string,
    progress: number,
    message: string | undefined,
  ): Promise<boolean> {
    const clamped = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
    const row = await this.#db
      .updateTable('jobs')
      .set({
        progress: clamped,
        heartbeat_at: this.#now(),
        ...(message === undefined ? {} : { message: message.slice(0, 500) }),
      })
      .where('id', '=', id)
      .where('worker_id', '=', workerId)
      .where('state', '=', 'running')
      .returning('cancel_requested_at')
      .executeTakeFirst();
    return row !== undefined && row.cancel_requested_at !== null;
  }

  /** Ends workerId's attempt as cancelled (it stopped at a checkpoint); false when it was taken over. */
  async markCancelled(id: string, workerId: string): Promise<boolean> {
    const now = this.#now();
    const res = await this.#db
      .updateTable('jobs')
      .set({ state: 'cancelled', error: null, finished_at: now, heartbeat_at: now, message: 'cancelled' })
      .where('id', '=', id)
      .where('worker_id', '=', workerId)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * A running job with a cancel request whose worker is gone (pg-boss redelivered it, or its heartbeat
   * stopped): cancelled instead of run again. True when this call ended it.
   */
  async settleCancelled(id: string): Promise<boolean> {
    const now = this.#now();
    const res = await this.#db
      .updateTable('jobs')
      .set({ state: 'cancelled', finished_at: now, message: 'cancelled' })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('cancel_requested_at', 'is not', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Cancels a job for `actor` (audited, in one transaction with the change): a queued job becomes
   * `cancelled` at once, a running one gets a cancel request its worker reads at the next progress
   * checkpoint. Null when there is no such job; JobNotCancellableError when it has finished. A repeated
   * request for a running job changes nothing and writes no second event.
   */
  async requestCancel(id: string, actor: string): Promise<Job | null> {
    return this.#write(async (tx) => {
      const jobs = tx as unknown as Kysely<JobsDatabase>;
      const row = await jobs
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .$if(this.#dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row) return null;
      const before = toJob(row);
      if (FINISHED_JOB_STATES.includes(before.state)) throw new JobNotCancellableError(before);
      if (before.cancelRequestedAt !== null) return before;
      const now = this.#now();
      const queued = before.state === 'queued';
      await jobs
        .updateTable('jobs')
        .set({
          cancel_requested_at: now,
          cancel_requested_by: actor,
          ...(queued ? { state: 'cancelled' as const, finished_at: now, message: 'cancelled' } : {}),
        })
        .where('id', '=', id)
        .execute();
      const after = toJob({
        ...row,
        cancel_requested_at: now,
        cancel_requested_by: actor,
        ...(queued ? { state: 'cancelled' as const, finished_at: now, message: 'cancelled' } : {}),
      });
      await this.#audit(
        tx,
        now,
        actor,
        id,
        'status-change',
        jobSummary(before),
        jobSummary(after),
        queued
          ? 'cancelled before it started'
          : 'cancel requested: the job stops at its next progress checkpoint',
      );
      return after;
    });
  }

  /**
   * Completed jobs with a result file, finished before `cutoff`, whose file has not expired yet (retention,
   * job-retention.ts). Oldest first, at most `limit`.
   */
  async withFilesFinishedBefore(cutoff: Date, limit = 500): Promise<Job[]> {
    const rows = await this.#db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'completed')
      .where('finished_at', '<', cutoff.toISOString())
      .where('file_expired_at', 'is', null)
      .where('result_json', 'like', '%"file":%')
      .orderBy('finished_at')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  /** Records that a job's result file was removed (audited as a delete of the file by `actor`). */
  async markFileExpired(id: string, actor: string, reason: string): Promise<boolean> {
    return this.#write(async (tx) => {
      const jobs = tx as unknown as Kysely<JobsDatabase>;
      const now = this.#now();
      const row = await jobs
        .updateTable('jobs')
        .set({ file_expired_at: now })
        .where('id', '=', id)
        .where('file_expired_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return false;
      const job = toJob(row);
      const file = (job.result as { file?: unknown } | null)?.file ?? null;
      await this.#audit(
        tx,
        now,
        actor,
        id,
        'delete',
        { ...jobSummary(job), fileExpiredAt: null, file },
        jobSummary(job),
        reason,
      );
      return true;
    });
  }

  /** One write transaction with its audit event (BEGIN IMMEDIATE on SQLite; audit-chain lock first on PostgreSQL). */
  async #write<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
    const db = this.#db as unknown as Kysely<Database>;
    if (this.#dialect === 'sqlite') return sqliteWriteTransaction(db, fn);
    return db.transaction().execute(async (tx) => {
      await lockAuditChain(tx, 'postgres');
      return fn(tx);
    });
  }

  async #audit(
    tx: Kysely<Database>,
    at: string,
    actor: string,
    jobId: string,
    action: 'status-change' | 'delete',
    before: unknown,
    after: unknown,
    reason: string,
  ): Promise<void> {
    await appendAuditEvents(tx, this.#dialect, [
      {
        id: newTimeOrderedId(),
        at,
        actor,
        entity_type: 'job',
        entity_id: jobId,
        batch_id: null,
        action,
        before_json: canonicalJson(before),
        after_json: canonicalJson(after),
        reason,
      },
    ]);
  }

  /** Marks the attempt of workerId completed; false when the job was taken over by another worker. */
  async complete(id: string, workerId: string, result: unknown): Promise<boolean> {
    const res = await this.#db
      .updateTable('jobs')
      .set({
        state: 'completed',
        progress: 1,
        result_json: JSON.stringify(result ?? null),
        error: null,
        finished_at: this.#now(),
        heartbeat_at: this.#now(),
      })
      .where('id', '=', id)
      .where('worker_id', '=', workerId)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Records a failed attempt: back to queued when attempts remain and `retry` (the SQLite worker picks it
   * up again; on PostgreSQL pg-boss redelivers), failed for good otherwise.
   */
  async fail(id: string, workerId: string, error: unknown, retry: boolean): Promise<JobState | null> {
    const job = await this.get(id);
    if (job?.state !== 'running' || job.workerId !== workerId) return null;
    // A job someone cancelled is not retried: a failure after the request ends it as cancelled.
    const state: JobState =
      job.cancelRequestedAt !== null
        ? 'cancelled'
        : retry && job.attempts < job.maxAttempts
          ? 'queued'
          : 'failed';
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
    await this.#db
      .updateTable('jobs')
      .set({ state, error: message, finished_at: state === 'queued' ? null : this.#now() })
      .where('id', '=', id)
      .where('worker_id', '=', workerId)
      .where('state', '=', 'running')
      .execute();
    return state;
  }

  /**
   * Running jobs whose heartbeat is older than `staleBefore` (their worker died): re-queued while attempts
   * remain, failed otherwise. Returns the ids re-queued.
   */
  async requeueStale(staleBefore: Date): Promise<string[]> {
    const cutoff = staleBefore.toISOString();
    const stale = await this.#db
      .selectFrom('jobs')
      .select(['id', 'attempts', 'max_attempts', 'worker_id', 'cancel_requested_at'])
      .where('state', '=', 'running')
      .where('heartbeat_at', '<', cutoff)
      .execute();
    const requeued: string[] = [];
    for (const row of stale) {
      // Cancelled while its worker died: cancelled, never re-run.
      if (row.cancel_requested_at !== null) {
        await this.settleCancelled(row.id);
        continue;
      }
      const again = Number(row.attempts) < Number(row.max_attempts);
      const res = await this.#db
        .updateTable('jobs')
        .set({
          state: again ? 'queued' : 'failed',
          error: 'worker stopped responding (heartbeat timeout)',
          finished_at: again ? null : this.#now(),
        })
        .where('id', '=', row.id)
        .where('state', '=', 'running')
        .where('heartbeat_at', '<', cutoff)
        .executeTakeFirst();
      if (again && Number(res.numUpdatedRows) === 1) requeued.push(row.id);
    }
    return requeued;
  }
}

/** The Kysely instance of the workbench's store (KyselyEvlabStore exposes it; the interface does not). */
export function jobTableOf(store: object, clock?: () => Date): JobTable {
  const db = (store as { kysely?: Kysely<unknown> }).kysely;
  if (db === undefined) throw new Error('the job queue needs a Kysely-backed store');
  const dialect = (store as { dialect?: Dialect }).dialect ?? 'sqlite';
  return new JobTable(db, clock, dialect);
}

/** What an audit event records of a job (not its input or result, which may be large). */
function jobSummary(job: Job): Record<string, unknown> {
  return {
    id: job.id,
    type: job.type,
    state: job.state,
    createdBy: job.createdBy,
    cancelRequestedAt: job.cancelRequestedAt,
    cancelRequestedBy: job.cancelRequestedBy,
    fileExpiredAt: job.fileExpiredAt,
  };
}
