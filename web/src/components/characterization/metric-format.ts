import type { BatchMetric } from '../../../../src/jobs/batch-metrics/batch-metric.ts';

/** A metric value for display: large/small numbers in scientific notation, 3–4 significant digits. */
export function formatMetricValue(value: BatchMetric['value']): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  const a = Math.abs(value);
  if (a !== 0 && (a >= 1e5 || a < 1e-2)) {
    const [m, e] = value.toExponential(2).split('e');
    return `${m} × 10${toSuperscript(Number(e))}`;
  }
  return String(Number(value.toPrecision(4)));
}

const SUP: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
function toSuperscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');
}

export const QC_LABEL: Record<string, string> = { pass: 'pass', warn: 'check', fail: 'fail', info: 'info' };
