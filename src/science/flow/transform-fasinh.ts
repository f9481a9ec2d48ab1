/**
 * Gating-ML 2.0 §6.4 parametrized inverse hyperbolic sine:
 * fasinh(x) = (asinh(x · sinh(M · ln 10) / T) + A · ln 10) / ((M + A) · ln 10).
 */
export function fasinh(x: number, T: number, M: number, A: number): number {
  return (Math.asinh((x * Math.sinh(M * Math.LN10)) / T) + A * Math.LN10) / ((M + A) * Math.LN10);
}
