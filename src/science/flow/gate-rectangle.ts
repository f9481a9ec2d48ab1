/** Rectangle / range gate (Gating-ML 2.0 §4.1): every dimension min ≤ x < max; NaN is never inside. */
export function inRectangle(
  values: readonly number[],
  bounds: readonly { min?: number; max?: number }[],
): boolean {
  for (let i = 0; i < bounds.length; i++) {
    const v = values[i] as number;
    const b = bounds[i] as { min?: number; max?: number };
    if (Number.isNaN(v)) return false;
    if (b.min !== undefined && v < b.min) return false;
    if (b.max !== undefined && v >= b.max) return false;
  }
  return true;
}
