/**
 * Every compartment model evlab can simulate and fit, by id, plus unit strings for parameters and derived
 * quantities given the user's dose, concentration and time units.
 */
import { acceleratedClearanceModel } from './accelerated-clearance-ode.ts';
import { linearCompartmentModel } from './linear-compartment-model.ts';
import { michaelisMentenModel } from './michaelis-menten-ode.ts';
import type { CompartmentModel, ModelInput, ParameterUnitKind } from './model-types.ts';

const INPUTS: ModelInput[] = ['iv-bolus', 'iv-infusion', 'first-order'];

export const COMPARTMENT_MODELS: readonly CompartmentModel[] = [
  ...([1, 2, 3] as const).flatMap((n) => INPUTS.map((input) => linearCompartmentModel(n, input))),
  ...([1, 2] as const).flatMap((n) => INPUTS.map((input) => michaelisMentenModel(n, input))),
  ...([1, 2] as const).flatMap((n) => INPUTS.map((input) => acceleratedClearanceModel(n, input))),
];

export const MODEL_IDS: readonly string[] = COMPARTMENT_MODELS.map((m) => m.id);

const BY_ID = new Map(COMPARTMENT_MODELS.map((m) => [m.id, m]));

export function findModel(id: string): CompartmentModel | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

/** The model with this id, or a RangeError listing the valid ids. */
export function getModel(id: string): CompartmentModel {
  const model = findModel(id);
  if (!model) throw new RangeError(`unknown model "${id}"; valid models: ${MODEL_IDS.join(', ')}`);
  return model;
}

export interface UnitSystem {
  /** Dose amount unit, e.g. mg, µg, particles. */
  amount: string;
  /** Concentration unit, e.g. mg/L, ng/mL, particles/mL. */
  concentration: string;
  /** Time unit of the data, e.g. h. */
  time: string;
}

export const DEFAULT_UNITS: UnitSystem = { amount: 'mg', concentration: 'mg/L', time: 'h' };

/**
 * Volume unit implied by dose and concentration units: mg with mg/L → L; µg with ng/mL → µg/(ng/mL)
 * (= 1000 mL = L, left unsimplified rather than guessed).
 */
export function volumeUnit(units: UnitSystem): string {
  const prefix = `${units.amount}/`;
  if (units.concentration.startsWith(prefix)) return units.concentration.slice(prefix.length);
  return `${units.amount}/(${units.concentration})`;
}

export function unitString(kind: ParameterUnitKind, units: UnitSystem = DEFAULT_UNITS): string {
  const volume = volumeUnit(units);
  switch (kind) {
    case 'per-time':
      return `1/${units.time}`;
    case 'time':
      return units.time;
    case 'volume':
      return volume;
    case 'volume-per-time':
      return `${volume}/${units.time}`;
    case 'amount':
      return units.amount;
    case 'amount-per-time':
      return `${units.amount}/${units.time}`;
    case 'concentration':
      return units.concentration;
    case 'concentration-time':
      return `${units.time}·${units.concentration}`;
    case 'dimensionless':
      return '–';
  }
}
