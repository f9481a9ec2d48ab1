import type { BatchMetric } from '../../../../src/jobs/batch-metrics/batch-metric.ts';
import { formatSignificant } from '../../lib/format.ts';

/** A metric value for display in the UI's one number format (lib/format.ts): 3 significant digits, ×10ⁿ. */
export function formatMetricValue(value: BatchMetric['value']): string {
  if (typeof value === 'string') return value;
  return formatSignificant(value, 3);
}

export const QC_LABEL: Record<string, string> = { pass: 'pass', warn: 'check', fail: 'fail', info: 'info' };
