/**
 * The "scaled" view of FCS events: the stored ("raw") values converted to linear channel values, in FlowIO's
 * order (flowio FlowData.as_array(preprocess=True), the reference reader of this project's FCS truth data):
 * 1. The time parameter ($PnN "Time", case-insensitive) times $TIMESTEP when given (FCS 3.1 §3.3.61). Its
 *    $PnG is ignored: cytometers often write a gain for the time channel that means nothing there (FlowIO
 *    sets it to 1 for the same reason).
 * 2. Log amplification $PnE = f1,f2 with f1 > 0: value = 10^(f1 · value / $PnR) · f2 (FCS 3.1 §3.3.27; f2 = 0
 *    already read as 1). The exponent is computed as (f1 · value) / $PnR, as FlowIO does, so that results
 *    agree to the last bit.
 * 3. Gain $PnG ∉ {0, 1}: value = value / gain (FCS 3.1 §3.3.29). Applied after step 2 when a file gives both
 *    (the standard says gain is for linear amplification; FlowIO divides anyway, and so does evlab).
 */
import type { FcsDataset } from './fcs-file.ts';

export type FcsValues = 'raw' | 'scaled';

export function isTimeParameter(name: string): boolean {
  return name.trim().toLowerCase() === 'time';
}

/** Parameter i (0-based) as Float64Array in the requested view. */
export function fcsColumnValues(dataset: FcsDataset, i: number, values: FcsValues = 'scaled'): Float64Array {
  const raw = dataset.events.column(i);
  const out = Float64Array.from(raw as ArrayLike<number>);
  if (values === 'raw') return out;
  const q = dataset.parameters[i];
  if (!q) throw new RangeError(`no parameter ${i}`);
  const time = isTimeParameter(q.name);
  if (time && dataset.timestep !== null && dataset.timestep !== 1) {
    const t = dataset.timestep;
    for (let e = 0; e < out.length; e++) out[e] = (out[e] as number) * t;
  }
  const [f1, f2] = q.amplification;
  if (f1 > 0) {
    const r = q.range;
    for (let e = 0; e < out.length; e++) out[e] = 10 ** ((f1 * (out[e] as number)) / r) * f2;
  }
  if (!time && q.gain !== 1 && q.gain !== 0) {
    for (let e = 0; e < out.length; e++) out[e] = (out[e] as number) / q.gain;
  }
  return out;
}

/** Every parameter in the requested view, in parameter order. */
export function fcsColumnsValues(dataset: FcsDataset, values: FcsValues = 'scaled'): Float64Array[] {
  dataset.events.extractAll(); // one pass over the events for every column, not one per column
  return dataset.parameters.map((_, i) => fcsColumnValues(dataset, i, values));
}
