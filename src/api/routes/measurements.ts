import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Workbench } from '../../jobs/workbench.ts';
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
    async (req) => wb.store.listMeasurements(req.query),
  );

  app.get(
    '/measurements/:id',
    {
      schema: {
        tags,
        summary: 'A measurement with its parsed record and metrics (NTA: NtaReport)',
        params: idParams,
        response: { 200: measurementModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.getMeasurement(req.params.id), 'Measurement', req.params.id),
  );
};
