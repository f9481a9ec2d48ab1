/**
 * The shape of the isolation-method catalogue: every number is a range with its unit, its sources and how
 * sure evlab is of it. Where papers disagree a metric holds several ranges, each with its own sources.
 */
import { z } from 'zod';
import { citationSchema } from '../../domain/citation.ts';
import { ISOLATION_METHODS } from '../../domain/isolation-protocol.ts';
import { SAMPLE_MATRICES } from './sample-matrix.ts';

/**
 * How a value entered the catalogue:
 * - `reported`: the number is stated in the cited source;
 * - `derived`: computed from the cited protocol (the note says how, e.g. summed spin times);
 * - `approximate`: an order of magnitude read from the cited comparison; verify before quoting it.
 */
export const VALUE_CONFIDENCES = ['reported', 'derived', 'approximate'] as const;
export type ValueConfidence = (typeof VALUE_CONFIDENCES)[number];

/** A cited source: a Citation whose authors, year and DOI are all present. */
export const sourcedCitationSchema = citationSchema.extend({ doi: z.string().min(7) });

/**
 * The scale a figure was measured at: `bench` (a column, device or rotor load of millilitres) or `process`
 * (litres, or a process-scale column/system). A method whose figures differ by scale tags its ranges and
 * lists its `scales`; the recommender scores a sample with the ranges of the scale its volume falls in.
 */
export const METHOD_SCALES = ['bench', 'process'] as const;
export type MethodScale = (typeof METHOD_SCALES)[number];

export const sourcedRangeSchema = z
  .object({
    min: z.number().nonnegative(),
    max: z.number().nonnegative(),
    confidence: z.enum(VALUE_CONFIDENCES),
    citations: z.array(sourcedCitationSchema).min(1),
    /** The sample and setting the number was measured in ("MSC conditioned medium", "1 mL plasma"). */
    context: z.string().default(''),
    /** Matrices the range was measured in; empty = general. The recommender prefers matching ranges. */
    matrices: z.array(z.enum(SAMPLE_MATRICES)).default([]),
    /** Scale the range was measured at; absent = applies at any scale. */
    scale: z.enum(METHOD_SCALES).optional(),
    note: z.string().default(''),
  })
  .refine((r) => r.max >= r.min, { message: 'max must be ≥ min', path: ['max'] });
export type SourcedRange = z.output<typeof sourcedRangeSchema>;

/** One quantity: the ranges the literature reports (several when sources disagree), or why there is none. */
export const metricSchema = z
  .object({
    values: z.array(sourcedRangeSchema),
    /** Required when `values` is empty: why no number is given. */
    notReported: z.string().optional(),
  })
  .refine((m) => m.values.length > 0 || (m.notReported ?? '').length > 0, {
    message: 'a metric without values must say why (notReported)',
    path: ['notReported'],
  });
export type Metric = z.output<typeof metricSchema>;

/** A statement (advantage, limitation, effect) with its sources. */
export const sourcedTextSchema = z.object({
  text: z.string().min(1),
  citations: z.array(sourcedCitationSchema).min(1),
});
export type SourcedText = z.output<typeof sourcedTextSchema>;

/** Instruments a method needs; the recommender excludes a method when one is missing. */
export const EQUIPMENT = [
  'ultracentrifuge',
  'benchtop-centrifuge',
  'tff-system',
  'chromatography-system',
  'magnetic-separator',
  'microfluidic-device',
  'exodus-instrument',
] as const;
export type Equipment = (typeof EQUIPMENT)[number];

export const EQUIPMENT_LABELS: Record<Equipment, string> = {
  ultracentrifuge: 'ultracentrifuge (≥100,000 ×g)',
  'benchtop-centrifuge': 'benchtop centrifuge',
  'tff-system': 'TFF system (pump + hollow-fibre or cassette)',
  'chromatography-system': 'chromatography system (FPLC pump, UV detector)',
  'magnetic-separator': 'magnetic separator',
  'microfluidic-device': 'microfluidic device / disc',
  'exodus-instrument': 'EXODUS instrument',
};

/** Per-preparation cost (consumables, instrument time), the class a lab budgets with. */
export const COST_CLASSES = ['low', 'medium', 'high'] as const;
export type CostClass = (typeof COST_CLASSES)[number];

/**
 * Readiness for manufacturing a therapeutic under GMP: `established` (used in cGMP-compatible processes),
 * `feasible` (closed, scalable unit operation, shown at pilot scale), `limited` (open handling, batch-size
 * or reproducibility limits), `not-recommended` (residues or reagents unacceptable in a medicinal product).
 */
export const GMP_LEVELS = ['established', 'feasible', 'limited', 'not-recommended'] as const;
export type GmpLevel = (typeof GMP_LEVELS)[number];

/** Whether litres of starting material can be processed: in one run, as parallel/repeated runs, or not. */
export const LITRE_SCALE = ['yes', 'parallel-runs', 'no'] as const;
export type LitreScale = (typeof LITRE_SCALE)[number];

/** Non-EV material a method tends to carry into the EV fraction. */
export const CO_ISOLATES = [
  'lipoproteins',
  'protein-aggregates',
  'soluble-proteins',
  'polymer',
  'antibodies',
  'viruses',
  'nucleic-acids',
  'uromodulin',
] as const;
export type CoIsolate = (typeof CO_ISOLATES)[number];

export const SEVERITIES = ['low', 'moderate', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const coIsolateSchema = z.object({
  kind: z.enum(CO_ISOLATES),
  severity: z.enum(SEVERITIES),
  text: z.string().default(''),
  citations: z.array(sourcedCitationSchema).min(1),
});
export type CoIsolateEntry = z.output<typeof coIsolateSchema>;

/** Effect on EV structure and biological activity. */
export const INTEGRITY_EFFECTS = ['preserved', 'some-damage', 'compromised'] as const;
export type IntegrityEffect = (typeof INTEGRITY_EFFECTS)[number];

/** `isolation`: yields an EV preparation; `clearing`: a pre-step that removes cells and debris only. */
export const METHOD_ROLES = ['isolation', 'clearing'] as const;
export type MethodRole = (typeof METHOD_ROLES)[number];

/**
 * One scale of a method: the volumes it takes, and what changes at that scale (equipment, cost). Ranges of
 * the method's metrics tagged with `scale` belong to it. `afterConcentrationOnly`: this scale is reported
 * only for a concentrate (e.g. process-scale SEC after TFF), so the method alone does not reach it.
 */
export const scaleProfileSchema = z.object({
  scale: z.enum(METHOD_SCALES),
  label: z.string().min(1),
  minVolumeMl: z.number().positive(),
  maxVolumeMl: z.number().positive(),
  afterConcentrationOnly: z.boolean().default(false),
  equipment: z.array(z.enum(EQUIPMENT)).optional(),
  cost: z
    .object({
      class: z.enum(COST_CLASSES),
      text: z.string(),
      citations: z.array(sourcedCitationSchema).min(1),
    })
    .optional(),
  /** Shown with an option scored at this scale (what the user should know). */
  caveat: z.string().default(''),
  citations: z.array(sourcedCitationSchema).min(1),
});
export type ScaleProfile = z.output<typeof scaleProfileSchema>;

export const methodEntrySchema = z.object({
  slug: z.enum(ISOLATION_METHODS),
  name: z.string().min(1),
  /** The family of the nine an MSC-EV lab chooses from (ultrafiltration family, EXODUS, ...). */
  family: z.string().min(1),
  role: z.enum(METHOD_ROLES),
  variants: z.array(z.string()).default([]),
  principle: z.string().min(1),
  recoveryPercent: metricSchema,
  purityParticlesPerUgProtein: metricSchema,
  processingTimeH: metricSchema,
  sampleVolumeMl: metricSchema,
  /** Volume of the EV preparation that comes out (what a second step receives). */
  outputVolumeMl: metricSchema,
  cost: z.object({
    class: z.enum(COST_CLASSES),
    text: z.string(),
    citations: z.array(sourcedCitationSchema).min(1),
  }),
  equipment: z.array(z.enum(EQUIPMENT)),
  equipmentText: z.string(),
  scalability: z.object({
    litreScale: z.enum(LITRE_SCALE),
    gmp: z.enum(GMP_LEVELS),
    text: z.string(),
    citations: z.array(sourcedCitationSchema).min(1),
  }),
  coIsolates: z.array(coIsolateSchema),
  integrity: z.object({
    effect: z.enum(INTEGRITY_EFFECTS),
    text: z.string(),
    citations: z.array(sourcedCitationSchema).min(1),
  }),
  advantages: z.array(sourcedTextSchema).min(1),
  limitations: z.array(sourcedTextSchema).min(1),
  /** Per-scale profiles (empty: one profile at every scale). */
  scales: z.array(scaleProfileSchema).default([]),
});
export type MethodEntry = z.output<typeof methodEntrySchema>;
export type MethodEntryInput = z.input<typeof methodEntrySchema>;

export const methodCatalogueSchema = z.object({
  /** Semantic version of the data: bump the minor for new values, the major for changed meaning. */
  catalogueVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** ISO date the values were last reviewed. */
  reviewedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Purity classes of the particle-to-protein ratio used across the app. */
  purityThresholds: z.object({
    highPurityMinParticlesPerUg: z.number().positive(),
    lowPurityMinParticlesPerUg: z.number().positive(),
    lowPurityMaxParticlesPerUg: z.number().positive(),
    impureMaxParticlesPerUg: z.number().positive(),
    citations: z.array(sourcedCitationSchema).min(1),
  }),
  methods: z.array(methodEntrySchema),
});
export type MethodCatalogue = z.output<typeof methodCatalogueSchema>;
export type MethodCatalogueInput = z.input<typeof methodCatalogueSchema>;
