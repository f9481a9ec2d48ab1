/**
 * Two-sample Kolmogorov–Smirnov statistic D = sup_x |U(x) − V(x)| between two distributions (as
 * scipy.stats.ks_2samp computes it), with the asymptotic p-value from the Kolmogorov distribution,
 * P(K > λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²} at λ = √(n m/(n + m)) · D (Kolmogorov 1933; Smirnov 1948;
 * the "asymp" mode of ks_2samp uses the same limit). For binned distributions the effective sample sizes
 * must be given (counts of tracked particles), since concentrations carry no sample size.
 */

/** P(K > λ) for the Kolmogorov distribution (the survival function of scipy.stats.kstwobign). */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 0.2) return 1; // the series converges slowly here and the value is 1 − O(1e-20)
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

function cumulative(sorted: readonly number[], x: number, from: number): { count: number; next: number } {
  let j = from;
  while (j < sorted.length && (sorted[j] as number) <= x) j++;
  return { count: j, next: j };
}

export interface KsResult {
  statistic: number;
  /** Where the largest CDF difference occurs (the pooled value). */
  locationNm: number;
  /** Asymptotic two-sided p-value (null when sample sizes are unknown). */
  pValue: number | null;
}

/** Two-sample KS test on raw samples (e.g. per-particle TEM diameters vs per-track NTA diameters). */
export function ksTwoSample(u: readonly number[], v: readonly number[]): KsResult {
  if (u.length === 0 || v.length === 0) throw new RangeError('both samples need at least one value');
  for (const x of [...u, ...v]) if (!Number.isFinite(x)) throw new RangeError('values must be finite');
  const a = [...u].sort((p, q) => p - q);
  const b = [...v].sort((p, q) => p - q);
  const grid = [...a, ...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let best = 0;
  let at = grid[0] as number;
  for (const x of grid) {
    const ca = cumulative(a, x, i);
    const cb = cumulative(b, x, j);
    i = ca.next;
    j = cb.next;
    const d = Math.abs(ca.count / a.length - cb.count / b.length);
    if (d > best) {
      best = d;
      at = x;
    }
  }
  const n = a.length;
  const m = b.length;
  return { statistic: best, locationNm: at, pValue: kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * best) };
}

/**
 * KS statistic between two binned distributions (weights at bin centres). `sampleSizes` (e.g. valid tracks
 * of each measurement) give the asymptotic p-value; without them it is null.
 */
export function binnedKolmogorovSmirnov(
  a: { centresNm: readonly number[]; weights: readonly number[] },
  b: { centresNm: readonly number[]; weights: readonly number[] },
  sampleSizes?: { a: number; b: number },
): KsResult {
  const totalA = a.weights.reduce((s, w) => s + Math.max(0, w), 0);
  const totalB = b.weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (!(totalA > 0) || !(totalB > 0)) throw new RangeError('both distributions need a positive total');
  const points = [
    ...a.centresNm.map((x, i) => ({ x, wa: Math.max(0, a.weights[i] ?? 0), wb: 0 })),
    ...b.centresNm.map((x, i) => ({ x, wa: 0, wb: Math.max(0, b.weights[i] ?? 0) })),
  ].sort((p, q) => p.x - q.x);
  let ca = 0;
  let cb = 0;
  let best = 0;
  let at = points[0]?.x ?? 0;
  for (let k = 0; k < points.length; k++) {
    const p = points[k] as { x: number; wa: number; wb: number };
    ca += p.wa;
    cb += p.wb;
    if (k + 1 < points.length && (points[k + 1] as { x: number }).x === p.x) continue; // ties: after the last
    const d = Math.abs(ca / totalA - cb / totalB);
    if (d > best) {
      best = d;
      at = p.x;
    }
  }
  const pValue =
    sampleSizes && sampleSizes.a > 0 && sampleSizes.b > 0
      ? kolmogorovSurvival(
          Math.sqrt((sampleSizes.a * sampleSizes.b) / (sampleSizes.a + sampleSizes.b)) * best,
        )
      : null;
  return { statistic: best, locationNm: at, pValue };
}
