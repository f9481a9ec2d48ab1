import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../../domain/administration-route.ts';
import {
  PK_SPECIES,
  pkStudyCreateRequestSchema,
  pkStudyInputSchema,
  pkStudyPatchRequestSchema,
  pkStudySourceFileSchema,
} from '../../domain/pk-study.ts';
import {
  createPkStudyWithSources,
  PkStudyRequestInvalidError,
  PkStudySourceTooLargeError,
  updatePkStudyWithSources,
} from '../../jobs/pk-study-sources.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, notFoundProblem, PROBLEM_TYPES } from '../problem.ts';
import { projectScopeOf } from '../project-scope.ts';
import { actorOf, found } from '../request-context.ts';
import { idParams, pageOf, pageQuery, problemModel, problemResponses } from '../schemas.ts';

const tags = ['pk'];

function model<T extends z.ZodType>(schema: T, id: string, description: string): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id, description });
  return schema;
}

const sourceFilesModel = model(
  z.array(pkStudySourceFileSchema),
  'PkStudySourceFiles',
  'The raw tables a study was read from, oldest first: GET /api/raw-files/{rawFileId}/content gives the bytes.',
);

const stored = {
  id: z.string(),
  sourceFiles: sourceFilesModel,
  createdAt: z.string().describe('ISO 8601 UTC timestamp'),
  updatedAt: z.string().describe('ISO 8601 UTC timestamp'),
};

export const pkStudyModel = model(
  pkStudyInputSchema.extend(stored),
  'PkStudy',
  'A PK or biodistribution study: the batch dosed, species, route, dose, label and the data.',
);
export const pkStudySummaryModel = model(
  pkStudyInputSchema.omit({ observations: true }).extend({
    ...stored,
    concentrationTimeRows: z.number().int().nonnegative(),
    biodistributionRows: z.number().int().nonnegative(),
  }),
  'PkStudySummary',
  'A PK study without its observation rows.',
);

/**
 * Body limit of POST/PATCH: up to MAX_SOURCES_PER_REQUEST source texts of up to 5 MiB each (JSON escaping of
 * tabs and line ends can double a table's size) plus the parsed rows; the server-wide JSON limit is 1 MiB.
 */
const PK_STUDY_BODY_LIMIT_BYTES = 48 * 1024 * 1024;

/** The job's errors as problems naming the field (and, for an invalid study, the sources kept anyway). */
async function withProblems<T>(req: FastifyRequest, run: () => Promise<T>): Promise<T> {
  // attachValidation defers only the body to the job; invalid path parameters are refused as usual.
  const validation = req.validationError as (Error & { validationContext?: string }) | undefined;
  if (validation && validation.validationContext !== 'body') throw validation;
  try {
    return await run();
  } catch (error) {
    if (error instanceof PkStudySourceTooLargeError) {
      throw new ApiProblem({
        type: PROBLEM_TYPES.tooLarge,
        title: 'Content Too Large',
        status: 413,
        detail: error.message,
        code: 'too-large',
        maxBytes: error.maxBytes,
        errors: [{ path: error.path, message: error.message }],
      });
    }
    if (error instanceof PkStudyRequestInvalidError) {
      throw new ApiProblem({
        type: PROBLEM_TYPES.validation,
        title: 'Invalid request',
        status: 400,
        detail: error.message,
        code: 'validation-error',
        in: 'body',
        errors: error.issues,
        sourceFiles: error.sourceFiles,
      });
    }
    throw error;
  }
}

const listQuery = pageQuery.extend({
  batchId: z.string().min(1).max(200).optional(),
  species: z.enum(PK_SPECIES).optional(),
  route: z.enum(ADMINISTRATION_ROUTES).optional(),
});

/**
 * /api/pk-studies: PK studies linked to the batch that was dosed (422 for a batch that does not exist), and
 * /api/batches/:id/pk-studies. Every write appears in the batch's audit trail.
 */
export const pkStudyRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/pk-studies',
    {
      schema: {
        tags,
        summary: 'List PK studies (filter by batch, species, route)',
        querystring: listQuery,
        response: { 200: pageOf(pkStudySummaryModel), 400: problemModel },
      },
    },
    async (req) => wb.store.pkStudies.list({ ...req.query, ...(await projectScopeOf(wb, req)) }),
  );

  app.post(
    '/pk-studies',
    {
      schema: {
        tags,
        summary: 'Record a PK study for a batch',
        description:
          '`sources` (optional) are the tables as pasted or uploaded: each is stored unchanged as a raw file of ' +
          'the batch before the rest is validated, so a 400 for invalid rows still keeps them (problem ' +
          '`sourceFiles`). 413 naming `sources.i.text` above 5 MiB; 422 for a batch that does not exist.',
        body: pkStudyCreateRequestSchema,
        response: { 201: pkStudyModel, 400: problemModel, 413: problemModel, 422: problemModel },
      },
      bodyLimit: PK_STUDY_BODY_LIMIT_BYTES,
      // Validated by the job after the sources are stored (pk-study-sources.ts), not before.
      attachValidation: true,
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await withProblems(req, () => createPkStudyWithSources(wb, req.body as unknown, actorOf(req)))),
  );

  app.get(
    '/pk-studies/:id',
    {
      schema: {
        tags,
        summary: 'A PK study with its observations',
        params: idParams,
        response: { 200: pkStudyModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.pkStudies.get(req.params.id), 'PK study', req.params.id),
  );

  app.patch(
    '/pk-studies/:id',
    {
      schema: {
        tags,
        summary: 'Change a PK study (its batch stays fixed)',
        description:
          "`sources` are appended to the study's source files (stored as raw files of its batch first); " +
          'source files are never removed. Same 400/413 rules as POST.',
        params: idParams,
        body: pkStudyPatchRequestSchema,
        response: { 200: pkStudyModel, ...problemResponses, 413: problemModel, 422: problemModel },
      },
      bodyLimit: PK_STUDY_BODY_LIMIT_BYTES,
      attachValidation: true,
    },
    async (req) =>
      withProblems(req, () => updatePkStudyWithSources(wb, req.params.id, req.body as unknown, actorOf(req))),
  );

  app.delete(
    '/pk-studies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a PK study',
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await wb.store.pkStudies.delete(req.params.id, actorOf(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/batches/:id/pk-studies',
    {
      schema: {
        tags,
        summary: "A batch's PK studies",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(pkStudySummaryModel), ...problemResponses },
      },
    },
    async (req) => {
      if (!(await wb.store.getBatch(req.params.id))) {
        throw new ApiProblem(notFoundProblem(`Batch ${req.params.id} does not exist`));
      }
      return wb.store.pkStudies.list({ ...req.query, batchId: req.params.id });
    },
  );
};
