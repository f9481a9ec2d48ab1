import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../../domain/administration-route.ts';
import { DOSE_UNITS, PK_SPECIES } from '../../domain/pk-study.ts';
import { batchDoseSources, prepareDoseFromMeasurement } from '../../jobs/dose-concentration-sources.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { DoseSourceError } from '../../science/pk/dosing/dose-concentration-source.ts';
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
import { actorOf } from '../request-context.ts';
import { idParams, problemModel, problemResponses } from '../schemas.ts';

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
  stockConcentrationPerMl: positive
    .optional()
    .describe('Batch concentration, dose units per mL (particles/mL from NTA); or give measurementId'),
  measurementId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'The NTA, ZetaView or protein-assay measurement whose concentration (× its dilution) is the stock concentration',
    ),
  sampleId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The sample of a protein-assay plate (see the dose source `sampleId`)'),
  acceptQcErrors: z
    .boolean()
    .default(false)
    .describe(
      'Use a measurement with QC errors anyway (otherwise 422 qc-errors-not-accepted); needs overrideReason',
    ),
  overrideReason: z
    .string()
    .max(2000)
    .optional()
    .describe('Why a measurement with QC errors is used anyway (written to the audit trail)'),
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

const qcFlag = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
});
const retraction = z.object({ at: z.string(), by: z.string(), reason: z.string() });
const doseSourceModel = z.object({
  measurementId: z.string(),
  sampleId: z.string().nullable(),
  kind: z.string(),
  instrument: z.string(),
  fileName: z.string().nullable(),
  sample: z.string().nullable(),
  capturedAt: z.string().nullable(),
  recordedAt: z.string(),
  unit: z.enum(['particles', 'ug-protein']),
  reportedConcentrationPerMl: z.number().nullable(),
  dilution: z.object({
    factor: z.number().nullable(),
    origin: z.enum(['file', 'entered', 'not-recorded']),
    editable: z.boolean(),
  }),
  dilutionRule: z.string(),
  concentrationPerMl: z.number().nullable(),
  qc: z.object({
    status: z.enum(['pass', 'warning', 'error', 'not-assessed']),
    errors: z.array(qcFlag),
    warnings: z.array(qcFlag),
  }),
  retraction: retraction.nullable(),
  unusable: z.array(z.object({ code: z.string(), message: z.string() })),
});
const batchDoseSourcesModel = z.object({
  batch: z.object({ id: z.string(), code: z.string() }),
  sources: z.array(doseSourceModel),
});
const preparedModel = prepareModel.extend({
  source: doseSourceModel.extend({ batchId: z.string() }).nullable(),
});

const routesModel = z.object({ routes: z.array(z.looseObject({ route: z.enum(ADMINISTRATION_ROUTES) })) });

function dosingProblem(error: unknown): never {
  if (error instanceof DoseSourceError) {
    throw new ApiProblem({
      type: PROBLEM_TYPES.invalidReference,
      title: 'The measurement cannot give the dose concentration',
      status: 422,
      detail: error.message,
      code: error.code,
      errors: [{ path: ['measurementId'], message: error.message }],
    });
  }
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
export const pkDosingRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
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
        description:
          'Give the stock concentration (stockConcentrationPerMl) or the measurement it comes from (measurementId, ' +
          'see GET /api/batches/{id}/dose-sources). A retracted measurement answers 422 measurement-retracted; one ' +
          'with QC errors 422 qc-errors-not-accepted unless acceptQcErrors is true and overrideReason given (audited); a ' +
          "dose unit other than the source's (particles vs ug-protein) 422 unit-mismatch. `source` names the measurement used.",
        body: prepareBody,
        response: { 200: preparedModel, 400: problemModel, 404: problemModel, 422: problemModel },
      },
    },
    async (req) => {
      const { measurementId, sampleId, acceptQcErrors, overrideReason, stockConcentrationPerMl, ...rest } =
        req.body;
      if ((measurementId === undefined) === (stockConcentrationPerMl === undefined)) {
        const message = 'give either stockConcentrationPerMl or measurementId (exactly one)';
        throw new ApiProblem({
          type: PROBLEM_TYPES.validation,
          title: 'Invalid request',
          status: 400,
          detail: `The request body is invalid at stockConcentrationPerMl: ${message}`,
          code: 'validation-error',
          in: 'body',
          errors: [{ path: ['stockConcentrationPerMl'], message }],
        });
      }
      try {
        if (measurementId !== undefined)
          return await prepareDoseFromMeasurement(
            wb,
            { ...rest, measurementId, sampleId, acceptQcErrors, overrideReason },
            actorOf(req),
          );
        return {
          ...prepareDose({ ...rest, stockConcentrationPerMl: stockConcentrationPerMl as number }),
          source: null,
        };
      } catch (error) {
        dosingProblem(error);
      }
    },
  );

  app.get(
    '/batches/:id/dose-sources',
    {
      schema: {
        tags,
        summary:
          "The batch's NTA, ZetaView and protein-assay measurements as dose sources: concentration, dilution, QC",
        description:
          'Newest first; a protein plate gives one source per sample (`sampleId`, `unit` ug-protein, µg/mL). ' +
          '`concentrationPerMl` is the undiluted stock; `dilutionRule` says how it follows from the reported ' +
          'concentration and the dilution (from the file: read-only; entered when the file says "not recorded"). ' +
          'Retracted and unreadable measurements are listed with `unusable` reasons.',
        params: idParams,
        response: { 200: batchDoseSourcesModel, ...problemResponses },
      },
    },
    async (req) => batchDoseSources(wb, req.params.id),
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
