/**
 * Size-exclusion chromatography (gel filtration) step.
 *
 * Elution volume of a species: Ve = Vextra + V0 + Kav·(Vt − V0), V0 = ε·Vbed, Vt = Vbed (agarose beads are
 * almost all water), Kav = (1 − d/dpore)² for d < dpore and 0 otherwise — the steric partition coefficient
 * of a sphere in a cylindrical pore (Giddings et al. 1968, J Phys Chem 72:4397; Ferry 1936).
 * The band is the rectangular injection [Ve, Ve + Vsample] spread by a Gaussian of SD Ve/√N (plate
 * count N), integrated in closed form over each fraction. Fractions are counted from sample application.
 * Checked against Böing et al. 2014 (J Extracell Vesicles 3:23430): Sepharose CL-2B, 10 mL bed, 1 mL
 * sample, 0.5 mL fractions → EVs in fractions 9–12, HDL mainly 18–20, protein mainly 19–21.
 */
import type {
  ChainState,
  LipoproteinCounts,
  ModelAssumption,
  ResolvedParameters,
  StepContext,
  StepFraction,
  StepModelResult,
} from './chain-types.ts';
import { ChainInputError, LIPOPROTEIN_CLASSES } from './chain-types.ts';
import { globularProteinRadiusNm } from './globular-protein-size.ts';
import { rectangleGaussianCdf } from './normal-distribution.ts';
import { ALBUMIN, LIPOPROTEINS } from './particle-properties.ts';
import {
  numberParam,
  optionalNumberParam,
  parseFractionList,
  type SecResin,
  textParam,
} from './step-parameters.ts';

/**
 * Effective pore diameter of Sepharose CL-2B for EV-sized particles, nm: particles above ~70 nm elute in
 * the void fractions (Böing et al. 2014, J Extracell Vesicles 3:23430).
 */
const CL2B_PORE_NM = 75;

/** Globular-protein exclusion limits, Da (Cytiva/GE "Sepharose CL" data file 18-1115-75). */
const EXCLUSION_LIMIT_KDA = {
  'sepharose-cl-2b': 40_000,
  'sepharose-cl-4b': 20_000,
  'sepharose-cl-6b': 4_000,
} as const;

/** CL-4B and CL-6B pores scaled from CL-2B by the Stokes radii of their exclusion-limit proteins. */
function scaledPoreNm(resin: keyof typeof EXCLUSION_LIMIT_KDA): number {
  return (
    (CL2B_PORE_NM * globularProteinRadiusNm(EXCLUSION_LIMIT_KDA[resin])) /
    globularProteinRadiusNm(EXCLUSION_LIMIT_KDA['sepharose-cl-2b'])
  );
}

export interface ResinProperties {
  label: string;
  poreDiameterNm: number;
  /** Extra-column volume of the usual format (home-made syringe column vs. a commercial column). */
  deadVolumeMl: number;
  source: string;
}

export const RESINS: Record<SecResin, ResinProperties> = {
  'sepharose-cl-2b': {
    label: 'Sepharose CL-2B',
    poreDiameterNm: CL2B_PORE_NM,
    deadVolumeMl: 0.5,
    source: 'Böing et al. 2014 (particles > 70 nm in the void fractions)',
  },
  'sepharose-cl-4b': {
    label: 'Sepharose CL-4B',
    poreDiameterNm: scaledPoreNm('sepharose-cl-4b'),
    deadVolumeMl: 0.5,
    source: 'CL-2B pore × Rh(2×10⁷ Da)/Rh(4×10⁷ Da) (Cytiva data file; Wilkins et al. 1999)',
  },
  'sepharose-cl-6b': {
    label: 'Sepharose CL-6B',
    poreDiameterNm: scaledPoreNm('sepharose-cl-6b'),
    deadVolumeMl: 0.5,
    source: 'CL-2B pore × Rh(4×10⁶ Da)/Rh(4×10⁷ Da) (Cytiva data file; Wilkins et al. 1999)',
  },
  'qev-70': {
    label: 'qEV 70 nm',
    poreDiameterNm: 70,
    deadVolumeMl: 0,
    source: 'Izon qEV 70 nm series: optimal recovery of particles 70–1000 nm',
  },
  'qev-35': {
    label: 'qEV 35 nm',
    poreDiameterNm: 35,
    deadVolumeMl: 0,
    source: 'Izon qEV 35 nm series: optimal recovery of particles 35–350 nm',
  },
};

/** Kav of a sphere of diameter d in pores of diameter dpore: (1 − d/dpore)², 0 when excluded. */
export function partitionCoefficient(diameterNm: number, poreDiameterNm: number): number {
  if (!(diameterNm < poreDiameterNm)) return 0;
  const lambda = diameterNm / poreDiameterNm;
  return (1 - lambda) * (1 - lambda);
}

export interface SecColumn {
  bedVolumeMl: number;
  voidFraction: number;
  deadVolumeMl: number;
  poreDiameterNm: number;
  plateCount: number;
  sampleVolumeMl: number;
}

/** Elution volume (from sample application) of the start of a species' rectangular band, mL. */
export function elutionVolumeMl(column: SecColumn, diameterNm: number): number {
  const v0 = column.voidFraction * column.bedVolumeMl;
  const k = partitionCoefficient(diameterNm, column.poreDiameterNm);
  return column.deadVolumeMl + v0 + k * (column.bedVolumeMl - v0);
}

/** Share of a species eluting in each fraction (fraction f spans [f·w, (f+1)·w]). */
export function fractionShares(
  column: SecColumn,
  diameterNm: number,
  fractionVolumeMl: number,
  count: number,
): Float64Array {
  const ve = elutionVolumeMl(column, diameterNm);
  const sigma = ve / Math.sqrt(column.plateCount);
  const out = new Float64Array(count);
  let previous = rectangleGaussianCdf(0, ve, column.sampleVolumeMl, sigma);
  for (let f = 0; f < count; f++) {
    const next = rectangleGaussianCdf((f + 1) * fractionVolumeMl, ve, column.sampleVolumeMl, sigma);
    out[f] = Math.max(0, next - previous);
    previous = next;
  }
  return out;
}

/** Number of the fraction (from 1) holding most of a species. */
export function peakFraction(shares: Float64Array): number {
  let best = 0;
  for (let f = 1; f < shares.length; f++) if ((shares[f] as number) > (shares[best] as number)) best = f;
  return best + 1;
}

export function simulateSizeExclusionStep(
  state: ChainState,
  values: ResolvedParameters,
  ctx: StepContext,
  pathPrefix: (string | number)[] = ['protocol', 'steps'],
): StepModelResult {
  const at = (key: string) => [...pathPrefix, ctx.index, 'parameters', key];
  const step = `step ${ctx.index + 1} (${ctx.method})`;
  const resin = (textParam(values, 'resin') ?? 'sepharose-cl-2b') as SecResin;
  const props = RESINS[resin];
  const column: SecColumn = {
    bedVolumeMl: numberParam(values, 'bedVolumeMl'),
    voidFraction: numberParam(values, 'voidFraction'),
    deadVolumeMl: optionalNumberParam(values, 'deadVolumeMl') ?? props.deadVolumeMl,
    poreDiameterNm: optionalNumberParam(values, 'poreDiameterNm') ?? props.poreDiameterNm,
    plateCount: numberParam(values, 'plateCount'),
    sampleVolumeMl: state.volumeMl,
  };
  const fractionVolumeMl = numberParam(values, 'fractionVolumeMl');
  const warnings: string[] = [];
  const lastVe = column.deadVolumeMl + column.bedVolumeMl;
  const count = Math.max(
    1,
    Math.ceil(
      (lastVe + column.sampleVolumeMl + 4 * (lastVe / Math.sqrt(column.plateCount))) / fractionVolumeMl,
    ),
  );
  if (count > 100_000)
    throw new ChainInputError([
      {
        path: at('fractionVolumeMl'),
        message: `${step}: ${count} fractions — fractionVolumeMl is far too small for this column`,
      },
    ]);

  const excludedShares = fractionShares(column, column.poreDiameterNm, fractionVolumeMl, count);
  const listText = textParam(values, 'collectFractions');
  let collected: Set<number>;
  let collectNote: string;
  if (listText) {
    const list = parseFractionList(listText);
    const outside = list.filter((n) => n < 1);
    if (outside.length > 0)
      throw new ChainInputError([
        { path: at('collectFractions'), message: `${step}: fraction numbers start at 1` },
      ]);
    collected = new Set(list.map((n) => n - 1).filter((f) => f < count));
    collectNote = `fractions ${listText}`;
  } else {
    collected = new Set();
    for (let f = 0; f < count; f++) if ((excludedShares[f] as number) >= 0.05) collected.add(f);
    const numbers = [...collected].map((f) => f + 1);
    collectNote = numbers.length
      ? `fractions ${Math.min(...numbers)}–${Math.max(...numbers)} (each ≥ 5 % of the excluded particles)`
      : 'none';
  }

  const recovery = numberParam(values, 'evRecoveryPercent') / 100;
  const fractionParticles = new Float64Array(count);
  const particles = new Float64Array(state.particles.length);
  // Bins at or above the pore share one elution profile; smaller ones each have their own. Particles are
  // summed per profile first, so the per-fraction work is done once per profile, not once per bin.
  const profiles = new Map<number, { shares: Float64Array; kept: number; particles: number }>();
  for (let i = 0; i < particles.length; i++) {
    const n = state.particles[i] as number;
    if (n === 0) continue;
    const d = state.binsNm[i] as number;
    const key = d >= column.poreDiameterNm ? -1 : d;
    let profile = profiles.get(key);
    if (!profile) {
      const shares = key === -1 ? excludedShares : fractionShares(column, d, fractionVolumeMl, count);
      let kept = 0;
      for (const f of collected) kept += shares[f] as number;
      profile = { shares, kept, particles: 0 };
      profiles.set(key, profile);
    }
    profile.particles += n;
    particles[i] = n * recovery * profile.kept;
  }
  for (const profile of profiles.values()) {
    const n = profile.particles * recovery;
    for (let f = 0; f < count; f++)
      fractionParticles[f] = (fractionParticles[f] as number) + n * (profile.shares[f] as number);
  }
  const proteinShares = fractionShares(column, ALBUMIN.hydrodynamicDiameterNm, fractionVolumeMl, count);
  const lipoShares = Object.fromEntries(
    LIPOPROTEIN_CLASSES.map((c) => [
      c,
      fractionShares(column, LIPOPROTEINS[c].diameterNm, fractionVolumeMl, count),
    ]),
  ) as Record<(typeof LIPOPROTEIN_CLASSES)[number], Float64Array>;

  const fractions: StepFraction[] = [];
  let proteinUg = 0;
  const lipoproteins: LipoproteinCounts = { hdl: 0, ldl: 0, vldl: 0 };
  for (let f = 0; f < count; f++) {
    const isCollected = collected.has(f);
    const lp: LipoproteinCounts = { hdl: 0, ldl: 0, vldl: 0 };
    for (const c of LIPOPROTEIN_CLASSES) {
      lp[c] = state.lipoproteins[c] * (lipoShares[c][f] as number);
      if (isCollected) lipoproteins[c] += lp[c];
    }
    const p = state.proteinUg * (proteinShares[f] as number);
    if (isCollected) proteinUg += p;
    fractions.push({
      number: f + 1,
      startMl: f * fractionVolumeMl,
      endMl: (f + 1) * fractionVolumeMl,
      densityGPerMl: null,
      particles: fractionParticles[f] as number,
      proteinUg: p,
      lipoproteins: lp,
      collected: isCollected,
    });
  }

  const loadPercent = (100 * column.sampleVolumeMl) / column.bedVolumeMl;
  if (loadPercent > 100)
    warnings.push(
      `the sample (${column.sampleVolumeMl.toPrecision(3)} mL) is larger than the bed (${column.bedVolumeMl} mL): EVs and protein cannot separate — concentrate first (UF/TFF)`,
    );
  else if (loadPercent > 10)
    warnings.push(
      `the sample is ${loadPercent.toFixed(0)} % of the bed volume; above ~10 % the EV and protein peaks broaden and overlap (Böing et al. 2014 loaded 1 mL on 10 mL)`,
    );
  if (collected.size === 0) warnings.push('no fraction is collected');

  const v0 = column.deadVolumeMl + column.voidFraction * column.bedVolumeMl;
  const assumptions: ModelAssumption[] = [
    {
      key: 'model.kav',
      description: 'Kav = (1 − d/dpore)² (steric partition of a sphere in a cylindrical pore)',
      value: `pore ${column.poreDiameterNm.toFixed(0)} nm`,
      unit: null,
      source: `Giddings et al. 1968, J Phys Chem 72:4397; pore: ${props.source}`,
      assumption: false,
    },
    {
      key: 'model.proteinSize',
      description: 'free protein elutes as albumin (hydrodynamic diameter)',
      value: ALBUMIN.hydrodynamicDiameterNm,
      unit: 'nm',
      source: 'Peters 1996, All About Albumin',
      assumption: true,
    },
  ];

  return {
    state: {
      binsNm: state.binsNm,
      particles,
      volumeMl: Math.max(1e-9, collected.size * fractionVolumeMl),
      proteinUg,
      lipoproteins,
    },
    cutoffs: [
      {
        name: 'poreDiameterNm',
        description: 'exclusion diameter (Kav = 0 above)',
        value: column.poreDiameterNm,
        unit: 'nm',
      },
      { name: 'voidVolumeMl', description: 'V0 incl. extra-column volume', value: v0, unit: 'mL' },
      {
        name: 'evPeakFraction',
        description: 'fraction with most excluded particles',
        value: peakFraction(excludedShares),
        unit: 'fraction',
      },
      {
        name: 'proteinPeakFraction',
        description: 'fraction with most free protein',
        value: peakFraction(proteinShares),
        unit: 'fraction',
      },
      { name: 'collectedFractions', description: collectNote, value: collected.size, unit: 'fractions' },
    ],
    fractions,
    timeMinutes: null,
    warnings,
    assumptions,
    model: 'physical',
  };
}
