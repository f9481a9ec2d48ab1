import { type ChartPoint, type ControlChart, requireFinite, SpcInputError } from './control-chart.ts';
import { D4, d2 } from './control-chart-constants.ts';
import { nelsonRules } from './nelson-rules.ts';

/**
 * Individuals and moving-range (I-MR) chart, as qcc's type "xbar.one" with std.dev "MR":
 * σ = MR̄ / d2(2), d2(2) = 2/√π (Montgomery, Introduction to SQC, 7th ed., §6.4); limits centre ± 3σ.
 * Moving-range chart: centre MR̄, UCL = D4(2)·MR̄, LCL = D3(2)·MR̄ = 0.
 */
export function individualsChart(values: readonly number[], labels?: readonly string[]): ControlChart {
  requireFinite(values, 'value');
  if (values.length < 2) throw new SpcInputError('an individuals chart needs at least 2 values');
  const n = values.length;
  const center = values.reduce((a, b) => a + b, 0) / n;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - (values[i] as number)));
  const mrCenter = ranges.reduce((a, b) => a + b, 0) / ranges.length;
  const sigma = mrCenter / d2(2);
  const lcl = center - 3 * sigma;
  const ucl = center + 3 * sigma;
  const rules = nelsonRules({
    values,
    centers: values.map(() => center),
    sigmas: values.map(() => sigma),
  });
  const points: ChartPoint[] = values.map((value, index) => ({
    index,
    value,
    center,
    lcl,
    ucl,
    sigma,
    size: 1,
    rules: rules[index] as number[],
    ...(labels?.[index] !== undefined ? { label: labels[index] } : {}),
  }));
  const mrUcl = D4(2) * mrCenter;
  return {
    chart: 'imr',
    center,
    sigma,
    lcl,
    ucl,
    mrCenter,
    mrUcl,
    points,
    dispersion: {
      chart: 'mr',
      center: mrCenter,
      lcl: 0,
      ucl: mrUcl,
      points: ranges.map((value, i) => ({ index: i + 1, value, beyondLimits: value > mrUcl })),
    },
  };
}
