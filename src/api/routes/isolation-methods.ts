import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citationSchema } from '../../domain/citation.ts';
import { ISOLATION_METHODS } from '../../domain/isolation-protocol.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { CRITERIA } from '../../science/isolation-methods/criterion-weights.ts';
import { ISOLATION_METHOD_CATALOGUE } from '../../science/isolation-methods/method-catalogue.ts';
import { EQUIPMENT, methodCatalogueSchema } from '../../science/isolation-methods/method-catalogue-schema.ts';
import {
  CONFIDENCE_LEVELS,
  CONSTRAINTS,
  recommendIsolation,
} from '../../science/isolation-methods/recommend-isolation.ts';
import { recommendationInputSchema } from '../../science/isolation-methods/recommendation-input.ts';
import { problemModel } from '../schemas.ts';

const tags = ['isolation'];

/** The recommender input, plus `without` (equipment to remove from `equipment`), as the CLI's --without. */
const recommendBody = recommendationInputSchema.extend({
  without: z.array(z.enum(EQUIPMENT)).default([]).describe('Equipment the lab does not have'),
});

const figureModel = z
  .object({
    min: z.number(),
    max: z.number(),
    representative: z.number(),
    basis: z.string(),
    approximate: z.boolean(),
  })
  .nullable();

const recommendationModel = z
  .object({
    input: recommendationInputSchema,
    catalogueVersion: z.string(),
    weights: z.record(z.enum(CRITERIA), z.number()),
    ranked: z.array(
      z.object({
        rank: z.number().int(),
        methods: z.array(z.enum(ISOLATION_METHODS)),
        label: z.string(),
        score: z.number(),
        criteria: z.array(
          z.object({ name: z.enum(CRITERIA), score: z.number(), weight: z.number(), reason: z.string() }),
        ),
        reasons: z.array(z.string()),
        confidence: z.enum(CONFIDENCE_LEVELS),
        caveats: z.array(z.string()),
        scales: z.array(z.string()),
        citations: z.array(citationSchema),
        figures: z.object({
          recoveryPercent: figureModel,
          purityParticlesPerUgProtein: figureModel,
          processingTimeH: figureModel,
        }),
      }),
    ),
    excluded: z.array(
      z.object({
        methods: z.array(z.enum(ISOLATION_METHODS)),
        label: z.string(),
        constraint: z.enum(CONSTRAINTS),
        reason: z.string(),
        violations: z.array(z.object({ constraint: z.enum(CONSTRAINTS), reason: z.string() })),
      }),
    ),
  })
  .describe('Ranked single methods and two-step chains with criterion scores, reasons and citations');

/**
 * /api/isolation: the cited isolation-method catalogue and the recommender (the same contract as
 * `evlab recommend --json` and `evlab recommend --list-methods --json`). Pure computation, no store access.
 */
export const isolationMethodRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app) => {
  app.get(
    '/isolation/methods',
    {
      schema: {
        tags,
        summary: 'The isolation method catalogue (versioned, every value with its citations)',
        response: { 200: methodCatalogueSchema },
      },
    },
    async () => ISOLATION_METHOD_CATALOGUE,
  );

  app.post(
    '/isolation/recommend',
    {
      schema: {
        tags,
        summary: 'Rank isolation methods and two-step chains for a sample',
        body: recommendBody,
        response: { 200: recommendationModel, 400: problemModel },
      },
    },
    async (req) => {
      const { without, ...input } = req.body;
      return recommendIsolation({ ...input, equipment: input.equipment.filter((e) => !without.includes(e)) });
    },
  );
};
