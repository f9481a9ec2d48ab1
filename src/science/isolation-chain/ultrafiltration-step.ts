/**
 * Ultrafiltration and tangential flow filtration steps: concentration (and optional diafiltration) with
 * size-dependent sieving (membrane-sieving.ts). EVs are retained (S ≈ 0) and lose only what sticks to the
 * membrane (evRecoveryPercent, an assumption); free protein and small lipoproteins pass in part.
 * Time = permeate volume / (flux × area).
 */
import {
  type ChainState,
  LIPOPROTEIN_CLASSES,
  type ModelAssumption,
  type ResolvedParameters,
  type StepContext,
  type StepModelResult,
} from './chain-types.ts';
import { poreDiameterFromMwcoNm, retainedShare, sievingForDiameter } from './membrane-sieving.ts';
import { ALBUMIN, LIPOPROTEINS } from './particle-properties.ts';
import { numberParam, optionalNumberParam } from './step-parameters.ts';

export function simulateUltrafiltrationStep(
  state: ChainState,
  values: ResolvedParameters,
  ctx: StepContext,
): StepModelResult {
  const poreGiven = optionalNumberParam(values, 'poreNm');
  const mwcoKda = numberParam(values, 'mwcoKda');
  const poreNm = poreGiven ?? poreDiameterFromMwcoNm(mwcoKda);
  const finalGiven = optionalNumberParam(values, 'finalVolumeMl');
  const warnings: string[] = [];
  let concentrationFactor = numberParam(values, 'concentrationFactor');
  if (finalGiven !== null) {
    if (finalGiven > state.volumeMl) {
      warnings.push(
        `finalVolumeMl ${finalGiven} mL is more than the input (${state.volumeMl.toPrecision(3)} mL); nothing is concentrated`,
      );
      concentrationFactor = 1;
    } else concentrationFactor = state.volumeMl / finalGiven;
  }
  const diavolumes = numberParam(values, 'diavolumes');
  const finalVolumeMl = state.volumeMl / concentrationFactor;
  const recovery = numberParam(values, 'evRecoveryPercent') / 100;

  const particles = new Float64Array(state.particles.length);
  for (let i = 0; i < particles.length; i++) {
    const s = sievingForDiameter(state.binsNm[i] as number, poreNm);
    particles[i] =
      (state.particles[i] as number) * retainedShare(s, concentrationFactor, diavolumes) * recovery;
  }
  const proteinSieving = sievingForDiameter(ALBUMIN.hydrodynamicDiameterNm, poreNm);
  const proteinUg = state.proteinUg * retainedShare(proteinSieving, concentrationFactor, diavolumes);
  const lipoproteins = { ...state.lipoproteins };
  for (const c of LIPOPROTEIN_CLASSES) {
    const s = sievingForDiameter(LIPOPROTEINS[c].diameterNm, poreNm);
    lipoproteins[c] = state.lipoproteins[c] * retainedShare(s, concentrationFactor, diavolumes);
  }

  const permeateMl = state.volumeMl - finalVolumeMl + diavolumes * finalVolumeMl;
  const areaM2 = numberParam(values, 'membraneAreaCm2') * 1e-4;
  const fluxLmh = numberParam(values, 'fluxLmh');
  const hours = permeateMl / 1000 / (fluxLmh * areaM2);
  const timeMinutes = hours * 60;
  if (timeMinutes > 8 * 60)
    warnings.push(
      `${(timeMinutes / 60).toFixed(1)} h of filtration at ${fluxLmh} L/m²/h over ${(areaM2 * 1e4).toFixed(1)} cm²: use a larger membrane`,
    );
  if (ctx.method === 'ultrafiltration' && state.volumeMl > 500)
    warnings.push(
      'dead-end/centrifugal UF of more than 0.5 L fouls the membrane; tangential flow filtration scales better',
    );
  if (poreNm > 30)
    warnings.push(`the pore (${poreNm.toFixed(0)} nm) lets small EVs through (see the sieving cut-off)`);

  const assumptions: ModelAssumption[] = [
    {
      key: 'model.sieving',
      description:
        'hindered-transport sieving S(λ) of spheres in cylindrical pores; pore from the MWCO at 90 % retention',
      value: `pore ${poreNm.toFixed(1)} nm`,
      unit: null,
      source: 'Zeman & Wales 1981, Sep Sci Technol 16:275; Wilkins et al. 1999, Biochemistry 38:16424',
      assumption: poreGiven === null,
    },
    {
      key: 'model.noFouling',
      description:
        'no concentration polarisation or fouling layer (both raise protein retention in practice)',
      value: 'ideal membrane',
      unit: null,
      source: 'Zeman & Zydney 1996',
      assumption: true,
    },
  ];
  return {
    state: { binsNm: state.binsNm, particles, volumeMl: finalVolumeMl, proteinUg, lipoproteins },
    cutoffs: [
      { name: 'poreDiameterNm', description: 'effective pore diameter', value: poreNm, unit: 'nm' },
      {
        name: 'concentrationFactor',
        description: 'start / retentate volume',
        value: concentrationFactor,
        unit: '×',
      },
      {
        name: 'proteinSieving',
        description: 'albumin sieving coefficient S',
        value: proteinSieving,
        unit: '',
      },
      {
        name: 'permeateMl',
        description: 'permeate volume incl. diafiltration',
        value: permeateMl,
        unit: 'mL',
      },
    ],
    fractions: null,
    timeMinutes,
    warnings,
    assumptions,
    model: 'physical',
  };
}
