/**
 * Per-project scoping of lists (issue 10). The access policy (access-policy.ts) refuses a route that names
 * a record of a foreign project; the lists that name no project (`GET /api/batches`, `/api/projects`,
 * `/api/dashboard`, …) must leave foreign rows out instead. `projectScopeOf(request)` is what each list
 * route passes to the store: `{}` (every project) for administrators, else `{ projectIds }` = the projects
 * the signed-in user is a member of (possibly none: an empty list then).
 */
import type { FastifyRequest } from 'fastify';
import type { Workbench } from '../jobs/workbench.ts';
import type { ProjectScope } from '../store/evlab-store.ts';

/** The projects the request may see: undefined = all (admin), else the member projects. */
export async function visibleProjectIds(
  wb: Workbench,
  request: FastifyRequest,
): Promise<readonly string[] | undefined> {
  const principal = request.principal;
  // No principal only on open routes, which list no project data: scope to nothing to be safe.
  if (!principal) return [];
  if (principal.user.role === 'admin') return undefined;
  return wb.store.accounts.listMemberships(principal.user.id);
}

/** `{}` for administrators, `{ projectIds }` otherwise: spread into a store filter. */
export async function projectScopeOf(wb: Workbench, request: FastifyRequest): Promise<ProjectScope> {
  const projectIds = await visibleProjectIds(wb, request);
  return projectIds === undefined ? {} : { projectIds };
}

/** True when the request may see rows of this project (admins: always). */
export async function canSeeProject(
  wb: Workbench,
  request: FastifyRequest,
  projectId: string | null,
): Promise<boolean> {
  const projectIds = await visibleProjectIds(wb, request);
  return projectIds === undefined || (projectId !== null && projectIds.includes(projectId));
}
