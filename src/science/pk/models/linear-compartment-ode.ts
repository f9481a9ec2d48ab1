/**
 * The linear models solved numerically (odex) instead of in closed form. evlab predicts linear models with
 * the closed forms; this solution exists to check them (tests require agreement to 1e-6 relative) and as
 * the base the accelerated-clearance model modifies.
 */
import { compartmentOdeSystem } from './compartment-ode-system.ts';
import type { DoseEvent, ModelInput, ModelOptions, ParameterValues } from './model-types.ts';
import { integrateConcentrations } from './ode-integration.ts';

export function predictLinearByOde(
  compartments: 1 | 2 | 3,
  input: ModelInput,
  params: ParameterValues,
  doses: readonly DoseEvent[],
  timesH: readonly number[],
  options: ModelOptions = {},
): number[] {
  const k10 = params.k10 ?? Number.NaN;
  const system = compartmentOdeSystem(compartments, input, params, options, (amount) => k10 * amount);
  return integrateConcentrations(system, doses, timesH);
}
