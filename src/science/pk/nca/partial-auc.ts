/**
 * Areas over any time interval [start, end] of a profile (partial AUCs, the dosing interval τ): end points
 * that fall between samples are interpolated with the AUC method in use (log-linear on a declining segment
 * under linear-up/log-down), and beyond Tlast the curve is extrapolated with the terminal phase,
 * C(t) = Clast·exp(−λz·(t − Tlast)) (Phoenix WinNonlin User's Guide, "Partial areas"; Gabrielsson &
 * Weiner 2016, ch. 2.8). Without λz an interval reaching past the last sample has no area.
 */
import { type AucMethod, interpolateConc, segmentAuc, segmentAumc } from './auc-trapezoid.ts';

export interface ProfileCurve {
  method: AucMethod;
  /** Ascending times (dose-time point included), relative to the dose. */
  time: readonly number[];
  conc: readonly number[];
  /** Index of Tlast (last positive concentration), −1 if none. */
  lastIndex: number;
  /** Terminal rate constant, null when not estimated. */
  lambdaZ: number | null;
}

export type IntervalAreas =
  | { auc: number; aumc: number; reason?: undefined }
  | { auc: null; aumc: null; reason: string };

/** Concentration at time t (interpolated, or extrapolated past Tlast); null outside what can be known. */
export function concentrationAt(curve: ProfileCurve, t: number): number | null {
  const { time, conc, lastIndex } = curve;
  const n = time.length;
  if (n === 0 || t < (time[0] as number)) return null;
  const tLast = lastIndex >= 0 ? (time[lastIndex] as number) : null;
  if (tLast !== null && t > tLast) {
    if (curve.lambdaZ !== null) return (conc[lastIndex] as number) * Math.exp(-curve.lambdaZ * (t - tLast));
    if (t > (time[n - 1] as number)) return null;
  }
  if (t > (time[n - 1] as number)) return null;
  for (let i = 0; i < n; i++) {
    if ((time[i] as number) === t) return conc[i] as number;
    if ((time[i] as number) > t) {
      const j = i - 1;
      return interpolateConc(
        curve.method,
        time[j] as number,
        conc[j] as number,
        time[i] as number,
        conc[i] as number,
        t,
      );
    }
  }
  return conc[n - 1] as number;
}

/** AUC and AUMC over [start, end] (times relative to the dose). */
export function areasBetween(curve: ProfileCurve, start: number, end: number): IntervalAreas {
  if (!(end > start)) return { auc: null, aumc: null, reason: `interval ${start}–${end} is empty` };
  const { time, conc, lastIndex } = curve;
  const n = time.length;
  if (n === 0) return { auc: null, aumc: null, reason: 'no samples' };
  if (start < (time[0] as number)) {
    return { auc: null, aumc: null, reason: `interval starts before the first sample (${time[0]})` };
  }
  const tLast = lastIndex >= 0 ? (time[lastIndex] as number) : (time[0] as number);
  const tEnd = time[n - 1] as number;
  // Where observed data stop counting: Tlast when λz can extrapolate, else the last sample (zeros).
  const observedEnd = curve.lambdaZ !== null ? Math.min(end, tLast) : Math.min(end, tEnd);
  if (curve.lambdaZ === null && end > tEnd) {
    return {
      auc: null,
      aumc: null,
      reason: `interval ends after the last sample (${tEnd}) and λz is not available to extrapolate`,
    };
  }
  let auc = 0;
  let aumc = 0;
  if (start < observedEnd) {
    const points: [number, number][] = [[start, concentrationAt(curve, start) as number]];
    for (let i = 0; i < n; i++) {
      const t = time[i] as number;
      if (t > start && t < observedEnd) points.push([t, conc[i] as number]);
    }
    points.push([observedEnd, concentrationAt(curve, observedEnd) as number]);
    for (let k = 0; k + 1 < points.length; k++) {
      const [t1, c1] = points[k] as [number, number];
      const [t2, c2] = points[k + 1] as [number, number];
      auc += segmentAuc(curve.method, t1, c1, t2, c2);
      aumc += segmentAumc(curve.method, t1, c1, t2, c2);
    }
  }
  if (curve.lambdaZ !== null && end > tLast) {
    // Exact integrals of C(t) and t·C(t) for the mono-exponential tail between a and b.
    const k = curve.lambdaZ;
    const a = Math.max(start, tLast);
    const clast = conc[lastIndex] as number;
    const ca = clast * Math.exp(-k * (a - tLast));
    const cb = clast * Math.exp(-k * (end - tLast));
    auc += (ca - cb) / k;
    aumc += ca * (a / k + 1 / (k * k)) - cb * (end / k + 1 / (k * k));
  }
  return { auc, aumc };
}

/** Parses "0-2,2-6" (or "0:2;2:6") into intervals; throws RangeError naming the bad part. */
export function parseIntervals(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(/[,;]/)) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*(?:-|:|–)\s*(\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(p);
    if (!m) throw new RangeError(`interval "${p}" is not START-END (e.g. 0-2)`);
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!(b > a)) throw new RangeError(`interval "${p}" must end after it starts`);
    out.push([a, b]);
  }
  return out;
}
