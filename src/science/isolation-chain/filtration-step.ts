/**
 * Dead-end filtration step (0.22/0.45/0.8 µm syringe or vacuum filters), filtrate kept. Membrane filters
 * are rated by retention, and real membranes have a distribution of pore sizes, so the passage of a
 * particle falls smoothly around the rating: passage(d) = 1 − Φ((ln d − ln rating)/σ) with σ = passageLogSd
 * (an assumption; 50 % passage at the rated size), times a size-independent adsorption loss.
 */
import {
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type ResolvedParameters,
  type StepContext,
  type StepModelResult,
} from './chain-types.ts';
import { normalCdf } from './normal-distribution.ts';
import { ALBUMIN, LIPOPROTEINS } from './particle-properties.ts';
import { numberParam } from './step-parameters.ts';

/** Φ⁻¹(0.9) = 1.2816, the 90 % quantile of the standard normal: passage 90 % / 10 % at rating·e^(∓1.2816σ). */
const Z_90 = 1.2816;

export function filterPassage(diameterNm: number, ratingNm: number, logSd: number): number {
  return 1 - normalCdf((Math.log(diameterNm) - Math.log(ratingNm)) / logSd);
}

export function simulateFiltrationStep(
  state: ChainState,
  values: ResolvedParameters,
  _ctx: StepContext,
): StepModelResult {
  const ratingNm = numberParam(values, 'poreSizeUm') * 1000;
  const logSd = numberParam(values, 'passageLogSd');
  const recovery = numberParam(values, 'evRecoveryPercent') / 100;
  const particles = new Float64Array(state.particles.length);
  for (let i = 0; i < particles.length; i++)
    particles[i] =
      (state.particles[i] as number) * filterPassage(state.binsNm[i] as number, ratingNm, logSd) * recovery;
  const lipoproteins = { ...state.lipoproteins };
  for (const c of LIPOPROTEIN_CLASSES)
    lipoproteins[c] = state.lipoproteins[c] * filterPassage(LIPOPROTEINS[c].diameterNm, ratingNm, logSd);
  const proteinUg = state.proteinUg * filterPassage(ALBUMIN.hydrodynamicDiameterNm, ratingNm, logSd);
  const d10 = ratingNm * Math.exp(-Z_90 * logSd);
  const d90 = ratingNm * Math.exp(Z_90 * logSd);
  return {
    state: { binsNm: state.binsNm, particles, volumeMl: state.volumeMl, proteinUg, lipoproteins },
    cutoffs: [
      { name: 'pass50Nm', description: 'diameter passing to 50 % (the rating)', value: ratingNm, unit: 'nm' },
      { name: 'pass90Nm', description: 'diameter passing to 90 %', value: d10, unit: 'nm' },
      { name: 'pass10Nm', description: 'diameter passing to 10 %', value: d90, unit: 'nm' },
    ],
    fractions: null,
    timeMinutes: null,
    warnings:
      ratingNm < 300 ? ['filtering removes the larger EVs as well as debris (see the passage cut-offs)'] : [],
    assumptions: [
      {
        key: 'model.filterPassage',
        description: 'log-normal passage curve centred on the pore rating',
        value: `σ = ${logSd}`,
        unit: null,
        source: 'typical pore-size spread of membrane filters',
        assumption: true,
      },
    ],
    model: 'physical',
  };
}
