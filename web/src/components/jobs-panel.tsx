/**
 * Background jobs (issue 10, scale-out): the signed-in user's jobs from GET /api/jobs, newest first, each
 * with its state and a progress bar, refreshed every 2 s while one is queued or running. "Check workers"
 * starts a `diagnostic.sleep` job (POST /api/jobs) so a lab can see that the in-process worker (SQLite) or
 * the `evlab worker` processes (PostgreSQL) pick jobs up and report progress. A completed job's result opens
 * below the table ("Show result"); a job that produced a file (a PDF report) links to GET /api/jobs/:id/file.
 * A queued or running job has a Cancel button (POST /api/jobs/:id/cancel): a queued job shows "cancelled" at
 * once, a running one "cancelling…" until it stops at its next progress checkpoint, then "cancelled".
 */
import { useCallback, useEffect, useState } from 'react';
import type { Job } from '../../../src/jobs/queue/job-types.ts';
import { request, toApiError } from '../api/client.ts';
import { jobFile, jobFinished, jobsApi } from '../api/jobs-client.ts';

const POLL_MS = 2000;

export function JobsPanel() {
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const load = useCallback(() => {
    request<{ items: Job[] }>('GET', '/api/jobs', { query: { limit: 20 } })
      .then((r) => {
        setJobs(r.items);
        setError(null);
      })
      .catch((e) => setError(toApiError(e).detail ?? toApiError(e).title));
  }, []);
  useEffect(load, [load]);
  const active = (jobs ?? []).some((j) => j.state === 'queued' || j.state === 'running');
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [active, load]);
  const cancel = async (job: Job) => {
    try {
      const { job: updated } = await jobsApi.cancel(job.id);
      setJobs((list) => (list ?? []).map((j) => (j.id === updated.id ? updated : j)));
      setError(null);
    } catch (e) {
      setError(toApiError(e).detail ?? toApiError(e).title);
    }
  };
  const start = async () => {
    try {
      await request('POST', '/api/jobs', {
        body: { type: 'diagnostic.sleep', input: { ms: 5000, steps: 10 } },
      });
      load();
    } catch (e) {
      setError(toApiError(e).detail ?? toApiError(e).title);
    }
  };
  return (
    <section className="stack" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Background jobs</h2>
      <div className="form-actions">
        <button type="button" className="button" onClick={start}>
          Check workers (5 s test job)
        </button>{' '}
        <button type="button" className="button" onClick={load}>
          Refresh
        </button>
      </div>
      {error ? (
        <p className="text-error" role="alert">
          {error}
        </p>
      ) : jobs === null ? (
        <p>Loading…</p>
      ) : jobs.length === 0 ? (
        <p>
          No background jobs yet. PDF reports, large track tables, model fits of many subjects and
          ClinicalTrials.gov imports run here.
        </p>
      ) : (
        <table className="table" aria-label="Background jobs">
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th>Progress</th>
              <th>Started (UTC)</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-state={j.state}>
                <td>{j.type}</td>
                <td>
                  <span data-testid="job-state">{stateLabel(j)}</span>
                  {j.error && j.state !== 'cancelled' ? <div className="field-hint">{j.error}</div> : null}
                  {!jobFinished(j) && j.cancelRequestedAt === null ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Cancel ${j.type} ${j.id}`}
                        onClick={() => void cancel(j)}
                      >
                        Cancel
                      </button>
                    </>
                  ) : null}
                </td>
                <td>
                  <progress
                    max={1}
                    value={j.progress}
                    aria-label={`Progress of ${j.type} ${j.id}`}
                  >{`${Math.round(j.progress * 100)} %`}</progress>{' '}
                  {Math.round(j.progress * 100)} %{j.message ? ` — ${j.message}` : ''}
                </td>
                <td>{j.startedAt ? j.startedAt.replace('T', ' ').slice(0, 19) : '—'}</td>
                <td>
                  <JobResult
                    job={j}
                    open={opened === j.id}
                    onToggle={() => setOpened(opened === j.id ? null : j.id)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened && jobs?.some((j) => j.id === opened) ? (
        <section className="panel" aria-label="Job result">
          <h3>Result of {jobs.find((j) => j.id === opened)?.type}</h3>
          <pre className="mono" data-testid="job-result">
            {resultText(jobs.find((j) => j.id === opened)?.result)}
          </pre>
        </section>
      ) : null}
    </section>
  );
}

/** The state as a person reads it: a cancel request still running is "cancelling…". */
function stateLabel(job: Job): string {
  if (job.state === 'cancelled')
    return job.cancelRequestedBy ? `cancelled by ${job.cancelRequestedBy}` : 'cancelled';
  if (job.cancelRequestedAt !== null && !jobFinished(job)) return 'cancelling…';
  if (job.state === 'completed' && job.cancelRequestedAt !== null)
    return 'completed (finished before it could stop)';
  return job.state;
}

/** Longest result shown inline (a model fit of many subjects is large; the full result is GET /api/jobs/:id). */
const MAX_RESULT_CHARS = 20_000;

function resultText(result: unknown): string {
  const text = JSON.stringify(result, null, 2) ?? 'null';
  return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}\n… (truncated)` : text;
}

/** A completed job's result: its file (PDF) to download, else a button that shows the result below. */
function JobResult({ job, open, onToggle }: { job: Job; open: boolean; onToggle: () => void }) {
  if (job.state !== 'completed') return <>—</>;
  const file = jobFile(job);
  return (
    <>
      {file && job.fileExpiredAt ? (
        <span className="field-hint">
          {file.fileName} expired {job.fileExpiredAt.slice(0, 10)}{' '}
        </span>
      ) : file ? (
        <>
          <a href={jobsApi.fileUrl(job.id)} download={file.fileName}>
            {file.fileName}
          </a>{' '}
        </>
      ) : null}
      <button type="button" className="button small" aria-expanded={open} onClick={onToggle}>
        {open ? 'Hide result' : 'Show result'}
      </button>
    </>
  );
}
