/**
 * Shared machinery of the Logicle and Hyperlog scales (Gating-ML 2.0 §6.5–6.6; Moore & Parks 2012,
 * Cytometry A 81:273, doi:10.1002/cyto.a.22030): both are defined as the root y of B(y) = x, where B is the
 * data value at scale position y; B is odd about the data zero x1 (B(2·x1 − y) = −B(y)) and increasing.
 * B is evaluated with a Taylor series near x1 (the closed form cancels there), and the root is found by
 * Newton's method safeguarded with bisection on a bracket, to full double precision.
 */
export interface Biexponential {
  /** Data zero on the scale. */
  x1: number;
  /** B(y) for y ≥ x1 (closed form). */
  value(y: number): number;
  /** B'(y) for y ≥ x1. */
  slope(y: number): number;
  /** Taylor coefficients of B around x1 (B(x1 + h) = Σ taylor[i] · h^(i+1)), used for y < xTaylor. */
  taylor: number[];
  xTaylor: number;
}

export function evaluateBiexponential(p: Biexponential, y: number): number {
  const negative = y < p.x1;
  const s = negative ? 2 * p.x1 - y : y;
  let v: number;
  if (s < p.xTaylor) {
    const h = s - p.x1;
    let sum = 0;
    for (let i = p.taylor.length - 1; i >= 0; i--) sum = (sum + (p.taylor[i] as number)) * h;
    v = sum;
  } else {
    v = p.value(s);
  }
  return negative ? -v : v;
}

/** The scale position y with B(y) = x. */
export function solveBiexponential(p: Biexponential, x: number): number {
  if (x === 0) return p.x1;
  if (!Number.isFinite(x)) return Number.NaN;
  const negative = x < 0;
  const target = negative ? -x : x;
  // Bracket [lo, hi] with B(lo) ≤ target ≤ B(hi), on the y ≥ x1 branch.
  let lo = p.x1;
  let step = 0.25;
  let hi = p.x1 + step;
  while (evaluateBiexponential(p, hi) < target) {
    lo = hi;
    step *= 2;
    hi = p.x1 + step;
    if (step > 1e6) return Number.NaN;
  }
  let y = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const f = evaluateBiexponential(p, y) - target;
    if (f === 0) break;
    if (f < 0) lo = y;
    else hi = y;
    const d = p.slope(y);
    let next = y - f / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (
      Math.abs(next - y) <= 1e-16 * Math.max(1, Math.abs(y)) ||
      hi - lo <= 2e-16 * Math.max(1, Math.abs(y))
    ) {
      y = next;
      break;
    }
    y = next;
  }
  return negative ? 2 * p.x1 - y : y;
}
