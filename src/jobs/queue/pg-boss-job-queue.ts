/**
 * PostgreSQL driver: the jobs table holds state, progress and results (read by the API exactly as on
 * SQLite); pg-boss 10 carries the job id to N `evlab worker` processes sharing one queue. pg-boss delivers a
 * job to one worker at a time (SELECT … FOR UPDATE SKIP LOCKED); a worker that is killed leaves its pg-boss
 * job active until expireInSeconds, then pg-boss's maintenance fails it and retries it (retryLimit), and
 * another worker claims the jobs row again (attempts + 1). Handlers are idempotent, so a rerun is harmless.
 *
 * pg-boss options: https://github.com/timgit/pg-boss/blob/10.1.6/docs/readme.md (send: retryLimit,
 * retryDelay, expireInSeconds; constructor: schema, maintenanceIntervalSeconds).
 */
import PgBoss from 'pg-boss';
import type { Workbench } from '../workbench.ts';
import { type JobTable, jobTableOf, newWorkerId } from './job-table.ts';
import type { EnqueueOptions, JobListRequest, JobQueue } from './job-types.ts';
import { runAttempt } from './run-attempt.ts';
import { serializeInput } from './sqlite-job-queue.ts';

/** The one pg-boss queue evlab jobs travel on (the job type is in the jobs row). */
export const PG_BOSS_QUEUE = 'evlab-jobs';
/**
 * A pg-boss job still active after this long is taken as lost (its worker died) and retried. 15 minutes
 * covers the heaviest handler here (a multi-page CT.gov sync at the 30 s per-page fetch timeout); a job
 * legitimately running longer would be run twice, which idempotent handlers tolerate.
 */
export const DEFAULT_EXPIRE_IN_SECONDS = 15 * 60;
/** How often pg-boss looks for expired jobs (its default is 120 s; 30 s bounds the wait after a kill). */
export const DEFAULT_MAINTENANCE_INTERVAL_SECONDS = 30;

export interface PgBossQueueOptions {
  /** PostgreSQL URL (the same database as the store). */
  url: string;
  /** Schema for pg-boss's own tables (default "pgboss"). */
  bossSchema?: string;
  expireInSeconds?: number;
  maintenanceIntervalSeconds?: number;
  /** Seconds before a failed attempt is retried (default 1). */
  retryDelaySeconds?: number;
  /** How often an idle worker polls pg-boss (default 2 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Heartbeat period of a running job in the jobs table (default 5 s). */
  heartbeatMs?: number;
}

export class PgBossJobQueue implements JobQueue {
  readonly driver = 'pg-boss' as const;
  readonly table: JobTable;
  readonly boss: PgBoss;
  readonly #wb: Workbench;
  readonly #options: PgBossQueueOptions;
  #workers: string[] = [];
  #started = false;

  private constructor(wb: Workbench, options: PgBossQueueOptions) {
    this.#wb = wb;
    this.#options = options;
    this.table = jobTableOf(wb.store);
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: options.bossSchema ?? 'pgboss',
      max: 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_INTERVAL_SECONDS,
      // No cron scheduling and no queue-size monitoring needed.
      schedule: false,
    });
    this.boss.on('error', (error) => process.stderr.write(`[evlab jobs] pg-boss: ${error.message}\n`));
  }

  static async open(wb: Workbench, options: PgBossQueueOptions): Promise<PgBossJobQueue> {
    const queue = new PgBossJobQueue(wb, options);
    await queue.boss.start();
    queue.#started = true;
    // Creating an existing queue is a no-op in pg-boss 10 (insert … on conflict do nothing).
    await queue.boss.createQueue(PG_BOSS_QUEUE);
    return queue;
  }

  async enqueue(type: string, input: unknown, options: EnqueueOptions = {}) {
    const result = await this.table.insert(type, serializeInput(type, input), options);
    if (result.created) {
      await this.boss.send(
        PG_BOSS_QUEUE,
        { jobId: result.job.id },
        {
          retryLimit: result.job.maxAttempts - 1,
          retryDelay: this.#options.retryDelaySeconds ?? 1,
          expireInSeconds: this.#options.expireInSeconds ?? DEFAULT_EXPIRE_IN_SECONDS,
          // One pg-boss job per evlab job, even if send were repeated.
          singletonKey: result.job.id,
          // The same id as the jobs row (a UUIDv7), so a cancelled job can be cancelled in pg-boss too.
          id: result.job.id,
        },
      );
    }
    return result;
  }

  get(id: string) {
    return this.table.get(id);
  }

  list(request?: JobListRequest) {
    return this.table.list(request);
  }

  /**
   * Queued → cancelled in the jobs table and in pg-boss (`cancel`, so no worker is handed it; a worker that
   * still gets it finds the row cancelled and skips it). Running → the row's cancel request stops the
   * attempt at its next progress checkpoint; the pg-boss job stays active so that, should its worker die,
   * the redelivery finds the request and ends the job as cancelled instead of running it again.
   */
  async cancel(id: string, actor: string) {
    const job = await this.table.requestCancel(id, actor);
    if (job?.state === 'cancelled')
      await this.boss.cancel(PG_BOSS_QUEUE, id).catch((error: Error) => {
        process.stderr.write(`[evlab jobs] pg-boss cancel ${id}: ${error.message}\n`);
      });
    return job;
  }

  /** Starts `concurrency` pg-boss workers in this process; each runs one job at a time. */
  async work(concurrency = 1, onOutcome?: (jobId: string, state: string) => void): Promise<void> {
    for (let i = 0; i < Math.max(1, Math.trunc(concurrency)); i += 1) {
      const workerId = newWorkerId();
      const id = await this.boss.work<{ jobId: string }>(
        PG_BOSS_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2 },
        async ([delivery]) => {
          if (!delivery) return;
          const job = await this.table.claim(delivery.data.jobId, workerId);
          if (!job) {
            // Already finished (a duplicate delivery completes without rerunning), or cancelled while its
            // worker died: ended as cancelled, never run again.
            await this.table.settleCancelled(delivery.data.jobId);
            return;
          }
          const outcome = await runAttempt(this.table, this.#wb, job, workerId, {
            heartbeatMs: this.#options.heartbeatMs ?? 5000,
            retry: true,
          });
          onOutcome?.(job.id, outcome.state);
          // Throwing makes pg-boss retry the delivery (retryLimit) when the jobs row went back to queued.
          if (outcome.state === 'queued') throw outcome.error ?? new Error('attempt failed');
        },
      );
      this.#workers.push(id);
    }
  }

  /** Stops the workers (waiting for the jobs in flight, up to 30 s) and pg-boss. */
  async close(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
