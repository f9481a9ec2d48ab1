/**
 * Body-surface-area conversion factors of the FDA guidance "Estimating the Maximum Safe Starting Dose in
 * Initial Clinical Trials for Therapeutics in Adult Healthy Volunteers" (U.S. FDA, CDER, July 2005):
 * Km and the divide/multiply factors are Table 1 "Conversion of animal doses to human equivalent doses
 * based on body surface area"; the reference body weights, working weight ranges and body surface areas
 * are the guidance's Appendix C, Table 3 (the table that lists them beside Km).
 *
 * Verification status: the guidance text could not be retrieved through the sources available to this
 * check, so the numbers below were not re-read against it; Km, the divide/multiply factors and the
 * mouse/rat/monkey/dog/human reference weights agree with independent reproductions (e.g. Km mouse 3,
 * rat 6, monkey 12, dog 20, human 37; divide-by 12.3 for mouse), and each divide/multiply factor is
 * consistent with 37/Km and Km/37 rounded as printed. Re-check the working ranges and BSA column against
 * Appendix C before citing them.
 *
 * Km = body weight (kg) / body surface area (m²). A dose in mg/kg times Km is a dose in mg/m², so
 * HED (mg/kg) = animal dose (mg/kg) × Km(animal) / Km(human).
 */
import type { Citation } from '../../../domain/citation.ts';
import type { PkSpecies } from '../../../domain/pk-study.ts';

export const FDA_2005_GUIDANCE: Citation = {
  authors: 'U.S. FDA, CDER',
  year: 2005,
  title:
    'Guidance for Industry: Estimating the Maximum Safe Starting Dose in Initial Clinical Trials for Therapeutics in Adult Healthy Volunteers',
  url: 'https://www.fda.gov/media/72309/download',
  location: 'Table 1 (Km, conversion factors); Appendix C, Table 3 (reference weights, ranges, BSA)',
};

export interface KmFactor {
  /** Reference body weight, kg (Appendix C, Table 3). */
  referenceWeightKg: number;
  /** Working weight range, kg (Appendix C, Table 3): Km applies within it. */
  workingRangeKg: [number, number] | null;
  /** Body surface area at the reference weight, m² (Appendix C, Table 3). */
  bodySurfaceAreaM2: number;
  /** Km = kg / m² (Table 1). */
  km: number;
  /** Table 1's rounded "divide animal dose by" column (37 / Km, as printed). */
  divideBy: number | null;
  /** Table 1's rounded "multiply animal dose by" column (Km / 37, as printed). */
  multiplyBy: number | null;
}

/** Table 1 and Appendix C Table 3 of the FDA (2005) guidance, row by row (values as printed). */
export const FDA_KM_TABLE = {
  human: {
    referenceWeightKg: 60,
    workingRangeKg: null,
    bodySurfaceAreaM2: 1.62,
    km: 37,
    divideBy: null,
    multiplyBy: null,
  },
  mouse: {
    referenceWeightKg: 0.02,
    workingRangeKg: [0.011, 0.034],
    bodySurfaceAreaM2: 0.007,
    km: 3,
    divideBy: 12.3,
    multiplyBy: 0.08,
  },
  hamster: {
    referenceWeightKg: 0.08,
    workingRangeKg: [0.047, 0.157],
    bodySurfaceAreaM2: 0.016,
    km: 5,
    divideBy: 7.4,
    multiplyBy: 0.13,
  },
  rat: {
    referenceWeightKg: 0.15,
    workingRangeKg: [0.08, 0.27],
    bodySurfaceAreaM2: 0.025,
    km: 6,
    divideBy: 6.2,
    multiplyBy: 0.16,
  },
  ferret: {
    referenceWeightKg: 0.3,
    workingRangeKg: [0.16, 0.54],
    bodySurfaceAreaM2: 0.043,
    km: 7,
    divideBy: 5.3,
    multiplyBy: 0.19,
  },
  'guinea-pig': {
    referenceWeightKg: 0.4,
    workingRangeKg: [0.208, 0.7],
    bodySurfaceAreaM2: 0.05,
    km: 8,
    divideBy: 4.6,
    multiplyBy: 0.22,
  },
  rabbit: {
    referenceWeightKg: 1.8,
    workingRangeKg: [0.9, 3.0],
    bodySurfaceAreaM2: 0.15,
    km: 12,
    divideBy: 3.1,
    multiplyBy: 0.32,
  },
  dog: {
    referenceWeightKg: 10,
    workingRangeKg: [5, 17],
    bodySurfaceAreaM2: 0.5,
    km: 20,
    divideBy: 1.8,
    multiplyBy: 0.54,
  },
  /** Rhesus, cynomolgus (Table 1: "Monkeys (rhesus)"). */
  monkey: {
    referenceWeightKg: 3,
    workingRangeKg: [1.4, 4.9],
    bodySurfaceAreaM2: 0.25,
    km: 12,
    divideBy: 3.1,
    multiplyBy: 0.32,
  },
  marmoset: {
    referenceWeightKg: 0.35,
    workingRangeKg: [0.14, 0.72],
    bodySurfaceAreaM2: 0.06,
    km: 6,
    divideBy: 6.2,
    multiplyBy: 0.16,
  },
  'squirrel-monkey': {
    referenceWeightKg: 0.6,
    workingRangeKg: [0.29, 0.97],
    bodySurfaceAreaM2: 0.09,
    km: 7,
    divideBy: 5.3,
    multiplyBy: 0.19,
  },
  baboon: {
    referenceWeightKg: 12,
    workingRangeKg: [7, 23],
    bodySurfaceAreaM2: 0.6,
    km: 20,
    divideBy: 1.8,
    multiplyBy: 0.54,
  },
  'micro-pig': {
    referenceWeightKg: 20,
    workingRangeKg: [10, 33],
    bodySurfaceAreaM2: 0.74,
    km: 27,
    divideBy: 1.4,
    multiplyBy: 0.73,
  },
  'mini-pig': {
    referenceWeightKg: 40,
    workingRangeKg: [25, 64],
    bodySurfaceAreaM2: 1.14,
    km: 35,
    divideBy: 1.1,
    multiplyBy: 0.95,
  },
} as const satisfies Partial<Record<PkSpecies, KmFactor>>;

export type KmSpecies = Exclude<keyof typeof FDA_KM_TABLE, 'human'>;
export const KM_SPECIES = Object.keys(FDA_KM_TABLE).filter((s) => s !== 'human') as KmSpecies[];

export function isKmSpecies(species: string): species is KmSpecies {
  return species !== 'human' && Object.hasOwn(FDA_KM_TABLE, species);
}

export function kmFactorOf(species: KmSpecies | 'human'): KmFactor {
  return FDA_KM_TABLE[species] as KmFactor;
}

/** Human Km (FDA 2005, Table 1; 60 kg adult, 1.62 m² in Appendix C, Table 3). */
export const HUMAN_KM = FDA_KM_TABLE.human.km;
/** Reference adult body weight the guidance converts to, kg (FDA 2005, Appendix C, Table 3). */
export const HUMAN_REFERENCE_WEIGHT_KG = FDA_KM_TABLE.human.referenceWeightKg;
