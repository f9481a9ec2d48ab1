/**
 * Mass-balance ODEs of the mammillary models (amounts: central, peripheral 1, peripheral 2, depot) with a
 * pluggable elimination term, shared by the nonlinear models and by the ODE check of the closed forms.
 *
 *   dA1/dt = R(t) + ka·Ad − elim(A1, dosesGiven) − (k12 + k13)·A1 + k21·A2 + k31·A3
 *   dA2/dt = k12·A1 − k21·A2,   dA3/dt = k13·A1 − k31·A3,   dAd/dt = −ka·Ad
 */

import {
  bioavailabilityOf,
  type ModelInput,
  type ModelOptions,
  type ParameterValues,
} from './model-types.ts';
import type { OdeSystem } from './ode-integration.ts';

/** Elimination rate (amount/time) from the central amount, its concentration and the doses given so far. */
export type EliminationRate = (centralAmount: number, concentration: number, dosesGiven: number) => number;

export function compartmentOdeSystem(
  compartments: 1 | 2 | 3,
  input: ModelInput,
  params: ParameterValues,
  options: ModelOptions,
  elimination: EliminationRate,
): OdeSystem {
  const v1 = params.V1 ?? Number.NaN;
  const k12 = compartments >= 2 ? (params.k12 ?? Number.NaN) : 0;
  const k21 = compartments >= 2 ? (params.k21 ?? Number.NaN) : 0;
  const k13 = compartments >= 3 ? (params.k13 ?? Number.NaN) : 0;
  const k31 = compartments >= 3 ? (params.k31 ?? Number.NaN) : 0;
  const ka = params.ka ?? 0;
  const depot = input === 'first-order' ? compartments : null;
  const n = compartments + (depot === null ? 0 : 1);
  return {
    stateCount: n,
    depotIndex: depot,
    centralIndex: 0,
    lagH: input === 'first-order' && options.lag ? (params.tlag ?? 0) : 0,
    depotFraction: input === 'first-order' ? bioavailabilityOf(options) : 1,
    derivative(y, infusionRate, given) {
      const a1 = y[0] ?? 0;
      const a2 = y[1] ?? 0;
      const a3 = y[2] ?? 0;
      const dy = new Array<number>(n).fill(0);
      const absorbed = depot === null ? 0 : ka * (y[depot] ?? 0);
      dy[0] = infusionRate + absorbed - elimination(a1, a1 / v1, given) - (k12 + k13) * a1;
      if (compartments >= 2) {
        dy[0] += k21 * a2;
        dy[1] = k12 * a1 - k21 * a2;
      }
      if (compartments >= 3) {
        dy[0] += k31 * a3;
        dy[2] = k13 * a1 - k31 * a3;
      }
      if (depot !== null) dy[depot] = -absorbed;
      return dy;
    },
    concentration: (y) => (y[0] ?? 0) / v1,
  };
}
