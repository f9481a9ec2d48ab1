/** Parameter table (estimate, SE, %RSE, 95 % CI, derived quantities) and the model comparison table. */
import type { ModelComparison, ModelFitResult } from '../../../../src/science/pk/fitting/fit-types.ts';
import { formatDecimals, formatSignificant } from '../../lib/format.ts';

/** An estimate to `digits` significant digits in the UI's one number format (lib/format.ts). */
export function formatEstimate(value: number | null | undefined, digits = 4): string {
  return formatSignificant(value, digits);
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
              <td className="num">{formatDecimals(p.rsePercent, 1)}</td>
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
        WRSS {formatEstimate(fit.objective.wrss)} · AIC {formatDecimals(fit.objective.aic, 2)} · BIC{' '}
        {formatDecimals(fit.objective.bic, 2)} · n {fit.objective.n} · weighting {fit.objective.weighting}
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

/**
 * The ranking of the well-determined models (AIC, ΔAIC, BIC, Akaike weight) and, in a table of their own, the
 * models with a parameter the data do not determine (%RSE in the millions, no SE): never ranked beside them.
 */
export function ModelComparisonTable({ comparison }: { comparison: ModelComparison }) {
  const ranked = comparison.rows.filter((r) => r.identifiable);
  const unranked = comparison.rows.filter((r) => !r.identifiable);
  return (
    <div>
      {ranked.length > 0 ? (
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
            {ranked.map((r) => (
              <tr key={r.model}>
                <td>{r.model}</td>
                <td className="num">{r.parameterCount}</td>
                <td className="num">{formatEstimate(r.wrss)}</td>
                <td className="num">{formatDecimals(r.aic, 2)}</td>
                <td className="num">{formatDecimals(r.deltaAic, 2)}</td>
                <td className="num">{formatDecimals(r.bic, 2)}</td>
                <td className="num">{formatDecimals(r.deltaBic, 2)}</td>
                <td className="num">{formatDecimals(r.akaikeWeight, 3)}</td>
                <td>
                  {r.best ? 'best' : ''}
                  {r.converged ? '' : ' not converged'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="model-unranked" role="note">
          No model could be ranked for subject {comparison.id}: every one has a parameter the data do not
          determine.
        </p>
      )}
      {unranked.length > 0 ? (
        <table className="table model-unranked-table" aria-label="Models not ranked">
          <caption>
            Not ranked · parameters not determined by the data (fix a parameter, simplify the model or sample
            more)
          </caption>
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">p</th>
              <th className="num">AIC</th>
              <th>Not determined</th>
            </tr>
          </thead>
          <tbody>
            {unranked.map((r) => (
              <tr key={r.model} className="model-unranked-row">
                <td>{r.model}</td>
                <td className="num">{r.parameterCount}</td>
                <td className="num">{formatDecimals(r.aic, 2)}</td>
                <td>
                  <span className="model-unranked">
                    {r.undeterminedParameters.map(undeterminedLabel).join(', ')}
                    {r.converged ? '' : ' · not converged'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {comparison.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
    </div>
  );
}
