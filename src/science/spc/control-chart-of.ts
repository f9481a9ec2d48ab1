import { cChart } from './c-chart.ts';
import type { ChartType, ControlChart } from './control-chart.ts';
import { SpcInputError } from './control-chart.ts';
import { individualsChart } from './individuals-chart.ts';
import { npChart } from './np-chart.ts';
import { pChart } from './p-chart.ts';
import { groupBySubgroup } from './subgroups.ts';
import { uChart } from './u-chart.ts';
import { xbarRChart } from './xbar-r-chart.ts';
import { xbarSChart } from './xbar-s-chart.ts';

/** Column data for any chart: values, optional subgroup keys (X̄), optional sizes (p, np, u). */
export interface ChartData {
  values: readonly number[];
  subgroups?: readonly string[];
  sizes?: readonly number[];
  labels?: readonly string[];
}

/** Dispatches to the chart of the given type (the CLI and API entry point). */
export function controlChartOf(chart: ChartType, data: ChartData): ControlChart {
  const samples = () => {
    if (!data.sizes) throw new SpcInputError(`a ${chart} chart needs sample sizes (--size)`);
    const sizes = data.sizes;
    return data.values.map((count, i) => ({
      count,
      size: sizes[i] as number,
      ...(data.labels?.[i] !== undefined ? { label: data.labels[i] as string } : {}),
    }));
  };
  switch (chart) {
    case 'imr':
      return individualsChart(data.values, data.labels);
    case 'xbar-r':
    case 'xbar-s': {
      if (!data.subgroups) throw new SpcInputError(`a ${chart} chart needs a subgroup column (--subgroup)`);
      const groups = groupBySubgroup(data.values, data.subgroups);
      return chart === 'xbar-r' ? xbarRChart(groups) : xbarSChart(groups);
    }
    case 'p':
      return pChart(samples());
    case 'np':
      return npChart(samples());
    case 'c':
      return cChart(data.values, data.labels);
    case 'u':
      return uChart(samples());
  }
}
