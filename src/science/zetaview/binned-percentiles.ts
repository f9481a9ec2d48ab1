/**
 * Statistics of a binned size distribution the way Particle Metrix ZetaView computes them for its report:
 * the cumulative distribution is taken at the bin centres (F_i = Σ_{j≤i} w_j / Σ w) and percentiles X10,
 * X50, X90 are found by linear interpolation between the two centres whose cumulative values bracket the
 * fraction (ZetaView 8.05/8.06 PDF report, "X10/X50/X90"; ISO 9276-2:2014 §5 for the x_p notation).
 * Mean and SD are the weighted moments of the bin centres (population SD, divisor Σ w).
 */

export interface BinnedStats {
  d10Nm: number | null;
  d50Nm: number | null;
  d90Nm: number | null;
  meanNm: number | null;
  sdNm: number | null;
}

/** Percentile `fraction` (0–1) of the weights at bin centres; null for an empty distribution. */
export function percentileAtBinCentres(
  centresNm: readonly number[],
  weights: readonly number[],
  fraction: number,
): number | null {
  const n = Math.min(centresNm.length, weights.length);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, weights[i] as number);
  if (!(total > 0)) return null;
  let previousF = 0;
  let previousX: number | null = null;
  let cumulative = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.max(0, weights[i] as number);
    cumulative += w;
    const f = cumulative / total;
    const x = centresNm[i] as number;
    if (w > 0 && f >= fraction) {
      if (previousX === null || f === previousF) return x;
      return previousX + ((fraction - previousF) / (f - previousF)) * (x - previousX);
    }
    previousF = f;
    previousX = x;
  }
  return centresNm[n - 1] ?? null;
}

/** X10, X50, X90, mean and SD of a binned distribution (nulls when it is empty). */
export function binnedStats(centresNm: readonly number[], weights: readonly number[]): BinnedStats {
  const n = Math.min(centresNm.length, weights.length);
  let total = 0;
  let first = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.max(0, weights[i] as number);
    total += w;
    first += w * (centresNm[i] as number);
  }
  if (!(total > 0)) return { d10Nm: null, d50Nm: null, d90Nm: null, meanNm: null, sdNm: null };
  const mean = first / total;
  let second = 0;
  for (let i = 0; i < n; i++) {
    const d = (centresNm[i] as number) - mean;
    second += Math.max(0, weights[i] as number) * d * d;
  }
  return {
    d10Nm: percentileAtBinCentres(centresNm, weights, 0.1),
    d50Nm: percentileAtBinCentres(centresNm, weights, 0.5),
    d90Nm: percentileAtBinCentres(centresNm, weights, 0.9),
    meanNm: mean,
    sdNm: Math.sqrt(second / total),
  };
}
