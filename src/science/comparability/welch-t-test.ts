/**
 * Welch's two-sample t-test (unequal variances): t = (x̄a − x̄b) / √(sa²/na + sb²/nb) with the
 * Welch–Satterthwaite degrees of freedom ν = (sa²/na + sb²/nb)² / [(sa²/na)²/(na − 1) + (sb²/nb)²/(nb − 1)]
 * (Welch 1947, Biometrika 34:28; Satterthwaite 1946, Biometrics Bull 2:110). Same result as R
 * `t.test(x, y)` (var.equal = FALSE is R's default) and SciPy `ttest_ind(a, b, equal_var=False)`.
 */
import { studentTCdf, studentTQuantile } from '../pk/fitting/student-t.ts';

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
}

export interface WelchTTestResult {
  a: SampleSummary;
  b: SampleSummary;
  /** x̄a − x̄b. */
  difference: number;
  standardError: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  confidenceLevel: number;
  /** Confidence interval of x̄a − x̄b at `confidenceLevel`. */
  ciLow: number;
  ciHigh: number;
}

export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN };
}

function checkSample(values: readonly number[], name: string): void {
  if (values.length < 2) throw new RangeError(`group ${name} needs at least 2 values (has ${values.length})`);
  for (const v of values)
    if (!Number.isFinite(v)) throw new RangeError(`group ${name} has a non-finite value`);
}

/** Welch's t-test of a against b; `confidenceLevel` defaults to 0.95 (R t.test conf.level default). */
export function welchTTest(
  a: readonly number[],
  b: readonly number[],
  confidenceLevel = 0.95,
): WelchTTestResult {
  checkSample(a, 'A');
  checkSample(b, 'B');
  if (!(confidenceLevel > 0 && confidenceLevel < 1))
    throw new RangeError('confidence level must be in (0, 1)');
  const sa = summarize(a);
  const sb = summarize(b);
  const va = sa.sd ** 2 / sa.n;
  const vb = sb.sd ** 2 / sb.n;
  const standardError = Math.sqrt(va + vb);
  if (!(standardError > 0))
    throw new RangeError('both groups have zero variance: the t statistic is undefined');
  const df = (va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1));
  const difference = sa.mean - sb.mean;
  const t = difference / standardError;
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const q = studentTQuantile(1 - (1 - confidenceLevel) / 2, df);
  return {
    a: sa,
    b: sb,
    difference,
    standardError,
    t,
    df,
    pValue,
    confidenceLevel,
    ciLow: difference - q * standardError,
    ciHigh: difference + q * standardError,
  };
}
