/** Parameter table (estimate, SE, %RSE, 95 % CI, derived quantities) and the model comparison table. */
import type { ModelComparison, ModelFitResult } from '../../../../src/science/pk/fitting/fit-types.ts';

export function formatEstimate(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

export function ModelParameterTable({ fit }: { fit: ModelFitResult }) {
  const derived = Object.entries(fit.derived).filter(([, d]) => d.value !== null);
  return (
    <div>
      <table className="table" aria-label={`Parameters of ${fit.model}`}>
        <caption>
          {fit.model} · subject {fit.id} ·{' '}
          {fit.converged ? `converged (${fit.iterations} iterations)` : 'not converged'}
        </caption>
        <thead>
          <tr>
            <th>Parameter</th>
            <th className="num">Estimate</th>
            <th className="num">SE</th>
            <th className="num">%RSE</th>
            <th className="num">95% CI</th>
            <th>Unit</th>
          </tr>
        </thead>
        <tbody>
          {fit.parameters.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td className="num">{formatEstimate(p.estimate)}</td>
              <td className="num">{formatEstimate(p.se, 3)}</td>
              <td className="num">{p.rsePercent === null ? '–' : p.rsePercent.toFixed(1)}</td>
              <td className="num">
                {p.ci95 ? `${formatEstimate(p.ci95[0], 3)} – ${formatEstimate(p.ci95[1], 3)}` : '–'}
              </td>
              <td>{p.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {derived
          .map(([name, d]) => `${name} ${formatEstimate(d.value)}${d.unit === '–' ? '' : ` ${d.unit}`}`)
          .join(' · ')}
      </p>
      <p className="muted">
        WRSS {formatEstimate(fit.objective.wrss)} · AIC {fit.objective.aic.toFixed(2)} · BIC{' '}
        {fit.objective.bic.toFixed(2)} · n {fit.objective.n} · weighting {fit.objective.weighting}
      </p>
      {fit.notes.length > 0 ? (
        <ul className="model-fit-notes">
          {fit.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function undeterminedLabel(p: { name: string; rsePercent: number | null }): string {
  return `${p.name} (${p.rsePercent === null ? 'no standard error' : `%RSE ${formatEstimate(p.rsePercent, 3)}`})`;
}

export function ModelComparisonTable({ comparison }: { comparison: ModelComparison }) {
  return (
    <div>
      <table className="table" aria-label="Model comparison">
        <caption>Model comparison · subject {comparison.id} (lowest AIC first)</caption>
        <thead>
          <tr>
            <th>Model</th>
            <th className="num">p</th>
            <th className="num">WRSS</th>
            <th className="num">AIC</th>
            <th className="num">ΔAIC</th>
            <th className="num">BIC</th>
            <th className="num">ΔBIC</th>
            <th className="num">Akaike weight</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((r) => (
            <tr key={r.model} className={r.identifiable ? undefined : 'model-unranked-row'}>
              <td>{r.model}</td>
              <td className="num">{r.parameterCount}</td>
              <td className="num">{formatEstimate(r.wrss)}</td>
              <td className="num">{r.aic.toFixed(2)}</td>
              <td className="num">{r.deltaAic === null ? '–' : r.deltaAic.toFixed(2)}</td>
              <td className="num">{r.bic.toFixed(2)}</td>
              <td className="num">{r.deltaBic === null ? '–' : r.deltaBic.toFixed(2)}</td>
              <td className="num">{r.identifiable ? r.akaikeWeight.toFixed(3) : '–'}</td>
              <td>
                {r.best ? 'best' : ''}
                {r.converged ? '' : ' not converged'}
                {r.identifiable ? null : (
                  <span className="model-unranked">
                    not ranked: {r.undeterminedParameters.map(undeterminedLabel).join(', ')} not determined by
                    the data
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {comparison.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
    </div>
  );
}
