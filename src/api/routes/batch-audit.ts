import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, notFoundProblem } from '../problem.ts';
import { auditEventModel, idParams, pageOf, pageQuery, problemResponses } from '../schemas.ts';

/**
 * GET /api/batches/:id/audit: the batch's audit trail, newest first as the store orders it: the batch's own
 * events and those of its raw files (upload) and measurements (parse).
 */
export const batchAuditRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/batches/:id/audit',
    {
      schema: {
        tags: ['batches'],
        summary: "A batch's audit trail",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(auditEventModel), ...problemResponses },
      },
    },
    async (req) => {
      const page = await wb.store.listAuditEvents({ ...req.query, batchId: req.params.id });
      // A deleted batch keeps its trail; an id that never existed is a 404.
      if (page.total === 0 && !(await wb.store.getBatch(req.params.id))) {
        throw new ApiProblem(notFoundProblem(`Batch ${req.params.id} does not exist`));
      }
      return page;
    },
  );
};
