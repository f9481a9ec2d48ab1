/**
 * Factory for the linear 1-, 2- and 3-compartment models (IV bolus, zero-order IV infusion, first-order
 * absorption with optional lag) with closed-form solutions and superposition for repeated doses. Parameters
 * are the micro constants (k10, k12, k21, k13, k31, V1, ka); macro constants (A, α, B, β, C, γ), half-lives,
 * CL, Vss, Vz, AUC and MRT are derived (Gibaldi & Perrier 1982, Pharmacokinetics 2nd ed., ch. 1–2).
 */

import { bolusResponse, firstOrderResponse, infusionResponse } from './linear-input-responses.ts';
import {
  disposition,
  type MicroConstants,
  microFromParameters,
  steadyStateVolume,
} from './mammillary-disposition.ts';
import {
  bioavailabilityOf,
  type CompartmentModel,
  type DerivedQuantity,
  type DoseEvent,
  LN2,
  type ModelInput,
  type ModelOptions,
  type ParameterSpec,
  type ParameterValues,
  requireParameters,
} from './model-types.ts';
import { superpose } from './superposition.ts';

export const K10: ParameterSpec = {
  name: 'k10',
  unitKind: 'per-time',
  description: 'elimination rate constant from the central compartment',
};
export const K12: ParameterSpec = {
  name: 'k12',
  unitKind: 'per-time',
  description: 'transfer rate constant central → peripheral 1',
};
export const K21: ParameterSpec = {
  name: 'k21',
  unitKind: 'per-time',
  description: 'transfer rate constant peripheral 1 → central',
};
export const K13: ParameterSpec = {
  name: 'k13',
  unitKind: 'per-time',
  description: 'transfer rate constant central → peripheral 2',
};
export const K31: ParameterSpec = {
  name: 'k31',
  unitKind: 'per-time',
  description: 'transfer rate constant peripheral 2 → central',
};
export const V1: ParameterSpec = {
  name: 'V1',
  unitKind: 'volume',
  description: 'volume of the central compartment',
};
export const KA: ParameterSpec = {
  name: 'ka',
  unitKind: 'per-time',
  description: 'first-order absorption rate constant',
};

/** Distribution micro constants of an n-compartment model (without elimination and volume). */
export function distributionParameters(compartments: 1 | 2 | 3): ParameterSpec[] {
  return compartments === 1 ? [] : compartments === 2 ? [K12, K21] : [K12, K21, K13, K31];
}

export function linearParameters(compartments: 1 | 2 | 3, input: ModelInput): ParameterSpec[] {
  return [...(input === 'first-order' ? [KA] : []), K10, ...distributionParameters(compartments), V1];
}

export const INPUT_LABELS: Record<ModelInput, string> = {
  'iv-bolus': 'IV bolus',
  'iv-infusion': 'IV infusion (zero order)',
  'first-order': 'first-order absorption (IN, SC, IP, IM, inhaled, intrathecal, oral)',
};

export function modelId(compartments: 1 | 2 | 3, input: ModelInput, prefix = ''): string {
  const route = input === 'first-order' ? 'oral' : input;
  return `${prefix}${compartments}cmt-${route}`;
}

/** Throws when an infusion model gets a dose without a duration (or vice versa a bolus model is fine). */
export function checkDosesForInput(input: ModelInput, doses: readonly DoseEvent[]): void {
  if (doses.length === 0) throw new RangeError('at least one dose is needed');
  for (const d of doses) {
    if (!(d.amount > 0)) throw new RangeError(`dose must be positive, got ${d.amount}`);
    if (!Number.isFinite(d.timeH)) throw new RangeError(`dose time must be a number, got ${d.timeH}`);
    if (input === 'iv-infusion' && !(d.durationH !== undefined && d.durationH > 0))
      throw new RangeError('an infusion model needs a positive infusion duration for every dose');
  }
}

/** Single-dose response of a linear model for any input, used by closed forms and superposition. */
export function linearSingleDose(
  micro: MicroConstants,
  compartments: 1 | 2 | 3,
  input: ModelInput,
  params: ParameterValues,
  options: ModelOptions,
): (dose: DoseEvent, sinceH: number) => number {
  const d = disposition(micro, compartments);
  const f = bioavailabilityOf(options);
  const lag = options.lag ? (params.tlag ?? 0) : 0;
  const ka = params.ka ?? Number.NaN;
  return (dose, since) => {
    if (input === 'iv-bolus') return bolusResponse(d, dose.amount, since);
    if (input === 'iv-infusion') return infusionResponse(d, dose.amount, dose.durationH ?? Number.NaN, since);
    return firstOrderResponse(d, dose.amount * f, ka, lag, since);
  };
}

const MACRO_NAMES = [
  ['A', 'alpha'],
  ['B', 'beta'],
  ['C', 'gamma'],
] as const;

/** Derived quantities shared by every linear model (and by nonlinear ones at their linear limit). */
export function linearDerived(
  micro: MicroConstants,
  compartments: 1 | 2 | 3,
  input: ModelInput,
  doseAmount: number,
  params: ParameterValues,
  options: ModelOptions,
): DerivedQuantity[] {
  const d = disposition(micro, compartments);
  const f = input === 'first-order' ? bioavailabilityOf(options) : 1;
  const cl = micro.k10 * micro.V1;
  const vss = steadyStateVolume(micro, compartments);
  const terminal = d.lambdas[d.lambdas.length - 1] ?? Number.NaN;
  const out: DerivedQuantity[] = [];
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  if (compartments === 1) {
    out.push({
      name: 'C0',
      value: finite(doseAmount / micro.V1),
      unitKind: 'concentration',
      description: 'bolus-equivalent initial concentration D/V1',
    });
    out.push({
      name: 'thalf',
      value: finite(LN2 / micro.k10),
      unitKind: 'time',
      description: 'elimination half-life ln2/k10',
    });
  } else {
    d.lambdas.forEach((lambda, i) => {
      const [coefficient, exponent] = MACRO_NAMES[i] ?? ['?', '?'];
      out.push({
        name: coefficient,
        value: finite((d.unitCoefficients[i] ?? Number.NaN) * doseAmount),
        unitKind: 'concentration',
        description: `macro coefficient of the ${exponent} phase for a bolus of the dose`,
      });
      out.push({
        name: exponent,
        value: finite(lambda),
        unitKind: 'per-time',
        description: `hybrid rate constant ${exponent}`,
      });
      out.push({
        name: `thalf_${exponent}`,
        value: finite(LN2 / lambda),
        unitKind: 'time',
        description: `half-life of the ${exponent} phase`,
      });
    });
  }
  out.push({ name: 'CL', value: finite(cl), unitKind: 'volume-per-time', description: 'clearance k10·V1' });
  if (compartments > 1) {
    out.push({
      name: 'Vss',
      value: finite(vss),
      unitKind: 'volume',
      description: 'steady-state volume V1(1 + k12/k21 + k13/k31)',
    });
    out.push({
      name: 'Vz',
      value: finite(cl / terminal),
      unitKind: 'volume',
      description: 'terminal-phase volume CL/λz',
    });
  }
  out.push({
    name: 'AUC',
    value: finite((f * doseAmount) / cl),
    unitKind: 'concentration-time',
    description: 'AUC 0–∞ of one dose, F·D/CL',
  });
  const absorptionMrt =
    input === 'first-order' ? 1 / (params.ka ?? Number.NaN) + (options.lag ? (params.tlag ?? 0) : 0) : 0;
  out.push({
    name: 'MRT',
    value: finite(vss / cl + absorptionMrt),
    unitKind: 'time',
    description:
      input === 'first-order'
        ? 'mean residence time Vss/CL + 1/ka (+ tlag)'
        : 'mean residence time of the body Vss/CL',
  });
  if (input === 'first-order') {
    const ka = params.ka ?? Number.NaN;
    out.push({
      name: 'thalf_abs',
      value: finite(LN2 / ka),
      unitKind: 'time',
      description: 'absorption half-life ln2/ka',
    });
    if (compartments === 1) {
      // tmax = ln(ka/k)/(ka − k) (+ tlag); Gibaldi & Perrier 1982, ch. 1.
      const k = micro.k10;
      const lag = options.lag ? (params.tlag ?? 0) : 0;
      const tmax = ka === k ? 1 / k : Math.log(ka / k) / (ka - k);
      const cmax = firstOrderResponse(d, f * doseAmount, ka, 0, tmax);
      out.push({
        name: 'Tmax',
        value: finite(tmax + lag),
        unitKind: 'time',
        description: 'time of the single-dose peak',
      });
      out.push({
        name: 'Cmax',
        value: finite(cmax),
        unitKind: 'concentration',
        description: 'single-dose peak concentration',
      });
    }
  }
  return out;
}

export function linearCompartmentModel(compartments: 1 | 2 | 3, input: ModelInput): CompartmentModel {
  const names = ['one', 'two', 'three'];
  const model: CompartmentModel = {
    id: modelId(compartments, input),
    label: `${compartments}-compartment, ${INPUT_LABELS[input]}`,
    compartments,
    input,
    elimination: 'linear',
    solution: 'closed-form',
    parameters: linearParameters(compartments, input),
    description: `Linear ${names[compartments - 1]}-compartment mammillary model, ${INPUT_LABELS[input]}; closed form with superposition for repeated doses (Gibaldi & Perrier 1982).`,
    predict(params, doses, timesH, options = {}) {
      requireParameters(model, params, options);
      checkDosesForInput(input, doses);
      const micro = microFromParameters(params, compartments);
      return superpose(doses, timesH, linearSingleDose(micro, compartments, input, params, options));
    },
    derived(params, doseAmount, options = {}) {
      return linearDerived(
        microFromParameters(params, compartments),
        compartments,
        input,
        doseAmount,
        params,
        options,
      );
    },
  };
  return model;
}
