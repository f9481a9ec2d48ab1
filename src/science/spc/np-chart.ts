import { attributeChart, type CountSample, checkCounts } from './attribute-chart.ts';
import { type ControlChart, SpcInputError } from './control-chart.ts';

/**
 * np chart (number nonconforming), as qcc's type "np": p̄ = ΣDᵢ/Σnᵢ, centre nᵢp̄, limits
 * nᵢp̄ ± 3√(nᵢp̄(1 − p̄)) clamped to [0, nᵢ] (Montgomery, Introduction to SQC, 7th ed., §7.2.1).
 */
export function npChart(samples: readonly CountSample[]): ControlChart {
  checkCounts(samples, 'np', true);
  samples.forEach((s, i) => {
    if (s.count > s.size) throw new SpcInputError(`count ${i + 1} (${s.count}) exceeds its size (${s.size})`);
  });
  const pBar = samples.reduce((a, s) => a + s.count, 0) / samples.reduce((a, s) => a + s.size, 0);
  const chart = attributeChart(
    'np',
    samples,
    samples.map((s) => s.count),
    samples.map((s) => s.size * pBar),
    samples.map((s) => Math.sqrt(s.size * pBar * (1 - pBar))),
    Math.sqrt(pBar * (1 - pBar)),
  );
  for (const p of chart.points) p.ucl = Math.min(p.ucl, p.size);
  return chart;
}
