import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { projectScopeOf } from '../project-scope.ts';
import { actorOf, found } from '../request-context.ts';
import {
  batchInput,
  batchListQuery,
  batchModel,
  batchPatch,
  idParams,
  pageOf,
  problemModel,
  problemResponses,
} from '../schemas.ts';

const tags = ['batches'];

/**
 * /api/batches: EV batches. Status changes follow draft → in-qc → released/rejected (422 otherwise);
 * a batch with measurements, or a released one, cannot be deleted (409).
 */
export const batchRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/batches',
    {
      schema: {
        tags,
        summary: 'List batches (filter by project, source, status, code substring)',
        querystring: batchListQuery,
        response: { 200: pageOf(batchModel), 400: problemModel },
      },
    },
    async (req) => wb.store.listBatches({ ...req.query, ...(await projectScopeOf(wb, req)) }),
  );

  app.post(
    '/batches',
    {
      schema: {
        tags,
        summary: 'Create a batch',
        body: batchInput,
        response: { 201: batchModel, 400: problemModel, 409: problemModel, 422: problemModel },
      },
    },
    async (req, reply) => reply.code(201).send(await wb.store.createBatch(req.body, actorOf(req))),
  );

  app.get(
    '/batches/:id',
    {
      schema: {
        tags,
        summary: 'Get a batch',
        params: idParams,
        response: { 200: batchModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id),
  );

  app.patch(
    '/batches/:id',
    {
      schema: {
        tags,
        summary: 'Change a batch (including its status)',
        params: idParams,
        body: batchPatch,
        response: { 200: batchModel, ...problemResponses, 409: problemModel, 422: problemModel },
      },
    },
    async (req) => wb.store.updateBatch(req.params.id, req.body, actorOf(req)),
  );

  app.delete(
    '/batches/:id',
    {
      schema: {
        tags,
        summary: 'Delete a batch without measurements',
        params: idParams,
        response: { 204: z.null(), ...problemResponses, 409: problemModel },
      },
    },
    async (req, reply) => {
      await wb.store.deleteBatch(req.params.id, actorOf(req));
      return reply.code(204).send(null);
    },
  );
};
