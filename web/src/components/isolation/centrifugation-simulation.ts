/**
 * The centrifugation simulator's state → results, computed in the browser from the pure science module
 * (src/science/centrifugation) on every slider move — no HTTP round trip. Errors come back with the field
 * they concern so the form can show them inline.
 */
import type { Rotor } from '../../../../src/science/centrifugation/centrifugation-types.ts';
import type { MediumKind } from '../../../../src/science/centrifugation/medium-viscosity.ts';
import {
  closestRotorNames,
  findRotor,
  ROTORS,
  unknownRotorMessage,
} from '../../../../src/science/centrifugation/rotor-library.ts';
import {
  CURVE_RANGE_NM,
  computeSpin,
  logSpacedDiametersNm,
  maxRcfAvg,
  type PelletedAt,
  pelletingCurve,
  runOfSpin,
  type SpinField,
  SpinInputError,
  type SpinResult,
} from '../../../../src/science/centrifugation/spin-calculation.ts';
import { formatInteger } from '../../lib/format.ts';

/** "paper" = the fixed 1.55 cP of Livshits et al. 2015; otherwise the viscosity follows the temperature. */
export type MediumChoice = 'paper' | MediumKind;

export interface SimulatorState {
  rotorName: string;
  speedMode: 'rcf' | 'rpm';
  rcfG: number;
  rpm: number;
  minutes: number;
  temperatureC: number;
  medium: MediumChoice;
  evDensity: number;
  mediumDensity: number;
  /** Rotor for the k-factor equivalence helper ('' = none); starts as the simulated rotor and follows it. */
  compareRotorName: string;
}

export const INITIAL_SIMULATOR_STATE: SimulatorState = {
  rotorName: 'SW 40 Ti',
  speedMode: 'rcf',
  rcfG: 100_000,
  rpm: 30_000,
  minutes: 70,
  temperatureC: 4,
  medium: 'paper',
  evDensity: 1.15,
  mediumDensity: 1.0,
  compareRotorName: 'SW 40 Ti',
};

/** Diameters of the results table (Livshits et al. 2015 Table 2). */
export const TABLE_DIAMETERS_NM = [70, 100, 120, 150] as const;

const CURVE_DIAMETERS_NM = logSpacedDiametersNm(CURVE_RANGE_NM.from, CURVE_RANGE_NM.to, 121);

export interface Equivalence {
  rotor: Rotor;
  /** Minutes on the compared rotor equivalent to the run (same RCF at Rav, k-factor ratio). */
  minutes: number;
  result: SpinResult;
  curve: PelletedAt[];
}

export type Simulation =
  | {
      ok: true;
      rotor: Rotor;
      result: SpinResult;
      curve: PelletedAt[];
      equivalence: Equivalence | { error: string } | null;
    }
  | { ok: false; rotor: Rotor | null; field: SpinField; message: string };

/** `customRotors` are the user's own rotors (custom-rotors.ts), picked by name like the built-in ones. */
export function simulate(state: SimulatorState, customRotors: readonly Rotor[] = []): Simulation {
  const rotor = findRotor(state.rotorName, customRotors);
  if (!rotor)
    return {
      ok: false,
      rotor: null,
      field: 'rotor',
      message: unknownRotorMessage(state.rotorName, closestRotorNames(state.rotorName, 3, customRotors)),
    };
  const fluid = state.medium === 'paper' ? {} : { medium: state.medium, temperatureC: state.temperatureC };
  try {
    const result = computeSpin({
      rotor,
      ...(state.speedMode === 'rcf' ? { rcfG: state.rcfG } : { rpm: state.rpm }),
      minutes: state.minutes,
      diametersNm: TABLE_DIAMETERS_NM,
      evDensityGPerMl: state.evDensity,
      mediumDensityGPerMl: state.mediumDensity,
      ...fluid,
    });
    const curve = pelletingCurve(runOfSpin(rotor, result), CURVE_DIAMETERS_NM);
    return {
      ok: true,
      rotor,
      result,
      curve,
      equivalence: equivalenceFor(state, rotor, result, customRotors),
    };
  } catch (error) {
    if (error instanceof SpinInputError)
      return { ok: false, rotor, field: error.field, message: error.message };
    throw error;
  }
}

function equivalenceFor(
  state: SimulatorState,
  rotor: Rotor,
  result: SpinResult,
  customRotors: readonly Rotor[],
): Equivalence | { error: string } | null {
  if (state.compareRotorName === '') return null;
  const other = findRotor(state.compareRotorName, customRotors);
  if (!other)
    return {
      error: unknownRotorMessage(
        state.compareRotorName,
        closestRotorNames(state.compareRotorName, 3, customRotors),
      ),
    };
  try {
    const converted = computeSpin({
      rotor: other,
      rcfG: result.rcfAvg,
      minutes: result.minutes,
      kAdjustFrom: rotor,
      diametersNm: TABLE_DIAMETERS_NM,
      viscosityCp: result.viscosityCp,
      evDensityGPerMl: result.evDensity,
      mediumDensityGPerMl: result.mediumDensity,
    });
    return {
      rotor: other,
      minutes: converted.minutes,
      result: converted,
      curve: pelletingCurve(runOfSpin(other, converted), CURVE_DIAMETERS_NM),
    };
  } catch (error) {
    if (error instanceof SpinInputError)
      return { error: `${other.name} cannot run this: ${rcfLimitMessage(other, result.rcfAvg)}` };
    throw error;
  }
}

function rcfLimitMessage(rotor: Rotor, rcfAvg: number): string {
  return `${formatInteger(rcfAvg)} ×g at Rav is above its maximum of ${formatInteger(maxRcfAvg(rotor))} ×g at Rav (${formatInteger(rotor.maxRpm)} rpm)`;
}

/** Built-in rotors grouped by type, for the picker, then the user's own rotors under "Your rotors". */
export function rotorsByType(customRotors: readonly Rotor[] = []): { label: string; rotors: Rotor[] }[] {
  const groups = [
    { label: 'Swinging-bucket', rotors: ROTORS.filter((r) => r.type === 'swinging-bucket') },
    { label: 'Fixed-angle', rotors: ROTORS.filter((r) => r.type === 'fixed-angle') },
  ];
  return customRotors.length > 0 ? [...groups, { label: 'Your rotors', rotors: [...customRotors] }] : groups;
}
