/**
 * Centrifugation steps of a chain — clearing spins (supernatant kept) and pelleting spins (pellet kept) —
 * on the sedimentation model of Livshits et al. 2015 (Sci Rep 5:17319) implemented in
 * src/science/centrifugation (pelletedFraction per diameter, cut-off diameter, rotor library, viscosity).
 *
 * Pellet kept: EVs recovered = pelleted fraction(d) × pelletRecoveryPercent (aspiration, resuspension,
 * aggregation losses: an assumption); free protein = proteinCarryOverPercent of the input plus what
 * pellets physically. Supernatant kept: 1 − pelleted fraction(d) for every species.
 * Lipoproteins sediment with their own density and size (VLDL, lighter than the medium, never pellets).
 */
import type { CentrifugationRun, Rotor } from '../centrifugation/centrifugation-types.ts';
import { type MediumKind, viscosityCp as mediumViscosityCp } from '../centrifugation/medium-viscosity.ts';
import { cutoffDiameterNm, pelletedFraction } from '../centrifugation/pelleting-efficiency.ts';
import { type RotorRun, resolveRotorRun, SpinInputError } from '../centrifugation/spin-calculation.ts';
import {
  ChainInputError,
  type ChainIssue,
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type ModelAssumption,
  type ResolvedParameters,
  type StepContext,
  type StepModelResult,
} from './chain-types.ts';
import { ALBUMIN, ALBUMIN_STOKES_DIAMETER_NM, LIPOPROTEINS } from './particle-properties.ts';
import { numberParam, optionalNumberParam, textParam } from './step-parameters.ts';

/** Above this RCF an unspecified `keep` means the pellet (an EV-pelleting spin). */
export const PELLET_RCF_THRESHOLD_G = 50_000;

export interface ResolvedSpin {
  rotor: Rotor;
  rcfG: number;
  rpm: number;
  minutes: number;
  viscosityCp: number;
  evDensityGPerMl: number;
  mediumDensityGPerMl: number;
}

/**
 * Rotor and speed of a chain step, through the centrifugation module's single resolver
 * (resolveRotorRun: one tolerance, MAX_RPM_TOLERANCE, and one wording for every front end). A given `rpm`
 * takes precedence over `rcfG` (which always has a value, its default). Errors become ChainInputErrors
 * whose path names the step and parameter (`protocol.steps[1].parameters.rpm`) and whose message starts
 * with the step ("step 2 (differential-ultracentrifugation): …").
 */
export function resolveStepRotorRun(
  values: ResolvedParameters,
  ctx: StepContext,
  pathPrefix: (string | number)[],
  defaultRotor?: string,
): RotorRun {
  const rotor = textParam(values, 'rotor') ?? defaultRotor ?? '';
  const rpm = optionalNumberParam(values, 'rpm');
  try {
    return resolveRotorRun(rpm !== null ? { rotor, rpm } : { rotor, rcfG: numberParam(values, 'rcfG') });
  } catch (error) {
    if (!(error instanceof SpinInputError)) throw error;
    const key = error.field === 'rcf' ? 'rcfG' : error.field;
    throw new ChainInputError([
      {
        path: [...pathPrefix, ctx.index, 'parameters', key],
        message: `step ${ctx.index + 1} (${ctx.method}): ${error.message}`,
      },
    ]);
  }
}

/**
 * Rotor, speed and fluid of a step, validated: unknown rotor, speed above the rotor's maximum (see
 * resolveStepRotorRun) and a vesicle no denser than the medium are input errors naming the step and
 * parameter.
 */
export function resolveSpin(
  values: ResolvedParameters,
  ctx: StepContext,
  pathPrefix: (string | number)[],
): ResolvedSpin {
  const issues: ChainIssue[] = [];
  const at = (key: string) => [...pathPrefix, ctx.index, 'parameters', key];
  const step = `step ${ctx.index + 1} (${ctx.method})`;
  const { rotor, rpm, rcfAvgG: rcfG } = resolveStepRotorRun(values, ctx, pathPrefix);
  const evDensityGPerMl = numberParam(values, 'evDensityGPerMl');
  const mediumDensityGPerMl = numberParam(values, 'mediumDensityGPerMl');
  if (!(evDensityGPerMl > mediumDensityGPerMl))
    issues.push({
      path: at('evDensityGPerMl'),
      message: `${step}: the vesicle (${evDensityGPerMl} g/mL) is not denser than the medium (${mediumDensityGPerMl} g/mL), so it would never pellet`,
    });
  if (issues.length > 0) throw new ChainInputError(issues);
  const temperatureC = numberParam(values, 'temperatureC');
  const suspension = (textParam(values, 'suspension') ?? 'culture-medium') as MediumKind;
  const viscosity = optionalNumberParam(values, 'viscosityCp') ?? mediumViscosityCp(suspension, temperatureC);
  return {
    rotor,
    rcfG,
    rpm,
    minutes: numberParam(values, 'minutes'),
    viscosityCp: viscosity,
    evDensityGPerMl,
    mediumDensityGPerMl,
  };
}

function runFor(spin: ResolvedSpin, densityGPerMl: number): CentrifugationRun {
  return {
    rotor: spin.rotor,
    rcfAvgG: spin.rcfG,
    minutes: spin.minutes,
    viscosityCp: spin.viscosityCp,
    evDensityGPerMl: densityGPerMl,
    mediumDensityGPerMl: spin.mediumDensityGPerMl,
  };
}

/** Diameter pelleted to `share` (0–1) by the run, by bisection on the monotone pelleted fraction. */
export function diameterPelletedTo(run: CentrifugationRun, share: number): number | null {
  let lo = 0.1;
  let hi = 1e5;
  if (pelletedFraction(run, hi) < share) return null;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (pelletedFraction(run, mid) < share) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

export function simulateCentrifugationStep(
  state: ChainState,
  values: ResolvedParameters,
  ctx: StepContext,
  pathPrefix: (string | number)[] = ['protocol', 'steps'],
): StepModelResult {
  const spin = resolveSpin(values, ctx, pathPrefix);
  const keepRaw = textParam(values, 'keep') ?? 'auto';
  const keep =
    keepRaw === 'auto' ? (spin.rcfG >= PELLET_RCF_THRESHOLD_G ? 'pellet' : 'supernatant') : keepRaw;
  const evRun = runFor(spin, spin.evDensityGPerMl);
  const warnings: string[] = [];
  const assumptions: ModelAssumption[] = [
    {
      key: 'model.sedimentation',
      description:
        'rigid spheres at Stokes velocity, uniformly distributed at the start, pelleted on reaching the tube wall',
      value: spin.rotor.type,
      unit: null,
      source: 'Livshits et al. 2015, Sci Rep 5:17319',
      assumption: false,
    },
    {
      key: 'viscosityCp',
      description: 'fluid viscosity used',
      value: Number(spin.viscosityCp.toFixed(3)),
      unit: 'cP',
      source: 'IAPWS water viscosity × medium factor (src/science/centrifugation/medium-viscosity.ts)',
      assumption: false,
    },
  ];

  const pelletRecovery = keep === 'pellet' ? numberParam(values, 'pelletRecoveryPercent') / 100 : 1;
  const particles = new Float64Array(state.particles.length);
  for (let i = 0; i < particles.length; i++) {
    const p = pelletedFraction(evRun, state.binsNm[i] as number);
    particles[i] = (state.particles[i] as number) * (keep === 'pellet' ? p * pelletRecovery : 1 - p);
  }

  const proteinPelleted = pelletedFraction(
    { ...evRun, evDensityGPerMl: ALBUMIN.anhydrousDensityGPerMl },
    // The Stokes diameter that reproduces albumin's measured s20,w (4.6 S) with its anhydrous density.
    ALBUMIN_STOKES_DIAMETER_NM,
  );
  let proteinUg: number;
  if (keep === 'pellet') {
    const carry = (values.proteinCarryOverPercent as number | null) ?? 0;
    proteinUg = state.proteinUg * Math.min(1, proteinPelleted + carry / 100);
  } else {
    proteinUg = state.proteinUg * (1 - proteinPelleted);
  }
  const lipoproteins = { ...state.lipoproteins };
  for (const c of LIPOPROTEIN_CLASSES) {
    const props = LIPOPROTEINS[c];
    const p = pelletedFraction({ ...evRun, evDensityGPerMl: props.densityGPerMl }, props.diameterNm);
    lipoproteins[c] = state.lipoproteins[c] * (keep === 'pellet' ? p * pelletRecovery : 1 - p);
  }

  const volumeMl = keep === 'pellet' ? numberParam(values, 'resuspendVolumeMl') : state.volumeMl;
  if (spin.rotor.tubeVolumeMl && spin.rotor.tubes) {
    const runs = Math.ceil(state.volumeMl / (spin.rotor.tubeVolumeMl * spin.rotor.tubes));
    if (runs > 1)
      warnings.push(
        `${state.volumeMl.toPrecision(3)} mL needs ${runs} runs of the ${spin.rotor.name} (${spin.rotor.tubes} × ${spin.rotor.tubeVolumeMl} mL)`,
      );
  }
  if (keep === 'pellet' && spin.rcfG < 100_000)
    warnings.push('below 100,000 ×g many small EVs stay in the supernatant (see the cut-off diameter)');

  const cutoff = cutoffDiameterNm(evRun);
  return {
    state: { binsNm: state.binsNm, particles, volumeMl, proteinUg, lipoproteins },
    cutoffs: [
      {
        name: 'cutoffDiameterNm',
        description: 'smallest EV diameter pelleted completely',
        value: Number.isFinite(cutoff) ? cutoff : null,
        unit: 'nm',
      },
      {
        name: 'd50PelletedNm',
        description: 'EV diameter pelleted to 50 %',
        value: diameterPelletedTo(evRun, 0.5),
        unit: 'nm',
      },
      { name: 'rcfG', description: 'RCF at Rav', value: spin.rcfG, unit: '×g' },
      { name: 'rpm', description: 'rotor speed', value: spin.rpm, unit: 'rpm' },
    ],
    fractions: null,
    timeMinutes: spin.minutes,
    warnings,
    assumptions,
    model: 'physical',
  };
}
