/**
 * Side-by-side comparison of models fitted to the same subject with the same weighting: WRSS, AIC and BIC
 * (Yamaoka et al. 1978, J Pharmacokinet Biopharm 6:165–175), ΔAIC/ΔBIC from the best model and Akaike
 * weights exp(−ΔAIC/2)/Σ (Burnham & Anderson 2002, Model Selection and Multimodel Inference, 2nd ed., §2.9).
 *
 * A model whose parameters the data do not determine (asymptotic SE missing or not finite, or %RSE above
 * NON_IDENTIFIABLE_RSE_PERCENT) is not ranked: a low AIC bought with an undetermined parameter says nothing
 * about the model (Burnham & Anderson §2.4: candidate models must be estimable from the data). It is listed
 * after the ranked models with its reason, Akaike weight 0, and never marked best.
 */
import type { ModelComparison, ModelComparisonRow, ModelFitResult } from './fit-types.ts';

/**
 * %RSE beyond which a parameter counts as undetermined. Common practice calls %RSE > 50 % imprecise
 * (e.g. Monolix documentation, "Standard error using the Fisher Information Matrix"); at 1000 % the 95 % CI
 * spans ± 20 times the estimate, i.e. the data carry no information about it.
 */
export const NON_IDENTIFIABLE_RSE_PERCENT = 1000;

export function undeterminedParameters(fit: ModelFitResult): { name: string; rsePercent: number | null }[] {
  return fit.parameters
    .filter(
      (p) =>
        p.se === null ||
        !Number.isFinite(p.se) ||
        p.rsePercent === null ||
        !Number.isFinite(p.rsePercent) ||
        p.rsePercent > NON_IDENTIFIABLE_RSE_PERCENT,
    )
    .map((p) => ({
      name: p.name,
      rsePercent: p.rsePercent !== null && Number.isFinite(p.rsePercent) ? p.rsePercent : null,
    }));
}

export function compareModels(fits: readonly ModelFitResult[]): ModelComparison {
  const first = fits[0];
  const weighting = first?.objective.weighting ?? '1';
  const notes: string[] = [];
  if (fits.some((f) => f.objective.n !== first?.objective.n))
    notes.push('models were fitted to different numbers of observations: AIC/BIC are not comparable');
  if (weighting === '1/yhat2')
    notes.push(
      '1/ŷ² weights depend on each model’s predictions, so WRSS-based AIC/BIC compare only approximately',
    );
  const undetermined = fits.map(undeterminedParameters);
  const identifiable = undetermined.map((u) => u.length === 0);
  const ranked = fits.filter((_, i) => identifiable[i]);
  if (ranked.length < fits.length)
    notes.push(
      ranked.length === 0
        ? 'no model has every parameter determined by the data (SE missing or %RSE > 1000 %): none is ranked'
        : 'models with a parameter the data do not determine (SE missing or %RSE > 1000 %) are listed last and not ranked',
    );
  const pool = ranked;
  const bestAic = pool.length > 0 ? Math.min(...pool.map((f) => f.objective.aic)) : Number.NaN;
  const bestBic = pool.length > 0 ? Math.min(...pool.map((f) => f.objective.bic)) : Number.NaN;
  const relative = fits.map((f, i) => (identifiable[i] ? Math.exp(-(f.objective.aic - bestAic) / 2) : 0));
  const total = relative.reduce((s, x) => s + x, 0);
  const rows: ModelComparisonRow[] = fits.map((f, i) => ({
    model: f.model,
    parameterCount: f.objective.parameterCount,
    wrss: f.objective.wrss,
    aic: f.objective.aic,
    bic: f.objective.bic,
    deltaAic: identifiable[i] ? f.objective.aic - bestAic : null,
    deltaBic: identifiable[i] ? f.objective.bic - bestBic : null,
    akaikeWeight: total > 0 ? (relative[i] ?? 0) / total : 0,
    converged: f.converged,
    best: identifiable[i] === true && f.objective.aic === bestAic,
    identifiable: identifiable[i] === true,
    undeterminedParameters: undetermined[i] ?? [],
  }));
  rows.sort((a, b) => Number(b.identifiable) - Number(a.identifiable) || a.aic - b.aic);
  return { id: first?.id ?? '1', weighting, rows, notes };
}
