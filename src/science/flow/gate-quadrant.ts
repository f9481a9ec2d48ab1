/**
 * Quadrant gate (Gating-ML 2.0 §4.4): dividers split each dimension at ordered values into intervals
 * [v_k, v_{k+1}) (the first and last unbounded); a quadrant is named by one location per divider, and holds
 * the events that fall into the same interval as that location on every divider.
 */
export function intervalIndex(value: number, splits: readonly number[]): number {
  if (Number.isNaN(value)) return -1;
  let k = 0;
  while (k < splits.length && value >= (splits[k] as number)) k++;
  return k;
}
