/** Naive per-track vs maximum-likelihood (finite-track-length, Walker 2012) sizes and distributions. */
import type { TrackSizingReport } from '../../../../src/science/nta-tracks/size-tracks.ts';
import { DASH, formatFixed } from '../../lib/format.ts';
import { BinnedHistogramPlot } from '../../plots/binned-histogram-plot.tsx';

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

/** Naive vs maximum-likelihood sizes and distributions of one track-sizing report (tool page and stored measurements). */
export function TrackSizingResult({
  report,
  title,
  exportName,
}: {
  report: TrackSizingReport;
  title: string;
  exportName?: string;
}) {
  return (
    <section className="panel">
      <h2>{title}</h2>
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
        exportName={exportName ?? `track-sizing-${title}`}
        title="Naive vs maximum-likelihood size distribution"
      />
    </section>
  );
}
