import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../administration-route.ts';
import { citationSchema } from '../citation.ts';
import { LABEL_MODALITIES } from '../ev-label.ts';
import { EVIDENCE_SOURCES } from '../evidence-source.ts';
import { ISOLATION_METHODS } from '../isolation-protocol.ts';
import { TISSUES } from '../msc-source.ts';
import { NEUROLOGICAL_DISORDERS, type NeurologicalDisorder } from '../neurological-disorder.ts';
import { CTGOV_PHASES, CTGOV_STATUSES } from './ctgov-vocabulary.ts';

/**
 * zod schemas of the curated evidence base built from Li et al. 2025 (Front Cell Dev Biol 13:1626996).
 * Every record names where in the review it comes from (`reviewLocation`: "Table 5", "section 6.2") and the
 * primary reference the review cites for it (a `Citation` with authors + year).
 */

const nonEmpty = z.string().trim().min(1);
/** Where in the review: "Table 1" … "Table 6", "section 4.2.1", "section 6.3". */
export const reviewLocationSchema = z
  .string()
  .regex(/^(Table [1-6]|section \d+(\.\d+)*)$/, 'expected "Table N" or "section N.N"');

export const evidenceSourceSchema = z.enum(EVIDENCE_SOURCES);
export const tissueSchema = z.enum(TISSUES);
export const administrationRouteSchema = z.enum(ADMINISTRATION_ROUTES);
export const labelModalitySchema = z.enum(LABEL_MODALITIES);
export const isolationMethodSchema = z.enum(ISOLATION_METHODS);
export const neurologicalDisorderSchema = z.enum(
  NEUROLOGICAL_DISORDERS.map((d) => d.slug) as [NeurologicalDisorder, ...NeurologicalDisorder[]],
);
export const ctgovStatusSchema = z.enum(CTGOV_STATUSES);
export const ctgovPhaseSchema = z.enum(CTGOV_PHASES);

/** A statement with the reference that supports it. */
export const citedStatementSchema = z.object({
  text: nonEmpty,
  citation: citationSchema,
});
export type CitedStatement = z.output<typeof citedStatementSchema>;

// ---------- Table 6: MSC sources ----------

export const MARKER_CONFLICT_KINDS = [
  /** The same marker is listed both positive and negative for one source. */
  'same-marker',
  /** A marker class is listed positive while a member of it is listed negative (e.g. HLA-II vs HLA-DR). */
  'class-overlap',
] as const;

export const conflictingMarkerSchema = z.object({
  marker: nonEmpty,
  kind: z.enum(MARKER_CONFLICT_KINDS),
  note: nonEmpty,
});
export type ConflictingMarker = z.output<typeof conflictingMarkerSchema>;

export const mscSourceProfileSchema = z.object({
  slug: evidenceSourceSchema,
  name: nonEmpty,
  tissues: z.array(tissueSchema).min(1),
  /** 'table-6' when the review profiles the source in Table 6; 'trials-only' when it only appears in Table 5. */
  coverage: z.enum(['table-6', 'trials-only']),
  advantages: z.array(nonEmpty),
  mechanisms: z.object({
    pathways: z.array(nonEmpty),
    mirnas: z.array(nonEmpty),
    /** The mechanism column of Table 6 as printed (slash-separated), '' when absent. */
    asListed: z.string(),
    summary: z.string(),
  }),
  positiveMarkers: z.array(nonEmpty),
  negativeMarkers: z.array(nonEmpty),
  conflictingMarkers: z.array(conflictingMarkerSchema),
  citations: z.array(citationSchema).min(1),
  reviewLocation: reviewLocationSchema,
});
export type MscSourceProfile = z.output<typeof mscSourceProfileSchema>;

// ---------- section 6: findings ----------

export const EVIDENCE_LEVELS = ['clinical', 'in-vivo', 'in-vitro', 'not-stated'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export const neuroFindingSchema = z.object({
  /** Stable slug: source-disorder-firstauthor-year, e.g. 'uc-alzheimers-fallahi-2024'. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  mscSource: evidenceSourceSchema,
  disorder: neurologicalDisorderSchema,
  evidenceLevel: z.enum(EVIDENCE_LEVELS),
  model: z.object({ species: z.string().nullable(), description: z.string().nullable() }),
  route: administrationRouteSchema.nullable(),
  /** Route wording when it does not map onto the vocabulary exactly ("single systemic administration"). */
  routeNote: z.string().optional(),
  dose: z.string().nullable(),
  outcome: nonEmpty,
  mechanism: nonEmpty,
  evType: z.string().optional(),
  /** Named molecules (miRNAs, proteins, pathways) the finding involves, for search. */
  molecules: z.array(nonEmpty).default([]),
  reference: citationSchema,
  reviewLocation: reviewLocationSchema,
  note: z.string().optional(),
});
export type NeuroFinding = z.output<typeof neuroFindingSchema>;

// ---------- Table 5: registered trials ----------

export const curatedTrialSchema = z.object({
  order: z.number().int().min(1),
  nctId: z.string().regex(/^NCT\d{8}$/),
  title: nonEmpty,
  status: ctgovStatusSchema,
  conditions: z.array(nonEmpty).min(1),
  /** CT.gov phase enums; [] when the review's cell is empty, ['NA'] for "not applicable". */
  phases: z.array(ctgovPhaseSchema),
  firstPosted: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  mscSource: evidenceSourceSchema,
  /** The review's Source column verbatim. */
  sourceAsListed: nonEmpty,
  /** Why `mscSource` differs from a literal reading of `sourceAsListed`, when it does. */
  sourceNote: z.string().optional(),
  /** The review's Locations column verbatim (a country or a city). */
  locations: z.array(nonEmpty).min(1),
  /** `locations` normalised to country names ("Tehran" → "Iran", "American" → "United States"). */
  countries: z.array(nonEmpty).min(1),
  /** The review's "Study results" column verbatim. */
  resultsAsListed: nonEmpty,
  /** True when the "Study results" column holds a summary rather than "NO". */
  hasResults: z.boolean(),
  neurological: z.boolean(),
  disorder: neurologicalDisorderSchema.nullable(),
  reviewLocation: z.literal('Table 5'),
});
export type CuratedTrial = z.output<typeof curatedTrialSchema>;

// ---------- Table 4 + section 4.1: administration routes ----------

export const administrationRouteProfileSchema = z.object({
  slug: administrationRouteSchema,
  name: nonEmpty,
  abbreviation: z.string().nullable(),
  /** Table 4 columns; null when the route is only discussed in the text, not in Table 4. */
  distribution: z.string().nullable(),
  halfLife: z.string().nullable(),
  bioavailability: z.string().nullable(),
  characteristics: nonEmpty,
  inTable4: z.boolean(),
  evidence: z.array(citedStatementSchema),
  citations: z.array(citationSchema).min(1),
  reviewLocation: reviewLocationSchema,
});
export type AdministrationRouteProfile = z.output<typeof administrationRouteProfileSchema>;

// ---------- section 4.2: labels ----------

export const labelCaveatSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  text: nonEmpty,
  citation: citationSchema,
});
export type LabelCaveat = z.output<typeof labelCaveatSchema>;

export const labelModalityProfileSchema = z.object({
  slug: labelModalitySchema,
  name: nonEmpty,
  examples: z.array(nonEmpty).min(1),
  principle: nonEmpty,
  strengths: z.array(nonEmpty),
  caveats: z.array(labelCaveatSchema),
  /** Biodistribution observations the review reports with this modality. */
  observations: z.array(citedStatementSchema),
  citations: z.array(citationSchema).min(1),
  reviewLocation: reviewLocationSchema,
});
export type LabelModalityProfile = z.output<typeof labelModalityProfileSchema>;

// ---------- section 4.3: clearance ----------

export const clearanceMechanismSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: nonEmpty,
  organs: z.array(nonEmpty),
  principle: nonEmpty,
  /** EV properties that speed up or slow down this route of clearance. */
  determinants: z.array(nonEmpty),
  citations: z.array(citationSchema).min(1),
  reviewLocation: reviewLocationSchema,
});
export type ClearanceMechanism = z.output<typeof clearanceMechanismSchema>;

// ---------- section 4.4 (+ section 6): safety ----------

export const safetyNoteSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  topic: nonEmpty,
  setting: z.enum(['clinical', 'preclinical', 'general', 'not-stated']),
  statement: nonEmpty,
  mscSource: evidenceSourceSchema.nullable(),
  route: administrationRouteSchema.nullable(),
  regimen: z.string().nullable(),
  citation: citationSchema,
  reviewLocation: reviewLocationSchema,
});
export type SafetyNote = z.output<typeof safetyNoteSchema>;

// ---------- Table 1: properties ----------

export const evPropertySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  property: nonEmpty,
  benefit: nonEmpty,
  citation: citationSchema,
  reviewLocation: z.literal('Table 1'),
});
export type EvProperty = z.output<typeof evPropertySchema>;

// ---------- Table 2 + section 2: isolation ----------

export const isolationTechniqueSummarySchema = z.object({
  method: isolationMethodSchema,
  /** Row name in Table 2. */
  name: nonEmpty,
  advantages: z.array(nonEmpty).min(1),
  limitations: z.array(nonEmpty).min(1),
  /** Quantitative or specific facts from the method's subsection of section 2. */
  facts: z.array(citedStatementSchema),
  citation: citationSchema,
  references: z.array(citationSchema),
  reviewLocation: z.literal('Table 2'),
  section: reviewLocationSchema,
});
export type IsolationTechniqueSummary = z.output<typeof isolationTechniqueSummarySchema>;

// ---------- Table 3 + section 3: characterization ----------

export const characterizationTechniqueSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: nonEmpty,
  abbreviation: nonEmpty,
  /** Table 3 "Primary application", paraphrased. */
  primaryApplication: nonEmpty,
  measures: z.array(nonEmpty).min(1),
  strengths: z.array(nonEmpty),
  limitations: z.array(nonEmpty),
  citations: z.array(citationSchema).min(1),
  reviewLocation: z.literal('Table 3'),
  section: reviewLocationSchema,
});
export type CharacterizationTechnique = z.output<typeof characterizationTechniqueSchema>;

/** EV identity protein markers used by Western blot (section 3.3). */
export const evProteinMarkersSchema = z.object({
  positive: z.array(nonEmpty).min(1),
  negative: z.array(nonEmpty).min(1),
  citations: z.array(citationSchema).min(1),
  reviewLocation: reviewLocationSchema,
});
export type EvProteinMarkers = z.output<typeof evProteinMarkersSchema>;
