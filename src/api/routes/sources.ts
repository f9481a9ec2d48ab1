import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { projectScopeOf } from '../project-scope.ts';
import { actorOf, found } from '../request-context.ts';
import {
  idParams,
  mscSourceInput,
  mscSourceModel,
  mscSourcePatch,
  pageOf,
  problemModel,
  problemResponses,
  sourceListQuery,
} from '../schemas.ts';

const tags = ['sources'];

/** /api/sources: MSC sources (tissue, donor, passage, culture). Referenced sources cannot be deleted (409). */
export const sourceRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/sources',
    {
      schema: {
        tags,
        summary: 'List MSC sources',
        querystring: sourceListQuery,
        response: { 200: pageOf(mscSourceModel), 400: problemModel },
      },
    },
    async (req) => wb.store.listSources({ ...req.query, ...(await projectScopeOf(wb, req)) }),
  );

  app.post(
    '/sources',
    {
      schema: {
        tags,
        summary: 'Create an MSC source',
        body: mscSourceInput,
        response: { 201: mscSourceModel, 400: problemModel, 409: problemModel, 422: problemModel },
      },
    },
    async (req, reply) => reply.code(201).send(await wb.store.createSource(req.body, actorOf(req))),
  );

  app.get(
    '/sources/:id',
    {
      schema: {
        tags,
        summary: 'Get an MSC source',
        params: idParams,
        response: { 200: mscSourceModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.getSource(req.params.id), 'Source', req.params.id),
  );

  app.patch(
    '/sources/:id',
    {
      schema: {
        tags,
        summary: 'Change an MSC source',
        params: idParams,
        body: mscSourcePatch,
        response: { 200: mscSourceModel, ...problemResponses, 409: problemModel },
      },
    },
    async (req) => wb.store.updateSource(req.params.id, req.body, actorOf(req)),
  );

  app.delete(
    '/sources/:id',
    {
      schema: {
        tags,
        summary: 'Delete an unreferenced MSC source',
        params: idParams,
        response: { 204: z.null(), ...problemResponses, 409: problemModel },
      },
    },
    async (req, reply) => {
      await wb.store.deleteSource(req.params.id, actorOf(req));
      return reply.code(204).send(null);
    },
  );
};
