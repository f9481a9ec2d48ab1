import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { projectScopeOf } from '../project-scope.ts';
import { measurementSummaryModel } from '../schemas.ts';

export const dashboardModel = z.object({
  projectCount: z.number().int().nonnegative(),
  batchCount: z.number().int().nonnegative(),
  batchesByStatus: z.object({
    draft: z.number().int().nonnegative(),
    'in-qc': z.number().int().nonnegative(),
    released: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  }),
  recentMeasurements: z.array(
    measurementSummaryModel.extend({
      batchCode: z.string(),
      fileName: z.string().nullable().optional(),
      sample: z.string().nullable().optional(),
      capturedAt: z.string().nullable().optional(),
    }),
  ),
});

/** GET /api/dashboard: counts and the most recent measurements. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['system'],
        summary: 'Counts and recent measurements',
        response: { 200: dashboardModel },
      },
    },
    async (req) => wb.store.dashboard(10, await projectScopeOf(wb, req)),
  );
};
