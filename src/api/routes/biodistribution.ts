import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Workbench } from '../../jobs/workbench.ts';

/** Placeholder registered in build-server.ts; the owner of this file (H6) replaces the body. */
export const biodistributionRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (_app, _opts) => {};
