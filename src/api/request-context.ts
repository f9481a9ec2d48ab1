/** Small request helpers shared by the routes. */
import type { FastifyRequest } from 'fastify';
import { ApiProblem, notFoundProblem } from './problem.ts';

/** Header naming the acting user until accounts exist (docs/api.md). */
export const USER_HEADER = 'x-evlab-user';
export const ANONYMOUS = 'anonymous';

/** The acting user for the audit trail: the X-Evlab-User header, trimmed, or "anonymous". */
export function actorOf(request: FastifyRequest): string {
  const raw = request.headers[USER_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, 200) : ANONYMOUS;
}

/** Returns the entity or throws a 404 problem naming what was looked for. */
export function found<T>(entity: T | null | undefined, what: string, id: string): T {
  if (entity === null || entity === undefined)
    throw new ApiProblem(notFoundProblem(`${what} ${id} does not exist`));
  return entity;
}
