/**
 * Superposition for linear (first-order) kinetics: the response to a dosing regimen is the sum of the
 * responses to each dose shifted to its administration time (Gibaldi & Perrier 1982, Pharmacokinetics 2nd
 * ed., ch. 3 "Multiple dosing"). Valid only for linear models; nonlinear ones are integrated numerically.
 */
import type { DoseEvent } from './model-types.ts';

/** Concentration at time `sinceDoseH` after one dose (0 for negative times). */
export type SingleDoseResponse = (dose: DoseEvent, sinceDoseH: number) => number;

export function superpose(
  doses: readonly DoseEvent[],
  timesH: readonly number[],
  response: SingleDoseResponse,
): number[] {
  return timesH.map((t) => {
    let total = 0;
    for (const dose of doses) {
      const since = t - dose.timeH;
      if (since >= 0) total += response(dose, since);
    }
    return total;
  });
}

/**
 * A regimen of `count` equal doses every `tauH` starting at `firstTimeH` (default 0); `durationH` makes each
 * an infusion.
 */
export function repeatedDoses(
  amount: number,
  count = 1,
  tauH = 0,
  durationH?: number,
  firstTimeH = 0,
): DoseEvent[] {
  if (!(amount > 0)) throw new RangeError(`dose must be positive, got ${amount}`);
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`number of doses must be a whole number ≥ 1, got ${count}`);
  if (count > 1 && !(tauH > 0))
    throw new RangeError(`dosing interval tau must be positive for ${count} doses`);
  if (durationH !== undefined && !(durationH > 0))
    throw new RangeError(`infusion duration must be positive, got ${durationH}`);
  return Array.from({ length: count }, (_, i) => ({
    timeH: firstTimeH + i * tauH,
    amount,
    ...(durationH !== undefined ? { durationH } : {}),
  }));
}
