import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../../domain/administration-route.ts';
import { DOSE_UNITS, PK_SPECIES } from '../../domain/pk-study.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { prepareDose } from '../../science/pk/dosing/dose-preparation.ts';
import {
  DosingInputError,
  FDA_ALLOMETRIC_EXPONENT,
  HED_METHODS,
  humanEquivalentDose,
} from '../../science/pk/dosing/human-equivalent-dose.ts';
import { KM_SPECIES } from '../../science/pk/dosing/km-factors.ts';
import { routeProfiles } from '../../science/pk/dosing/route-library.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { problemModel } from '../schemas.ts';

const tags = ['pk'];

const positive = z.number().positive().max(1e30);

const hedBody = z.object({
  species: z.enum(KM_SPECIES as [string, ...string[]]).describe('FDA (2005) Table 1 species'),
  dosePerKg: positive.describe('Animal dose per kg body weight'),
  unit: z.enum(DOSE_UNITS).default('particles'),
  method: z.enum(HED_METHODS).default('bsa'),
  exponent: z.number().gt(0).max(1).optional().describe(`Allometric b (default ${FDA_ALLOMETRIC_EXPONENT})`),
  animalWeightKg: positive.optional(),
  humanWeightKg: positive.default(60),
  route: z.enum(ADMINISTRATION_ROUTES).optional(),
});

const prepareBody = z.object({
  stockConcentrationPerMl: positive.describe(
    'Batch concentration, dose units per mL (particles/mL from NTA)',
  ),
  dose: positive,
  unit: z.enum(DOSE_UNITS).default('particles'),
  perKg: z.boolean().default(false),
  bodyWeightKg: positive.nullable().optional(),
  injectionVolumeUl: positive.nullable().optional(),
  maxVolumeUl: positive.nullable().optional(),
  route: z.enum(ADMINISTRATION_ROUTES).nullable().optional(),
  species: z.enum(PK_SPECIES).nullable().optional(),
  animals: z.number().int().min(1).max(10_000).default(1),
  overagePercent: z.number().min(0).max(500).default(0),
  minPipetteUl: positive.optional(),
  dilutionStep: z.number().min(2).max(1000).optional(),
});

const citation = z.looseObject({ authors: z.string(), year: z.number() });
const note = z.object({
  level: z.enum(['info', 'warning']),
  code: z.string(),
  message: z.string(),
  citation: citation.nullable(),
});

const hedModel = z.object({
  species: z.string(),
  method: z.enum(HED_METHODS),
  animalDosePerKg: z.number(),
  unit: z.enum(DOSE_UNITS),
  km: z.object({ animal: z.number(), human: z.number() }),
  exponent: z.number().nullable(),
  animalWeightKg: z.number(),
  humanWeightKg: z.number(),
  factor: z.number(),
  hedPerKg: z.number(),
  hedFor60Kg: z.number(),
  hedTotal: z.number(),
  formula: z.string(),
  citation,
  notes: z.array(note),
});

const step = z.object({
  step: z.number(),
  from: z.union([z.literal('stock'), z.number()]),
  transferUl: z.number(),
  diluentUl: z.number(),
  totalUl: z.number(),
  factor: z.number(),
  concentrationPerMl: z.number(),
});
const prepareModel = z.object({
  unit: z.enum(DOSE_UNITS),
  dosePerAnimal: z.number(),
  stockConcentrationPerMl: z.number(),
  stockVolumePerAnimalUl: z.number(),
  injectionVolumeUl: z.number(),
  diluentPerAnimalUl: z.number(),
  dilutionFactor: z.number(),
  finalConcentrationPerMl: z.number(),
  maxVolume: z
    .object({
      goodPracticeUl: z.number().nullable(),
      possibleMaxUl: z.number().nullable(),
      basis: z.string(),
      citation: citation.nullable(),
    })
    .nullable(),
  intermediateSteps: z.array(step),
  finalMix: z.object({
    animals: z.number(),
    overagePercent: z.number(),
    from: z.union([z.literal('stock'), z.number()]),
    transferUl: z.number(),
    diluentUl: z.number(),
    totalUl: z.number(),
  }),
  notes: z.array(note),
});

const routesModel = z.object({ routes: z.array(z.looseObject({ route: z.enum(ADMINISTRATION_ROUTES) })) });

function dosingProblem(error: unknown): never {
  if (error instanceof DosingInputError) {
    throw new ApiProblem({
      type: PROBLEM_TYPES.validation,
      title: 'Invalid request',
      status: 400,
      detail: `The request body is invalid at ${error.field}: ${error.message}`,
      code: 'validation-error',
      in: 'body',
      errors: [{ path: [error.field], message: error.message }],
    });
  }
  throw error;
}

/** /api/pk/dose/hed, /api/pk/dose/prepare and /api/pk/routes: pure calculations, nothing stored. */
export const pkDosingRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app) => {
  app.post(
    '/pk/dose/hed',
    {
      schema: {
        tags,
        summary: 'Human-equivalent dose (FDA 2005 Km factors or allometry)',
        body: hedBody,
        response: { 200: hedModel, 400: problemModel },
      },
    },
    async (req) => {
      try {
        return humanEquivalentDose({ ...req.body, species: req.body.species as (typeof KM_SPECIES)[number] });
      } catch (error) {
        dosingProblem(error);
      }
    },
  );

  app.post(
    '/pk/dose/prepare',
    {
      schema: {
        tags,
        summary: 'Volume to draw from a batch, dilution plan and injection-volume warnings',
        body: prepareBody,
        response: { 200: prepareModel, 400: problemModel },
      },
    },
    async (req) => {
      try {
        return prepareDose(req.body);
      } catch (error) {
        dosingProblem(error);
      }
    },
  );

  app.get(
    '/pk/routes',
    {
      schema: {
        tags,
        summary: 'Route library: absorption assumptions, injection volumes per species, cited notes',
        response: { 200: routesModel },
      },
    },
    async () => ({ routes: routeProfiles() }) as unknown as z.output<typeof routesModel>,
  );
};
