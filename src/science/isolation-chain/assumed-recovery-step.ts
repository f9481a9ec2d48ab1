/**
 * Steps with no physical model in evlab (anion exchange, microfluidics, acoustic oscillation): typical,
 * cited recoveries applied uniformly to every size, each marked as an assumption the user can change.
 * They are simulated, never skipped, so a chain that contains them still adds up.
 */
import {
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type ResolvedParameters,
  type StepContext,
  type StepModelResult,
} from './chain-types.ts';
import { METHOD_SPECS, numberParam, optionalNumberParam } from './step-parameters.ts';

export function simulateAssumedRecoveryStep(
  state: ChainState,
  values: ResolvedParameters,
  ctx: StepContext,
): StepModelResult {
  const recovery = numberParam(values, 'evRecoveryPercent') / 100;
  const proteinCarry = numberParam(values, 'proteinCarryOverPercent') / 100;
  const lipoCarry = numberParam(values, 'lipoproteinCarryOverPercent') / 100;
  const lipoproteins = { ...state.lipoproteins };
  for (const c of LIPOPROTEIN_CLASSES) lipoproteins[c] = state.lipoproteins[c] * lipoCarry;
  return {
    state: {
      binsNm: state.binsNm,
      particles: state.particles.map((n) => n * recovery),
      volumeMl: optionalNumberParam(values, 'outputVolumeMl') ?? state.volumeMl,
      proteinUg: state.proteinUg * proteinCarry,
      lipoproteins,
    },
    cutoffs: [],
    fractions: null,
    timeMinutes: null,
    warnings: [
      `${METHOD_SPECS[ctx.method].label}: no physical model — typical recoveries are applied to every size (see assumptions)`,
    ],
    assumptions: [
      {
        key: 'model.assumedRecovery',
        description: 'size-independent typical recovery and carry-over',
        value: 'typical values',
        unit: null,
        source: METHOD_SPECS[ctx.method].summary,
        assumption: true,
      },
    ],
    model: 'assumed',
  };
}
