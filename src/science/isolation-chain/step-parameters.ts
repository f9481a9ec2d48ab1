/**
 * The parameter keys each isolation method understands in a protocol step (`parameters` of
 * src/domain/isolation-protocol.ts), with units, defaults, limits, hints and sources. One table drives
 * validation (errors name the step and the key), the simulator's defaults and the web builder's forms.
 * `assumption: true` marks defaults that are typical values rather than properties of the method: replace
 * them with your own (lab data, manufacturer sheet).
 */
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';
import type { ChainIssue, ModelAssumption, ParameterValue, ResolvedParameters } from './chain-types.ts';

interface SpecBase {
  key: string;
  label: string;
  hint: string;
  source: string;
  assumption: boolean;
  /** Other keys accepted for the same value (older protocol documents). */
  aliases?: readonly string[];
}

export interface NumberParameterSpec extends SpecBase {
  kind: 'number';
  unit: string;
  /** null = optional; the model derives a value (say how in `hint`). */
  default: number | null;
  min?: number;
  /** true: the value must be strictly above `min`. */
  minExclusive?: boolean;
  max?: number;
  integer?: boolean;
}

export interface ChoiceParameterSpec extends SpecBase {
  kind: 'choice';
  options: readonly { value: string; label: string }[];
  default: string;
}

export interface TextParameterSpec extends SpecBase {
  kind: 'text';
  default: string | null;
  /** Regular expression the text must match (when set) and what it means. */
  pattern?: { regex: RegExp; description: string };
}

export type ParameterSpec = NumberParameterSpec | ChoiceParameterSpec | TextParameterSpec;

export interface MethodSpec {
  method: IsolationMethod;
  label: string;
  /** physical = a transport model; assumed = typical recoveries only. */
  model: 'physical' | 'assumed';
  summary: string;
  parameters: readonly ParameterSpec[];
}

const FRACTION_LIST = {
  regex: /^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/,
  description: 'fraction numbers from 1, as a list or ranges, e.g. "7-9" or "9,10,11"',
};
const NUMBER_LIST = {
  regex: /^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/,
  description: 'comma-separated percentages from the top of the tube to the bottom, e.g. "5,10,20,40"',
};

const LIVSHITS = 'Livshits et al. 2015, Sci Rep 5:17319';
const THERY_2006 = 'Théry et al. 2006, Curr Protoc Cell Biol 3.22';

// ---------- centrifugation ----------

const centrifugeCommon = (defaults: { rotor: string; rcfG: number; minutes: number }): ParameterSpec[] => [
  {
    kind: 'text',
    key: 'rotor',
    label: 'Rotor',
    default: defaults.rotor,
    hint: 'a rotor of the built-in library (evlab rotors), e.g. "Type 70 Ti", "SW 32 Ti", "A-4-62"',
    source: 'rotor geometry: Livshits et al. 2015 Table 1 and manufacturer manuals',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'rcfG',
    label: 'RCF',
    unit: '×g',
    default: defaults.rcfG,
    min: 0,
    minExclusive: true,
    max: 1_500_000,
    hint: 'relative centrifugal force at the rotor’s average radius (Rav)',
    source: THERY_2006,
    assumption: false,
  },
  {
    kind: 'number',
    key: 'rpm',
    label: 'Speed',
    unit: 'rpm',
    default: null,
    min: 0,
    minExclusive: true,
    hint: 'optional: when given, RCF is computed from it at Rav (RCF = 1.118×10⁻⁵·r·rpm²); must not exceed the rotor’s maximum',
    source: 'Beckman Coulter rotor manuals',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'minutes',
    label: 'Time',
    unit: 'min',
    default: defaults.minutes,
    min: 0,
    minExclusive: true,
    max: 100_000,
    hint: 'time at speed',
    source: THERY_2006,
    assumption: false,
  },
  {
    kind: 'number',
    key: 'temperatureC',
    label: 'Temperature',
    unit: '°C',
    default: 4,
    min: 0,
    max: 40,
    hint: 'sets the fluid viscosity (IAPWS water viscosity × medium factor)',
    source: THERY_2006,
    assumption: false,
  },
  {
    kind: 'choice',
    key: 'suspension',
    label: 'Suspending fluid',
    options: [
      { value: 'culture-medium', label: 'Culture medium' },
      { value: 'pbs', label: 'PBS' },
      { value: 'water', label: 'Water' },
    ],
    default: 'culture-medium',
    hint: 'viscosity relative to water (medium-viscosity.ts)',
    source: 'Bacabac et al. 2005, J Biomech 38:159 (medium); Jenkins & Marcus 1995 (PBS)',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'viscosityCp',
    label: 'Viscosity',
    unit: 'cP',
    default: null,
    min: 0.2,
    max: 100,
    hint: 'optional: overrides the viscosity derived from fluid and temperature',
    source: LIVSHITS,
    assumption: false,
  },
  {
    kind: 'number',
    key: 'evDensityGPerMl',
    label: 'EV density',
    unit: 'g/mL',
    default: 1.15,
    min: 0.9,
    max: 1.5,
    hint: 'vesicle density used for sedimentation',
    source: LIVSHITS,
    assumption: false,
  },
  {
    kind: 'number',
    key: 'mediumDensityGPerMl',
    label: 'Medium density',
    unit: 'g/mL',
    default: 1.0,
    min: 0.9,
    max: 1.5,
    hint: 'must be below the EV density, or nothing sediments',
    source: LIVSHITS,
    assumption: false,
  },
];

const lowSpeed: MethodSpec = {
  method: 'low-speed-centrifugation',
  label: 'Low-speed centrifugation',
  model: 'physical',
  summary:
    'Clearing spin (cells 300 ×g, debris 2,000 ×g, large vesicles 10,000 ×g): the supernatant is kept, i.e. 1 − the pelleted fraction of each size (Livshits et al. 2015 sedimentation model).',
  parameters: [
    ...centrifugeCommon({ rotor: 'A-4-62', rcfG: 2000, minutes: 10 }),
    {
      kind: 'choice',
      key: 'keep',
      label: 'Keep',
      options: [
        { value: 'supernatant', label: 'Supernatant' },
        { value: 'pellet', label: 'Pellet' },
      ],
      default: 'supernatant',
      hint: 'clearing spins keep the supernatant',
      source: THERY_2006,
      assumption: false,
    },
  ],
};

const pelletHandling: ParameterSpec[] = [
  {
    kind: 'number',
    key: 'pelletRecoveryPercent',
    label: 'Pellet recovery',
    unit: '%',
    default: 70,
    min: 0,
    max: 100,
    hint: 'share of pelleted EVs recovered after aspiration and resuspension (aggregation, tube-wall losses)',
    source:
      'typical value; EV losses and aggregation in UC pellets: Linares et al. 2015, J Extracell Vesicles 4:29509; Cvjetkovic et al. 2014, J Extracell Vesicles 3:23111',
    assumption: true,
  },
  {
    kind: 'number',
    key: 'proteinCarryOverPercent',
    label: 'Protein carry-over',
    unit: '%',
    default: 1,
    min: 0,
    max: 100,
    hint: 'share of the free protein found in the pellet (protein aggregates, residual supernatant)',
    source:
      'typical value; co-pelleting of protein aggregates: Böing et al. 2014, J Extracell Vesicles 3:23430',
    assumption: true,
  },
  {
    kind: 'number',
    key: 'resuspendVolumeMl',
    label: 'Resuspension volume',
    unit: 'mL',
    default: 0.2,
    min: 0,
    minExclusive: true,
    max: 10_000,
    hint: 'volume of buffer the pellet is taken up in',
    source: THERY_2006,
    assumption: true,
  },
];

const ultracentrifugation: MethodSpec = {
  method: 'differential-ultracentrifugation',
  label: 'Differential ultracentrifugation',
  model: 'physical',
  summary:
    'Pelleting spin (≥ 100,000 ×g): EVs recovered = pelleted fraction by size (Livshits et al. 2015) × pellet recovery. Below 50,000 ×g the supernatant is kept unless `keep` says otherwise.',
  parameters: [
    ...centrifugeCommon({ rotor: 'Type 70 Ti', rcfG: 100_000, minutes: 70 }),
    {
      kind: 'choice',
      key: 'keep',
      label: 'Keep',
      options: [
        { value: 'auto', label: 'Auto (pellet ≥ 50,000 ×g)' },
        { value: 'pellet', label: 'Pellet' },
        { value: 'supernatant', label: 'Supernatant' },
      ],
      default: 'auto',
      hint: '10,000 ×g steps keep the supernatant, 100,000 ×g steps the pellet',
      source: THERY_2006,
      assumption: false,
    },
    ...pelletHandling,
  ],
};

// ---------- density gradient ----------

const densityGradient: MethodSpec = {
  method: 'density-gradient-ultracentrifugation',
  label: 'Density-gradient ultracentrifugation',
  model: 'physical',
  summary:
    'Isopycnic banding: each particle drifts towards the depth where the gradient density equals its buoyant density (Stokes drift, linearised about that depth); fractions are collected from the top.',
  parameters: [
    {
      kind: 'choice',
      key: 'medium',
      label: 'Gradient medium',
      options: [
        { value: 'iodixanol', label: 'Iodixanol (OptiPrep)' },
        { value: 'sucrose', label: 'Sucrose' },
      ],
      default: 'iodixanol',
      hint: 'EVs band at ~1.10 g/mL in iodixanol, 1.13–1.19 g/mL in sucrose',
      source: 'Van Deun et al. 2014, J Extracell Vesicles 3:24858; Théry et al. 2006',
      assumption: false,
    },
    {
      kind: 'text',
      key: 'layers',
      label: 'Layers (top → bottom)',
      default: '5,10,20,40',
      pattern: NUMBER_LIST,
      hint: 'concentrations in % (iodixanol w/v, sucrose w/w), lightest on top',
      source: 'Van Deun et al. 2014, J Extracell Vesicles 3:24858 (5/10/20/40 % iodixanol)',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'layerVolumeMl',
      label: 'Volume per layer',
      unit: 'mL',
      default: 3,
      min: 0,
      minExclusive: true,
      max: 100,
      hint: 'the same volume for every layer',
      source: 'Van Deun et al. 2014 (3–4 mL layers)',
      assumption: false,
    },
    {
      kind: 'choice',
      key: 'loading',
      label: 'Sample loaded',
      options: [
        { value: 'top', label: 'On top' },
        { value: 'bottom', label: 'At the bottom (float-up)' },
      ],
      default: 'top',
      hint: 'top loading: particles sink to their density; bottom loading: they float up, soluble protein stays at the bottom',
      source: 'Van Deun et al. 2014; Kowal et al. 2016, PNAS 113:E968',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'sampleVolumeMl',
      label: 'Sample per tube',
      unit: 'mL',
      default: 1,
      min: 0,
      minExclusive: true,
      max: 100,
      hint: 'volume loaded per tube; a larger input is split over several tubes',
      source: 'Van Deun et al. 2014 (1 mL on top of the gradient)',
      assumption: true,
    },
    ...centrifugeCommon({ rotor: 'SW 40 Ti', rcfG: 100_000, minutes: 1080 }).filter((p) =>
      ['rotor', 'rcfG', 'rpm', 'minutes', 'temperatureC'].includes(p.key),
    ),
    {
      kind: 'number',
      key: 'viscosityCp',
      label: 'Mean gradient viscosity',
      unit: 'cP',
      default: null,
      min: 0.5,
      max: 200,
      hint: 'default: 3 cP (iodixanol) or 5 cP (sucrose) at 4 °C — the mean over a 5–40 % gradient',
      source:
        'order of magnitude from the viscosity tables of iodixanol (Axis-Shield OptiPrep application sheets) and sucrose (CRC Handbook)',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'fractionVolumeMl',
      label: 'Fraction volume',
      unit: 'mL',
      default: 1,
      min: 0,
      minExclusive: true,
      max: 100,
      hint: 'fractions are taken from the top',
      source: 'Van Deun et al. 2014 (1 mL fractions)',
      assumption: false,
    },
    {
      kind: 'text',
      key: 'collectFractions',
      label: 'Collect fractions',
      default: null,
      pattern: FRACTION_LIST,
      hint: 'default: the fractions whose density lies in the EV band (collectDensityMin/Max)',
      source: 'Van Deun et al. 2014',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'collectDensityMinGPerMl',
      label: 'Collect from density',
      unit: 'g/mL',
      default: null,
      min: 0.9,
      max: 1.5,
      hint: 'default: EV band mean − 2 SD (1.076 iodixanol, 1.13 sucrose)',
      source: 'Van Deun et al. 2014; Théry et al. 2006',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'collectDensityMaxGPerMl',
      label: 'Collect up to density',
      unit: 'g/mL',
      default: null,
      min: 0.9,
      max: 1.5,
      hint: 'default: EV band mean + 2 SD (1.124 iodixanol, 1.19 sucrose)',
      source: 'Van Deun et al. 2014; Théry et al. 2006',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'evRecoveryPercent',
      label: 'Handling recovery',
      unit: '%',
      default: 90,
      min: 0,
      max: 100,
      hint: 'losses to tube walls and fraction collection',
      source:
        'typical value; DG yields are low mainly because of the washes that remove the gradient medium (Li et al. 2025, Front Cell Dev Biol 13:1626996, §2.1.2 and Table 2)',
      assumption: true,
    },
  ],
};

// ---------- size-exclusion chromatography ----------

export const SEC_RESINS = [
  'sepharose-cl-2b',
  'sepharose-cl-4b',
  'sepharose-cl-6b',
  'qev-70',
  'qev-35',
] as const;
export type SecResin = (typeof SEC_RESINS)[number];

const sizeExclusion: MethodSpec = {
  method: 'size-exclusion-chromatography',
  label: 'Size-exclusion chromatography',
  model: 'physical',
  summary:
    'Gel filtration: elution volume Ve = V0 + Kav·(Vt − V0) with Kav = (1 − d/dpore)² (spheres in cylindrical pores), Gaussian band spreading from the plate count, rectangular injection; fractions collected from sample application.',
  parameters: [
    {
      kind: 'choice',
      key: 'resin',
      label: 'Resin / column',
      options: [
        { value: 'sepharose-cl-2b', label: 'Sepharose CL-2B' },
        { value: 'sepharose-cl-4b', label: 'Sepharose CL-4B' },
        { value: 'sepharose-cl-6b', label: 'Sepharose CL-6B' },
        { value: 'qev-70', label: 'qEV 70 nm (Izon)' },
        { value: 'qev-35', label: 'qEV 35 nm (Izon)' },
      ],
      default: 'sepharose-cl-2b',
      aliases: ['column'],
      hint: 'sets the effective pore diameter (and void/dead volume defaults)',
      source:
        'Böing et al. 2014, J Extracell Vesicles 3:23430; Cytiva Sepharose CL data file; Izon qEV specifications',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'bedVolumeMl',
      label: 'Bed volume',
      unit: 'mL',
      default: 10,
      min: 0,
      minExclusive: true,
      max: 100_000,
      hint: 'settled resin volume (Vt)',
      source: 'Böing et al. 2014 (10 mL Sepharose CL-2B)',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'fractionVolumeMl',
      label: 'Fraction volume',
      unit: 'mL',
      default: 0.5,
      min: 0,
      minExclusive: true,
      max: 10_000,
      hint: 'fractions are counted from the moment the sample is applied',
      source: 'Böing et al. 2014 (0.5 mL fractions)',
      assumption: false,
    },
    {
      kind: 'text',
      key: 'collectFractions',
      label: 'Collect fractions',
      default: null,
      pattern: FRACTION_LIST,
      hint: 'default: every fraction holding ≥ 5 % of the excluded (largest) particles; qEV legacy protocol: "7-9"',
      source: 'Böing et al. 2014 (fractions 9–12); Izon qEV original protocol',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'poreDiameterNm',
      label: 'Effective pore diameter',
      unit: 'nm',
      default: null,
      min: 1,
      max: 10_000,
      hint: 'default by resin: CL-2B 75, CL-4B 61, CL-6B 39, qEV 70/35 nm; larger particles are excluded (Kav = 0)',
      source:
        'CL-2B: particles > ~70 nm elute in the void (Böing et al. 2014); CL-4B/6B scaled by the globular-protein exclusion limits of the Cytiva data file (Mr 4×10⁷, 2×10⁷, 4×10⁶) via Rh = 0.475·N^0.29 nm (Wilkins et al. 1999, Biochemistry 38:16424); qEV: Izon',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'voidFraction',
      label: 'Interstitial void fraction',
      unit: '',
      default: 0.38,
      min: 0.1,
      max: 0.9,
      hint: 'V0 / bed volume for the packed beads',
      source:
        'random packing of spheres, 0.36–0.40 (e.g. Guiochon et al., Fundamentals of Preparative and Nonlinear Chromatography, 2006)',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'deadVolumeMl',
      label: 'Extra-column volume',
      unit: 'mL',
      default: null,
      min: 0,
      max: 1000,
      hint: 'default: 0.5 mL for a home-made syringe column (tip, filter, drip), 0 for qEV columns',
      source: 'typical value for a 10 mL syringe column',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'plateCount',
      label: 'Plate count',
      unit: '',
      default: 100,
      min: 1,
      max: 100_000,
      hint: 'band SD = Ve/√N (gravity-flow agarose columns are short and coarse)',
      source:
        'typical value for a 10 mL gravity column; peak widths of Böing et al. 2014 (EVs over ~4 × 0.5 mL fractions)',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'evRecoveryPercent',
      label: 'Column recovery',
      unit: '%',
      default: 70,
      min: 0,
      max: 100,
      hint: 'share of EVs that leave the column at all (adsorption, tailing)',
      source:
        'Böing et al. 2014: 43 % of platelet EVs recovered in fractions 9–12, which held 61 % of those eluted → ~70 % eluted',
      assumption: true,
    },
  ],
};

// ---------- membranes ----------

const membraneCommon = (defaults: {
  mwcoKda: number;
  concentrationFactor: number;
  areaCm2: number;
  fluxLmh: number;
  recovery: number;
  areaSource: string;
  recoverySource: string;
}): ParameterSpec[] => [
  {
    kind: 'number',
    key: 'mwcoKda',
    label: 'MWCO',
    unit: 'kDa',
    default: defaults.mwcoKda,
    min: 1,
    max: 100_000,
    hint: 'nominal molecular-weight cut-off (90 % retention of a globular protein of that mass)',
    source: 'MWCO definition: Zeman & Zydney 1996, Microfiltration and Ultrafiltration (Marcel Dekker)',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'poreNm',
    label: 'Pore diameter',
    unit: 'nm',
    default: null,
    min: 0.5,
    max: 10_000,
    hint: 'optional: a rated pore diameter instead of an MWCO',
    source: 'membrane data sheet',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'concentrationFactor',
    label: 'Concentration factor',
    unit: '×',
    default: defaults.concentrationFactor,
    min: 1,
    max: 100_000,
    hint: 'start volume / retentate volume',
    source: 'protocol choice',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'finalVolumeMl',
    label: 'Final volume',
    unit: 'mL',
    default: null,
    min: 0,
    minExclusive: true,
    max: 1e6,
    hint: 'optional: retentate volume instead of a concentration factor',
    source: 'protocol choice',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'diavolumes',
    label: 'Diafiltration volumes',
    unit: 'DV',
    default: 0,
    min: 0,
    max: 100,
    hint: 'buffer exchanges at the final volume (each removes permeating species by e^−S)',
    source: 'constant-volume diafiltration: Zeman & Zydney 1996',
    assumption: false,
  },
  {
    kind: 'number',
    key: 'membraneAreaCm2',
    label: 'Membrane area',
    unit: 'cm²',
    default: defaults.areaCm2,
    min: 0,
    minExclusive: true,
    max: 1e6,
    hint: 'sets the processing time with the flux',
    source: defaults.areaSource,
    assumption: true,
  },
  {
    kind: 'number',
    key: 'fluxLmh',
    label: 'Permeate flux',
    unit: 'L/m²/h',
    default: defaults.fluxLmh,
    min: 0,
    minExclusive: true,
    max: 10_000,
    hint: 'average flux over the run (falls as the membrane fouls)',
    source: 'typical value for EV-containing media on UF membranes',
    assumption: true,
  },
  {
    kind: 'number',
    key: 'evRecoveryPercent',
    label: 'Membrane recovery',
    unit: '%',
    default: defaults.recovery,
    min: 0,
    max: 100,
    hint: 'share of retained EVs recovered (membrane adsorption, dead volume)',
    source: defaults.recoverySource,
    assumption: true,
  },
];

const ultrafiltrationSpec: MethodSpec = {
  method: 'ultrafiltration',
  label: 'Ultrafiltration',
  model: 'physical',
  summary:
    'Sieving by hindered transport: S(λ) = (1−λ)²·[2−(1−λ)²]·e^(−0.7146λ²), λ = solute radius / pore radius (Zeman & Wales 1981); concentrating by CF keeps CF^(−S) of each species.',
  parameters: membraneCommon({
    mwcoKda: 100,
    concentrationFactor: 50,
    areaCm2: 7.6,
    fluxLmh: 20,
    recovery: 80,
    areaSource: 'Amicon Ultra-15 centrifugal unit, 7.6 cm² (Merck Millipore user guide)',
    recoverySource:
      'typical value; EV losses depend on the membrane (regenerated cellulose best): Vergauwen et al. 2017, Sci Rep 7:2704',
  }),
};

const tffSpec: MethodSpec = {
  method: 'tangential-flow-filtration',
  label: 'Tangential flow filtration',
  model: 'physical',
  summary:
    'As ultrafiltration, in cross-flow (less fouling, larger volumes); diafiltration removes free protein.',
  parameters: membraneCommon({
    mwcoKda: 300,
    concentrationFactor: 20,
    areaCm2: 50,
    fluxLmh: 30,
    recovery: 90,
    areaSource: 'small hollow-fibre TFF module (typical lab scale)',
    recoverySource:
      'typical value; TFF gives higher EV yields than UC (Busatto et al. 2018, Cells 7:273, abstract — no percentage given); Haraszti et al. 2018, Mol Ther 26:2838',
  }),
};

const filtrationSpec: MethodSpec = {
  method: 'filtration',
  label: 'Filtration (dead-end)',
  model: 'physical',
  summary:
    'Syringe/vacuum filter, filtrate kept: passage of a particle falls log-normally around the pore rating (50 % at the rated size).',
  parameters: [
    {
      kind: 'number',
      key: 'poreSizeUm',
      label: 'Pore rating',
      unit: 'µm',
      default: 0.22,
      min: 0.01,
      max: 100,
      hint: '0.22, 0.45 or 0.8 µm filters are common',
      source: 'Théry et al. 2018 MISEV2018, J Extracell Vesicles 7:1535750',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'passageLogSd',
      label: 'Sharpness (log SD)',
      unit: '',
      default: 0.25,
      min: 0.01,
      max: 2,
      hint: 'log-normal width of the passage curve: 0.25 → 10–90 % passage over about ±0.3× the rating',
      source: 'typical value for membrane filters (pore-size distribution)',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'evRecoveryPercent',
      label: 'Filter recovery',
      unit: '%',
      default: 90,
      min: 0,
      max: 100,
      hint: 'adsorption to the membrane and hold-up volume',
      source: 'typical value for low-binding PES/PVDF filters',
      assumption: true,
    },
  ],
};

// ---------- precipitation ----------

const precipitationSpec: MethodSpec = {
  method: 'polymer-precipitation',
  label: 'Polymer (PEG) precipitation',
  model: 'physical',
  summary:
    'Excluded-volume precipitation: larger particles precipitate at lower PEG (midpoint ∝ d^−½), kinetics 1 − e^(−t/2 h), then a low-speed pellet; free protein co-precipitates non-specifically plus by its own solubility curve.',
  parameters: [
    {
      kind: 'number',
      key: 'pegPercent',
      label: 'PEG (final)',
      unit: '% w/v',
      default: 8,
      min: 0,
      max: 40,
      hint: 'final PEG 6000/8000 concentration',
      source: 'Rider et al. 2016, Sci Rep 6:23978 (ExtraPEG, 8.4 %)',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'hours',
      label: 'Incubation',
      unit: 'h',
      default: 12,
      min: 0,
      minExclusive: true,
      max: 200,
      hint: 'incubation at 4 °C before the spin',
      source: 'Rider et al. 2016 (overnight)',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'rcfG',
      label: 'Pellet spin',
      unit: '×g',
      default: 1500,
      min: 0,
      minExclusive: true,
      max: 1_500_000,
      hint: 'the precipitate pellets at low speed',
      source: 'Rider et al. 2016 (1,500 ×g, 30 min)',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'minutes',
      label: 'Spin time',
      unit: 'min',
      default: 30,
      min: 0,
      minExclusive: true,
      max: 10_000,
      hint: '',
      source: 'Rider et al. 2016',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'evRecoveryPercent',
      label: 'Maximum EV recovery',
      unit: '%',
      default: 70,
      min: 0,
      max: 100,
      hint: 'recovery at saturating PEG and time (pellet losses included)',
      source:
        'typical value; Li et al. 2025 (§2.5, Table 2) list low purity and low recovery for polymer precipitation, without a percentage',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'evMidpointPegPercent',
      label: 'PEG midpoint (100 nm EV)',
      unit: '% w/v',
      default: 4,
      min: 0.1,
      max: 40,
      hint: 'PEG at which half the 100 nm EVs precipitate; scales as (100/d)^½',
      source:
        'typical value; size dependence after the excluded-volume model of Atha & Ingham 1981, J Biol Chem 256:12108',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'proteinCoPrecipitationPercent',
      label: 'Non-specific protein',
      unit: '%',
      default: 5,
      min: 0,
      max: 100,
      hint: 'share of free protein trapped in the precipitate regardless of PEG',
      source:
        'typical value; co-precipitation of protein by PEG kits: Lobb et al. 2015, J Extracell Vesicles 4:27031',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'resuspendVolumeMl',
      label: 'Resuspension volume',
      unit: 'mL',
      default: 0.5,
      min: 0,
      minExclusive: true,
      max: 10_000,
      hint: '',
      source: 'protocol choice',
      assumption: true,
    },
  ],
};

// ---------- typical-recovery methods ----------

const recoveryParameter = (value: number, source: string): ParameterSpec => ({
  kind: 'number',
  key: 'evRecoveryPercent',
  label: 'EV recovery',
  unit: '%',
  default: value,
  min: 0,
  max: 100,
  hint: 'share of EVs in the output (size-independent)',
  source,
  assumption: true,
});
const carryParameter = (key: string, label: string, value: number, source: string): ParameterSpec => ({
  kind: 'number',
  key,
  label,
  unit: '%',
  default: value,
  min: 0,
  max: 100,
  hint: 'share of the input that ends up in the output',
  source,
  assumption: true,
});
const outputVolume = (value: number | null, hint: string): ParameterSpec => ({
  kind: 'number',
  key: 'outputVolumeMl',
  label: 'Output volume',
  unit: 'mL',
  default: value,
  min: 0,
  minExclusive: true,
  max: 1e6,
  hint,
  source: 'protocol choice',
  assumption: value !== null,
});

const immunomagnetic: MethodSpec = {
  method: 'immunomagnetic-beads',
  label: 'Immunomagnetic beads',
  model: 'assumed',
  summary:
    'Affinity capture: EVs recovered = marker-positive share × capture efficiency (size-independent); protein and lipoproteins only by non-specific binding.',
  parameters: [
    {
      kind: 'text',
      key: 'marker',
      label: 'Capture marker',
      default: 'CD63',
      hint: 'CD9, CD63, CD81 …',
      source: 'Li et al. 2025, Front Cell Dev Biol 13:1626996 §2.6',
      assumption: false,
    },
    {
      kind: 'number',
      key: 'markerPositivePercent',
      label: 'Marker-positive EVs',
      unit: '%',
      default: 50,
      min: 0,
      max: 100,
      hint: 'share of EVs carrying the marker (tetraspanin profiles differ between EV subsets)',
      source: 'typical value; heterogeneous tetraspanin expression: Kowal et al. 2016, PNAS 113:E968',
      assumption: true,
    },
    {
      kind: 'number',
      key: 'captureEfficiencyPercent',
      label: 'Capture efficiency',
      unit: '%',
      default: 80,
      min: 0,
      max: 100,
      hint: 'share of marker-positive EVs bound and recovered',
      source: 'typical value for antibody-coated magnetic beads',
      assumption: true,
    },
    carryParameter(
      'proteinCarryOverPercent',
      'Non-specific protein',
      0.5,
      'typical value; non-specific bead binding (Li et al. 2025 §2.6)',
    ),
    carryParameter('lipoproteinCarryOverPercent', 'Non-specific lipoproteins', 0.5, 'typical value'),
    outputVolume(0.1, 'elution or bead resuspension volume'),
  ],
};

const anionExchange: MethodSpec = {
  method: 'anion-exchange-chromatography',
  label: 'Anion-exchange chromatography',
  model: 'assumed',
  summary:
    'Charge-based capture and salt elution: typical recoveries, size-independent. Acidic proteins (albumin) and lipoproteins partly co-elute.',
  parameters: [
    recoveryParameter(
      60,
      'typical value; AEC (anion exchange) of EVs: Heath et al. 2018, Sci Rep 8:5730 (doi:10.1038/s41598-018-24163-y); Kosanović et al. 2017, BioTechniques 63:65',
    ),
    carryParameter(
      'proteinCarryOverPercent',
      'Protein carry-over',
      10,
      'typical value; albumin is anionic and binds AEC resins',
    ),
    carryParameter('lipoproteinCarryOverPercent', 'Lipoprotein carry-over', 20, 'typical value'),
    outputVolume(1, 'eluate volume'),
  ],
};

const microfluidicsSpec: MethodSpec = {
  method: 'microfluidics',
  label: 'Microfluidics',
  model: 'assumed',
  summary: 'No physical model (devices differ too much): typical recoveries, size-independent.',
  parameters: [
    recoveryParameter(
      60,
      'typical value; device recoveries range widely (Contreras-Naranjo et al. 2017, Lab Chip 17:3558)',
    ),
    carryParameter(
      'proteinCarryOverPercent',
      'Protein carry-over',
      5,
      'typical value (Contreras-Naranjo et al. 2017)',
    ),
    carryParameter('lipoproteinCarryOverPercent', 'Lipoprotein carry-over', 10, 'typical value'),
    outputVolume(null, 'default: the input volume'),
  ],
};

const acousticSpec: MethodSpec = {
  method: 'acoustic-oscillation',
  label: 'Acoustic oscillation (EXODUS)',
  model: 'assumed',
  summary: 'No physical model: the recovery and contaminant removal the developers report.',
  parameters: [
    recoveryParameter(
      90,
      'EXODUS: > 90 % EV recovery (Li et al. 2025, Front Cell Dev Biol 13:1626996 §2.8, summarising Chen et al. 2021, Nat Methods 18:212)',
    ),
    carryParameter(
      'proteinCarryOverPercent',
      'Protein carry-over',
      2,
      'EXODUS: > 98 % contaminant removal (Li et al. 2025 §2.8, summarising Chen et al. 2021)',
    ),
    carryParameter(
      'lipoproteinCarryOverPercent',
      'Lipoprotein carry-over',
      50,
      'typical value: EXODUS separates on nanoporous membranes (~20 nm pores, Chen et al. 2021), so EV-sized ' +
        'lipoproteins (VLDL 30–80 nm, LDL ~22 nm) are retained with the EVs while HDL (7–12 nm) largely passes, ' +
        'as in ultrafiltration (the catalogue lists lipoprotein co-isolation as high; Karimi et al. 2018). ' +
        'The > 98 % contaminant removal of Li et al. 2025 §2.8 concerns soluble contaminants, not lipoproteins.',
    ),
    outputVolume(null, 'default: the input volume'),
  ],
};

export const METHOD_SPECS: Record<IsolationMethod, MethodSpec> = {
  'low-speed-centrifugation': lowSpeed,
  'differential-ultracentrifugation': ultracentrifugation,
  'density-gradient-ultracentrifugation': densityGradient,
  'size-exclusion-chromatography': sizeExclusion,
  ultrafiltration: ultrafiltrationSpec,
  'tangential-flow-filtration': tffSpec,
  filtration: filtrationSpec,
  'polymer-precipitation': precipitationSpec,
  'immunomagnetic-beads': immunomagnetic,
  'anion-exchange-chromatography': anionExchange,
  microfluidics: microfluidicsSpec,
  'acoustic-oscillation': acousticSpec,
};

/** Keys every step may carry without being modelled (bookkeeping), so they raise no "unknown" warning. */
const IGNORED_KEYS = new Set(['notes', 'label', 'name', 'repeat', 'comment']);

/** Maps free-text column names (older documents: { column: "qEV original 70 nm" }) to a resin slug. */
export function resinFromText(text: string): SecResin | null {
  const t = text.toLowerCase().replace(/[\s_]+/g, '-');
  if ((SEC_RESINS as readonly string[]).includes(t)) return t as SecResin;
  if (t.includes('qev')) return t.includes('35') ? 'qev-35' : 'qev-70';
  if (t.includes('2b')) return 'sepharose-cl-2b';
  if (t.includes('4b')) return 'sepharose-cl-4b';
  if (t.includes('6b')) return 'sepharose-cl-6b';
  return null;
}

/** "7-9,12" → [7, 8, 9, 12] (sorted, unique). */
export function parseFractionList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map((s) => Number.parseInt(s.trim(), 10));
    if (a === undefined || Number.isNaN(a)) continue;
    const end = b === undefined || Number.isNaN(b) ? a : b;
    for (let i = Math.min(a, end); i <= Math.max(a, end); i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

export function parseNumberList(text: string): number[] {
  return text
    .split(',')
    .map((s) => Number.parseFloat(s.trim()))
    .filter((v) => Number.isFinite(v));
}

/**
 * Checks a step's parameters against its method's table and fills in defaults. Type and range problems
 * become issues at ["protocol", "steps", index, "parameters", key]; unknown keys become warnings.
 */
export function resolveStepParameters(
  method: IsolationMethod,
  raw: Readonly<Record<string, ParameterValue>>,
  index: number,
  pathPrefix: (string | number)[] = ['protocol', 'steps'],
): { values: ResolvedParameters; issues: ChainIssue[]; warnings: string[] } {
  const spec = METHOD_SPECS[method];
  const values: ResolvedParameters = {};
  const issues: ChainIssue[] = [];
  const warnings: string[] = [];
  const known = new Set<string>();
  const where = (key: string) => [...pathPrefix, index, 'parameters', key];
  const stepName = `step ${index + 1} (${method})`;

  for (const p of spec.parameters) {
    known.add(p.key);
    for (const a of p.aliases ?? []) known.add(a);
    let key = p.key;
    let value: ParameterValue | undefined = raw[p.key];
    if (value === undefined || value === null || value === '') {
      for (const alias of p.aliases ?? []) {
        const v = raw[alias];
        if (v !== undefined && v !== null && v !== '') {
          value = v;
          key = alias;
          break;
        }
      }
    }
    if (value === undefined || value === null || value === '') {
      values[p.key] = p.default;
      continue;
    }
    const fail = (message: string) =>
      issues.push({ path: where(key), message: `${stepName}: ${key} ${message}` });
    if (p.kind === 'number') {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
      if (!Number.isFinite(n)) {
        fail(`must be a number (${p.unit || 'no unit'}), got ${JSON.stringify(value)}`);
        continue;
      }
      if (p.min !== undefined && (p.minExclusive ? n <= p.min : n < p.min)) {
        fail(`must be ${p.minExclusive ? '>' : '≥'} ${p.min}${p.unit ? ` ${p.unit}` : ''}, got ${n}`);
        continue;
      }
      if (p.max !== undefined && n > p.max) {
        fail(`must be ≤ ${p.max}${p.unit ? ` ${p.unit}` : ''}, got ${n}`);
        continue;
      }
      if (p.integer && !Number.isInteger(n)) {
        fail(`must be a whole number, got ${n}`);
        continue;
      }
      values[p.key] = n;
    } else if (p.kind === 'choice') {
      let s = String(value).trim();
      if (method === 'size-exclusion-chromatography' && p.key === 'resin') s = resinFromText(s) ?? s;
      if (!p.options.some((o) => o.value === s)) {
        fail(`must be one of ${p.options.map((o) => o.value).join(', ')}, got ${JSON.stringify(value)}`);
        continue;
      }
      values[p.key] = s;
    } else {
      const s = String(value);
      if (p.pattern && !p.pattern.regex.test(s)) {
        fail(`must be ${p.pattern.description}, got ${JSON.stringify(value)}`);
        continue;
      }
      values[p.key] = s.trim();
    }
  }
  for (const key of Object.keys(raw)) {
    if (known.has(key) || IGNORED_KEYS.has(key)) continue;
    warnings.push(`parameter "${key}" is not used by the ${spec.label.toLowerCase()} model and was ignored`);
  }
  return { values, issues, warnings };
}

/** Typed read of a resolved number parameter (validated by resolveStepParameters). */
export function numberParam(values: ResolvedParameters, key: string): number {
  const v = values[key];
  if (typeof v !== 'number') throw new Error(`parameter ${key} is not a number`);
  return v;
}

export function optionalNumberParam(values: ResolvedParameters, key: string): number | null {
  const v = values[key];
  return typeof v === 'number' ? v : null;
}

export function textParam(values: ResolvedParameters, key: string): string | null {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The spec of one parameter (for assumption notes). */
export function parameterSpec(method: IsolationMethod, key: string): ParameterSpec | undefined {
  return METHOD_SPECS[method].parameters.find((p) => p.key === key);
}

/**
 * The parameters a step used, as assumption notes: a default marked `assumption` stays an assumption;
 * a value the user gave is reported as given.
 */
export function parameterNotes(
  method: IsolationMethod,
  values: ResolvedParameters,
  raw: Readonly<Record<string, ParameterValue>>,
): ModelAssumption[] {
  const notes: ModelAssumption[] = [];
  for (const p of METHOD_SPECS[method].parameters) {
    const value = values[p.key];
    if (value === null || value === undefined || typeof value === 'boolean') continue;
    const given = [p.key, ...(p.aliases ?? [])].some(
      (k) => raw[k] !== undefined && raw[k] !== null && raw[k] !== '',
    );
    notes.push({
      key: p.key,
      description: p.label,
      value,
      unit: p.kind === 'number' ? p.unit || null : null,
      source: given ? 'given in the protocol' : p.source,
      assumption: p.assumption && !given,
    });
  }
  return notes;
}
