/**
 * What the recommender is asked: the sample, what the EVs are for and what the lab has. One zod schema
 * for the CLI, the API body and the web form.
 */
import { z } from 'zod';
import { EQUIPMENT } from './method-catalogue-schema.ts';
import { SAMPLE_MATRICES } from './sample-matrix.ts';

export { SAMPLE_MATRICES, SAMPLE_MATRIX_LABELS, type SampleMatrix } from './sample-matrix.ts';

/** What the EVs are for: decides the criterion weights (criterion-weights.ts). */
export const DOWNSTREAM_USES = ['omics', 'in-vitro-function', 'therapy'] as const;
export type DownstreamUse = (typeof DOWNSTREAM_USES)[number];

export const DOWNSTREAM_USE_LABELS: Record<DownstreamUse, string> = {
  omics: 'omics / biomarker discovery',
  'in-vitro-function': 'in-vitro function',
  therapy: 'in-vivo / therapy under GMP',
};

/** Required purity; a hard constraint on the best purity a method has reached (see recommend-isolation.ts). */
export const PURITY_REQUIREMENTS = ['high', 'medium', 'any'] as const;
export type PurityRequirement = (typeof PURITY_REQUIREMENTS)[number];

export const BUDGETS = ['low', 'medium', 'high'] as const;
export type Budget = (typeof BUDGETS)[number];

export const recommendationInputSchema = z.object({
  matrix: z.enum(SAMPLE_MATRICES),
  volumeMl: z.number().positive().max(1e6),
  use: z.enum(DOWNSTREAM_USES),
  purity: z.enum(PURITY_REQUIREMENTS).default('any'),
  /** Instruments the lab has; default: all of them. */
  equipment: z.array(z.enum(EQUIPMENT)).default([...EQUIPMENT]),
  /** Longest acceptable hands-on + run time for the whole chain; null = no limit. */
  maxHours: z.number().positive().nullable().default(null),
  budget: z.enum(BUDGETS).default('high'),
  /** How many ranked options to return. */
  top: z.number().int().min(1).max(50).default(5),
});
export type RecommendationInput = z.output<typeof recommendationInputSchema>;
export type RecommendationInputDraft = z.input<typeof recommendationInputSchema>;
