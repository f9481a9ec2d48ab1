/** The batch characterization table: metric, value ± uncertainty, unit, QC, source (file, method). */
import type { BatchMetric } from '../../../../src/jobs/batch-metrics/batch-metric.ts';
import { Link } from '../../router.tsx';
import { formatMetricValue, QC_LABEL } from './metric-format.ts';

const GROUP_ORDER = ['size', 'concentration', 'protein', 'purity', 'markers', 'cargo'];

export function QcChip({ qc }: { qc: BatchMetric['qc'] }) {
  if (qc === null) return <span className="muted">–</span>;
  return <span className={`chip qc-${qc}`}>{QC_LABEL[qc] ?? qc}</span>;
}

export function MetricsTable({ metrics, caption }: { metrics: readonly BatchMetric[]; caption: string }) {
  const sorted = [...metrics].sort(
    (a, b) => ((GROUP_ORDER.indexOf(a.group) + 99) % 99) - ((GROUP_ORDER.indexOf(b.group) + 99) % 99),
  );
  return (
    <div className="table-scroll">
      <table className="table" data-testid="batch-metrics-table">
        <caption className="muted">{caption}</caption>
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">Value</th>
            <th>Unit</th>
            <th>QC</th>
            <th>Source</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => (
            <tr key={`${m.key}-${m.provenance.measurementId ?? 'derived'}`}>
              <td>
                {m.label}
                <div className="muted mono small">{m.key}</div>
              </td>
              <td className="num nowrap">
                {formatMetricValue(m.value)}
                {m.uncertainty ? (
                  <div className="muted small" title={m.uncertainty.kind}>
                    {formatMetricValue(m.uncertainty.low)} – {formatMetricValue(m.uncertainty.high)}
                  </div>
                ) : null}
              </td>
              <td>{m.unit ?? ''}</td>
              <td>
                <QcChip qc={m.qc} />
              </td>
              <td className="small">
                {m.provenance.measurementId ? (
                  <Link to={`/measurements/${m.provenance.measurementId}`}>
                    {m.provenance.fileName ?? m.provenance.kind}
                  </Link>
                ) : (
                  <span>
                    derived from {m.provenance.derivedFrom.map((d) => d.split(' ')[0]).join(' and ')}
                  </span>
                )}
                {m.provenance.method ? <div className="muted">{m.provenance.method}</div> : null}
              </td>
              <td className="small muted">{m.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
