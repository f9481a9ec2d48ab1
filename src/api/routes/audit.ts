/**
 * GET /api/audit: the audit trail across records, newest first, for QA review (issue 10). Filter by
 * category (`access` = the sign-in history: sign-in successes, failures, lockouts, sign-outs, plus user and
 * API-token administration), entity type or actor. Administrators read every category; QA reads the
 * `access` category (the record categories carry project data: QA reads them per batch, through
 * /api/batches/:id/audit, where project membership is checked).
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
      const effective = category ?? (isAdmin ? undefined : 'access');
      if (!isAdmin && (effective !== 'access' || (entityType && auditCategoryOf(entityType) !== 'access'))) {
        throw new ApiProblem({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail:
            'QA reads the access category here; record trails are read per batch (GET /api/batches/{id}/audit).',
        });
      }
      const page = await wb.store.listAuditEvents({
        limit,
        offset,
        ...(effective ? { entityTypes: entityTypesOf(effective) } : {}),
        ...(entityType ? { entityType } : {}),
        ...(actor ? { actor } : {}),
      });
      return { ...page, items: page.items.map((e) => ({ ...e, category: auditCategoryOf(e.entityType) })) };
    },
  );
};
