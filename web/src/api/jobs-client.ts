/**
 * Background jobs from the browser (src/api/routes/jobs.ts, src/api/route-jobs.ts): start a heavy route as
 * a job (`Prefer: respond-async` → 202 `{ job }`), follow its progress, and fetch the file it produced.
 */
import type { Job } from '../../../src/jobs/queue/job-types.ts';
import { request } from './client.ts';

export type { Job };

/** The answer of a route that may run as a job: the synchronous result, or 202 with the job. */
export type MaybeJob<T> = T | { job: Job; created: boolean };

export function isJobAnswer<T>(answer: MaybeJob<T>): answer is { job: Job; created: boolean } {
  return typeof answer === 'object' && answer !== null && 'job' in answer && 'created' in answer;
}

/** How often a running job is polled (the worker records progress at most a few times a second). */
export const JOB_POLL_MS = 500;

export const jobsApi = {
  get: (id: string, signal?: AbortSignal) =>
    request<{ job: Job }>('GET', `/api/jobs/${encodeURIComponent(id)}`, { ...(signal ? { signal } : {}) }),
  /** POST to a route that runs as a job when asked (`Prefer: respond-async`). */
  start: (path: string, body: unknown = {}) =>
    request<{ job: Job; created: boolean }>('POST', path, { body, headers: { Prefer: 'respond-async' } }),
  /** Cancels a job: 200 with it cancelled (it was queued) or 202 while it runs to its next checkpoint. */
  cancel: (id: string) =>
    request<{ job: Job }>('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`, { body: {} }),
  /** URL of the file a completed job produced (a PDF report). */
  fileUrl: (id: string) => `/api/jobs/${encodeURIComponent(id)}/file`,
};

/** True once a job will not change any more (completed, failed or cancelled). */
export function jobFinished(job: Job): boolean {
  return job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled';
}

/** True when the job's result names a file (GET /api/jobs/:id/file serves it). */
export function jobFile(job: Job): { fileName: string; sizeBytes: number } | null {
  const file = (job.result as { file?: { fileName?: unknown; sizeBytes?: unknown } } | null)?.file;
  return file && typeof file.fileName === 'string' && typeof file.sizeBytes === 'number'
    ? { fileName: file.fileName, sizeBytes: file.sizeBytes }
    : null;
}

/**
 * Polls a job until it completes, fails or is cancelled, calling onUpdate with every state seen; resolves
 * with the final job (a failed or cancelled job resolves too: its `error` / state says why). Rejects only when aborted or unreachable.
 */
export async function followJob(
  id: string,
  onUpdate: (job: Job) => void,
  signal?: AbortSignal,
): Promise<Job> {
  for (;;) {
    const { job } = await jobsApi.get(id, signal);
    onUpdate(job);
    if (jobFinished(job)) return job;
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, JOB_POLL_MS);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }
}
