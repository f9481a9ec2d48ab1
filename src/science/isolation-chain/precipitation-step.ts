/**
 * Polymer (PEG) precipitation step. PEG excludes volume around particles and lowers their solubility;
 * larger particles precipitate at lower PEG (Atha & Ingham 1981, J Biol Chem 256:12108). Model:
 *   precipitated(d) = logistic((PEG − c50(d)) / 1 %) · (1 − e^(−t/2 h)),  c50(d) = c50(100 nm)·(100/d)^½
 * for EVs and lipoproteins (apoB lipoproteins precipitate at ~10 % PEG 6000 while HDL stays soluble —
 * the basis of PEG-based HDL-cholesterol assays, Izzo et al. 1981, Clin Chem 27:371). Free protein:
 * logistic around 25 % PEG (albumin stays soluble below ~20 %; Atha & Ingham 1981) plus non-specific
 * entrapment. The precipitate is pelleted at low speed (taken as complete; losses in evRecoveryPercent).
 */
import {
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type ResolvedParameters,
  type StepContext,
  type StepModelResult,
} from './chain-types.ts';
import { LIPOPROTEINS } from './particle-properties.ts';
import { numberParam } from './step-parameters.ts';

/** Width of the precipitation transition, % PEG (assumption). */
const TRANSITION_WIDTH_PERCENT = 1;
/** Time constant of precipitation at 4 °C, h (assumption: overnight incubation reaches the plateau). */
const PRECIPITATION_TIME_CONSTANT_H = 2;
/** PEG at which half of the albumin precipitates, % (Atha & Ingham 1981, J Biol Chem 256:12108). */
const ALBUMIN_MIDPOINT_PERCENT = 25;
const ALBUMIN_WIDTH_PERCENT = 3;

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Share of particles of diameter d precipitated at `pegPercent` after `hours`. */
export function precipitatedShare(
  diameterNm: number,
  pegPercent: number,
  hours: number,
  midpoint100Nm: number,
): number {
  const c50 = midpoint100Nm * Math.sqrt(100 / diameterNm);
  return (
    logistic((pegPercent - c50) / TRANSITION_WIDTH_PERCENT) *
    (1 - Math.exp(-hours / PRECIPITATION_TIME_CONSTANT_H))
  );
}

export function simulatePrecipitationStep(
  state: ChainState,
  values: ResolvedParameters,
  _ctx: StepContext,
): StepModelResult {
  const peg = numberParam(values, 'pegPercent');
  const hours = numberParam(values, 'hours');
  const midpoint = numberParam(values, 'evMidpointPegPercent');
  const recovery = numberParam(values, 'evRecoveryPercent') / 100;
  const nonspecific = numberParam(values, 'proteinCoPrecipitationPercent') / 100;
  const particles = new Float64Array(state.particles.length);
  for (let i = 0; i < particles.length; i++)
    particles[i] =
      (state.particles[i] as number) *
      precipitatedShare(state.binsNm[i] as number, peg, hours, midpoint) *
      recovery;
  const lipoproteins = { ...state.lipoproteins };
  for (const c of LIPOPROTEIN_CLASSES)
    lipoproteins[c] =
      state.lipoproteins[c] * precipitatedShare(LIPOPROTEINS[c].diameterNm, peg, hours, midpoint);
  const proteinShare = Math.min(
    1,
    nonspecific +
      logistic((peg - ALBUMIN_MIDPOINT_PERCENT) / ALBUMIN_WIDTH_PERCENT) *
        (1 - Math.exp(-hours / PRECIPITATION_TIME_CONSTANT_H)),
  );
  const proteinUg = state.proteinUg * proteinShare;
  const warnings = [
    'PEG stays in the pellet and co-precipitates protein; follow with SEC, UF or a dUC wash (Li et al. 2025 §2.5)',
  ];
  if (peg > 15) warnings.push(`${peg} % PEG also precipitates much of the free protein`);
  const c50For = (d: number) => midpoint * Math.sqrt(100 / d);
  return {
    state: {
      binsNm: state.binsNm,
      particles,
      volumeMl: numberParam(values, 'resuspendVolumeMl'),
      proteinUg,
      lipoproteins,
    },
    cutoffs: [
      {
        name: 'midpoint50NmPegPercent',
        description: 'PEG precipitating half of 50 nm EVs',
        value: c50For(50),
        unit: '% w/v',
      },
      {
        name: 'midpoint100NmPegPercent',
        description: 'PEG precipitating half of 100 nm EVs',
        value: c50For(100),
        unit: '% w/v',
      },
      {
        name: 'proteinPrecipitatedPercent',
        description: 'free protein in the pellet',
        value: 100 * proteinShare,
        unit: '%',
      },
    ],
    fractions: null,
    timeMinutes: hours * 60 + numberParam(values, 'minutes'),
    warnings,
    assumptions: [
      {
        key: 'model.precipitation',
        description:
          'logistic precipitation (width 1 % PEG), midpoint ∝ d^−½, time constant 2 h; albumin midpoint 25 % PEG',
        value: 'empirical',
        unit: null,
        source: 'Atha & Ingham 1981, J Biol Chem 256:12108; Izzo et al. 1981, Clin Chem 27:371',
        assumption: true,
      },
    ],
    model: 'physical',
  };
}
