/** Gating-ML 2.0 §6.2 flin: (x + A) / (T + A). T > 0, 0 ≤ A ≤ T. */
export function flin(x: number, T: number, A: number): number {
  return (x + A) / (T + A);
}
