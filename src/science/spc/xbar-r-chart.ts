import { type ControlChart, commonLimit } from './control-chart.ts';
import { d2, d3 } from './control-chart-constants.ts';
import { nelsonRules } from './nelson-rules.ts';
import { checkSubgroups, mean, type Subgroup } from './subgroups.ts';

/**
 * X̄ and R chart for replicate groups, as qcc's type "xbar" with std.dev "UWAVE-R":
 * σ = Σ hᵢ Rᵢ/d2(nᵢ) / Σ hᵢ with hᵢ = d2(nᵢ)²/d3(nᵢ)² (equal sizes: σ = R̄/d2(n));
 * centre = grand mean of all values; limits centre ± 3σ/√nᵢ. R chart: centre d2(n)σ, limits d2σ ± 3d3σ,
 * LCL clamped at 0 (Montgomery, Introduction to SQC, 7th ed., §6.2; ASTM E2587-16 §9).
 */
export function xbarRChart(groups: readonly Subgroup[]): ControlChart {
  checkSubgroups(groups);
  const sizes = groups.map((g) => g.values.length);
  const ranges = groups.map((g) => Math.max(...g.values) - Math.min(...g.values));
  const weights = sizes.map((n) => (d2(n) / d3(n)) ** 2);
  const sigma =
    ranges.reduce((a, r, i) => a + ((weights[i] as number) * r) / d2(sizes[i] as number), 0) /
    weights.reduce((a, b) => a + b, 0);
  return subgroupChart('xbar-r', groups, sigma, {
    chart: 'r',
    values: ranges,
    centerOf: (n) => d2(n) * sigma,
    halfWidthOf: (n) => 3 * d3(n) * sigma,
  });
}

export interface DispersionSpec {
  chart: 'r' | 's';
  values: number[];
  centerOf: (n: number) => number;
  halfWidthOf: (n: number) => number;
}

/** The X̄ part shared by X̄-R and X̄-S, plus the dispersion chart. */
export function subgroupChart(
  chart: 'xbar-r' | 'xbar-s',
  groups: readonly Subgroup[],
  sigma: number,
  dispersion: DispersionSpec,
): ControlChart {
  const sizes = groups.map((g) => g.values.length);
  const means = groups.map((g) => mean(g.values));
  const all = groups.flatMap((g) => g.values);
  const center = mean(all);
  const sigmas = sizes.map((n) => sigma / Math.sqrt(n));
  const rules = nelsonRules({ values: means, centers: means.map(() => center), sigmas });
  const points = means.map((value, index) => {
    const s = sigmas[index] as number;
    return {
      index,
      value,
      center,
      lcl: center - 3 * s,
      ucl: center + 3 * s,
      sigma: s,
      size: sizes[index] as number,
      rules: rules[index] as number[],
      label: (groups[index] as Subgroup).label,
    };
  });
  const dCenters = sizes.map((n) => dispersion.centerOf(n));
  const dUcls = sizes.map((n, i) => (dCenters[i] as number) + dispersion.halfWidthOf(n));
  const dLcls = sizes.map((n, i) => Math.max(0, (dCenters[i] as number) - dispersion.halfWidthOf(n)));
  return {
    chart,
    center,
    sigma,
    lcl: commonLimit(points.map((p) => p.lcl)),
    ucl: commonLimit(points.map((p) => p.ucl)),
    mrCenter: null,
    mrUcl: null,
    points,
    dispersion: {
      chart: dispersion.chart,
      center: commonLimit(dCenters) ?? mean(dCenters),
      lcl: commonLimit(dLcls) ?? Math.min(...dLcls),
      ucl: commonLimit(dUcls) ?? Math.max(...dUcls),
      points: dispersion.values.map((value, index) => ({
        index,
        value,
        beyondLimits: value > (dUcls[index] as number) || value < (dLcls[index] as number),
      })),
    },
  };
}
