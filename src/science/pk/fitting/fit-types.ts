/**
 * The public contract of a compartment-model fit: printed by `evlab pk fit --json`, returned by
 * `POST /api/pk/fit` and drawn by the web model-fit panel. Extend only by adding keys.
 */

/** Weighting schemes of weighted least squares (WinNonlin's names: uniform, 1/Y, 1/Y², 1/Ŷ²). */
export const WEIGHTING_SCHEMES = ['1', '1/y', '1/y2', '1/yhat2'] as const;
export type WeightingScheme = (typeof WEIGHTING_SCHEMES)[number];

export const WEIGHTING_LABELS: Record<WeightingScheme, string> = {
  '1': 'uniform (1)',
  '1/y': '1/observed',
  '1/y2': '1/observed²',
  '1/yhat2': '1/predicted² (iteratively reweighted)',
};

export interface Observation {
  timeH: number;
  conc: number;
}

export interface FitParameter {
  name: string;
  estimate: number;
  /** Asymptotic standard error from the Jacobian; null when the information matrix is singular or df = 0. */
  se: number | null;
  /** 100 · SE / |estimate|. */
  rsePercent: number | null;
  /** estimate ± t(0.975, n − p) · SE. */
  ci95: [number, number] | null;
  unit: string;
}

export interface FitDerived {
  value: number | null;
  unit: string;
  description: string;
}

export interface FitObjective {
  /** Weighted residual sum of squares Σ wᵢ (yᵢ − ŷᵢ)². */
  wrss: number;
  /** Akaike information criterion n·ln(WRSS) + 2p (Yamaoka et al. 1978, J Pharmacokinet Biopharm 6:165). */
  aic: number;
  /** Schwarz criterion n·ln(WRSS) + p·ln(n) (Yamaoka et al. 1978). */
  bic: number;
  n: number;
  parameterCount: number;
  /** Residual standard deviation √(WRSS / (n − p)); null when n = p. */
  sigma: number | null;
  weighting: WeightingScheme;
}

export interface FitResidual {
  time: number;
  observed: number;
  predicted: number;
  residual: number;
  /** √w · residual. */
  weightedResidual: number;
}

export interface ModelFitResult {
  id: string;
  model: string;
  parameters: FitParameter[];
  derived: Record<string, FitDerived>;
  objective: FitObjective;
  residuals: FitResidual[];
  converged: boolean;
  iterations: number;
  notes: string[];
}

export interface ModelComparisonRow {
  model: string;
  parameterCount: number;
  wrss: number;
  aic: number;
  bic: number;
  /** AIC − lowest AIC among the identifiable models; null for a model that is not ranked. */
  deltaAic: number | null;
  deltaBic: number | null;
  /** exp(−ΔAIC/2) normalised over the models compared (Burnham & Anderson 2002, Model Selection, §2.9). */
  akaikeWeight: number;
  converged: boolean;
  best: boolean;
  /**
   * False when a parameter is not determined by the data (SE missing or not finite, or %RSE above
   * NON_IDENTIFIABLE_RSE_PERCENT). Such a model is listed after the ranked ones, with no ΔAIC rank,
   * Akaike weight 0 and never `best`.
   */
  identifiable: boolean;
  /** Parameters that made the model non-identifiable, with their %RSE (null: SE not available). */
  undeterminedParameters: { name: string; rsePercent: number | null }[];
}

export interface ModelComparison {
  id: string;
  weighting: WeightingScheme;
  rows: ModelComparisonRow[];
  notes: string[];
}

/** A user-input problem (too few points, missing duration, …): CLI exit 2, API 400. */
export class FitInputError extends Error {
  override readonly name = 'FitInputError';
  constructor(
    message: string,
    readonly code: string,
    /** The input field at fault (`dose`, `duration`, `model`, `params.k10`, …). */
    readonly field: string,
  ) {
    super(message);
  }
}
