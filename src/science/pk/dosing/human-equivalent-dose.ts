/**
 * Human-equivalent dose (HED) from an animal dose per kg, the way the FDA (2005) guidance "Estimating the
 * Maximum Safe Starting Dose in Initial Clinical Trials for Therapeutics in Adult Healthy Volunteers" does it:
 *
 * - `bsa` (body surface area, the guidance's default): HED = dose/kg × Km(animal) / Km(human), Km from
 *   Table 1 (km-factors.ts).
 * - `allometry`: HED = dose/kg × (W_animal / W_human)^(1 − b), with the guidance's b = 0.67 by default
 *   (b = 0.75 is the metabolic-rate exponent of Kleiber 1932, Hilgardia 6:315, offered as an option).
 * - `per-kg`: HED = dose/kg (1:1), what the guidance recommends for proteins above 100 kDa given
 *   intravascularly, which EVs are far larger than.
 *
 * The scaling is unit-agnostic: particles/kg, µg protein/kg and mg/kg convert alike.
 */
import type { AdministrationRoute } from '../../../domain/administration-route.ts';
import type { Citation } from '../../../domain/citation.ts';
import type { DoseUnit } from '../../../domain/pk-study.ts';
import {
  FDA_2005_GUIDANCE,
  HUMAN_KM,
  HUMAN_REFERENCE_WEIGHT_KG,
  type KmSpecies,
  kmFactorOf,
} from './km-factors.ts';

export const HED_METHODS = ['bsa', 'allometry', 'per-kg'] as const;
export type HedMethod = (typeof HED_METHODS)[number];

/** Allometric exponent b of the FDA (2005) guidance (BSA ∝ W^0.67). */
export const FDA_ALLOMETRIC_EXPONENT = 0.67;
/** Kleiber's metabolic exponent (Kleiber 1932, Hilgardia 6:315–353), the common alternative. */
export const KLEIBER_EXPONENT = 0.75;

export interface DosingNote {
  level: 'info' | 'warning';
  code: string;
  message: string;
  citation: Citation | null;
}

export interface HedInput {
  species: KmSpecies;
  /** Animal dose per kg body weight, in `unit` per kg. */
  dosePerKg: number;
  unit: DoseUnit;
  method?: HedMethod;
  /** b in HED = dose × (Wa/Wh)^(1−b); allometry only. Default 0.67 (FDA 2005). */
  exponent?: number;
  /** Animal body weight, kg; default the Table 1 reference weight of the species. */
  animalWeightKg?: number | null;
  /** Human body weight, kg; default 60 (FDA 2005, Table 1). */
  humanWeightKg?: number | null;
  /** Route of administration, for the guidance's exceptions to BSA scaling. */
  route?: AdministrationRoute | null;
}

export interface HedResult {
  species: KmSpecies;
  method: HedMethod;
  animalDosePerKg: number;
  unit: DoseUnit;
  km: { animal: number; human: number };
  /** b of the allometric formula (null unless method = allometry). */
  exponent: number | null;
  animalWeightKg: number;
  humanWeightKg: number;
  /** HED / animal dose (per kg). */
  factor: number;
  /** Human-equivalent dose per kg. */
  hedPerKg: number;
  /** Total dose for a 60 kg adult (the guidance's reference human). */
  hedFor60Kg: number;
  /** Total dose for `humanWeightKg`. */
  hedTotal: number;
  formula: string;
  citation: Citation;
  notes: DosingNote[];
}

export class DosingInputError extends Error {
  override readonly name = 'DosingInputError';
  constructor(
    message: string,
    /** The input field at fault, e.g. 'dosePerKg'. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** Routes into compartments with little distribution outside them (FDA 2005, exceptions to BSA scaling). */
const COMPARTMENT_ROUTES: readonly AdministrationRoute[] = [
  'intrathecal',
  'intracerebroventricular',
  'intracerebral',
  'intravitreal',
  'intratympanic',
  'intra-articular',
];
/** Routes where local effects may limit the dose (FDA 2005: normalise by concentration or amount at site). */
const LOCAL_ROUTES: readonly AdministrationRoute[] = [
  'topical',
  'intranasal',
  'subcutaneous',
  'intramuscular',
  'inhaled',
  'local-injection',
];

function positive(value: number | null | undefined, field: string, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value <= 0) {
    throw new DosingInputError(`${what} must be a positive number (got ${value})`, field);
  }
  return value;
}

export function humanEquivalentDose(input: HedInput): HedResult {
  const method = input.method ?? 'bsa';
  const animal = kmFactorOf(input.species);
  const dosePerKg = positive(input.dosePerKg, 'dosePerKg', 'the animal dose per kg');
  if (dosePerKg === null) throw new DosingInputError('the animal dose per kg is required', 'dosePerKg');
  const animalWeightKg =
    positive(input.animalWeightKg, 'animalWeightKg', 'the animal weight') ?? animal.referenceWeightKg;
  const humanWeightKg =
    positive(input.humanWeightKg, 'humanWeightKg', 'the human weight') ?? HUMAN_REFERENCE_WEIGHT_KG;
  const notes: DosingNote[] = [];

  let factor: number;
  let exponent: number | null = null;
  let formula: string;
  switch (method) {
    case 'bsa':
      factor = animal.km / HUMAN_KM;
      formula = `HED = dose/kg × Km(${input.species}) / Km(human) = dose/kg × ${animal.km}/${HUMAN_KM}`;
      if (
        animal.workingRangeKg &&
        (animalWeightKg < animal.workingRangeKg[0] || animalWeightKg > animal.workingRangeKg[1])
      ) {
        notes.push({
          level: 'warning',
          code: 'outside-working-range',
          message: `${animalWeightKg} kg is outside the ${input.species} working range (${animal.workingRangeKg[0]}–${animal.workingRangeKg[1]} kg) of Table 1; the guidance computes the HED from the actual weights instead (method allometry).`,
          citation: FDA_2005_GUIDANCE,
        });
      }
      break;
    case 'allometry': {
      const b = input.exponent ?? FDA_ALLOMETRIC_EXPONENT;
      if (!Number.isFinite(b) || b <= 0 || b > 1) {
        throw new DosingInputError(`the allometric exponent must be in (0, 1] (got ${b})`, 'exponent');
      }
      exponent = b;
      factor = (animalWeightKg / humanWeightKg) ** (1 - b);
      formula = `HED = dose/kg × (W_animal / W_human)^(1 − ${b}) = dose/kg × (${animalWeightKg}/${humanWeightKg})^${round(1 - b, 4)}`;
      break;
    }
    case 'per-kg':
      factor = 1;
      formula = 'HED = dose/kg (1:1 body-weight scaling)';
      break;
  }

  if (input.route === 'intravenous' && method !== 'per-kg') {
    notes.push({
      level: 'info',
      code: 'large-molecule-iv',
      message:
        'The guidance scales proteins above 100 kDa given intravascularly by mg/kg (1:1) rather than by body surface area; EVs are far larger, so compare with method per-kg.',
      citation: FDA_2005_GUIDANCE,
    });
  }
  if (input.route && COMPARTMENT_ROUTES.includes(input.route)) {
    notes.push({
      level: 'warning',
      code: 'compartment-route',
      message:
        'For doses into a compartment with little distribution outside it (intrathecal, intraocular …) the guidance normalises between species by compartment volume and concentration, not by body weight or surface area.',
      citation: FDA_2005_GUIDANCE,
    });
  }
  if (input.route && LOCAL_ROUTES.includes(input.route)) {
    notes.push({
      level: 'info',
      code: 'local-route',
      message:
        'When local effects limit the dose (topical, intranasal, subcutaneous, intramuscular) the guidance normalises by concentration or amount per application area rather than per kg.',
      citation: FDA_2005_GUIDANCE,
    });
  }
  notes.push({
    level: 'info',
    code: 'ev-scaling-unvalidated',
    message:
      'Km factors come from small-molecule toxicology (maximum safe starting dose); no interspecies scaling has been validated for EV doses, so treat the HED as a starting point for dose-range finding.',
    citation: null,
  });

  const hedPerKg = dosePerKg * factor;
  return {
    species: input.species,
    method,
    animalDosePerKg: dosePerKg,
    unit: input.unit,
    km: { animal: animal.km, human: HUMAN_KM },
    exponent,
    animalWeightKg,
    humanWeightKg,
    factor,
    hedPerKg,
    hedFor60Kg: hedPerKg * HUMAN_REFERENCE_WEIGHT_KG,
    hedTotal: hedPerKg * humanWeightKg,
    formula,
    citation: FDA_2005_GUIDANCE,
    notes,
  };
}

/** The reverse: the animal dose per kg equivalent to a human dose per kg (BSA method). */
export function animalEquivalentDosePerKg(species: KmSpecies, humanDosePerKg: number): number {
  return (humanDosePerKg * HUMAN_KM) / kmFactorOf(species).km;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
