/**
 * First Wasserstein (earth mover's) distance between two one-dimensional distributions,
 * W1(u, v) = ∫ |U(x) − V(x)| dx with U, V the cumulative distribution functions — the definition and
 * algorithm of scipy.stats.wasserstein_distance (SciPy 1.x, `_cdf_distance` with p = 1): sort the pooled
 * values, evaluate both weighted CDFs on each interval between consecutive values, sum |U − V| × width.
 * For size distributions the result is in nm: how far, on average, particles must move to turn one
 * distribution into the other.
 */

function validate(values: readonly number[], weights: readonly number[] | undefined, name: string): void {
  if (values.length === 0) throw new RangeError(`${name}: no values`);
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`${name}: values must be finite`);
  if (weights !== undefined) {
    if (weights.length !== values.length)
      throw new RangeError(`${name}: weights and values differ in length`);
    let total = 0;
    for (const w of weights) {
      if (!Number.isFinite(w) || w < 0) throw new RangeError(`${name}: weights must be finite and ≥ 0`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError(`${name}: weights sum to 0`);
  }
}

/** Weighted CDF of (values, weights) at each point of the sorted pooled grid (right-continuous). */
function cdfOn(
  grid: readonly number[],
  values: readonly number[],
  weights: readonly number[] | undefined,
): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const total = weights ? weights.reduce((s, w) => s + w, 0) : values.length;
  const out: number[] = [];
  let j = 0;
  let cumulative = 0;
  for (const x of grid) {
    while (j < order.length && (values[order[j] as number] as number) <= x) {
      cumulative += weights ? (weights[order[j] as number] as number) : 1;
      j++;
    }
    out.push(cumulative / total);
  }
  return out;
}

/**
 * W1 between samples `u` and `v`, optionally weighted (scipy.stats.wasserstein_distance(u_values,
 * v_values, u_weights, v_weights)). Throws RangeError for empty, non-finite or all-zero-weight input.
 */
export function wassersteinDistance(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  validate(u, uWeights, 'u');
  validate(v, vWeights, 'v');
  const grid = [...u, ...v].sort((a, b) => a - b);
  const U = cdfOn(grid, u, uWeights);
  const V = cdfOn(grid, v, vWeights);
  let distance = 0;
  for (let i = 0; i < grid.length - 1; i++)
    distance +=
      Math.abs((U[i] as number) - (V[i] as number)) * ((grid[i + 1] as number) - (grid[i] as number));
  return distance;
}

/** A binned distribution: bin centres (nm) and non-negative weights (counts or particles/mL). */
export interface BinnedDistribution {
  centresNm: readonly number[];
  weights: readonly number[];
}

/**
 * W1 between two binned size distributions (NTA 1 nm bins, ZetaView bins, TEM histograms): each bin's weight
 * sits at its centre, as scipy does with (values = centres, weights = bin contents). The bins of the two
 * distributions need not coincide.
 */
export function binnedWassersteinDistance(a: BinnedDistribution, b: BinnedDistribution): number {
  return wassersteinDistance(a.centresNm, b.centresNm, a.weights, b.weights);
}
