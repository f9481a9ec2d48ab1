/**
 * Per-video NTA statistics: the instrument's own size statistics next to evlab's recomputation from the
 * 1 nm bins (with the difference), and the acquisition conditions and counts.
 */

import type { NtaReport, NtaVideoReport } from '../../../src/science/nta/nta-report.ts';
import { DASH, formatDelta, formatFixed, formatInteger, formatSci } from '../lib/format.ts';
import { meanOf, SIZE_STATS } from '../lib/nta.ts';
import { SCROLLABLE } from '../lib/scrollable.ts';

function deltaClass(reported: number | null, computed: number | null, toleranceNm: number): string {
  if (reported === null || computed === null) return 'delta';
  // 1e-9 absorbs floating-point noise in the subtraction of two 0.1 nm-rounded values.
  return Math.abs(computed - reported) <= toleranceNm + 1e-9 ? 'delta agree' : 'delta differ';
}

/** One statistic's three cells: the instrument's value, evlab's and their difference (evlab − instrument). */
function ComparedCells({
  reported,
  computed,
  delta,
}: {
  reported: number | null;
  computed: number | null;
  /** The difference cell's class: delta, plus agree/differ where a tolerance applies. */
  delta: string;
}) {
  return (
    <>
      <td className="num instr">{formatFixed(reported, 1)}</td>
      <td className="num evlab">{formatFixed(computed, 1)}</td>
      <td className={`num ${delta}`}>
        {reported === null || computed === null ? DASH : formatDelta(computed - reported, 1)}
      </td>
    </>
  );
}

export function SizeStatsTable({ report, instrument }: { report: NtaReport; instrument: string }) {
  const videos = report.videos;
  const averageRow = (pick: (v: NtaVideoReport) => number | null) => meanOf(videos.map(pick));
  return (
    <div className="table-scroll" {...SCROLLABLE}>
      <table className="table stats-table" data-testid="size-stats-table">
        <caption>
          Size statistics, number-weighted (nm) — <span className="legend-instr">{instrument}</span> as
          exported vs <span className="legend-evlab">evlab</span> recomputed from the 1 nm bins; Δ = evlab −{' '}
          {instrument}
        </caption>
        <thead>
          <tr>
            <th rowSpan={2}>Video</th>
            {SIZE_STATS.map((s) => (
              <th key={s.key} colSpan={3} className="group">
                {s.label} (nm)
              </th>
            ))}
          </tr>
          <tr>
            {SIZE_STATS.map((s) => (
              <th key={s.key} colSpan={3} className="sub">
                <span className="sub-grid">
                  <span className="legend-instr" title={`${instrument} (as exported)`}>
                    instr.
                  </span>
                  <span className="legend-evlab">evlab</span>
                  <span>Δ</span>
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {videos.map((v, i) => (
            <tr key={v.name} data-video={i + 1}>
              <th scope="row" className="video-name" title={v.name}>
                Video {i + 1}
              </th>
              {SIZE_STATS.map((s) => {
                const r = v.reported[s.key];
                const c = v.computed[s.key];
                return (
                  <ComparedCells
                    key={s.key}
                    reported={r}
                    computed={c}
                    delta={deltaClass(r, c, s.toleranceNm)}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
        {videos.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">Mean of videos</th>
              {SIZE_STATS.map((s) => (
                <ComparedCells
                  key={s.key}
                  reported={averageRow((v) => v.reported[s.key])}
                  computed={averageRow((v) => v.computed[s.key])}
                  delta="delta"
                />
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export function ConditionsTable({ report }: { report: NtaReport }) {
  return (
    <div className="table-scroll" {...SCROLLABLE}>
      <table className="table stats-table" data-testid="conditions-table">
        <caption>Acquisition conditions and counts per video</caption>
        <thead>
          <tr>
            <th>Video</th>
            <th className="num">Temperature (°C)</th>
            <th className="num">Viscosity (cP)</th>
            <th className="num">Concentration (particles/mL)</th>
            <th className="num">Particles / frame</th>
            <th className="num">Valid tracks</th>
            <th className="num">Completed tracks</th>
            <th>File</th>
          </tr>
        </thead>
        <tbody>
          {report.videos.map((v, i) => (
            <tr key={v.name}>
              <th scope="row">Video {i + 1}</th>
              <td className="num">{formatFixed(v.temperatureC, 2)}</td>
              <td className="num">{formatFixed(v.viscosityCP, 3)}</td>
              <td className="num">{formatSci(v.concentrationPerMl, 3)}</td>
              <td className="num">{formatFixed(v.particlesPerFrame, 1)}</td>
              <td className="num">{formatInteger(v.validTracks)}</td>
              <td className="num">{formatInteger(v.completedTracks)}</td>
              <td className="muted small clip mono" title={v.name}>
                {v.name}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Average ± SE</th>
            <td className="num">{formatFixed(meanOf(report.videos.map((v) => v.temperatureC)), 2)}</td>
            <td className="num">{formatFixed(meanOf(report.videos.map((v) => v.viscosityCP)), 3)}</td>
            <td className="num">
              {formatSci(report.average.concentrationPerMl, 3)}
              {report.average.concentrationSE !== null
                ? ` ± ${formatSci(report.average.concentrationSE, 2)}`
                : ''}
            </td>
            <td className="num">{formatFixed(meanOf(report.videos.map((v) => v.particlesPerFrame)), 1)}</td>
            <td className="num">{formatInteger(meanOf(report.videos.map((v) => v.validTracks)))}</td>
            <td className="num">{formatInteger(meanOf(report.videos.map((v) => v.completedTracks)))}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
