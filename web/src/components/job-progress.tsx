/**
 * One background job's state in a view that started it: a progress bar with the worker's message while it
 * is queued or running, then a link to its file (PDF) or the failure's reason.
 */
import type { Job } from '../../../src/jobs/queue/job-types.ts';
import { jobFile, jobsApi } from '../api/jobs-client.ts';

export function JobProgress({ job, label }: { job: Job; label: string }) {
  const file = job.state === 'completed' ? jobFile(job) : null;
  const percent = Math.round(job.progress * 100);
  return (
    <div className="job-progress" data-job-state={job.state} aria-live="polite">
      {job.state === 'queued' || job.state === 'running' ? (
        <>
          <progress max={1} value={job.progress} aria-label={`Progress of ${label}`}>
            {`${percent} %`}
          </progress>{' '}
          {job.state === 'queued'
            ? 'waiting for a worker…'
            : `${percent} %${job.message ? ` — ${job.message}` : ''}`}
        </>
      ) : job.state === 'cancelled' ? (
        <span>
          {label} was cancelled{job.cancelRequestedBy ? ` by ${job.cancelRequestedBy}` : ''}.
        </span>
      ) : job.state === 'failed' ? (
        <span className="text-error" role="alert">
          {label} failed: {job.error ?? 'no reason recorded'}
        </span>
      ) : file && job.fileExpiredAt ? (
        <span>
          {file.fileName} expired on {job.fileExpiredAt.slice(0, 10)} (job files are kept for a limited time);
          start it again for a new one.
        </span>
      ) : file ? (
        <a className="button small" href={jobsApi.fileUrl(job.id)} download={file.fileName}>
          Download {file.fileName} ({Math.max(1, Math.round(file.sizeBytes / 1024))} KiB)
        </a>
      ) : (
        <span>{label} done.</span>
      )}
    </div>
  );
}
