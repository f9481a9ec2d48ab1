/**
 * Per-channel summary statistics of flow events, stored as a flow measurement's metrics: count, mean, median,
 * robust SD and robust CV (rSD = 0.7413 × IQR, the normal-consistent scale of the interquartile range;
 * FlowJo's "robust CV" is rCV = 100 × ½(P84.13 − P15.87) / median, used here), and the 1st/99th percentiles.
 */
import { percentile } from './ev-controls.ts';

export interface FlowChannelStatistics {
  name: string;
  label: string | null;
  count: number;
  mean: number;
  median: number;
  p1: number;
  p99: number;
  /** 100 × ½(P84.13 − P15.87) / median (FlowJo rCV). */
  robustCvPercent: number;
}

export interface FlowMetrics {
  kind: 'flow';
  file: string;
  version: string;
  datasets: number;
  events: number;
  channels: FlowChannelStatistics[];
  spillover: boolean;
  warnings: string[];
}

export function channelStatistics(
  name: string,
  label: string | null,
  values: ArrayLike<number>,
): FlowChannelStatistics {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  const median = percentile(values, 50);
  const lo = percentile(values, 15.87);
  const hi = percentile(values, 84.13);
  return {
    name,
    label,
    count: n,
    mean: n ? sum / n : Number.NaN,
    median,
    p1: percentile(values, 1),
    p99: percentile(values, 99),
    robustCvPercent: median !== 0 ? (100 * 0.5 * (hi - lo)) / Math.abs(median) : Number.NaN,
  };
}
