/**
 * Runs one claimed attempt of a job: looks up its handler, beats the heart while it runs (so a reaper can
 * tell a live worker from a dead one), and records the result or the failure in the jobs table.
 */
import type { Workbench } from '../workbench.ts';
import type { JobTable } from './job-table.ts';
import { type Job, jobHandler } from './job-types.ts';

export interface AttemptOutcome {
  state: 'completed' | 'failed' | 'queued' | 'lost';
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
  const beat = setInterval(() => {
    if (Date.now() - lastBeat < options.heartbeatMs) return;
    lastBeat = Date.now();
    table.progress(job.id, workerId, currentProgress, undefined).catch(() => undefined);
  }, options.heartbeatMs);
  beat.unref();
  let currentProgress = 0;
  try {
    const result = await handler(job.input, {
      jobId: job.id,
      attempt: job.attempts,
      wb,
      createdBy: job.createdBy,
      reportProgress: async (progress, message) => {
        currentProgress = progress;
        lastBeat = Date.now();
        await table.progress(job.id, workerId, progress, message);
      },
    });
    const done = await table.complete(job.id, workerId, result);
    return { state: done ? 'completed' : 'lost' };
  } catch (error) {
    const state = await table.fail(job.id, workerId, error, options.retry);
    return { state: state === null || state === 'running' ? 'lost' : state, error };
  } finally {
    clearInterval(beat);
  }
}
