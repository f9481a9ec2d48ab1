/**
 * One "spin": everything `evlab spin`, `POST /api/centrifugation/spin` and the web simulator report for a
 * rotor, a speed and a time — validated in one place so the three front ends give the same answers and
 * the same error messages (each error names the input field it is about).
 */
import type { CentrifugationRun, RcfRadius, Rotor, RotorType } from './centrifugation-types.ts';
import { kEquivalentMinutes, kFactor } from './k-factor.ts';
import { MEDIUM_VISCOSITY_SOURCES, type MediumKind, viscosityCp } from './medium-viscosity.ts';
import { cutoffDiameterNm, minutesToPellet, pelletedFraction } from './pelleting-efficiency.ts';
import { rcfAtRadius, rpmForRcf } from './sedimentation.ts';

/**
 * Defaults of Livshits et al. 2015 (Sci Rep 5:17319, Table 2 conditions): vesicle density 1.15 g/mL
 * (within the 1.10–1.19 g/mL sucrose-gradient density of exosomes, Théry et al. 2006, Curr Protoc Cell
 * Biol 3.22), medium density 1.00 g/mL and viscosity 1.55 cP (water near 4 °C, the usual run temperature).
 */
export const LIVSHITS_DEFAULTS = {
  viscosityCp: 1.55,
  evDensityGPerMl: 1.15,
  mediumDensityGPerMl: 1.0,
} as const;

/** Temperature assumed when only a medium is given: 4 °C, the usual (ultra)centrifugation temperature
 * of EV protocols (Théry et al. 2006, Curr Protoc Cell Biol 3.22). */
export const DEFAULT_TEMPERATURE_C = 4;

/** Diameters reported by default: the four of Livshits et al. 2015 Table 2. */
export const DEFAULT_DIAMETERS_NM: readonly number[] = [70, 100, 120, 150];

/** Diameter range of the pelleting curve, nm (small EVs to large vesicles). */
export const CURVE_RANGE_NM = { from: 20, to: 500 } as const;

/** Points of the optional pelleting curve (`--curve`, API `curve: true`): one every ≈ 3.4 % in diameter. */
export const CURVE_POINTS = 97;

/** Temperatures accepted, °C: the range of refrigerated (ultra)centrifuges for aqueous samples. */
export const TEMPERATURE_RANGE_C = { min: 0, max: 40 } as const;

/** Input field names (API body keys; the CLI maps them to its options). */
export type SpinField =
  | 'rotor'
  | 'rcf'
  | 'at'
  | 'rpm'
  | 'minutes'
  | 'kAdjustFrom'
  | 'diameters'
  | 'viscosityCp'
  | 'temperature'
  | 'medium'
  | 'evDensity'
  | 'mediumDensity';

/** A spin input that cannot be computed; `field` names the offending input. */
export class SpinInputError extends Error {
  override readonly name = 'SpinInputError';
  constructor(
    readonly field: SpinField,
    message: string,
    readonly code = 'invalid-spin-input',
  ) {
    super(message);
  }
}

export interface SpinRequest {
  rotor: Rotor;
  /** RCF (×g) at the radius `rcfAt` (default Rav). Exactly one of rcfG / rpm. */
  rcfG?: number | undefined;
  rcfAt?: RcfRadius | undefined;
  rpm?: number | undefined;
  /** Run time, or with kAdjustFrom the time of the run on that rotor. */
  minutes: number;
  /** Convert `minutes` on this rotor (same RCF at Rav) to the k-equivalent time on `rotor`. */
  kAdjustFrom?: Rotor | null | undefined;
  diametersNm?: readonly number[] | undefined;
  viscosityCp?: number | undefined;
  temperatureC?: number | undefined;
  medium?: MediumKind | undefined;
  evDensityGPerMl?: number | undefined;
  mediumDensityGPerMl?: number | undefined;
  /** Add the pelleting curve over CURVE_RANGE_NM with this many log-spaced points. */
  curvePoints?: number | undefined;
}

export interface PelletedAt {
  diameterNm: number;
  fraction: number;
}

export interface SpinResult {
  rotor: string;
  type: RotorType;
  rpm: number;
  /** RCF at Rav, ×g. */
  rcfAvg: number;
  rcfMax: number;
  rcfMin: number;
  minutes: number;
  /** k-factor of the rotor at the run speed. */
  kFactor: number;
  cutoffDiameterNm: number;
  pelleted: PelletedAt[];
  /** Run time (same speed) that would pellet every particle of each reported diameter. */
  minutesToPellet: { diameterNm: number; minutes: number }[];
  viscosityCp: number;
  viscositySource: string;
  temperatureC: number | null;
  medium: MediumKind | null;
  evDensity: number;
  mediumDensity: number;
  kAdjustedFrom: { rotor: string; minutes: number; rpm: number; kFactor: number } | null;
  /** The rotor's note on uncertain or derived library values, if any. */
  rotorNote: string | null;
  curve?: PelletedAt[];
  warnings: string[];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function requireFinite(field: SpinField, label: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new SpinInputError(field, `${label} must be a number`);
}

function requirePositive(field: SpinField, label: string, value: number): void {
  requireFinite(field, label, value);
  if (!(value > 0)) throw new SpinInputError(field, `${label} must be greater than 0 (got ${value})`);
}

function radiusOf(rotor: Rotor, at: RcfRadius): number {
  return at === 'rmax' ? rotor.rMaxMm : at === 'rmin' ? rotor.rMinMm : rotor.rAvMm;
}

/** Highest RCF at Rav the rotor reaches (at its maximum speed). */
export function maxRcfAvg(rotor: Rotor): number {
  return rcfAtRadius(rotor.maxRpm, rotor.rAvMm);
}

/** Resolves the speed to { rpm, rcfAvg }, refusing speeds above the rotor's maximum. */
export function resolveSpeed(
  rotor: Rotor,
  speed: { rcfG?: number | undefined; rcfAt?: RcfRadius | undefined; rpm?: number | undefined },
): { rpm: number; rcfAvg: number } {
  const hasRcf = speed.rcfG !== undefined;
  const hasRpm = speed.rpm !== undefined;
  if (hasRcf && hasRpm) throw new SpinInputError('rpm', 'give either an RCF or an rpm, not both');
  if (!hasRcf && !hasRpm) throw new SpinInputError('rcf', 'give the speed as an RCF (×g) or an rpm');
  let rpm: number;
  if (hasRpm) {
    requirePositive('rpm', 'rpm', speed.rpm as number);
    rpm = speed.rpm as number;
    if (rpm > rotor.maxRpm)
      throw new SpinInputError(
        'rpm',
        `${fmt(rpm)} rpm exceeds the maximum speed of ${rotor.name} (${fmt(rotor.maxRpm)} rpm)`,
        'above-max-rpm',
      );
  } else {
    requirePositive('rcf', 'RCF', speed.rcfG as number);
    const at = speed.rcfAt ?? 'rav';
    rpm = rpmForRcf(speed.rcfG as number, radiusOf(rotor, at));
    if (rpm > rotor.maxRpm * (1 + 1e-9)) {
      const atMax = rcfAtRadius(rotor.maxRpm, radiusOf(rotor, at));
      throw new SpinInputError(
        'rcf',
        `${fmt(speed.rcfG as number)} ×g at ${at === 'rav' ? 'Rav' : at === 'rmax' ? 'Rmax' : 'Rmin'} needs ${fmt(rpm)} rpm, above the maximum speed of ${rotor.name} (${fmt(rotor.maxRpm)} rpm, ${fmt(atMax)} ×g there)`,
        'above-max-rpm',
      );
    }
  }
  return { rpm, rcfAvg: rcfAtRadius(rpm, rotor.rAvMm) };
}

function resolveViscosity(req: SpinRequest, warnings: string[]) {
  if (req.viscosityCp !== undefined) {
    requirePositive('viscosityCp', 'viscosity (cP)', req.viscosityCp);
    if (req.temperatureC !== undefined || req.medium !== undefined)
      warnings.push('an explicit viscosity was given: temperature and medium are not used to derive it');
    return {
      viscosityCp: req.viscosityCp,
      source: 'given',
      temperatureC: req.temperatureC ?? null,
      medium: req.medium ?? null,
    };
  }
  if (req.temperatureC !== undefined || req.medium !== undefined) {
    const temperatureC = req.temperatureC ?? DEFAULT_TEMPERATURE_C;
    requireFinite('temperature', 'temperature (°C)', temperatureC);
    if (temperatureC < TEMPERATURE_RANGE_C.min || temperatureC > TEMPERATURE_RANGE_C.max)
      throw new SpinInputError(
        'temperature',
        `temperature must be between ${TEMPERATURE_RANGE_C.min} and ${TEMPERATURE_RANGE_C.max} °C (got ${temperatureC})`,
      );
    const medium = req.medium ?? 'water';
    return {
      viscosityCp: viscosityCp(medium, temperatureC),
      source: `${medium} at ${temperatureC} °C: ${MEDIUM_VISCOSITY_SOURCES[medium]}`,
      temperatureC,
      medium,
    };
  }
  return {
    viscosityCp: LIVSHITS_DEFAULTS.viscosityCp,
    source: 'default of Livshits et al. 2015 (Sci Rep 5:17319)',
    temperatureC: null,
    medium: null,
  };
}

/** Log-spaced diameters between `fromNm` and `toNm` (inclusive). */
export function logSpacedDiametersNm(fromNm: number, toNm: number, points: number): number[] {
  const n = Math.max(2, Math.floor(points));
  const a = Math.log(fromNm);
  const b = Math.log(toNm);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

/** Pelleted fraction over a list of diameters. */
export function pelletingCurve(run: CentrifugationRun, diametersNm: readonly number[]): PelletedAt[] {
  return diametersNm.map((diameterNm) => ({ diameterNm, fraction: pelletedFraction(run, diameterNm) }));
}

/** Computes a spin; throws SpinInputError naming the field for any input it cannot use. */
export function computeSpin(req: SpinRequest): SpinResult {
  const warnings: string[] = [];
  const { rotor } = req;
  const { rpm, rcfAvg } = resolveSpeed(rotor, req);

  requirePositive('minutes', 'run time (minutes)', req.minutes);

  const evDensity = req.evDensityGPerMl ?? LIVSHITS_DEFAULTS.evDensityGPerMl;
  const mediumDensity = req.mediumDensityGPerMl ?? LIVSHITS_DEFAULTS.mediumDensityGPerMl;
  requirePositive('evDensity', 'EV density (g/mL)', evDensity);
  requirePositive('mediumDensity', 'medium density (g/mL)', mediumDensity);
  if (!(evDensity > mediumDensity))
    throw new SpinInputError(
      'evDensity',
      `EV density (${evDensity} g/mL) must be greater than the medium density (${mediumDensity} g/mL): a vesicle that is not denser than its medium floats or stays put and never pellets`,
      'not-denser-than-medium',
    );

  const viscosity = resolveViscosity(req, warnings);

  const diametersNm = req.diametersNm ?? DEFAULT_DIAMETERS_NM;
  if (diametersNm.length === 0) throw new SpinInputError('diameters', 'give at least one diameter');
  for (const d of diametersNm) {
    requireFinite('diameters', 'diameter (nm)', d);
    if (!(d > 0 && d <= 100_000))
      throw new SpinInputError('diameters', `diameters must be between 0 and 100,000 nm (got ${d})`);
  }

  const runK = kFactor(rotor, rpm);
  let minutes = req.minutes;
  let kAdjustedFrom: SpinResult['kAdjustedFrom'] = null;
  if (req.kAdjustFrom) {
    const source = req.kAdjustFrom;
    const sourceRpm = rpmForRcf(rcfAvg, source.rAvMm);
    if (sourceRpm > source.maxRpm * (1 + 1e-9))
      throw new SpinInputError(
        'kAdjustFrom',
        `${source.name} cannot reach ${fmt(rcfAvg)} ×g at Rav (it would need ${fmt(sourceRpm)} rpm; maximum ${fmt(source.maxRpm)} rpm)`,
        'above-max-rpm',
      );
    const sourceK = kFactor(source, sourceRpm);
    minutes = kEquivalentMinutes(req.minutes, sourceK, runK);
    kAdjustedFrom = { rotor: source.name, minutes: req.minutes, rpm: sourceRpm, kFactor: sourceK };
    if (source.type !== rotor.type)
      warnings.push(
        `k-factor conversion between a ${source.type} and a ${rotor.type} rotor: the k-factor assumes pelleting from Rmin to Rmax, so compare the cut-off diameters below (Livshits et al. 2015)`,
      );
  }

  const run: CentrifugationRun = {
    rotor,
    rcfAvgG: rcfAvg,
    minutes,
    viscosityCp: viscosity.viscosityCp,
    evDensityGPerMl: evDensity,
    mediumDensityGPerMl: mediumDensity,
  };

  const result: SpinResult = {
    rotor: rotor.name,
    type: rotor.type,
    rpm,
    rcfAvg,
    rcfMax: rcfAtRadius(rpm, rotor.rMaxMm),
    rcfMin: rcfAtRadius(rpm, rotor.rMinMm),
    minutes,
    kFactor: runK,
    cutoffDiameterNm: cutoffDiameterNm(run),
    pelleted: pelletingCurve(run, diametersNm),
    minutesToPellet: diametersNm.map((diameterNm) => ({
      diameterNm,
      minutes: minutesToPellet(run, diameterNm),
    })),
    viscosityCp: viscosity.viscosityCp,
    viscositySource: viscosity.source,
    temperatureC: viscosity.temperatureC,
    medium: viscosity.medium,
    evDensity,
    mediumDensity,
    kAdjustedFrom,
    rotorNote: rotor.note ?? null,
    warnings,
  };
  if (req.curvePoints !== undefined && req.curvePoints > 0) {
    result.curve = pelletingCurve(
      run,
      logSpacedDiametersNm(CURVE_RANGE_NM.from, CURVE_RANGE_NM.to, req.curvePoints),
    );
  }
  return result;
}

/** The run a SpinResult describes (for recomputing fractions at other diameters). */
export function runOfSpin(rotor: Rotor, result: SpinResult): CentrifugationRun {
  return {
    rotor,
    rcfAvgG: result.rcfAvg,
    minutes: result.minutes,
    viscosityCp: result.viscosityCp,
    evDensityGPerMl: result.evDensity,
    mediumDensityGPerMl: result.mediumDensity,
  };
}
