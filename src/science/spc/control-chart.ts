/**
 * The result every control chart returns: the contract of `evlab spc chart --json` and of the QC page.
 * Points are in input order, index from 0. Limits may vary per point (X̄ with unequal subgroup sizes, p and
 * u charts with varying sample sizes); the top-level `lcl`/`ucl` are then null and each point carries its own.
 */
export const CHART_TYPES = ['imr', 'xbar-r', 'xbar-s', 'p', 'np', 'c', 'u'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartPoint {
  index: number;
  /** The charted statistic: the value (I), the subgroup mean (X̄), the proportion (p), the count (np, c), u. */
  value: number;
  /** Centre line and 3σ limits at this point (lcl clamped at 0 for ranges, SDs and counts, as qcc does). */
  center: number;
  lcl: number;
  ucl: number;
  /** Standard deviation of the charted statistic at this point (the zone width for Nelson rules). */
  sigma: number;
  /** Subgroup or sample size behind the point (1 for individuals). */
  size: number;
  /** Nelson rules (1–8) this point completes, ascending; empty when none. */
  rules: number[];
  /** Label from the input (subgroup name, batch code), when given. */
  label?: string;
}

/** A dispersion chart drawn under the main one: moving range (I-MR), range (X̄-R) or SD (X̄-S). */
export interface DispersionChart {
  chart: 'mr' | 'r' | 's';
  center: number;
  lcl: number;
  ucl: number;
  points: { index: number; value: number; beyondLimits: boolean }[];
}

export interface ControlChart {
  chart: ChartType;
  center: number;
  /**
   * Process standard deviation as qcc reports it (std.dev): MR̄/d2 (I-MR), the pooled R/d2 or S/c4
   * estimate (X̄-R, X̄-S), √(p̄(1 − p̄)) (p, np), √c̄ (c), √ū (u).
   */
  sigma: number;
  /** Limits when constant over the chart; null when they vary with the subgroup or sample size. */
  lcl: number | null;
  ucl: number | null;
  /** Moving-range chart centre and UCL (I-MR only; null otherwise). */
  mrCenter: number | null;
  mrUcl: number | null;
  points: ChartPoint[];
  dispersion: DispersionChart | null;
}

export class SpcInputError extends Error {
  override readonly name = 'SpcInputError';
}

/** Throws SpcInputError unless every value is finite. */
export function requireFinite(values: readonly number[], what: string): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new SpcInputError(`${what} ${i + 1} is not a finite number`);
  });
}

/** The top-level limit when all points share it, else null. */
export function commonLimit(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const first = values[0] as number;
  return values.every((v) => Math.abs(v - first) <= 1e-12 * Math.max(1, Math.abs(first))) ? first : null;
}
