/**
 * One metric compared between two processes (A = test, B = reference): Welch's t-test and TOST
 * equivalence with a margin in % of B's mean, and a verdict a QA reader can act on:
 * - equivalent: TOST rejects both one-sided nulls (the 90 % CI lies inside ±Δ);
 * - not-equivalent: it does not (the difference may be real or the data too few to show equivalence);
 * - insufficient-data: fewer than 2 values in a group, or no variance at all.
 */
import { type TostResult, tostEquivalence } from './tost-equivalence.ts';
import { type SampleSummary, summarize } from './welch-t-test.ts';

export type ComparabilityVerdict = 'equivalent' | 'not-equivalent' | 'insufficient-data';

export interface MetricComparison {
  metric: string;
  a: SampleSummary;
  b: SampleSummary;
  tost: TostResult | null;
  verdict: ComparabilityVerdict;
  /** Why there is no test (insufficient-data). */
  note: string | null;
}

export function compareMetric(
  metric: string,
  a: readonly number[],
  b: readonly number[],
  marginPct: number,
  alpha?: number,
): MetricComparison {
  const base = { metric, a: summarize(a), b: summarize(b) };
  if (a.length < 2 || b.length < 2)
    return {
      ...base,
      tost: null,
      verdict: 'insufficient-data',
      note: `needs at least 2 batches with a value in each group (A ${a.length}, B ${b.length})`,
    };
  try {
    const tost = tostEquivalence(a, b, marginPct, alpha);
    return { ...base, tost, verdict: tost.equivalent ? 'equivalent' : 'not-equivalent', note: null };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ...base, tost: null, verdict: 'insufficient-data', note: error.message };
  }
}
