/**
 * One "spin": everything `evlab spin`, `POST /api/centrifugation/spin` and the web simulator report for a
 * rotor, a speed and a time — validated in one place so the three front ends give the same answers and
 * the same error messages (each error names the input field it is about).
 */
import type { CentrifugationRun, RcfRadius, Rotor, RotorType } from './centrifugation-types.ts';
import { kEquivalentMinutes, kFactor } from './k-factor.ts';
import { type KFactorEstimate, kFactorEstimate } from './k-factor-estimate.ts';
import { MEDIUM_VISCOSITY_SOURCES, type MediumKind, viscosityCp } from './medium-viscosity.ts';
import { cutoffDiameterNm, minutesToPellet, pelletedFraction } from './pelleting-efficiency.ts';
import { closestRotorNames, findRotor, unknownRotorMessage } from './rotor-library.ts';
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
  | 'mediumDensity'
  /** Not an input: a computed value overflowed (guard; the input ranges below should prevent it). */
  | 'result';

/**
 * Upper bounds of the inputs, far beyond any real run yet small enough that every result stays finite in
 * double precision (a viscosity of 1e308 cP made the pelleting times Infinity). Glycerol is ~1,400 cP at
 * 20 °C and the densest element (osmium) 22.6 g/mL (CRC Handbook of Chemistry and Physics).
 */
export const SPIN_INPUT_MAX = {
  viscosityCp: 1e6,
  densityGPerMl: 30,
  minutes: 1e7,
} as const;

/** Details an error about the rotor or its speed carries besides its message. */
export interface SpinInputErrorDetails {
  /** For an unknown rotor: the closest names (closestRotorNames), best first. */
  closest?: readonly string[];
  /** For a speed the rotor cannot reach: its maximum speed, rpm. */
  maxRpm?: number;
}

/** A spin input that cannot be computed; `field` names the offending input. */
export class SpinInputError extends Error {
  override readonly name = 'SpinInputError';
  /** Closest rotor names (unknown rotor only; otherwise empty). */
  readonly closest: readonly string[];
  /** The rotor's maximum speed, rpm (speed above the maximum only; otherwise null). */
  readonly maxRpm: number | null;
  constructor(
    readonly field: SpinField,
    message: string,
    readonly code = 'invalid-spin-input',
    details: SpinInputErrorDetails = {},
  ) {
    super(message);
    this.closest = details.closest ?? [];
    this.maxRpm = details.maxRpm ?? null;
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
  /** The k-factor (Stokes, Rmin → Rmax) estimate beside the Livshits result, with why they differ. */
  kFactorEstimate: KFactorEstimate;
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

function requireAtMost(field: SpinField, label: string, value: number, max: number): void {
  if (value > max)
    throw new SpinInputError(field, `${label} must be at most ${max} (got ${value})`, 'out-of-range');
}

/** Throws SpinInputError('result') when any number of the result is NaN or ±Infinity (never serialized). */
function assertFiniteSpin(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new SpinInputError(
        'result',
        `${path} overflows double precision (not a finite number): the inputs are too extreme`,
        'non-finite-result',
      );
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertFiniteSpin(v, `${path}[${i}]`);
    });
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) assertFiniteSpin(v, path ? `${path}.${k}` : k);
}

function radiusOf(rotor: Rotor, at: RcfRadius): number {
  return at === 'rmax' ? rotor.rMaxMm : at === 'rmin' ? rotor.rMinMm : rotor.rAvMm;
}

/** Highest RCF at Rav the rotor reaches (at its maximum speed). */
export function maxRcfAvg(rotor: Rotor): number {
  return rcfAtRadius(rotor.maxRpm, rotor.rAvMm);
}

/**
 * Tolerance of the maximum-speed check, as a fraction of the rotor's maximum rpm: a speed of at most
 * maxRpm × (1 + MAX_RPM_TOLERANCE) counts as the maximum (the run is computed at maxRpm); anything faster
 * is refused. 0.05 % in rpm is 0.1 % in RCF (RCF = 1.118e-5·r(cm)·rpm², Beckman Coulter "Rotors and Tubes
 * for Preparative Ultracentrifuges"; Livshits et al. 2015, Sci Rep 5:17319 — see sedimentation.ts). It
 * absorbs the rounding of RCF↔rpm conversions: the printed constant 1.118e-5 vs. the exact
 * (2π/60)²/9.80665·0.01 = 1.11824e-5 (0.02 % in RCF), a maximum RCF copied to 4 significant figures
 * (≤ 0.05 % in RCF) and the floating-point round trip rpm → RCF → rpm; together ≤ 0.04 % in rpm. That is
 * 20 rpm on a 40,000 rpm rotor: a run the rotor cannot reach is still refused, and the message names the
 * maximum so the user can enter it exactly. The same tolerance applies to the CLI, the API, the web
 * simulator and every chain step (they all resolve the speed here).
 */
export const MAX_RPM_TOLERANCE = 5e-4;

const RADIUS_LABEL: Record<RcfRadius, string> = { rav: 'Rav', rmax: 'Rmax', rmin: 'Rmin' };

/**
 * "the maximum speed of X (N rpm" for error messages. Called only when an error is thrown: toLocaleString
 * costs ~0.3 µs and resolveRotorRun runs on every slider move of the web simulator (issue 9 item 18).
 */
function maxSpeedText(rotor: Rotor): string {
  return `the maximum speed of ${rotor.name} (${fmt(rotor.maxRpm)} rpm`;
}

/** A rotor and a speed, as a request gives them: a name (looked up loosely) or a Rotor, RCF or rpm. */
export interface RotorRunRequest {
  rotor: string | Rotor;
  /** RCF (×g) at the radius `at` (default Rav). Exactly one of rcfG / rpm. */
  rcfG?: number | undefined;
  rpm?: number | undefined;
  at?: RcfRadius | undefined;
  /** User-defined rotors, searched before the library when `rotor` is a name. */
  extraRotors?: readonly Rotor[] | undefined;
}

/** A validated run speed on a known rotor. */
export interface RotorRun {
  rotor: Rotor;
  rpm: number;
  /** RCF at Rav, ×g. */
  rcfAvgG: number;
}

/**
 * The single rotor/speed resolver of the isolation module (CLI `evlab spin`, `POST /api/centrifugation/
 * spin`, the web simulator and the centrifugation and density-gradient chain steps). Throws a
 * SpinInputError naming the field: `rotor` (unknown; `closest` lists the nearest names), `rcf`/`rpm`
 * (missing, both, not positive, or above the maximum within MAX_RPM_TOLERANCE; `maxRpm` is set and the
 * message names the maximum).
 */
export function resolveRotorRun(req: RotorRunRequest): RotorRun {
  let rotor: Rotor;
  if (typeof req.rotor === 'string') {
    const extra = req.extraRotors ?? [];
    const found = findRotor(req.rotor, extra);
    if (!found) {
      const closest = closestRotorNames(req.rotor, 3, extra);
      throw new SpinInputError('rotor', unknownRotorMessage(req.rotor, closest), 'unknown-rotor', {
        closest,
      });
    }
    rotor = found;
  } else {
    rotor = req.rotor;
  }
  const hasRcf = req.rcfG !== undefined;
  const hasRpm = req.rpm !== undefined;
  if (hasRcf && hasRpm) throw new SpinInputError('rpm', 'give either an RCF or an rpm, not both');
  if (!hasRcf && !hasRpm) throw new SpinInputError('rcf', 'give the speed as an RCF (×g) or an rpm');
  const limit = rotor.maxRpm * (1 + MAX_RPM_TOLERANCE);
  let rpm: number;
  if (hasRpm) {
    rpm = req.rpm as number;
    requirePositive('rpm', 'rpm', rpm);
    if (rpm > limit)
      throw new SpinInputError('rpm', `${fmt(rpm)} rpm is above ${maxSpeedText(rotor)})`, 'above-max-rpm', {
        maxRpm: rotor.maxRpm,
      });
  } else {
    const rcfG = req.rcfG as number;
    requirePositive('rcf', 'RCF', rcfG);
    const at = req.at ?? 'rav';
    rpm = rpmForRcf(rcfG, radiusOf(rotor, at));
    if (rpm > limit) {
      const atMax = rcfAtRadius(rotor.maxRpm, radiusOf(rotor, at));
      throw new SpinInputError(
        'rcf',
        `${fmt(rcfG)} ×g at ${RADIUS_LABEL[at]} needs ${fmt(rpm)} rpm, above ${maxSpeedText(rotor)}, ${fmt(atMax)} ×g at ${RADIUS_LABEL[at]})`,
        'above-max-rpm',
        { maxRpm: rotor.maxRpm },
      );
    }
  }
  const clamped = rpm > rotor.maxRpm;
  rpm = Math.min(rpm, rotor.maxRpm);
  // An RCF stated at Rav is kept exactly (not recomputed through rpm, which returns 99,999.999… for
  // 100,000 ×g and tripped comparisons such as "below 100,000 ×g").
  const statedAtRav = hasRcf && (req.at ?? 'rav') === 'rav' && !clamped;
  return { rotor, rpm, rcfAvgG: statedAtRav ? (req.rcfG as number) : rcfAtRadius(rpm, rotor.rAvMm) };
}

/** Resolves the speed on a known rotor to { rpm, rcfAvg } (see resolveRotorRun). */
export function resolveSpeed(
  rotor: Rotor,
  speed: { rcfG?: number | undefined; rcfAt?: RcfRadius | undefined; rpm?: number | undefined },
): { rpm: number; rcfAvg: number } {
  const run = resolveRotorRun({ rotor, rcfG: speed.rcfG, rpm: speed.rpm, at: speed.rcfAt });
  return { rpm: run.rpm, rcfAvg: run.rcfAvgG };
}

function resolveViscosity(req: SpinRequest, warnings: string[]) {
  if (req.viscosityCp !== undefined) {
    requirePositive('viscosityCp', 'viscosity (cP)', req.viscosityCp);
    requireAtMost('viscosityCp', 'viscosity (cP)', req.viscosityCp, SPIN_INPUT_MAX.viscosityCp);
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
  requireAtMost('minutes', 'run time (minutes)', req.minutes, SPIN_INPUT_MAX.minutes);

  const evDensity = req.evDensityGPerMl ?? LIVSHITS_DEFAULTS.evDensityGPerMl;
  const mediumDensity = req.mediumDensityGPerMl ?? LIVSHITS_DEFAULTS.mediumDensityGPerMl;
  requirePositive('evDensity', 'EV density (g/mL)', evDensity);
  requirePositive('mediumDensity', 'medium density (g/mL)', mediumDensity);
  requireAtMost('evDensity', 'EV density (g/mL)', evDensity, SPIN_INPUT_MAX.densityGPerMl);
  requireAtMost('mediumDensity', 'medium density (g/mL)', mediumDensity, SPIN_INPUT_MAX.densityGPerMl);
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
    let sourceRpm: number;
    try {
      sourceRpm = resolveRotorRun({ rotor: source, rcfG: rcfAvg }).rpm;
    } catch (error) {
      if (!(error instanceof SpinInputError)) throw error;
      throw new SpinInputError('kAdjustFrom', `k-adjust rotor: ${error.message}`, error.code, {
        maxRpm: source.maxRpm,
      });
    }
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
    kFactorEstimate: kFactorEstimate(run, diametersNm),
    warnings,
  };
  if (req.curvePoints !== undefined && req.curvePoints > 0) {
    result.curve = pelletingCurve(
      run,
      logSpacedDiametersNm(CURVE_RANGE_NM.from, CURVE_RANGE_NM.to, req.curvePoints),
    );
  }
  assertFiniteSpin(result, '');
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
