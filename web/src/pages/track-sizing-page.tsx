/**
 * Track-level NTA sizing: a track table (NanoSight AllTracks/ParticleData or id, frame, x, y) and the
 * acquisition conditions → naive per-track histogram vs the maximum-likelihood distribution corrected for
 * finite track length (Walker 2012), side by side on the same axes.
 */
import { useState } from 'react';
import type { TrackSizingReport } from '../../../src/science/nta-tracks/size-tracks.ts';
import { characterizationApi } from '../api/characterization-client.ts';
import { followJob, isJobAnswer, type Job } from '../api/jobs-client.ts';
import { TrackSizingResult } from '../components/characterization/track-sizing-result.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function TrackSizingPage() {
  useDocumentTitle('Track sizing');
  const [file, setFile] = useState<File | null>(null);
  const [umPerPx, setUmPerPx] = useState('0.166');
  const [fps, setFps] = useState('30');
  const [temperatureC, setTemperatureC] = useState('25');
  const [report, setReport] = useState<(TrackSizingReport & { file: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      const content = await file.text();
      const answer = await characterizationApi.sizeTracks({
        fileName: file.name,
        content,
        umPerPx: num(umPerPx),
        fps: num(fps),
        temperatureC: num(temperatureC),
      });
      if (isJobAnswer(answer)) {
        // A large table: sized by a background job; show its progress until the report arrives.
        setJob(answer.job);
        const done = await followJob(answer.job.id, setJob);
        if (done.state === 'failed') throw new Error(done.error ?? 'the sizing job failed');
        if (done.state === 'cancelled') throw new Error('the sizing job was cancelled');
        setReport(done.result as TrackSizingReport & { file: string });
      } else setReport(answer);
    } catch (e) {
      setError((e as Error).message);
      setReport(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page-body">
      <h1>Track-level NTA sizing</h1>
      <section className="panel">
        <p className="muted">
          Short tracks scatter: a single-size sample looks broad when each track is sized on its own. The
          maximum-likelihood distribution takes each track's length into account (Walker 2012, Meas Sci
          Technol 23:065605).
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <label>
            Track table{' '}
            <input
              type="file"
              accept=".csv,.tsv,.txt"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-label="Track table file"
            />
          </label>{' '}
          <label>
            µm per pixel{' '}
            <input
              value={umPerPx}
              onChange={(e) => setUmPerPx(e.target.value)}
              size={6}
              aria-label="micrometres per pixel"
            />
          </label>{' '}
          <label>
            frames/s{' '}
            <input
              value={fps}
              onChange={(e) => setFps(e.target.value)}
              size={5}
              aria-label="frames per second"
            />
          </label>{' '}
          <label>
            °C{' '}
            <input
              value={temperatureC}
              onChange={(e) => setTemperatureC(e.target.value)}
              size={5}
              aria-label="temperature in degrees Celsius"
            />
          </label>{' '}
          <button type="submit" className="button primary" disabled={!file || busy}>
            {busy ? 'Sizing…' : 'Size the tracks'}
          </button>
        </form>
        {job && (job.state === 'queued' || job.state === 'running') ? (
          <JobProgress job={job} label="Track sizing" />
        ) : null}
        {error ? (
          <div className="state state-error" role="alert">
            {error}
          </div>
        ) : null}
      </section>
      {report ? (
        <TrackSizingResult report={report} title={`${report.file}: ${report.tracks} tracks`} />
      ) : null}
    </div>
  );
}
