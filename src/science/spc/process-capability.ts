import { SpcInputError } from './control-chart.ts';
import { d2 } from './control-chart-constants.ts';
import { mean, sampleSd } from './subgroups.ts';

/**
 * Process capability against specification limits (Montgomery, Introduction to SQC, 7th ed., ch. 8;
 * qcc's processCapability):
 * Cp = (USL − LSL)/6σw, Cpk = min(USL − x̄, x̄ − LSL)/3σw, Cpm = (USL − LSL)/(6√(σw² + (x̄ − T)²)),
 * Pp and Ppk the same with the overall SD (n − 1 divisor). σw (within) is the control-chart estimate:
 * MR̄/d2(2) for individuals, or the subgroup estimate (R̄/d2) passed in. The target T defaults to the
 * mid-point of the limits. One-sided specifications give only the indices they define (others null).
 */
export interface CapabilityInput {
  values: readonly number[];
  lsl: number | null;
  usl: number | null;
  target?: number | null;
  /** Within-subgroup σ; default MR̄/d2(2) over `values` in order. */
  sigmaWithin?: number;
}

export interface Capability {
  n: number;
  mean: number;
  sigmaWithin: number;
  sigmaOverall: number;
  lsl: number | null;
  usl: number | null;
  target: number | null;
  cp: number | null;
  cpk: number | null;
  cpm: number | null;
  pp: number | null;
  ppk: number | null;
}

export function processCapability(input: CapabilityInput): Capability {
  const { values, lsl, usl } = input;
  if (values.length < 2) throw new SpcInputError('capability needs at least 2 values');
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new SpcInputError(`value ${i + 1} is not a finite number`);
  });
  if (lsl === null && usl === null) throw new SpcInputError('give at least one specification limit');
  if (lsl !== null && usl !== null && !(usl > lsl))
    throw new SpcInputError(`the upper limit (${usl}) must be above the lower limit (${lsl})`);
  const m = mean(values);
  let sigmaWithin = input.sigmaWithin;
  if (sigmaWithin === undefined) {
    let sum = 0;
    for (let i = 1; i < values.length; i++)
      sum += Math.abs((values[i] as number) - (values[i - 1] as number));
    sigmaWithin = sum / (values.length - 1) / d2(2);
  }
  const sigmaOverall = sampleSd(values);
  const target = input.target ?? (lsl !== null && usl !== null ? (lsl + usl) / 2 : null);
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
  const upper = (s: number) => (usl === null ? null : ratio(usl - m, 3 * s));
  const lower = (s: number) => (lsl === null ? null : ratio(m - lsl, 3 * s));
  const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  const both = lsl !== null && usl !== null;
  return {
    n: values.length,
    mean: m,
    sigmaWithin,
    sigmaOverall,
    lsl,
    usl,
    target,
    cp: both ? ratio(usl - lsl, 6 * sigmaWithin) : null,
    cpk: minOf(upper(sigmaWithin), lower(sigmaWithin)),
    cpm:
      both && target !== null ? ratio(usl - lsl, 6 * Math.sqrt(sigmaWithin ** 2 + (m - target) ** 2)) : null,
    pp: both ? ratio(usl - lsl, 6 * sigmaOverall) : null,
    ppk: minOf(upper(sigmaOverall), lower(sigmaOverall)),
  };
}
