/**
 * The starting material of a chain: an EV size distribution (log-normal, or number-weighted bins such as an
 * NTA measurement), its concentration and volume, free protein and lipoprotein loads. Presets give typical
 * values for MSC conditioned medium and plasma; every preset value is an assumption the user can change.
 */
import { z } from 'zod';
import type { NtaReport } from '../nta/nta-report.ts';
import type { ChainState, ModelAssumption } from './chain-types.ts';
import { normalCdf } from './normal-distribution.ts';

export const POPULATION_PRESETS = ['msc-cm-serum-free', 'msc-cm-ev-depleted-fbs', 'human-plasma'] as const;
export type PopulationPreset = (typeof POPULATION_PRESETS)[number];

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

export const sizeDistributionInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('log-normal'),
    medianNm: positive.max(5000),
    gsd: z.number().min(1.01).max(5),
  }),
  z.object({
    kind: z.literal('bins'),
    diametersNm: z.array(positive.max(10000)).min(1).max(20000),
    particlesPerMl: z.array(nonNegative).min(1).max(20000),
  }),
]);
export type SizeDistributionInput = z.output<typeof sizeDistributionInputSchema>;

export const lipoproteinLoadSchema = z.object({
  hdl: nonNegative.optional(),
  ldl: nonNegative.optional(),
  vldl: nonNegative.optional(),
});

/** What a user may state about the starting material; anything left out comes from the preset. */
export const inputPopulationSchema = z.object({
  preset: z.enum(POPULATION_PRESETS).optional(),
  sizeDistribution: sizeDistributionInputSchema.optional(),
  /** Total EV particles per mL; for bins, defaults to the sum of the bins. */
  particlesPerMl: nonNegative.optional(),
  volumeMl: positive.max(1e6).optional(),
  proteinUgPerMl: nonNegative.optional(),
  lipoproteinParticlesPerMl: lipoproteinLoadSchema.optional(),
});
export type InputPopulation = z.input<typeof inputPopulationSchema>;

export interface ResolvedPopulation {
  preset: PopulationPreset;
  sizeDistribution: SizeDistributionInput;
  particlesPerMl: number;
  volumeMl: number;
  proteinUgPerMl: number;
  lipoproteinParticlesPerMl: { hdl: number; ldl: number; vldl: number };
  assumptions: ModelAssumption[];
}

interface PresetValues {
  label: string;
  medianNm: number;
  gsd: number;
  particlesPerMl: number;
  volumeMl: number;
  proteinUgPerMl: number;
  hdl: number;
  ldl: number;
  vldl: number;
  sources: Record<'size' | 'particles' | 'volume' | 'protein' | 'lipoproteins', string>;
}

const MSC_SIZE_SOURCE =
  'MSC small EVs: NTA modes ~100–150 nm (Théry et al. 2018 MISEV2018, J Extracell Vesicles 7:1535750; Li et al. 2025, Front Cell Dev Biol 13:1626996)';

export const PRESETS: Record<PopulationPreset, PresetValues> = {
  'msc-cm-serum-free': {
    label: 'MSC conditioned medium, serum-free (48 h)',
    medianNm: 120,
    gsd: 1.45,
    particlesPerMl: 2e9,
    volumeMl: 100,
    proteinUgPerMl: 50,
    hdl: 0,
    ldl: 0,
    vldl: 0,
    sources: {
      size: MSC_SIZE_SOURCE,
      particles:
        'MSC conditioned media carry ~10⁹–10¹⁰ particles/mL by NTA (Haraszti et al. 2018, Mol Ther 26:2838); typical value, replace with your NTA count',
      volume: 'one harvest of a few multilayer flasks; replace with your volume',
      protein:
        'serum-free basal medium conditioned by MSCs holds tens of µg/mL secreted protein; supplements such as human serum albumin raise it to mg/mL — replace with your BCA value',
      lipoproteins: 'serum-free medium has no serum lipoproteins',
    },
  },
  'msc-cm-ev-depleted-fbs': {
    label: 'MSC conditioned medium with 10 % EV-depleted FBS',
    medianNm: 120,
    gsd: 1.45,
    particlesPerMl: 5e9,
    volumeMl: 100,
    proteinUgPerMl: 3500,
    hdl: 3e14,
    ldl: 1e13,
    vldl: 5e11,
    sources: {
      size: MSC_SIZE_SOURCE,
      particles:
        'MSC conditioned media ~10⁹–10¹⁰ particles/mL (Haraszti et al. 2018, Mol Ther 26:2838) plus residual bovine particles; typical value',
      volume: 'one harvest; replace with your volume',
      protein:
        'FBS holds ~35–40 mg/mL protein, so 10 % FBS medium ~3.5 mg/mL (supplier certificates of analysis)',
      lipoproteins:
        'FBS lipoproteins are roughly 1/5–1/10 of human plasma levels; 10 % FBS gives ~1/50–1/100 of the plasma values below — order of magnitude only',
    },
  },
  'human-plasma': {
    label: 'Human platelet-poor plasma',
    medianNm: 90,
    gsd: 1.6,
    particlesPerMl: 1e10,
    volumeMl: 1,
    proteinUgPerMl: 70000,
    hdl: 2e16,
    ldl: 8e14,
    vldl: 4e13,
    sources: {
      size: 'plasma EVs are mostly < 200 nm (Johnsen et al. 2019, Biochim Biophys Acta Rev Cancer 1871:109)',
      particles:
        'plasma EVs ~10¹⁰ particles/mL, outnumbered by lipoproteins by orders of magnitude (Johnsen et al. 2019, Biochim Biophys Acta Rev Cancer 1871:109)',
      volume: 'a typical SEC load (Böing et al. 2014 loaded 1 mL)',
      protein: 'plasma total protein 60–80 g/L (clinical reference interval)',
      lipoproteins:
        'NMR particle counts in adults: HDL-P ~30 µmol/L, LDL-P ~1.3 µmol/L, VLDL-P ~70 nmol/L (Mora et al. 2009, Circulation 119:931)',
    },
  },
};

/** Diameters of the default bins: 1 nm bins centred on 1, 2, …, 1000 nm. */
export function defaultBinsNm(): Float64Array {
  const bins = new Float64Array(1000);
  for (let i = 0; i < bins.length; i++) bins[i] = i + 1;
  return bins;
}

/**
 * Number of particles per 1-wide bin for a log-normal distribution (median, geometric SD), normalised so
 * the bins sum to `total`. Bin i spans centre ± 0.5 nm (for the default 1 nm bins).
 */
export function logNormalBins(
  binsNm: Float64Array,
  medianNm: number,
  gsd: number,
  total: number,
): Float64Array {
  const out = new Float64Array(binsNm.length);
  const mu = Math.log(medianNm);
  const s = Math.log(gsd);
  const cdfAt = (edgeNm: number) => normalCdf((Math.log(Math.max(edgeNm, 1e-9)) - mu) / s);
  const first = binsNm[0] as number;
  let lowerCdf = cdfAt(first - 0.5);
  let sum = 0;
  for (let i = 0; i < binsNm.length; i++) {
    const centre = binsNm[i] as number;
    const upper = i === binsNm.length - 1 ? centre + 0.5 : (centre + (binsNm[i + 1] as number)) / 2;
    const upperCdf = cdfAt(upper);
    const p = upperCdf - lowerCdf;
    lowerCdf = upperCdf;
    out[i] = p;
    sum += p;
  }
  if (sum > 0) for (let i = 0; i < out.length; i++) out[i] = ((out[i] as number) / sum) * total;
  return out;
}

/** Fills in a user's population from its preset and lists which values are assumptions. */
export function resolvePopulation(input: InputPopulation = {}): ResolvedPopulation {
  const parsed = inputPopulationSchema.parse(input);
  const presetName = parsed.preset ?? 'msc-cm-serum-free';
  const preset = PRESETS[presetName];
  const assumptions: ModelAssumption[] = [];
  const note = (
    key: string,
    description: string,
    value: number | string,
    unit: string | null,
    source: string,
    given: boolean,
  ) => {
    assumptions.push({
      key: `input.${key}`,
      description,
      value,
      unit,
      source: given ? 'given by the user' : `${preset.label}: ${source}`,
      assumption: !given,
    });
  };

  let sizeDistribution: SizeDistributionInput;
  if (parsed.sizeDistribution) {
    sizeDistribution = parsed.sizeDistribution;
    if (
      sizeDistribution.kind === 'bins' &&
      sizeDistribution.diametersNm.length !== sizeDistribution.particlesPerMl.length
    )
      throw new RangeError('sizeDistribution.diametersNm and particlesPerMl must have the same length');
  } else {
    sizeDistribution = { kind: 'log-normal', medianNm: preset.medianNm, gsd: preset.gsd };
  }
  const sizeValue =
    sizeDistribution.kind === 'log-normal'
      ? `log-normal, median ${sizeDistribution.medianNm} nm, GSD ${sizeDistribution.gsd}`
      : `${sizeDistribution.diametersNm.length} measured bins`;
  note(
    'sizeDistribution',
    'EV size distribution (number-weighted)',
    sizeValue,
    null,
    preset.sources.size,
    !!parsed.sizeDistribution,
  );

  const binTotal =
    sizeDistribution.kind === 'bins' ? sizeDistribution.particlesPerMl.reduce((a, b) => a + b, 0) : null;
  const particlesPerMl = parsed.particlesPerMl ?? binTotal ?? preset.particlesPerMl;
  note(
    'particlesPerMl',
    'EV particles per mL',
    particlesPerMl,
    'particles/mL',
    preset.sources.particles,
    parsed.particlesPerMl !== undefined || binTotal !== null,
  );
  const volumeMl = parsed.volumeMl ?? preset.volumeMl;
  note('volumeMl', 'starting volume', volumeMl, 'mL', preset.sources.volume, parsed.volumeMl !== undefined);
  const proteinUgPerMl = parsed.proteinUgPerMl ?? preset.proteinUgPerMl;
  note(
    'proteinUgPerMl',
    'free soluble protein',
    proteinUgPerMl,
    'µg/mL',
    preset.sources.protein,
    parsed.proteinUgPerMl !== undefined,
  );
  const lp = parsed.lipoproteinParticlesPerMl ?? {};
  const lipoproteinParticlesPerMl = {
    hdl: lp.hdl ?? preset.hdl,
    ldl: lp.ldl ?? preset.ldl,
    vldl: lp.vldl ?? preset.vldl,
  };
  for (const key of ['hdl', 'ldl', 'vldl'] as const) {
    note(
      `lipoproteinParticlesPerMl.${key}`,
      `${key.toUpperCase()} particles per mL`,
      lipoproteinParticlesPerMl[key],
      'particles/mL',
      preset.sources.lipoproteins,
      lp[key] !== undefined,
    );
  }
  return {
    preset: presetName,
    sizeDistribution,
    particlesPerMl,
    volumeMl,
    proteinUgPerMl,
    lipoproteinParticlesPerMl,
    assumptions,
  };
}

/** The chain's first state: particles per bin (totals in the volume), protein and lipoproteins. */
export function initialChainState(population: ResolvedPopulation): ChainState {
  const { sizeDistribution, volumeMl } = population;
  let binsNm: Float64Array;
  let particles: Float64Array;
  const total = population.particlesPerMl * volumeMl;
  if (sizeDistribution.kind === 'log-normal') {
    binsNm = defaultBinsNm();
    particles = logNormalBins(binsNm, sizeDistribution.medianNm, sizeDistribution.gsd, total);
  } else {
    // Keep the measured bins (sorted by diameter), rescaled to the stated concentration.
    const order = sizeDistribution.diametersNm.map(
      (d, i) => [d, sizeDistribution.particlesPerMl[i] ?? 0] as const,
    );
    order.sort((a, b) => a[0] - b[0]);
    binsNm = Float64Array.from(order.map((o) => o[0]));
    const sum = order.reduce((acc, o) => acc + o[1], 0);
    particles = Float64Array.from(order.map((o) => (sum > 0 ? (o[1] / sum) * total : 0)));
  }
  const lp = population.lipoproteinParticlesPerMl;
  return {
    binsNm,
    particles,
    volumeMl,
    proteinUg: population.proteinUgPerMl * volumeMl,
    lipoproteins: { hdl: lp.hdl * volumeMl, ldl: lp.ldl * volumeMl, vldl: lp.vldl * volumeMl },
  };
}

/**
 * The number-weighted bins of a stored NTA measurement as an input size distribution (the report's
 * average concentration per bin; bins with a centre ≤ 0 are dropped).
 */
export function sizeDistributionFromNtaReport(
  report: Pick<NtaReport, 'distribution'>,
): SizeDistributionInput | null {
  const { binCentersNm, concentrationPerMl } = report.distribution;
  const diametersNm: number[] = [];
  const particlesPerMl: number[] = [];
  for (let i = 0; i < Math.min(binCentersNm.length, concentrationPerMl.length); i++) {
    const d = binCentersNm[i] as number;
    const c = concentrationPerMl[i] as number;
    if (!(d > 0) || !Number.isFinite(c)) continue;
    diametersNm.push(d);
    particlesPerMl.push(Math.max(0, c));
  }
  if (diametersNm.length === 0 || particlesPerMl.every((v) => v === 0)) return null;
  return { kind: 'bins', diametersNm, particlesPerMl };
}
