import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { projectScopeOf } from '../project-scope.ts';
import { found } from '../request-context.ts';
import {
  idParams,
  measurementListQuery,
  measurementModel,
  measurementSummaryModel,
  pageOf,
  problemModel,
  problemResponses,
} from '../schemas.ts';

const tags = ['measurements'];

/**
 * `view=compact` leaves out `parsed` (the reader's full record: for NTA every table of the export, ~0.55 MB
 * of JSON) and keeps `metrics` (the NtaReport the web views plot, ~0.05 MB), so a 6-batch overlay stays far
 * under 0.5 MB on the wire (issue 9 item 20; bench/web-payload.bench.ts).
 */
const measurementQuery = z.object({
  view: z
    .enum(['full', 'compact'])
    .default('full')
    .describe('compact: `parsed` is null for NTA measurements (what the web views need); full: everything'),
});

/** /api/measurements: summaries (filter by batch and kind) and one measurement with parsed + metrics. */
export const measurementRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/measurements',
    {
      schema: {
        tags,
        summary: 'List measurements',
        querystring: measurementListQuery,
        response: { 200: pageOf(measurementSummaryModel), 400: problemModel },
      },
    },
    async (req) => wb.store.listMeasurements({ ...req.query, ...(await projectScopeOf(wb, req)) }),
  );

  app.get(
    '/measurements/:id',
    {
      schema: {
        tags,
        summary: 'A measurement with its parsed record and metrics (NTA: NtaReport)',
        params: idParams,
        querystring: measurementQuery,
        response: { 200: measurementModel, ...problemResponses },
      },
    },
    async (req) => {
      const m = found(await wb.store.getMeasurement(req.params.id), 'Measurement', req.params.id);
      // Only NTA's record is large; other kinds' views read small parts of `parsed` (e.g. a flow file's
      // spillover matrix), so compact keeps it for them.
      return req.query.view === 'compact' && m.kind === 'nta' ? { ...m, parsed: null } : m;
    },
  );
};
