import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../../domain/administration-route.ts';
import { PK_SPECIES, pkStudyInputSchema, pkStudyPatchSchema } from '../../domain/pk-study.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, notFoundProblem } from '../problem.ts';
import { actorOf, found } from '../request-context.ts';
import { idParams, pageOf, pageQuery, problemModel, problemResponses } from '../schemas.ts';

const tags = ['pk'];

function model<T extends z.ZodType>(schema: T, id: string, description: string): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id, description });
  return schema;
}

const stored = {
  id: z.string(),
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
    async (req) => wb.store.pkStudies.list(req.query),
  );

  app.post(
    '/pk-studies',
    {
      schema: {
        tags,
        summary: 'Record a PK study for a batch',
        body: pkStudyInputSchema,
        response: { 201: pkStudyModel, 400: problemModel, 422: problemModel },
      },
    },
    async (req, reply) => reply.code(201).send(await wb.store.pkStudies.create(req.body, actorOf(req))),
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
        params: idParams,
        body: pkStudyPatchSchema,
        response: { 200: pkStudyModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => wb.store.pkStudies.update(req.params.id, req.body, actorOf(req)),
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
