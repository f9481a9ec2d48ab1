/**
 * Background jobs (issue 10, scale-out): the signed-in user's jobs from GET /api/jobs, newest first, each
 * with its state and a progress bar, refreshed every 2 s while one is queued or running. "Check workers"
 * starts a `diagnostic.sleep` job (POST /api/jobs) so a lab can see that the in-process worker (SQLite) or
 * the `evlab worker` processes (PostgreSQL) pick jobs up and report progress.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Job } from '../../../src/jobs/queue/job-types.ts';
import { request, toApiError } from '../api/client.ts';

const POLL_MS = 2000;

export function JobsPanel() {
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        <p>No background jobs yet. Long model fits and ClinicalTrials.gov imports run here.</p>
      ) : (
        <table className="table" aria-label="Background jobs">
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th>Progress</th>
              <th>Started (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-state={j.state}>
                <td>{j.type}</td>
                <td>
                  {j.state}
                  {j.error ? <div className="field-hint">{j.error}</div> : null}
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
