import { attributeChart, type CountSample, checkCounts } from './attribute-chart.ts';
import type { ControlChart } from './control-chart.ts';

/**
 * u chart (nonconformities per unit, varying sample size), as qcc's type "u": ū = Σcᵢ/Σnᵢ, limits
 * ū ± 3√(ū/nᵢ), LCL clamped at 0 (Montgomery, Introduction to SQC, 7th ed., §7.3.1).
 */
export function uChart(samples: readonly CountSample[]): ControlChart {
  checkCounts(samples, 'u', true);
  const uBar = samples.reduce((a, s) => a + s.count, 0) / samples.reduce((a, s) => a + s.size, 0);
  return attributeChart(
    'u',
    samples,
    samples.map((s) => s.count / s.size),
    samples.map(() => uBar),
    samples.map((s) => Math.sqrt(uBar / s.size)),
    Math.sqrt(uBar),
  );
}
