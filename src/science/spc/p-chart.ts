import { attributeChart, type CountSample, checkCounts } from './attribute-chart.ts';
import { type ControlChart, SpcInputError } from './control-chart.ts';

/**
 * p chart (fraction nonconforming), as qcc's type "p": p̄ = ΣDᵢ/Σnᵢ, σ = √(p̄(1 − p̄)), limits
 * p̄ ± 3√(p̄(1 − p̄)/nᵢ) clamped to [0, 1] (Montgomery, Introduction to SQC, 7th ed., §7.2).
 */
export function pChart(samples: readonly CountSample[]): ControlChart {
  checkCounts(samples, 'p', true);
  samples.forEach((s, i) => {
    if (s.count > s.size) throw new SpcInputError(`count ${i + 1} (${s.count}) exceeds its size (${s.size})`);
  });
  const pBar = samples.reduce((a, s) => a + s.count, 0) / samples.reduce((a, s) => a + s.size, 0);
  const sd = Math.sqrt(pBar * (1 - pBar));
  return attributeChart(
    'p',
    samples,
    samples.map((s) => s.count / s.size),
    samples.map(() => pBar),
    samples.map((s) => sd / Math.sqrt(s.size)),
    sd,
    1,
  );
}
