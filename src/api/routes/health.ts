import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';

export const healthModel = z.object({
  status: z.literal('ok'),
  version: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
});

/** GET /api/health: liveness, version and dialect (open without credentials: no paths, no internals). */
export const healthRoutes: FastifyPluginAsyncZod<{ wb: Workbench; version: string }> = async (
  app,
  { wb, version },
) => {
  app.get(
    '/health',
    { schema: { tags: ['system'], summary: 'Server health', response: { 200: healthModel } } },
    async () => ({ status: 'ok' as const, version, dialect: wb.dialect }),
  );
};
