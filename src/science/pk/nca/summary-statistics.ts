/**
 * Summary of one NCA parameter across subjects, as PK reports tabulate it (n, arithmetic mean, SD, CV%,
 * geometric mean, geometric CV%, median, min, max). Formulas:
 * - SD: sample standard deviation (n − 1 denominator), as R's `sd()` and Phoenix WinNonlin's Descriptive
 *   Statistics report.
 * - CV% = 100 · SD / mean.
 * - Geometric mean = exp(mean(ln x)); geometric CV% = 100 · √(exp(s²) − 1), s the SD of ln x
 *   (FDA Guidance "Statistical Approaches to Establishing Bioequivalence", 2001, Appendix; the same formula
 *   as PKNCA's `geocv`). Both only when every value is > 0 (a zero or negative value has no logarithm).
 * - Median: middle value, or the mean of the two middle values (R's `median()`, type 7 quantile at 0.5).
 * Missing values (null, NaN, ±Infinity) are counted in `nMissing` and left out, so a subject without a
 * terminal phase does not hide the others.
 */

export interface SummaryStatistics {
  /** Values summarised (finite numbers). */
  n: number;
  /** Values left out because they were missing or not finite. */
  nMissing: number;
  mean: number | null;
  /** Sample SD (n − 1); null for n < 2. */
  sd: number | null;
  /** 100 · SD / mean; null for n < 2 or mean 0. */
  cvPercent: number | null;
  /** exp(mean(ln x)); null unless every value is > 0. */
  geometricMean: number | null;
  /** 100 · √(exp(s²) − 1); null unless every value is > 0 and n ≥ 2. */
  geometricCvPercent: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

function sampleSd(values: readonly number[], mean: number): number | null {
  if (values.length < 2) return null;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

export function summaryStatistics(values: readonly (number | null | undefined)[]): SummaryStatistics {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const n = finite.length;
  const nMissing = values.length - n;
  if (n === 0) {
    return {
      n,
      nMissing,
      mean: null,
      sd: null,
      cvPercent: null,
      geometricMean: null,
      geometricCvPercent: null,
      median: null,
      min: null,
      max: null,
    };
  }
  const sorted = [...finite].sort((a, b) => a - b);
  const mean = finite.reduce((s, v) => s + v, 0) / n;
  const sd = sampleSd(finite, mean);
  const mid = Math.floor(n / 2);
  const median =
    n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const positive = finite.every((v) => v > 0);
  let geometricMean: number | null = null;
  let geometricCvPercent: number | null = null;
  if (positive) {
    const logs = finite.map(Math.log);
    const logMean = logs.reduce((s, v) => s + v, 0) / n;
    geometricMean = Math.exp(logMean);
    const logSd = sampleSd(logs, logMean);
    geometricCvPercent = logSd === null ? null : 100 * Math.sqrt(Math.exp(logSd ** 2) - 1);
  }
  return {
    n,
    nMissing,
    mean,
    sd,
    cvPercent: sd === null || mean === 0 ? null : (100 * sd) / mean,
    geometricMean,
    geometricCvPercent,
    median,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
  };
}

/** AUC extrapolation (AUC_%Extrap) above which AUC∞ is usually not reported as reliable (EMA Guideline on the investigation of bioequivalence, CPMP/EWP/QWP/1401/98 Rev. 1, 2010, §4.1.8: "> 20 %"). */
export const AUC_EXTRAPOLATION_LIMIT_PERCENT = 20;
