import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from './administration-route.ts';
import { EV_LABELS, type EvLabel, LABEL_MODALITIES, type LabelModality } from './ev-label.ts';
import { patchSchemaOf } from './patch-schema.ts';

/**
 * A pharmacokinetic (PK) or biodistribution study: which EV batch was dosed, into which animal (species,
 * strain, body weight), by which route, at what dose, with which label, and the data it produced
 * (concentration–time rows and/or organ-level biodistribution rows). Stored by src/store/pk-study-store.ts,
 * analysed by src/science/pk/.
 */

/**
 * Species of a PK study. The laboratory species are those of the FDA (2005) guidance "Estimating the Maximum
 * Safe Starting Dose in Initial Clinical Trials for Therapeutics in Adult Healthy Volunteers", Table 1, so a
 * study's dose converts to a human-equivalent dose; pig and sheep are common large-animal EV models without
 * a Km in that table.
 */
export const PK_SPECIES = [
  'mouse',
  'rat',
  'hamster',
  'guinea-pig',
  'ferret',
  'rabbit',
  'dog',
  'monkey',
  'marmoset',
  'squirrel-monkey',
  'baboon',
  'micro-pig',
  'mini-pig',
  'pig',
  'sheep',
  'human',
  'other',
] as const;
export type PkSpecies = (typeof PK_SPECIES)[number];

export const PK_SPECIES_LABELS: Record<PkSpecies, string> = {
  mouse: 'Mouse',
  rat: 'Rat',
  hamster: 'Hamster',
  'guinea-pig': 'Guinea pig',
  ferret: 'Ferret',
  rabbit: 'Rabbit',
  dog: 'Dog',
  monkey: 'Monkey (rhesus, cynomolgus)',
  marmoset: 'Marmoset',
  'squirrel-monkey': 'Squirrel monkey',
  baboon: 'Baboon',
  'micro-pig': 'Micro-pig',
  'mini-pig': 'Mini-pig',
  pig: 'Pig (domestic)',
  sheep: 'Sheep',
  human: 'Human',
  other: 'Other',
};

/** What a dose counts: particles (NTA/TRPS), micrograms of EV protein (BCA/Bradford) or milligrams. */
export const DOSE_UNITS = ['particles', 'ug-protein', 'mg'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];
export const DOSE_UNIT_LABELS: Record<DoseUnit, string> = {
  particles: 'particles',
  'ug-protein': 'µg protein',
  mg: 'mg',
};

export const doseSchema = z.object({
  value: z.number().positive().max(1e20),
  unit: z.enum(DOSE_UNITS),
  /** True when `value` is per kg body weight (e.g. 1×10¹⁰ particles/kg), false for a dose per animal. */
  perKg: z.boolean(),
});
export type Dose = z.output<typeof doseSchema>;

/** The specific labels evlab knows (DiR, ⁹⁹ᵐTc, luciferase BLI …), each in one modality. */
export const EV_LABEL_NAMES = Object.keys(EV_LABELS) as [EvLabel, ...EvLabel[]];

export function labelModalityOf(label: EvLabel): LabelModality {
  return EV_LABELS[label];
}
export { LABEL_MODALITIES };

/**
 * Units of organ-level biodistribution values: percent of injected dose per gram of tissue, percent of
 * injected dose in the whole organ, or relative imaging signals (IVIS radiance in p/s/cm²/sr, radiant
 * efficiency of fluorescence, raw counts). Only %ID/g and %ID give fractions of the dose.
 */
export const BIODISTRIBUTION_UNITS = ['%ID/g', '%ID', 'radiance', 'radiant-efficiency', 'counts'] as const;
export type BiodistributionUnit = (typeof BIODISTRIBUTION_UNITS)[number];
export const BIODISTRIBUTION_UNIT_LABELS: Record<BiodistributionUnit, string> = {
  '%ID/g': '%ID/g',
  '%ID': '%ID per organ',
  radiance: 'radiance (p/s/cm²/sr)',
  'radiant-efficiency': 'radiant efficiency ((p/s/cm²/sr)/(µW/cm²))',
  counts: 'counts (relative)',
};
/** Units that are fractions of the injected dose (the others are relative signals). */
export function isDoseFractionUnit(unit: BiodistributionUnit): unit is '%ID/g' | '%ID' {
  return unit === '%ID/g' || unit === '%ID';
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

/** One organ value at one time: one animal (subject) or a group mean. */
export const biodistributionRowSchema = z.object({
  organ: z.string().trim().min(1).max(100),
  /** Time after dosing, hours. */
  timeH: finite.pipe(z.number().min(0).max(1e5)),
  value: finite,
  unit: z.enum(BIODISTRIBUTION_UNITS),
  /** Animal id; rows without one at the same organ and time are averaged as replicates all the same. */
  subject: z.string().trim().max(100).nullable().default(null),
  /** When the sample was counted or imaged (hours after dosing), for decay correction; null = timeH. */
  countTimeH: finite.pipe(z.number().min(0).max(1e5)).nullable().default(null),
  /** The organ's measured wet mass, grams (overrides reference masses for %ID/g ↔ %ID). */
  organMassG: z.number().positive().max(1e6).nullable().default(null),
});
export type BiodistributionRowInput = z.input<typeof biodistributionRowSchema>;
export type BiodistributionRow = z.output<typeof biodistributionRowSchema>;

/** One concentration–time sample (plasma, blood, CSF …) for NCA or model fitting. */
export const concentrationTimeRowSchema = z.object({
  timeH: finite.pipe(z.number().min(0).max(1e5)),
  value: finite.pipe(z.number().min(0)),
  /** e.g. "particles/mL", "%ID/mL", "ng/mL". */
  unit: z.string().trim().min(1).max(50),
  matrix: z.string().trim().min(1).max(50).default('plasma'),
  subject: z.string().trim().max(100).nullable().default(null),
});
export type ConcentrationTimeRow = z.output<typeof concentrationTimeRowSchema>;

/** Rows per study (a 1 MB JSON body holds about 10,000 rows). */
export const MAX_OBSERVATION_ROWS = 20_000;

export const pkObservationsSchema = z.object({
  concentrationTime: z.array(concentrationTimeRowSchema).max(MAX_OBSERVATION_ROWS).default([]),
  biodistribution: z.array(biodistributionRowSchema).max(MAX_OBSERVATION_ROWS).default([]),
});
export type PkObservations = z.output<typeof pkObservationsSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const pkStudyInputSchema = z.object({
  batchId: z.string().min(1).max(200),
  title: z.string().trim().max(200).default(''),
  species: z.enum(PK_SPECIES),
  strain: z.string().trim().max(100).default(''),
  bodyWeightKg: z.number().positive().max(10_000).nullable().default(null),
  route: z.enum(ADMINISTRATION_ROUTES),
  dose: doseSchema,
  label: z.enum(EV_LABEL_NAMES).nullable().default(null),
  /** Day of dosing. */
  dosedOn: isoDate.nullable().default(null),
  observations: pkObservationsSchema.default({ concentrationTime: [], biodistribution: [] }),
  notes: z.string().max(5000).default(''),
});
export type PkStudyInput = z.input<typeof pkStudyInputSchema>;
export type PkStudyData = z.output<typeof pkStudyInputSchema>;

/** A study stays linked to the batch it was created for: the batch is provenance, not an editable field. */
export const pkStudyPatchSchema = patchSchemaOf(pkStudyInputSchema.omit({ batchId: true }));
export type PkStudyPatch = z.output<typeof pkStudyPatchSchema>;

/**
 * The raw tables a study's observation rows were read from, kept unchanged (content hash, raw file of the
 * study's batch) before the rows are validated, so nothing a user gave is lost to a parse.
 */
export const PK_STUDY_SOURCE_KINDS = ['concentration-time', 'biodistribution'] as const;
export type PkStudySourceKind = (typeof PK_STUDY_SOURCE_KINDS)[number];

/** Largest source text, in UTF-8 bytes (5 MiB: a 20,000-row table is well under 1 MiB). */
export const MAX_SOURCE_TEXT_BYTES = 5 * 1024 * 1024;
/** Source tables per request (one concentration–time and one biodistribution table, with room to spare). */
export const MAX_SOURCES_PER_REQUEST = 4;

/** Size of a text as stored (UTF-8 bytes). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

export const pkStudySourceInputSchema = z.object({
  kind: z.enum(PK_STUDY_SOURCE_KINDS),
  /** The uploaded file's name, or "pasted table". */
  name: z.string().trim().min(1).max(255),
  /** The uploaded file's media type (text/csv …); text/plain when absent. */
  mediaType: z.string().trim().max(255).optional(),
  text: z
    .string()
    .describe(
      `The table exactly as pasted or read from the file; at most ${MAX_SOURCE_TEXT_BYTES} bytes as UTF-8 (413 beyond)`,
    ),
});
export type PkStudySourceInput = z.input<typeof pkStudySourceInputSchema>;

export const pkStudySourcesSchema = z.array(pkStudySourceInputSchema).max(MAX_SOURCES_PER_REQUEST);

/** A kept source of a study: which raw file (GET /api/raw-files/:id/content) holds which table. */
export const pkStudySourceFileSchema = z.object({
  kind: z.enum(PK_STUDY_SOURCE_KINDS),
  rawFileId: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'),
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type PkStudySourceFile = z.output<typeof pkStudySourceFileSchema>;

/** POST /api/pk-studies: a study plus the raw tables its rows were read from. */
export const pkStudyCreateRequestSchema = pkStudyInputSchema.extend({
  sources: pkStudySourcesSchema.default([]),
});
export type PkStudyCreateRequest = z.input<typeof pkStudyCreateRequestSchema>;

/** PATCH /api/pk-studies/:id: changed fields plus raw tables to append (stored sources are never removed). */
export const pkStudyPatchRequestSchema = patchSchemaOf(
  pkStudyInputSchema.omit({ batchId: true }).extend({ sources: pkStudySourcesSchema }),
);
export type PkStudyPatchRequest = Partial<Omit<PkStudyInput, 'batchId'>> & { sources?: PkStudySourceInput[] };

export interface PkStudy extends PkStudyData {
  id: string;
  /** Raw tables kept for this study, oldest first; appended to, never removed. */
  sourceFiles: PkStudySourceFile[];
  createdAt: string;
  updatedAt: string;
}

/** A study in a list: everything but the observation rows, with their counts. */
export interface PkStudySummary extends Omit<PkStudy, 'observations'> {
  concentrationTimeRows: number;
  biodistributionRows: number;
}
