/** Summary of the NCA parameters across subjects (n, mean, SD, CV%, geometric mean and CV%, median, range). */

import { cdiscParameter } from '../../../../src/science/pk/nca/index.ts';
import { AUC_EXTRAPOLATION_LIMIT_PERCENT } from '../../../../src/science/pk/nca/summary-statistics.ts';
import { formatPercent } from '../../lib/format.ts';
import { SCROLLABLE } from '../../lib/scrollable.ts';
import { formatNcaValue } from './nca-panel.tsx';
import type { SubjectOutcome } from './nca-panel-model.ts';
import { extrapolationWarnings, ncaSummaryRows } from './nca-summary.ts';

function pct(value: number | null): string {
  return formatPercent(value, 1);
}

export function NcaSummaryTable({ subjects }: { subjects: readonly SubjectOutcome[] }) {
  const rows = ncaSummaryRows(subjects);
  const warnings = extrapolationWarnings(subjects);
  if (rows.length === 0) return null;
  return (
    <div className="nca-summary">
      {warnings.length > 0 ? (
        <p className="nca-warning" role="note" aria-label="AUC extrapolation warning">
          AUC∞ is more than {AUC_EXTRAPOLATION_LIMIT_PERCENT} % extrapolated for{' '}
          {warnings.map((w) => `${w.id} (${formatPercent(w.percent, 1)})`).join(', ')}: sample later, or
          report AUClast for {warnings.length === 1 ? 'this subject' : 'these subjects'} instead.
        </p>
      ) : null}
      <div className="table-scroll" {...SCROLLABLE}>
        <table className="table" aria-label="NCA summary across subjects">
          <caption>Summary across subjects</caption>
          <thead>
            <tr>
              <th>Parameter</th>
              <th>Unit</th>
              <th className="num">n</th>
              <th className="num">Mean</th>
              <th className="num">SD</th>
              <th className="num">CV%</th>
              <th className="num">Geometric mean</th>
              <th className="num">Geometric CV%</th>
              <th className="num">Median</th>
              <th className="num">Min</th>
              <th className="num">Max</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td title={cdiscParameter(r.code)?.name ?? r.code}>
                  <span className="mono">{r.code}</span>
                </td>
                <td className="muted">{r.unit || 'no unit given'}</td>
                <td className="num">
                  {r.n}
                  {r.nMissing > 0 ? <span className="muted small"> ({r.nMissing} missing)</span> : null}
                </td>
                <td className="num">{formatNcaValue(r.code, r.mean)}</td>
                <td className="num">{formatNcaValue(r.code, r.sd)}</td>
                <td className="num">{pct(r.cvPercent)}</td>
                <td className="num">{formatNcaValue(r.code, r.geometricMean)}</td>
                <td className="num">{pct(r.geometricCvPercent)}</td>
                <td className="num">{formatNcaValue(r.code, r.median)}</td>
                <td className="num">{formatNcaValue(r.code, r.min)}</td>
                <td className="num">{formatNcaValue(r.code, r.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
