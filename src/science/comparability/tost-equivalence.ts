/**
 * Equivalence of two process means by two one-sided tests (TOST; Schuirmann 1987, J Pharmacokinet Biopharm
 * 15:657) on Welch's statistics: H0₁ μa − μb ≤ −Δ and H0₂ μa − μb ≥ +Δ, each rejected at α; the processes are
 * equivalent when both are, which is the same as the (1 − 2α) confidence interval of the difference lying
 * inside (−Δ, +Δ). Δ is given as a percentage of the reference group's mean (group B), as comparability
 * protocols state margins (ICH Q5E: "highly similar"; EMA/CHMP/BWP/247713/2012 equivalence margins).
 * Same numbers as TOSTER `t_TOST(..., eqb = Δ)` (Welch) and SciPy `ttest_ind(a ± Δ, b, equal_var=False,
 * alternative=…)`.
 */
import { studentTCdf, studentTQuantile } from '../pk/fitting/student-t.ts';
import { type WelchTTestResult, welchTTest } from './welch-t-test.ts';

/** α of each one-sided test: 0.05, i.e. a 90 % confidence interval (Schuirmann 1987; FDA bioequivalence guidance). */
export const DEFAULT_TOST_ALPHA = 0.05;

export interface TostResult {
  /** Margin as given, in % of the reference (B) mean. */
  marginPct: number;
  /** Δ in the metric's unit = marginPct / 100 × |mean of B|. */
  margin: number;
  alpha: number;
  welch: WelchTTestResult;
  /** H0: difference ≤ −Δ (t = (d + Δ)/se, upper-tail p). */
  lower: { t: number; pValue: number };
  /** H0: difference ≥ +Δ (t = (d − Δ)/se, lower-tail p). */
  upper: { t: number; pValue: number };
  /** max of the two one-sided p-values. */
  pValue: number;
  /** (1 − 2α) confidence interval of the difference a − b. */
  ciLow: number;
  ciHigh: number;
  equivalent: boolean;
}

/** TOST of group a (test) against group b (reference) with a margin in % of b's mean. */
export function tostEquivalence(
  a: readonly number[],
  b: readonly number[],
  marginPct: number,
  alpha = DEFAULT_TOST_ALPHA,
): TostResult {
  if (!(marginPct > 0 && Number.isFinite(marginPct))) throw new RangeError('the margin must be a positive %');
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError('alpha must be in (0, 0.5)');
  const welch = welchTTest(a, b);
  const margin = (marginPct / 100) * Math.abs(welch.b.mean);
  if (!(margin > 0)) throw new RangeError('the reference mean is 0: a margin in % of it is 0');
  const { difference: d, standardError: se, df } = welch;
  const tLower = (d + margin) / se;
  const tUpper = (d - margin) / se;
  const lower = { t: tLower, pValue: 1 - studentTCdf(tLower, df) };
  const upper = { t: tUpper, pValue: studentTCdf(tUpper, df) };
  const q = studentTQuantile(1 - alpha, df);
  const pValue = Math.max(lower.pValue, upper.pValue);
  return {
    marginPct,
    margin,
    alpha,
    welch,
    lower,
    upper,
    pValue,
    ciLow: d - q * se,
    ciHigh: d + q * se,
    equivalent: pValue < alpha,
  };
}
