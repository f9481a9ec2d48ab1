/**
 * Immunomagnetic-bead capture step: EVs recovered = marker-positive share × capture efficiency,
 * independent of size; protein and lipoproteins follow only by non-specific binding. Every number is a
 * typical value the user should replace (step-parameters.ts marks them `assumption`).
 */
import {
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type ResolvedParameters,
  type StepContext,
  type StepModelResult,
} from './chain-types.ts';
import { numberParam, optionalNumberParam, textParam } from './step-parameters.ts';

export function simulateImmunoaffinityStep(
  state: ChainState,
  values: ResolvedParameters,
  _ctx: StepContext,
): StepModelResult {
  const positive = numberParam(values, 'markerPositivePercent') / 100;
  const capture = numberParam(values, 'captureEfficiencyPercent') / 100;
  const share = positive * capture;
  const proteinCarry = numberParam(values, 'proteinCarryOverPercent') / 100;
  const lipoCarry = numberParam(values, 'lipoproteinCarryOverPercent') / 100;
  const particles = state.particles.map((n) => n * share);
  const lipoproteins = { ...state.lipoproteins };
  for (const c of LIPOPROTEIN_CLASSES) lipoproteins[c] = state.lipoproteins[c] * lipoCarry;
  const marker = textParam(values, 'marker') ?? 'marker';
  return {
    state: {
      binsNm: state.binsNm,
      particles,
      volumeMl: optionalNumberParam(values, 'outputVolumeMl') ?? state.volumeMl,
      proteinUg: state.proteinUg * proteinCarry,
      lipoproteins,
    },
    cutoffs: [
      {
        name: 'capturedPercent',
        description: `${marker}+ EVs captured of all EVs`,
        value: 100 * share,
        unit: '%',
      },
    ],
    fractions: null,
    timeMinutes: null,
    warnings: [`only ${marker}-positive EVs are isolated: the product is a subpopulation, not all EVs`],
    assumptions: [],
    model: 'assumed',
  };
}
