/**
 * Track-level NTA sizing: a track table (NanoSight AllTracks/ParticleData or id, frame, x, y) and the
 * acquisition conditions → naive per-track histogram vs the maximum-likelihood distribution corrected for
 * finite track length (Walker 2012), side by side on the same axes.
 */
import { useState } from 'react';
import type { TrackSizingReport } from '../../../src/science/nta-tracks/size-tracks.ts';
import { characterizationApi } from '../api/characterization-client.ts';
import { DASH, formatFixed } from '../lib/format.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { BinnedHistogramPlot } from '../plots/binned-histogram-plot.tsx';

function bars(bins: TrackSizingReport['ml']['bins']) {
  return bins.map((b, k) => {
    const prev = bins[k - 1]?.diameterNm ?? b.diameterNm / 1.01;
    const next = bins[k + 1]?.diameterNm ?? b.diameterNm * 1.01;
    return {
      fromNm: Math.sqrt(prev * b.diameterNm),
      toNm: Math.sqrt(b.diameterNm * next),
      value: b.densityPerNm * 100,
    };
  });
}

export function TrackSizingPage() {
  useDocumentTitle('Track sizing');
  const [file, setFile] = useState<File | null>(null);
  const [umPerPx, setUmPerPx] = useState('0.166');
  const [fps, setFps] = useState('30');
  const [temperatureC, setTemperatureC] = useState('25');
  const [report, setReport] = useState<(TrackSizingReport & { file: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const content = await file.text();
      setReport(
        await characterizationApi.sizeTracks({
          fileName: file.name,
          content,
          umPerPx: num(umPerPx),
          fps: num(fps),
          temperatureC: num(temperatureC),
        }),
      );
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
        {error ? (
          <div className="state state-error" role="alert">
            {error}
          </div>
        ) : null}
      </section>
      {report ? (
        <section className="panel">
          <h2>
            {report.file}: {report.tracks} tracks
          </h2>
          <table className="table" aria-label="Naive and maximum-likelihood sizes">
            <thead>
              <tr>
                <th>Sizing</th>
                <th className="num">Mode nm</th>
                <th className="num">D50 nm</th>
                <th className="num">SD nm</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Naive (each track alone)</td>
                <td className="num">{formatFixed(report.naive.modeNm, 1)}</td>
                <td className="num">{formatFixed(report.naive.d50Nm, 1)}</td>
                <td className="num">{formatFixed(report.naive.sdNm, 1)}</td>
              </tr>
              <tr>
                <td>Maximum likelihood (finite track length)</td>
                <td className="num">{formatFixed(report.ml.modeNm, 1)}</td>
                <td className="num">{formatFixed(report.ml.d50Nm, 1)}</td>
                <td className="num">{report.ml.sdNm === null ? DASH : formatFixed(report.ml.sdNm, 1)}</td>
              </tr>
            </tbody>
          </table>
          <BinnedHistogramPlot
            bars={bars(report.naive.bins)}
            barsLabel="naive per-track"
            line={report.ml.bins.map((b) => ({ xNm: b.diameterNm, value: b.densityPerNm * 100 }))}
            lineLabel="maximum likelihood"
            yLabel="% of particles per nm"
            xMaxNm={Math.min(1000, Math.max(200, (report.naive.d50Nm ?? 100) * 3))}
            exportName={`track-sizing-${report.file}`}
            title="Naive vs maximum-likelihood size distribution"
          />
        </section>
      ) : null}
    </div>
  );
}
