/**
 * A standard-curve model: response y as a function of concentration x and a parameter vector, its
 * inverse (back-calculation) and how to start a fit. One model per file (linear, quadratic, LL.4, LL.5);
 * `CURVE_MODELS` lists them by the names the CLI and API accept.
 */
export type CurveModelName = 'linear' | 'quadratic' | '4pl' | '5pl';

export interface CurveModel {
  name: CurveModelName;
  /** Parameter names in vector order (drc's b, c, d, e[, f] for the log-logistic models). */
  parameterNames: readonly string[];
  /** True for models that are linear in their parameters (solved in closed form). */
  linearInParameters: boolean;
  /** Response at concentration x. */
  predict(x: number, p: readonly number[]): number;
  /**
   * Concentration giving response y, or null when y lies outside the model's range (an asymptote not
   * reached, a quadratic without a real root in the standards' range).
   */
  inverse(y: number, p: readonly number[], range: { minX: number; maxX: number }): number | null;
  /** Starting vectors for an iterative fit (several: the best fit wins). */
  starts(x: readonly number[], y: readonly number[]): number[][];
  /** Parameter vector valid (e.g. e > 0)? Steps leaving the valid set are rejected. */
  valid(p: readonly number[]): boolean;
  /** An equivalent parameter vector in the model's canonical form (LL.4: c < d, as drc reports it). */
  canonical?(p: readonly number[]): number[];
}
