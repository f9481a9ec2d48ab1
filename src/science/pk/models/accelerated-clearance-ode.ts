/**
 * Accelerated clearance on repeat dosing: clearance after the first dose = CL × factor. Models the
 * accelerated blood clearance (ABC) phenomenon, in which a second dose of PEGylated liposomes/nanoparticles
 * is cleared much faster because the first induced anti-PEG IgM and complement-mediated uptake by liver
 * macrophages (Ishida & Kiwada 2008, Int J Pharm 354:56–62, doi:10.1016/j.ijpharm.2007.11.005), and the
 * macrophage-driven clearance of repeatedly dosed EVs (Saunderson et al. 2014, Blood 123:208–216,
 * doi:10.1182/blood-2013-03-489732; Morishita et al. 2015, J Pharm Sci 104:705–713, doi:10.1002/jps.24251).
 * The switch happens at the second administration; factor = 1 gives the linear model back. Solved with
 * odex because k10 changes between dosing intervals.
 */
import { compartmentOdeSystem } from './compartment-ode-system.ts';
import {
  checkDosesForInput,
  INPUT_LABELS,
  linearDerived,
  linearParameters,
  modelId,
} from './linear-compartment-model.ts';
import { microFromParameters } from './mammillary-disposition.ts';
import {
  type CompartmentModel,
  LN2,
  type ModelInput,
  type ParameterSpec,
  requireParameters,
} from './model-types.ts';
import { integrateConcentrations } from './ode-integration.ts';

export const CLEARANCE_FACTOR: ParameterSpec = {
  name: 'factor',
  unitKind: 'dimensionless',
  description: 'clearance after the first dose relative to the first-dose clearance (CL₂ = CL × factor)',
};

export function acceleratedClearanceModel(compartments: 1 | 2, input: ModelInput): CompartmentModel {
  const model: CompartmentModel = {
    id: modelId(compartments, input, 'abc-'),
    label: `${compartments}-compartment, accelerated clearance on repeat dosing, ${INPUT_LABELS[input]}`,
    compartments,
    input,
    elimination: 'accelerated-clearance',
    solution: 'ode',
    parameters: [...linearParameters(compartments, input), CLEARANCE_FACTOR],
    description:
      'Linear model whose clearance is multiplied by `factor` from the second dose on (accelerated blood clearance, Ishida & Kiwada 2008); needs ≥ 2 doses to estimate factor.',
    predict(params, doses, timesH, options = {}) {
      requireParameters(model, params, options);
      checkDosesForInput(input, doses);
      const k10 = params.k10 ?? Number.NaN;
      const factor = params.factor ?? Number.NaN;
      const system = compartmentOdeSystem(
        compartments,
        input,
        params,
        options,
        (amount, _c, given) => (given >= 2 ? k10 * factor : k10) * amount,
      );
      return integrateConcentrations(system, doses, timesH);
    },
    derived(params, doseAmount, options = {}) {
      const micro = microFromParameters(params, compartments);
      const base = linearDerived(micro, compartments, input, doseAmount, params, options);
      const factor = params.factor ?? Number.NaN;
      const cl = micro.k10 * micro.V1 * factor;
      base.push({
        name: 'CL_repeat',
        value: Number.isFinite(cl) ? cl : null,
        unitKind: 'volume-per-time',
        description: 'clearance from the second dose on, CL × factor',
      });
      if (compartments === 1)
        base.push({
          name: 'thalf_repeat',
          value: Number.isFinite(cl) ? (LN2 * micro.V1) / cl : null,
          unitKind: 'time',
          description: 'elimination half-life from the second dose on',
        });
      return base;
    },
  };
  return model;
}
