import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Workbench } from '../../jobs/workbench.ts';

/** Placeholder registered in build-server.ts; the owner of this file (H1) replaces the body. */
export const centrifugationRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (_app, _opts) => {};
