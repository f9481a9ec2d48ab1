/**
 * Side-by-side comparison of models fitted to the same subject with the same weighting: WRSS, AIC and BIC
 * (Yamaoka et al. 1978, J Pharmacokinet Biopharm 6:165–175), ΔAIC/ΔBIC from the best model and Akaike
 * weights exp(−ΔAIC/2)/Σ (Burnham & Anderson 2002, Model Selection and Multimodel Inference, 2nd ed., §2.9).
 */
import type { ModelComparison, ModelComparisonRow, ModelFitResult } from './fit-types.ts';

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
  const bestAic = Math.min(...fits.map((f) => f.objective.aic));
  const bestBic = Math.min(...fits.map((f) => f.objective.bic));
  const relative = fits.map((f) => Math.exp(-(f.objective.aic - bestAic) / 2));
  const total = relative.reduce((s, x) => s + x, 0);
  const rows: ModelComparisonRow[] = fits.map((f, i) => ({
    model: f.model,
    parameterCount: f.objective.parameterCount,
    wrss: f.objective.wrss,
    aic: f.objective.aic,
    bic: f.objective.bic,
    deltaAic: f.objective.aic - bestAic,
    deltaBic: f.objective.bic - bestBic,
    akaikeWeight: total > 0 ? (relative[i] ?? 0) / total : 0,
    converged: f.converged,
    best: f.objective.aic === bestAic,
  }));
  rows.sort((a, b) => a.aic - b.aic);
  return { id: first?.id ?? '1', weighting, rows, notes };
}
