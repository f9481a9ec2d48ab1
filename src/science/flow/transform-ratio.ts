/** Gating-ML 2.0 §6.7 fratio: A · (x − B) / (y − C), a new dimension from two channels. */
export function fratio(x: number, y: number, A: number, B: number, C: number): number {
  return (A * (x - B)) / (y - C);
}
