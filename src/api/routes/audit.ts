/**
 * GET /api/audit: the audit trail across records, newest first, for QA review (issue 10). Filter by
 * category (`access` = the sign-in history: sign-in successes, failures, lockouts, sign-outs, plus user and
 * API-token administration), entity type or actor. Administrators read every category; QA reads the sign-in
 * history (entity type `sign-in`) only: record events carry project data and user administration names
 * project memberships, so QA reads record trails per batch (/api/batches/:id/audit, membership checked).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_CATEGORIES, auditCategoryOf, entityTypesOf } from '../../domain/audit-category.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem } from '../problem.ts';
import { auditEventModel, pageOf, pageQuery, problemModel } from '../schemas.ts';

const ENTITY_TYPES = auditEventModel.shape.entityType.options;

const auditQuery = pageQuery.extend({
  category: z.enum(AUDIT_CATEGORIES).optional(),
  entityType: z.enum(ENTITY_TYPES).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
});

export const auditRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/audit',
    {
      config: { minRole: 'qa' },
      schema: {
        tags: ['system'],
        summary: 'Audit trail across records, newest first (category access = sign-in history; qa, admin)',
        querystring: auditQuery,
        response: {
          200: pageOf(auditEventModel.extend({ category: z.enum(AUDIT_CATEGORIES) })),
          400: problemModel,
          403: problemModel,
        },
      },
    },
    async (req) => {
      const { category, entityType, actor, limit, offset } = req.query;
      const isAdmin = req.principal?.user.role === 'admin';
      if (!isAdmin && ((category && category !== 'access') || (entityType && entityType !== 'sign-in'))) {
        throw new ApiProblem({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail:
            'QA reads the sign-in history here; record trails are read per batch (GET /api/batches/{id}/audit).',
        });
      }
      // QA (not admin): the sign-in history only; user and token administration names project memberships.
      const entityTypes = isAdmin ? (category ? entityTypesOf(category) : undefined) : (['sign-in'] as const);
      const page = await wb.store.listAuditEvents({
        limit,
        offset,
        ...(entityTypes ? { entityTypes } : {}),
        ...(entityType ? { entityType } : {}),
        ...(actor ? { actor } : {}),
      });
      return { ...page, items: page.items.map((e) => ({ ...e, category: auditCategoryOf(e.entityType) })) };
    },
  );
};
