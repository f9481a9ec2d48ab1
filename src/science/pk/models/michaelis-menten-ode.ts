/**
 * Compartment models with saturable (Michaelis–Menten) elimination from the central compartment:
 * elimination rate = Vmax·C/(Km + C) (amount/time). Describes capacity-limited metabolism and saturable
 * uptake, e.g. of nanoparticles and EVs by liver and spleen macrophages at high doses (Gibaldi & Perrier
 * 1982, Pharmacokinetics 2nd ed., ch. 7; macrophage clearance of EVs: Saunderson et al. 2014, Blood
 * 123:208–216, doi:10.1182/blood-2013-03-489732; Imai et al. 2015, J Extracell Vesicles 4:26238).
 * No closed form for repeated or non-bolus doses: solved with odex (ode-integration.ts).
 */
import { compartmentOdeSystem } from './compartment-ode-system.ts';
import {
  checkDosesForInput,
  distributionParameters,
  INPUT_LABELS,
  KA,
  modelId,
  V1,
} from './linear-compartment-model.ts';
import { microFromParameters, steadyStateVolume } from './mammillary-disposition.ts';
import {
  type CompartmentModel,
  type DerivedQuantity,
  LN2,
  type ModelInput,
  type ParameterSpec,
  requireParameters,
} from './model-types.ts';
import { integrateConcentrations } from './ode-integration.ts';

export const VMAX: ParameterSpec = {
  name: 'Vmax',
  unitKind: 'amount-per-time',
  description: 'maximal elimination rate (Michaelis–Menten)',
};
export const KM: ParameterSpec = {
  name: 'Km',
  unitKind: 'concentration',
  description: 'concentration at half-maximal elimination rate',
};

export function michaelisMentenModel(compartments: 1 | 2, input: ModelInput): CompartmentModel {
  const model: CompartmentModel = {
    id: modelId(compartments, input, 'mm-'),
    label: `${compartments}-compartment, Michaelis–Menten elimination, ${INPUT_LABELS[input]}`,
    compartments,
    input,
    elimination: 'michaelis-menten',
    solution: 'ode',
    parameters: [
      ...(input === 'first-order' ? [KA] : []),
      VMAX,
      KM,
      ...distributionParameters(compartments),
      V1,
    ],
    description:
      'Saturable elimination/uptake Vmax·C/(Km + C) from the central compartment, solved numerically (odex); Gibaldi & Perrier 1982 ch. 7.',
    predict(params, doses, timesH, options = {}) {
      requireParameters(model, params, options);
      checkDosesForInput(input, doses);
      const vmax = params.Vmax ?? Number.NaN;
      const km = params.Km ?? Number.NaN;
      const system = compartmentOdeSystem(
        compartments,
        input,
        params,
        options,
        (_a, c) => (vmax * c) / (km + c),
      );
      return integrateConcentrations(system, doses, timesH);
    },
    derived(params, doseAmount) {
      const vmax = params.Vmax ?? Number.NaN;
      const km = params.Km ?? Number.NaN;
      const v1 = params.V1 ?? Number.NaN;
      const clLow = vmax / km;
      const micro = microFromParameters({ ...params, k10: clLow / v1 }, compartments);
      const finite = (x: number) => (Number.isFinite(x) ? x : null);
      const out: DerivedQuantity[] = [
        {
          name: 'CL_linear',
          value: finite(clLow),
          unitKind: 'volume-per-time',
          description: 'clearance at concentrations ≪ Km, Vmax/Km',
        },
        {
          name: 'thalf_linear',
          value: finite((LN2 * v1) / clLow),
          unitKind: 'time',
          description: 'central elimination half-life at concentrations ≪ Km',
        },
      ];
      if (compartments > 1)
        out.push({
          name: 'Vss',
          value: finite(steadyStateVolume(micro, compartments)),
          unitKind: 'volume',
          description: 'steady-state volume',
        });
      if (compartments === 1 && input === 'iv-bolus') {
        // AUC of a bolus: ∫C dt = (V/Vmax)(Km·C0 + C0²/2), Gibaldi & Perrier 1982, ch. 7.
        const c0 = doseAmount / v1;
        out.push({
          name: 'AUC',
          value: finite((v1 / vmax) * (km * c0 + (c0 * c0) / 2)),
          unitKind: 'concentration-time',
          description: 'AUC 0–∞ of one bolus, (V1/Vmax)(Km·C0 + C0²/2)',
        });
      }
      return out;
    },
  };
  return model;
}
