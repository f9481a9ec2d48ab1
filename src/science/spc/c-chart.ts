import { attributeChart, type CountSample, checkCounts } from './attribute-chart.ts';
import type { ControlChart } from './control-chart.ts';

/**
 * c chart (nonconformities per inspection unit of constant size), as qcc's type "c": centre c̄ = mean count,
 * limits c̄ ± 3√c̄, LCL clamped at 0 (Montgomery, Introduction to SQC, 7th ed., §7.3.1).
 */
export function cChart(counts: readonly number[], labels?: readonly string[]): ControlChart {
  const samples: CountSample[] = counts.map((count, i) => ({
    count,
    size: 1,
    ...(labels?.[i] !== undefined ? { label: labels[i] } : {}),
  }));
  checkCounts(samples, 'c', true);
  const cBar = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sd = Math.sqrt(cBar);
  return attributeChart(
    'c',
    samples,
    [...counts],
    counts.map(() => cBar),
    counts.map(() => sd),
    sd,
  );
}
