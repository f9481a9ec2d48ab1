/**
 * Size statistics of a binned (histogram) distribution: weighted mean, population SD, mode (centre of the
 * highest bin) and D10/D50/D90 by linear interpolation inside the bin that contains the percentile.
 *
 * Method (checked against NanoSight NTA 3.3's own Mean/SD/D10/D50/D90 rows on all 45 videos of the
 * reference exports in ../shared/reference/nanosight/20210401, to < 0.1 nm; mode to < 1 nm):
 * - mean = Σ wᵢ xᵢ / Σ wᵢ, SD = √(Σ wᵢ (xᵢ − mean)² / Σ wᵢ) (population form, as NTA reports it);
 * - percentile p: cumulative weight over the bins; p lies in the first bin whose cumulative reaches
 *   p·total; value = lower edge + (p·total − cumulative before the bin) / bin weight × bin width
 *   (the usual grouped-data percentile: density uniform within a class, as in the histogram
 *   representation of ISO 9276-1:1998).
 * Bin edges come from the spacing between centres, so any (also non-uniform) binning works.
 * An empty distribution (no positive weight) gives all nulls, never NaN.
 */
import type { NtaSizeStats } from './nta-report.ts';

/** Lower and upper edge of every bin, from the spacing of the centres (midpoints between neighbours). */
export function binEdges(binCenters: readonly number[]): { lower: number[]; upper: number[] } {
  const n = binCenters.length;
  const lower = new Array<number>(n);
  const upper = new Array<number>(n);
  if (n === 0) return { lower, upper };
  if (n === 1) {
    // A single bin carries no spacing information: treat it as 1 unit wide (NanoSight's 1 nm bins).
    const c = binCenters[0] as number;
    lower[0] = c - 0.5;
    upper[0] = c + 0.5;
    return { lower, upper };
  }
  for (let i = 0; i < n; i++) {
    const c = binCenters[i] as number;
    const prev = i > 0 ? (binCenters[i - 1] as number) : undefined;
    const next = i < n - 1 ? (binCenters[i + 1] as number) : undefined;
    lower[i] = prev !== undefined ? (prev + c) / 2 : c - ((next as number) - c) / 2;
    upper[i] = next !== undefined ? (c + next) / 2 : c + (c - (prev as number)) / 2;
  }
  return { lower, upper };
}

function weightAt(weights: readonly number[], i: number): number {
  const w = weights[i];
  // Negative or non-finite bin values carry no particles (NTA never writes them; guard anyway).
  return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
}

/** Total positive weight of a distribution. */
export function distributionTotal(weights: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weightAt(weights, i);
  return total;
}

/** True when no bin has a positive value. */
export function isEmptyDistribution(weights: readonly number[]): boolean {
  return distributionTotal(weights) === 0;
}

/**
 * Percentiles (fractions in [0, 1]) of a binned distribution by linear interpolation inside the bin.
 * Returns null for each requested fraction when the distribution is empty.
 */
export function distributionPercentiles(
  binCenters: readonly number[],
  weights: readonly number[],
  fractions: readonly number[],
): (number | null)[] {
  const n = Math.min(binCenters.length, weights.length);
  const total = distributionTotal(weights.slice(0, n));
  if (total === 0) return fractions.map(() => null);
  const { lower, upper } = binEdges(binCenters.slice(0, n));
  return fractions.map((fraction) => {
    if (!(fraction >= 0 && fraction <= 1))
      throw new RangeError(`percentile fraction out of [0, 1]: ${fraction}`);
    const target = fraction * total;
    let before = 0;
    for (let i = 0; i < n; i++) {
      const w = weightAt(weights, i);
      if (w === 0) continue;
      const after = before + w;
      if (after >= target) {
        const lo = lower[i] as number;
        const width = (upper[i] as number) - lo;
        const inside = Math.min(Math.max((target - before) / w, 0), 1);
        return lo + inside * width;
      }
      before = after;
    }
    // Only reachable through floating-point rounding at fraction = 1: the top edge of the last non-empty bin.
    for (let i = n - 1; i >= 0; i--) if (weightAt(weights, i) > 0) return upper[i] as number;
    return null;
  });
}

/** Mean, mode, SD, D10, D50, D90 of a binned distribution (units of the bin centres, nm for size). */
export function sizeDistributionStats(
  binCenters: readonly number[],
  weights: readonly number[],
): NtaSizeStats {
  const n = Math.min(binCenters.length, weights.length);
  let total = 0;
  let sum = 0;
  let modeIndex = -1;
  let modeWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = weightAt(weights, i);
    if (w === 0) continue;
    total += w;
    sum += w * (binCenters[i] as number);
    if (w > modeWeight) {
      modeWeight = w;
      modeIndex = i;
    }
  }
  if (total === 0 || modeIndex < 0) {
    return { meanNm: null, modeNm: null, sdNm: null, d10Nm: null, d50Nm: null, d90Nm: null };
  }
  const mean = sum / total;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const w = weightAt(weights, i);
    if (w === 0) continue;
    const d = (binCenters[i] as number) - mean;
    squares += w * d * d;
  }
  const [d10, d50, d90] = distributionPercentiles(binCenters, weights, [0.1, 0.5, 0.9]);
  return {
    meanNm: mean,
    modeNm: binCenters[modeIndex] as number,
    sdNm: Math.sqrt(squares / total),
    d10Nm: d10 ?? null,
    d50Nm: d50 ?? null,
    d90Nm: d90 ?? null,
  };
}

/** Mean and standard error of the mean (sample SD / √n) of values; SE is 0 for fewer than 2 values. */
export function meanAndStandardError(values: readonly number[]): { mean: number; standardError: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, standardError: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, standardError: 0 };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, standardError: Math.sqrt(squares / (n - 1)) / Math.sqrt(n) };
}

/**
 * Average and standard error over videos of per-video statistics, the way NTA fills its Average and
 * Standard Error columns (checked on the reference exports: Mean 92.0, 86.0, 91.9, 84.4, 85.4 → 87.9 ± 1.7).
 * NTA counts an empty video's 0.0 placeholders, so null counts as 0 here. Rounded to `digits` decimals.
 */
export function averageSizeStats(
  perVideo: readonly NtaSizeStats[],
  digits = 1,
): { average: NtaSizeStats; standardError: NtaSizeStats } {
  const keys: (keyof NtaSizeStats)[] = ['meanNm', 'modeNm', 'sdNm', 'd10Nm', 'd50Nm', 'd90Nm'];
  const f = 10 ** digits;
  const average = {} as NtaSizeStats;
  const standardError = {} as NtaSizeStats;
  for (const key of keys) {
    const { mean, standardError: se } = meanAndStandardError(perVideo.map((s) => s[key] ?? 0));
    average[key] = perVideo.length ? Math.round(mean * f) / f : null;
    standardError[key] = perVideo.length ? Math.round(se * f) / f : null;
  }
  return { average, standardError };
}

/** Rounds every statistic to `digits` decimals (NTA exports 1 decimal). */
export function roundSizeStats(s: NtaSizeStats, digits = 1): NtaSizeStats {
  const f = 10 ** digits;
  const r = (v: number | null) => (v === null ? null : Math.round(v * f) / f);
  return {
    meanNm: r(s.meanNm),
    modeNm: r(s.modeNm),
    sdNm: r(s.sdNm),
    d10Nm: r(s.d10Nm),
    d50Nm: r(s.d50Nm),
    d90Nm: r(s.d90Nm),
  };
}
