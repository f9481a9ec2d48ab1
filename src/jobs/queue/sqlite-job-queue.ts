/**
 * SQLite driver: the jobs table is the queue and an in-process worker loop inside `evlab serve` runs the
 * handlers. A claim is one atomic UPDATE … RETURNING (a write transaction of its own); a running job beats
 * its heart every heartbeatMs; at start-up and every heartbeat period, running jobs whose heartbeat is
 * older than staleAfterMs (their process died) are re-queued while attempts remain.
 */
import type { Workbench } from '../workbench.ts';
import { type JobTable, jobTableOf, newWorkerId } from './job-table.ts';
import {
  checkJobInput,
  type EnqueueOptions,
  type Job,
  JobInputError,
  type JobListRequest,
  type JobQueue,
} from './job-types.ts';
import { runAttempt } from './run-attempt.ts';

export interface LocalQueueOptions {
  /** Jobs run at once (default 1: SQLite has one writer and the server shares the CPU). */
  concurrency?: number;
  /** How often an idle worker looks for queued jobs (default 250 ms). */
  pollMs?: number;
  /** Heartbeat period of a running job (default 5 s). */
  heartbeatMs?: number;
  /** A running job without a heartbeat for this long is re-queued (default 30 s = 6 missed beats). */
  staleAfterMs?: number;
  /** Start the worker loop (default true; false = enqueue/read only). */
  work?: boolean;
}

export function serializeInput(type: string, input: unknown): string {
  checkJobInput(type, input);
  let json: string | undefined;
  try {
    json = JSON.stringify(input ?? null);
  } catch (error) {
    throw new JobInputError(`job input is not JSON: ${(error as Error).message}`, 'invalid-input');
  }
  return json ?? 'null';
}

export class LocalJobQueue implements JobQueue {
  readonly driver = 'sqlite-in-process' as const;
  readonly table: JobTable;
  readonly #wb: Workbench;
  readonly #options: Required<Omit<LocalQueueOptions, 'work'>>;
  readonly #workerId = newWorkerId();
  #running = 0;
  #timer: NodeJS.Timeout | null = null;
  #reaper: NodeJS.Timeout | null = null;
  #closed = false;
  #inFlight = new Set<Promise<unknown>>();

  constructor(wb: Workbench, options: LocalQueueOptions = {}) {
    this.#wb = wb;
    this.table = jobTableOf(wb.store);
    this.#options = {
      concurrency: Math.max(1, Math.trunc(options.concurrency ?? 1)),
      pollMs: options.pollMs ?? 250,
      heartbeatMs: options.heartbeatMs ?? 5000,
      staleAfterMs: options.staleAfterMs ?? 30_000,
    };
    if (options.work ?? true) this.#start();
  }

  #start(): void {
    const reap = () =>
      this.table
        .requeueStale(new Date(Date.now() - this.#options.staleAfterMs))
        .then(() => this.#poll())
        .catch((error) => process.stderr.write(`[evlab jobs] reaper: ${(error as Error).message}\n`));
    void reap();
    this.#reaper = setInterval(reap, this.#options.heartbeatMs);
    this.#reaper.unref();
  }

  #schedule(): void {
    if (this.#closed || this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#poll();
    }, this.#options.pollMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    while (!this.#closed && this.#running < this.#options.concurrency) {
      let job: Job | null;
      try {
        job = await this.table.claimNext(this.#workerId);
      } catch (error) {
        if (!this.#closed) process.stderr.write(`[evlab jobs] claim: ${(error as Error).message}\n`);
        break;
      }
      if (!job) break;
      this.#running += 1;
      const run = runAttempt(this.table, this.#wb, job, this.#workerId, {
        heartbeatMs: this.#options.heartbeatMs,
        retry: true,
      })
        .catch(() => undefined)
        .finally(() => {
          this.#running -= 1;
          this.#inFlight.delete(run);
          void this.#poll();
        });
      this.#inFlight.add(run);
    }
    this.#schedule();
  }

  async enqueue(type: string, input: unknown, options?: EnqueueOptions) {
    const result = await this.table.insert(type, serializeInput(type, input), options);
    if (result.created && !this.#closed) queueMicrotask(() => void this.#poll());
    return result;
  }

  get(id: string) {
    return this.table.get(id);
  }

  list(request?: JobListRequest) {
    return this.table.list(request);
  }

  /** Queued → cancelled now; running → stops at its next progress checkpoint (run-attempt.ts). */
  cancel(id: string, actor: string) {
    return this.table.requestCancel(id, actor);
  }

  /** Stops claiming and waits for the jobs in flight (a job cut short would be re-queued at next start). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#reaper) clearInterval(this.#reaper);
    await Promise.allSettled([...this.#inFlight]);
  }
}
