/**
 * Weights for a standard-curve fit, as the common plate-reader packages offer them (SoftMax Pro, drc's
 * `weights` argument): 1 (ordinary least squares), 1/y and 1/y² (relative error grows with the signal).
 * Computed from the observed response; |y| is floored at 1e-6 × the largest |y| so a zero response does
 * not get infinite weight.
 */
export const CURVE_WEIGHTINGS = ['1', '1/y', '1/y2'] as const;
export type CurveWeighting = (typeof CURVE_WEIGHTINGS)[number];

export function curveWeights(y: readonly number[], weighting: CurveWeighting): number[] {
  if (weighting === '1') return y.map(() => 1);
  const floor = 1e-6 * Math.max(1e-300, ...y.map((v) => Math.abs(v)));
  return y.map((v) => {
    const a = Math.max(Math.abs(v), floor);
    return weighting === '1/y' ? 1 / a : 1 / (a * a);
  });
}

/** The weight a new observation at response y would get (for the response variance s²/w in a CI). */
export function weightAt(y: number, weighting: CurveWeighting, referenceY: readonly number[]): number {
  return curveWeights([...referenceY, y], weighting).at(-1) ?? 1;
}
