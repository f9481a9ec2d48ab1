import type { ControlChart } from './control-chart.ts';
import { c4 } from './control-chart-constants.ts';
import { checkSubgroups, type Subgroup, sampleSd } from './subgroups.ts';
import { subgroupChart } from './xbar-r-chart.ts';

/**
 * X̄ and S chart for replicate groups, as qcc's type "xbar" with std.dev "UWAVE-SD":
 * σ = Σ hᵢ sᵢ/c4(nᵢ) / Σ hᵢ with hᵢ = c4(nᵢ)²/(1 − c4(nᵢ)²) (equal sizes: σ = s̄/c4(n)); limits of X̄ as for
 * X̄-R. S chart: centre c4σ, limits c4σ ± 3σ√(1 − c4²), LCL clamped at 0 (Montgomery, 7th ed., §6.3).
 */
export function xbarSChart(groups: readonly Subgroup[]): ControlChart {
  checkSubgroups(groups);
  const sizes = groups.map((g) => g.values.length);
  const sds = groups.map((g) => sampleSd(g.values));
  const weights = sizes.map((n) => c4(n) ** 2 / (1 - c4(n) ** 2));
  const sigma =
    sds.reduce((a, s, i) => a + ((weights[i] as number) * s) / c4(sizes[i] as number), 0) /
    weights.reduce((a, b) => a + b, 0);
  return subgroupChart('xbar-s', groups, sigma, {
    chart: 's',
    values: sds,
    centerOf: (n) => c4(n) * sigma,
    halfWidthOf: (n) => 3 * sigma * Math.sqrt(1 - c4(n) ** 2),
  });
}
