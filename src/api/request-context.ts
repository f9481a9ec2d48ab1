/** Small request helpers shared by the routes. */
import type { FastifyRequest } from 'fastify';
import { ApiProblem, notFoundProblem } from './problem.ts';

export const ANONYMOUS = 'anonymous';

/**
 * The acting user for the audit trail: the authenticated user's sign-in name (src/api/access-policy.ts sets
 * `request.principal`). Only public routes run without one ("anonymous"). The old X-Evlab-User header is
 * ignored: nobody can write in someone else's name.
 */
export function actorOf(request: FastifyRequest): string {
  return request.principal?.user.name ?? ANONYMOUS;
}

/** Returns the entity or throws a 404 problem naming what was looked for. */
export function found<T>(entity: T | null | undefined, what: string, id: string): T {
  if (entity === null || entity === undefined)
    throw new ApiProblem(notFoundProblem(`${what} ${id} does not exist`));
  return entity;
}
