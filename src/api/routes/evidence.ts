import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Workbench } from '../../jobs/workbench.ts';

/** Placeholder registered in build-server.ts; the owner of this file (H8) replaces the body. */
export const evidenceRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (_app, _opts) => {};
