/**
 * Ellipsoid gate (Gating-ML 2.0 §4.3): inside when (x − μ)ᵀ Σ⁻¹ (x − μ) ≤ distanceSquare, in any number of
 * dimensions (an ellipse in two).
 */
import { inverse, Matrix } from 'ml-matrix';

export function ellipsoidTest(
  mean: readonly number[],
  covariance: number[][],
  distanceSquare: number,
): (values: readonly number[]) => boolean {
  const inv = inverse(new Matrix(covariance)).to2DArray();
  const n = mean.length;
  const diff = new Float64Array(n);
  return (values) => {
    for (let i = 0; i < n; i++) diff[i] = (values[i] as number) - (mean[i] as number);
    let d2 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += ((inv[i] as number[])[j] as number) * (diff[j] as number);
      d2 += (diff[i] as number) * s;
    }
    return d2 <= distanceSquare; // NaN compares false: never inside
  };
}
