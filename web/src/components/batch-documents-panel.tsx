/**
 * The batch's PDF documents — certificate of analysis and batch report — rendered as background jobs
 * (POST /api/batches/:id/certificate-of-analysis | batch-report → 202 with the job). The panel follows the
 * job's progress and offers the PDF when it completes; the job also appears in the dashboard's jobs panel.
 */
import { useEffect, useRef, useState } from 'react';
import { toApiError } from '../api/client.ts';
import { followJob, type Job, jobsApi } from '../api/jobs-client.ts';
import { JobProgress } from './job-progress.tsx';

const DOCUMENTS = [
  { key: 'certificate-of-analysis', label: 'Certificate of analysis' },
  { key: 'batch-report', label: 'Batch report' },
] as const;

export function BatchDocumentsPanel({ batchId }: { batchId: string }) {
  const [jobs, setJobs] = useState<Record<string, Job>>({});
  const [error, setError] = useState<string | null>(null);
  const abort = useRef(new AbortController());
  useEffect(() => () => abort.current.abort(), []);
  const start = async (key: string) => {
    setError(null);
    try {
      const { job } = await jobsApi.start(`/api/batches/${encodeURIComponent(batchId)}/${key}`);
      setJobs((j) => ({ ...j, [key]: job }));
      await followJob(job.id, (next) => setJobs((j) => ({ ...j, [key]: next })), abort.current.signal);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(toApiError(e).detail ?? toApiError(e).title);
    }
  };
  return (
    <section className="panel" aria-labelledby="batch-documents">
      <div className="panel-head">
        <h2 id="batch-documents">Documents (PDF)</h2>
      </div>
      <p className="field-hint">Rendered in the background; progress shows here and under Background jobs.</p>
      {error ? (
        <p className="text-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="stack">
        {DOCUMENTS.map((d) => {
          const job = jobs[d.key];
          const busy = job?.state === 'queued' || job?.state === 'running';
          return (
            <li key={d.key}>
              <button
                type="button"
                className="button small"
                disabled={busy}
                onClick={() => void start(d.key)}
              >
                {busy ? `${d.label}: rendering…` : `Render ${d.label.toLowerCase()}`}
              </button>{' '}
              {job ? <JobProgress job={job} label={d.label} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
