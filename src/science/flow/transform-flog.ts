/** Gating-ML 2.0 §6.3 flog: (1/M) · log10(x/T) + 1, defined for x > 0 (NaN otherwise: no gate contains it). */
export function flog(x: number, T: number, M: number): number {
  if (!(x > 0)) return Number.NaN;
  return Math.log10(x / T) / M + 1;
}
