/**
 * Runs one claimed attempt of a job: looks up its handler, beats the heart while it runs (so a reaper can
 * tell a live worker from a dead one), and records the result or the failure in the jobs table.
 */
import type { Workbench } from '../workbench.ts';
import { removeJobResultFiles } from './job-files.ts';
import type { JobTable } from './job-table.ts';
import { type Job, JobCancelledError, jobHandler } from './job-types.ts';

export interface AttemptOutcome {
  state: 'completed' | 'failed' | 'queued' | 'cancelled' | 'lost';
  error?: unknown;
}

export async function runAttempt(
  table: JobTable,
  wb: Workbench,
  job: Job,
  workerId: string,
  options: { heartbeatMs: number; retry: boolean },
): Promise<AttemptOutcome> {
  const handler = jobHandler(job.type);
  if (!handler) {
    const error = new Error(`no handler for job type "${job.type}" in this worker`);
    const state = await table.fail(job.id, workerId, error, false);
    return { state: state === null ? 'lost' : 'failed', error };
  }
  let lastBeat = Date.now();
  // Set once the jobs row says someone cancelled the job (read by every progress write, heartbeats included).
  let cancelRequested = false;
  const beat = setInterval(() => {
    if (Date.now() - lastBeat < options.heartbeatMs) return;
    lastBeat = Date.now();
    table
      .progress(job.id, workerId, currentProgress, undefined)
      .then((cancel) => {
        cancelRequested ||= cancel;
      })
      .catch(() => undefined);
  }, options.heartbeatMs);
  beat.unref();
  let currentProgress = 0;
  // A cancelled attempt leaves no result file behind (a report PDF written before the checkpoint).
  const endCancelled = async (): Promise<AttemptOutcome> => {
    const mine = await table.markCancelled(job.id, workerId);
    await removeJobResultFiles(wb.dataDir, job.id).catch(() => undefined);
    return { state: mine ? 'cancelled' : 'lost' };
  };
  try {
    const result = await handler(job.input, {
      jobId: job.id,
      attempt: job.attempts,
      wb,
      createdBy: job.createdBy,
      // The cancellation checkpoint: throws once the job was cancelled (cooperative cancellation).
      reportProgress: async (progress, message) => {
        if (cancelRequested) throw new JobCancelledError(job.id);
        currentProgress = progress;
        lastBeat = Date.now();
        if (await table.progress(job.id, workerId, progress, message)) {
          cancelRequested = true;
          throw new JobCancelledError(job.id);
        }
      },
    });
    // Finished before it reached a checkpoint after a cancel request: it completes (the work is done).
    const done = await table.complete(job.id, workerId, result);
    return { state: done ? 'completed' : 'lost' };
  } catch (error) {
    if (error instanceof JobCancelledError || cancelRequested) return endCancelled();
    const state = await table.fail(job.id, workerId, error, options.retry);
    if (state === 'cancelled') await removeJobResultFiles(wb.dataDir, job.id).catch(() => undefined);
    return { state: state === null || state === 'running' ? 'lost' : state, error };
  } finally {
    clearInterval(beat);
  }
}
