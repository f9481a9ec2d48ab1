/**
 * Dose preparation: from a batch of known concentration (particles/mL from NTA, or µg protein/mL) to the
 * volume to draw per animal, the diluent to add, intermediate dilutions when the stock volume is too small
 * to pipette, and warnings against the route's maximum injection volume (route-library.ts).
 *
 * Volumes are µL, concentrations are dose units per mL (1 mL = 1000 µL).
 */
import type { AdministrationRoute } from '../../../domain/administration-route.ts';
import type { Citation } from '../../../domain/citation.ts';
import type { DoseUnit } from '../../../domain/pk-study.ts';
import { DosingInputError, type DosingNote } from './human-equivalent-dose.ts';
import { type MaxInjectionVolume, maxInjectionVolume } from './route-library.ts';

/** MISEV2018: particle counts (NTA) are not EV-specific; report them with protein and other measures. */
export const MISEV_2018: Citation = {
  authors: 'Théry et al.',
  year: 2018,
  title:
    'Minimal information for studies of extracellular vesicles 2018 (MISEV2018): a position statement of the International Society for Extracellular Vesicles',
  journal: 'J. Extracell. Vesicles 7:1535750',
  doi: '10.1080/20013078.2018.1535750',
};

/**
 * Smallest volume evlab plans to pipette, µL. An evlab convention (a user setting, not a literature value):
 * below about 2 µL air-displacement pipettes lose accuracy, so smaller transfers go through an intermediate
 * dilution.
 */
export const DEFAULT_MIN_PIPETTE_UL = 2;
/** Fold of each intermediate dilution step (1:10, a common serial-dilution step; user setting). */
export const DEFAULT_DILUTION_STEP = 10;

export interface DosePreparationInput {
  /** Stock concentration of the batch, dose units per mL (particles/mL, µg protein/mL, mg/mL). */
  stockConcentrationPerMl: number;
  /** Target dose: per animal, or per kg when perKg. */
  dose: number;
  unit: DoseUnit;
  perKg: boolean;
  /** Body weight of the animal, kg (required when perKg; used for per-kg volume limits). */
  bodyWeightKg?: number | null;
  /** Volume to inject per animal, µL; null = inject the stock undiluted. */
  injectionVolumeUl?: number | null;
  /** Explicit maximum injection volume, µL (overrides the route library). */
  maxVolumeUl?: number | null;
  route?: AdministrationRoute | null;
  species?: string | null;
  /** Animals dosed from one preparation (default 1). */
  animals?: number;
  /** Extra volume prepared for dead volume, percent (default 0). */
  overagePercent?: number;
  minPipetteUl?: number;
  dilutionStep?: number;
}

export interface DilutionStep {
  step: number;
  /** 'stock' or the number of the step it is made from. */
  from: 'stock' | number;
  transferUl: number;
  diluentUl: number;
  totalUl: number;
  /** Fold dilution of this step. */
  factor: number;
  concentrationPerMl: number;
}

export interface DosePreparation {
  unit: DoseUnit;
  dosePerAnimal: number;
  stockConcentrationPerMl: number;
  /** Stock needed per animal, µL (what an undiluted injection would be). */
  stockVolumePerAnimalUl: number;
  /** Volume injected per animal, µL. */
  injectionVolumeUl: number;
  /** Diluent per animal when mixing stock and diluent directly, µL. */
  diluentPerAnimalUl: number;
  /** Overall dilution of the stock in the injected solution (1 = undiluted). */
  dilutionFactor: number;
  finalConcentrationPerMl: number;
  maxVolume: MaxInjectionVolume | null;
  /** Intermediate dilutions (empty when the stock is drawn directly). */
  intermediateSteps: DilutionStep[];
  /** The final mix for all animals: volume from the stock or the last intermediate, plus diluent. */
  finalMix: {
    animals: number;
    overagePercent: number;
    from: 'stock' | number;
    transferUl: number;
    diluentUl: number;
    totalUl: number;
  };
  notes: DosingNote[];
}

function requirePositive(value: number | null | undefined, field: string, what: string): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) {
    throw new DosingInputError(`${what} must be a positive number (got ${value ?? 'nothing'})`, field);
  }
  return value;
}

/** Rounds a volume up to 2 significant digits (extra intermediate volume is harmless; too little is not). */
export function roundUpVolume(ul: number): number {
  if (ul <= 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(ul)) - 1);
  return Math.ceil(ul / magnitude - 1e-9) * magnitude;
}

export function prepareDose(input: DosePreparationInput): DosePreparation {
  const stock = requirePositive(
    input.stockConcentrationPerMl,
    'stockConcentrationPerMl',
    'the stock concentration',
  );
  const dose = requirePositive(input.dose, 'dose', 'the dose');
  const weight =
    input.bodyWeightKg === null || input.bodyWeightKg === undefined
      ? null
      : requirePositive(input.bodyWeightKg, 'bodyWeightKg', 'the body weight');
  if (input.perKg && weight === null) {
    throw new DosingInputError('a dose per kg needs the body weight (bodyWeightKg)', 'bodyWeightKg');
  }
  const animals = input.animals ?? 1;
  if (!Number.isInteger(animals) || animals < 1 || animals > 10_000) {
    throw new DosingInputError(`animals must be a whole number from 1 to 10000 (got ${animals})`, 'animals');
  }
  const overagePercent = input.overagePercent ?? 0;
  if (!Number.isFinite(overagePercent) || overagePercent < 0 || overagePercent > 500) {
    throw new DosingInputError(`overagePercent must be 0–500 (got ${overagePercent})`, 'overagePercent');
  }
  const minPipette = requirePositive(
    input.minPipetteUl ?? DEFAULT_MIN_PIPETTE_UL,
    'minPipetteUl',
    'minPipetteUl',
  );
  const stepFactor = input.dilutionStep ?? DEFAULT_DILUTION_STEP;
  if (!Number.isFinite(stepFactor) || stepFactor < 2 || stepFactor > 1000) {
    throw new DosingInputError(`dilutionStep must be 2–1000 (got ${stepFactor})`, 'dilutionStep');
  }
  const notes: DosingNote[] = [];

  const dosePerAnimal = input.perKg ? dose * (weight as number) : dose;
  const stockVolumePerAnimalUl = (dosePerAnimal / stock) * 1000;

  let injectionVolumeUl = stockVolumePerAnimalUl;
  if (input.injectionVolumeUl !== null && input.injectionVolumeUl !== undefined) {
    const wanted = requirePositive(input.injectionVolumeUl, 'injectionVolumeUl', 'the injection volume');
    if (wanted < stockVolumePerAnimalUl * (1 - 1e-9)) {
      notes.push({
        level: 'warning',
        code: 'stock-too-dilute',
        message: `The dose needs ${fmt(stockVolumePerAnimalUl)} µL of stock, more than the ${fmt(wanted)} µL injection volume: concentrate the batch to at least ${fmtSci((dosePerAnimal / wanted) * 1000)} per mL, or inject more volume. The plan below uses the undiluted stock.`,
        citation: null,
      });
    } else {
      injectionVolumeUl = wanted;
    }
  }

  const maxVolume: MaxInjectionVolume | null =
    input.maxVolumeUl !== null && input.maxVolumeUl !== undefined
      ? {
          goodPracticeUl: requirePositive(input.maxVolumeUl, 'maxVolumeUl', 'the maximum volume'),
          possibleMaxUl: null,
          basis: 'the given maximum volume',
          citation: null,
        }
      : input.route && input.species
        ? maxInjectionVolume(input.route, input.species, weight)
        : null;
  if (maxVolume && maxVolume.goodPracticeUl !== null) {
    if (maxVolume.possibleMaxUl !== null && injectionVolumeUl > maxVolume.possibleMaxUl) {
      notes.push({
        level: 'warning',
        code: 'volume-above-maximum',
        message: `${fmt(injectionVolumeUl)} µL exceeds the possible maximum of ${fmt(maxVolume.possibleMaxUl)} µL (${maxVolume.basis}).`,
        citation: maxVolume.citation,
      });
    } else if (injectionVolumeUl > maxVolume.goodPracticeUl) {
      notes.push({
        level: 'warning',
        code: 'volume-above-good-practice',
        message: `${fmt(injectionVolumeUl)} µL exceeds the good-practice volume of ${fmt(maxVolume.goodPracticeUl)} µL (${maxVolume.basis}).`,
        citation: maxVolume.citation,
      });
    }
    if (stockVolumePerAnimalUl > maxVolume.goodPracticeUl) {
      notes.push({
        level: 'warning',
        code: 'dose-does-not-fit',
        message: `Even undiluted, the dose needs ${fmt(stockVolumePerAnimalUl)} µL; to fit ${fmt(maxVolume.goodPracticeUl)} µL the stock must hold at least ${fmtSci((dosePerAnimal / maxVolume.goodPracticeUl) * 1000)} per mL.`,
        citation: maxVolume.citation,
      });
    }
  } else if (input.route && input.species && !maxVolume) {
    notes.push({
      level: 'info',
      code: 'no-volume-limit',
      message: `No tabulated injection-volume limit for ${input.species} by the ${input.route} route${weight === null ? ' (or no body weight given for a per-kg limit)' : ''}: check your protocol.`,
      citation: null,
    });
  }

  const dilutionFactor = injectionVolumeUl / stockVolumePerAnimalUl;
  const finalConcentrationPerMl = stock / dilutionFactor;

  // The whole preparation: all animals plus overage.
  let totalUl = animals * injectionVolumeUl * (1 + overagePercent / 100);
  let stockTotalUl = totalUl / dilutionFactor;

  // Intermediate 1:k dilutions when the stock transfer would be below the pipetting floor.
  let steps = 0;
  if (stockTotalUl < minPipette) {
    const needed = Math.ceil(Math.log(minPipette / stockTotalUl) / Math.log(stepFactor) - 1e-12);
    const possible = Math.floor(Math.log(dilutionFactor) / Math.log(stepFactor) + 1e-12);
    steps = Math.max(0, Math.min(needed, possible));
    const drawn = stockTotalUl * stepFactor ** steps;
    if (drawn < minPipette) {
      // Not enough dilution left: prepare more than needed so the smallest transfer is pipettable.
      const scale = minPipette / drawn;
      totalUl *= scale;
      stockTotalUl *= scale;
      notes.push({
        level: 'info',
        code: 'prepare-excess',
        message: `The stock transfer would be below ${fmt(minPipette)} µL; the plan prepares ${fmt(scale, 3)}× the volume needed.`,
        citation: null,
      });
    }
  }

  const intermediateSteps: DilutionStep[] = [];
  if (steps > 0) {
    // Work backwards: the last intermediate must supply the final transfer; each earlier one the next transfer.
    const finalTransfer = stockTotalUl * stepFactor ** steps;
    let needUl = finalTransfer * 1.1; // 10 % spare for the transfer out (evlab convention)
    const transfers: number[] = [];
    for (let i = steps; i >= 1; i--) {
      const transfer = roundUpVolume(Math.max(minPipette, needUl / stepFactor));
      transfers[i] = transfer;
      needUl = transfer * 1.1;
    }
    let concentration = stock;
    for (let i = 1; i <= steps; i++) {
      const transfer = transfers[i] as number;
      concentration /= stepFactor;
      intermediateSteps.push({
        step: i,
        from: i === 1 ? 'stock' : i - 1,
        transferUl: transfer,
        diluentUl: transfer * (stepFactor - 1),
        totalUl: transfer * stepFactor,
        factor: stepFactor,
        concentrationPerMl: concentration,
      });
    }
    notes.push({
      level: 'info',
      code: 'intermediate-dilution',
      message: `${fmt(stockTotalUl, 3)} µL of stock is too little to pipette: ${steps} intermediate 1:${stepFactor} dilution${steps > 1 ? 's' : ''} first.`,
      citation: null,
    });
  }
  const transferUl = stockTotalUl * stepFactor ** steps;

  if (input.unit === 'particles') {
    notes.push({
      level: 'info',
      code: 'particle-count-not-ev-specific',
      message:
        'NTA counts every particle in its size range (protein aggregates and lipoproteins included): report the particle:protein ratio with the dose.',
      citation: MISEV_2018,
    });
  }

  return {
    unit: input.unit,
    dosePerAnimal,
    stockConcentrationPerMl: stock,
    stockVolumePerAnimalUl,
    injectionVolumeUl,
    diluentPerAnimalUl: injectionVolumeUl - stockVolumePerAnimalUl,
    dilutionFactor,
    finalConcentrationPerMl,
    maxVolume,
    intermediateSteps,
    finalMix: {
      animals,
      overagePercent,
      from: steps === 0 ? 'stock' : steps,
      transferUl,
      diluentUl: totalUl - transferUl,
      totalUl,
    },
    notes,
  };
}

function fmt(value: number, digits = 3): string {
  return Number(value.toPrecision(digits)).toString();
}

function fmtSci(value: number): string {
  return value >= 1e4 || value < 1e-2 ? value.toExponential(2) : fmt(value);
}
