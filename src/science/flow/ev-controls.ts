/**
 * EV flow-cytometry controls (MIFlowCyt-EV, Welsh et al. 2020, J Extracell Vesicles 9:1713526,
 * doi:10.1080/20013078.2020.1713526; Théry et al. 2018 MISEV2018, doi:10.1080/20013078.2018.1535750):
 * - buffer-only: events that the buffer (with reagents) produces on its own are subtracted from counts;
 * - unstained / isotype: the positivity threshold is set on the control (a high percentile of its signal),
 *   and the control's own % above it is subtracted from the stained sample's;
 * - detergent lysis (e.g. 0.1–1 % Triton X-100): events that survive lysis are not membrane vesicles, so
 *   counts are reported net of the detergent-resistant remainder.
 * Markers: tetraspanins CD9, CD63, CD81 (EV), CD73, CD90, CD105 (MSC origin; Dominici et al. 2006,
 * doi:10.1080/14653240600855905).
 */

export const EV_MARKERS = ['CD9', 'CD63', 'CD81'] as const;
export const MSC_MARKERS = ['CD73', 'CD90', 'CD105'] as const;

export type ControlRole = 'sample' | 'buffer-only' | 'unstained' | 'isotype' | 'detergent-lysed';

/** The p-th percentile (0–100) of finite values, linear interpolation between order statistics (type 7). */
export function percentile(values: ArrayLike<number>, p: number): number {
  const v = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const h = ((v.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, v.length - 1);
  return (v[lo] as number) + (h - lo) * ((v[hi] as number) - (v[lo] as number));
}

function fractionAbove(values: ArrayLike<number>, threshold: number): number {
  let n = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) continue;
    n++;
    if (x > threshold) above++;
  }
  return n === 0 ? Number.NaN : above / n;
}

export interface MarkerPositivity {
  marker: string;
  /** Threshold on the control (isotype when given, else unstained). */
  threshold: number;
  thresholdFrom: 'isotype' | 'unstained';
  percentile: number;
  samplePercentPositive: number;
  controlPercentPositive: number;
  /** Sample − control, floored at 0. */
  netPercentPositive: number;
}

/**
 * % positive for one marker net of its control. `percentileCut` (default 99.5, i.e. 0.5 % of control events
 * above threshold) is the usual choice for EV fluorescence gates.
 */
export function markerPositivity(input: {
  marker: string;
  sample: ArrayLike<number>;
  isotype?: ArrayLike<number>;
  unstained?: ArrayLike<number>;
  percentileCut?: number;
}): MarkerPositivity {
  const control = input.isotype ?? input.unstained;
  if (!control) throw new RangeError(`${input.marker}: an isotype or unstained control is needed`);
  const p = input.percentileCut ?? 99.5;
  const threshold = percentile(control, p);
  const s = 100 * fractionAbove(input.sample, threshold);
  const c = 100 * fractionAbove(control, threshold);
  return {
    marker: input.marker,
    threshold,
    thresholdFrom: input.isotype ? 'isotype' : 'unstained',
    percentile: p,
    samplePercentPositive: s,
    controlPercentPositive: c,
    netPercentPositive: Math.max(0, s - c),
  };
}

export interface CountsNetOfControls {
  /** Events per µL in the sample, minus buffer-only, minus detergent-resistant (each floored at 0). */
  vesicleEventsPerUl: number;
  sampleEventsPerUl: number;
  bufferEventsPerUl: number;
  detergentResistantEventsPerUl: number;
  /** Share of the sample's events removed by detergent lysis (the vesicular fraction). */
  detergentSensitiveFraction: number;
  warnings: string[];
}

/** Counts in a gate per µL analysed (events / (flow rate × time)), net of buffer-only and detergent controls. */
export function countsNetOfControls(input: {
  sample: { events: number; volumeUl: number; dilution?: number };
  bufferOnly?: { events: number; volumeUl: number };
  detergentLysed?: { events: number; volumeUl: number; dilution?: number };
}): CountsNetOfControls {
  const rate = (x: { events: number; volumeUl: number; dilution?: number } | undefined) =>
    x ? (x.events / x.volumeUl) * (x.dilution ?? 1) : 0;
  const sample = rate(input.sample);
  const buffer = input.bufferOnly ? input.bufferOnly.events / input.bufferOnly.volumeUl : 0;
  const detergent = rate(input.detergentLysed);
  const warnings: string[] = [];
  if (!input.bufferOnly) warnings.push('no buffer-only control: background events are not subtracted');
  if (!input.detergentLysed)
    warnings.push('no detergent-lysed control: non-vesicular events are not subtracted');
  if (sample > 0 && buffer > 0.1 * sample) warnings.push('buffer-only events exceed 10 % of the sample’s');
  const netOfBuffer = Math.max(0, sample - buffer);
  const detergentNet = Math.max(0, detergent - buffer);
  if (input.detergentLysed && netOfBuffer > 0 && detergentNet > 0.5 * netOfBuffer) {
    warnings.push('more than half of the events resist detergent: many are not membrane vesicles');
  }
  return {
    vesicleEventsPerUl: Math.max(0, netOfBuffer - detergentNet),
    sampleEventsPerUl: sample,
    bufferEventsPerUl: buffer,
    detergentResistantEventsPerUl: detergentNet,
    detergentSensitiveFraction: netOfBuffer > 0 ? Math.max(0, 1 - detergentNet / netOfBuffer) : Number.NaN,
    warnings,
  };
}

export interface DilutionLinearity {
  /** Slope of log(event rate) on log(relative concentration): 1 for single-particle detection. */
  logLogSlope: number;
  rSquared: number;
  /** Relative change of the median signal from the most to the least concentrated point. */
  medianSignalChange: number;
  /** Event rate × dilution factor (should be constant). */
  concentrationEstimates: number[];
  swarmSuspected: boolean;
  reasons: string[];
}

/**
 * Serial-dilution check for swarm detection / coincidence (van der Pol et al. 2012, J Thromb Haemost
 * 10:919, doi:10.1111/j.1538-7836.2012.04683.x): with single-particle detection the event rate scales
 * linearly with concentration (log–log slope 1) and the median signal stays constant; under swarm
 * detection the rate grows less than linearly and the signal rises with concentration.
 * Tolerances: slope within ±0.1 of 1, median signal change within 10 % (Welsh et al. 2020 recommend
 * reporting the dilution series; the cut-offs are evlab's and are returned with the result).
 */
export function dilutionLinearity(
  points: { dilutionFactor: number; eventRatePerS: number; medianSignal?: number }[],
): DilutionLinearity {
  const usable = points.filter((p) => p.dilutionFactor > 0 && p.eventRatePerS > 0);
  if (usable.length < 3) throw new RangeError('a dilution series needs at least three dilutions with events');
  const xs = usable.map((p) => Math.log10(1 / p.dilutionFactor));
  const ys = usable.map((p) => Math.log10(p.eventRatePerS));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += ((xs[i] as number) - mx) ** 2;
    sxy += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    syy += ((ys[i] as number) - my) ** 2;
  }
  if (sxx === 0) throw new RangeError('the dilution factors must differ');
  const slope = sxy / sxx;
  const rSquared = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  const sorted = [...usable].sort((a, b) => a.dilutionFactor - b.dilutionFactor);
  const first = sorted[0]?.medianSignal;
  const last = sorted[sorted.length - 1]?.medianSignal;
  const medianSignalChange = first !== undefined && last !== undefined && last > 0 ? first / last - 1 : 0;
  const reasons: string[] = [];
  if (Math.abs(slope - 1) > 0.1)
    reasons.push(`event rate scales with concentration^${slope.toFixed(2)}, not linearly`);
  if (Math.abs(medianSignalChange) > 0.1) {
    reasons.push(`median signal changes by ${(100 * medianSignalChange).toFixed(0)} % across the dilutions`);
  }
  return {
    logLogSlope: slope,
    rSquared,
    medianSignalChange,
    concentrationEstimates: usable.map((p) => p.eventRatePerS * p.dilutionFactor),
    swarmSuspected: reasons.length > 0,
    reasons,
  };
}
