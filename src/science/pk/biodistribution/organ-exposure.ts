/**
 * Exposure of one organ over time from its mean values: AUC by the linear trapezoidal rule between the
 * first and the last sampled time (no extrapolation; destructive sampling gives one mean per time), and
 * Cmax / Tmax as the largest mean and the first time it occurs. The trapezoid segment is the NCA one
 * (nca/auc-trapezoid.ts).
 */
import { segmentAuc } from '../nca/auc-trapezoid.ts';

export interface TimePoint {
  timeH: number;
  value: number;
}

export interface ExposureMetrics {
  /** Area under the curve from tfirst to tlast, value unit × h; null with fewer than 2 times. */
  auc: number | null;
  cmax: number | null;
  tmaxH: number | null;
  tfirstH: number | null;
  tlastH: number | null;
  points: number;
}

/** Linear trapezoidal AUC of points sorted by time (equal times are not allowed). */
export function trapezoidAuc(points: readonly TimePoint[]): number | null {
  if (points.length < 2) return null;
  let auc = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as TimePoint;
    const b = points[i] as TimePoint;
    auc += segmentAuc('linear', a.timeH, a.value, b.timeH, b.value);
  }
  return auc;
}

export function exposureMetrics(unsorted: readonly TimePoint[]): ExposureMetrics {
  const points = [...unsorted].filter((p) => Number.isFinite(p.value)).sort((a, b) => a.timeH - b.timeH);
  if (points.length === 0)
    return { auc: null, cmax: null, tmaxH: null, tfirstH: null, tlastH: null, points: 0 };
  let max = points[0] as TimePoint;
  for (const p of points) if (p.value > max.value) max = p;
  return {
    auc: trapezoidAuc(points),
    cmax: max.value,
    tmaxH: max.timeH,
    tfirstH: (points[0] as TimePoint).timeH,
    tlastH: (points[points.length - 1] as TimePoint).timeH,
    points: points.length,
  };
}
