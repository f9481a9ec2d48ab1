import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DEPRECATED_METRIC_ALIASES,
  METRIC_CATALOGUE,
  metricAliasNotes,
} from '../../domain/qc/batch-metric.ts';
import { MSC_EV_SPECIFICATION_TEMPLATE } from '../../domain/qc/msc-ev-specification-template.ts';
import {
  amendInputSchema,
  deviationInputSchema,
  qcResultInputSchema,
  signInputSchema,
} from '../../domain/qc/release.ts';
import { specificationInputSchema } from '../../domain/qc/specification.ts';
import { releaseMetrics } from '../../jobs/batch-metrics/release-metrics.ts';
import { batchChecklist } from '../../jobs/qc/batch-checklist.ts';
import { compareProcesses, MAX_BATCHES_PER_GROUP } from '../../jobs/qc/comparability.ts';
import { metricSeriesWithSkipped } from '../../jobs/qc/metric-series.ts';
import {
  amendBatch,
  evaluateBatch,
  passwordIdentity,
  qcOverview,
  ReauthenticationError,
  type SigningIdentity,
  signDecision,
} from '../../jobs/qc/release.ts';
import { SignatureError } from '../../jobs/signatures.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { comparabilityReportPdf } from '../../report/comparability-report-pdf.ts';
import { CHART_TYPES, SpcInputError } from '../../science/spc/control-chart.ts';
import { controlChartOf } from '../../science/spc/control-chart-of.ts';
import { ApiProblem } from '../problem.ts';
import { canSeeProject, projectScopeOf, visibleProjectIds } from '../project-scope.ts';
import { actorOf, found } from '../request-context.ts';
import { answerWithJob, prefersAsync } from '../route-jobs.ts';
import { idParams, problemModel, problemResponses } from '../schemas.ts';
import { problemOf } from './signatures.ts';

const tags = ['qc'];

/**
 * Routes that decide about a batch need the QA role (access-policy.ts reads `config.minRole`); writes of
 * results and evaluations stay analyst.
 */
const QA = { minRole: 'qa' } as const;

const comparabilityBody = z.object({
  a: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(MAX_BATCHES_PER_GROUP)
    .describe('Batch ids of process A (test)'),
  b: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(MAX_BATCHES_PER_GROUP)
    .describe('Batch ids of process B (reference)'),
  metrics: z.array(z.string().min(1).max(100)).max(200).optional(),
  marginPct: z
    .number()
    .finite()
    .positive()
    .max(1000)
    .optional()
    .describe('Equivalence margin, % of the B mean'),
  alpha: z.number().finite().gt(0).lt(0.5).optional(),
});

/**
 * Old metric names (DEPRECATED_METRIC_ALIASES, src/domain/qc/batch-metric.ts) are accepted and read as the
 * canonical ones; the response says so in `Deprecation` and `Warning: 299` headers (RFC 9745, RFC 7234 §5.5).
 * Runs before validation, which replaces the names.
 */
function metricAliasWarning(names: (req: FastifyRequest) => unknown[]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const given = names(req).filter((n): n is string => typeof n === 'string');
    const notes = metricAliasNotes(given);
    if (notes.length > 0)
      reply.header('Deprecation', 'true').header('Warning', notes.map((n) => `299 evlab "${n}"`).join(', '));
  };
}

const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function forbidden(error: unknown): never {
  if (error instanceof SignatureError) throw new ApiProblem(problemOf(error));
  if (error instanceof ReauthenticationError)
    throw new ApiProblem({
      type: 'urn:evlab:problem:reauthentication-failed',
      title: 'Forbidden',
      status: 403,
      detail: error.message,
      code: 'reauthentication-failed',
    });
  throw error;
}

function unprocessable(error: unknown): never {
  if (error instanceof SpcInputError || error instanceof RangeError)
    throw new ApiProblem({
      type: 'urn:evlab:problem:validation-error',
      title: 'Unprocessable Content',
      status: 422,
      detail: error.message,
      code: 'invalid-input',
    });
  throw error;
}

/**
 * /api/specifications, /api/batches/:id/qc…, /api/qc/…: release specifications, QC results, evaluation,
 * deviations, e-signed release and amendment, MISEV checklist, control charts of batch metrics.
 */
export const qcRoutes: FastifyPluginAsyncZod<{ wb: Workbench; identity?: SigningIdentity }> = async (
  app,
  { wb, identity: given },
) => {
  // Re-authentication as for every e-signature: the account's password (read at each request, so a
  // workbench whose accounts are configured later is honoured).
  const identity: SigningIdentity = given ?? {
    reauthenticate: (actor, password) =>
      passwordIdentity(wb.verifyCredentials).reauthenticate(actor, password),
  };
  /** The signer's printed name: given, else the account's display name, else its name. */
  const printedNameOf = (req: FastifyRequest, given: string | undefined) =>
    given?.trim() || req.principal?.user.displayName?.trim() || actorOf(req);
  const responses = {
    200: z.unknown(),
    201: z.unknown(),
    ...problemResponses,
    409: problemModel,
    422: problemModel,
  };

  app.get(
    '/qc/template',
    { schema: { tags, summary: 'MSC-EV specification template (criteria to copy and adapt)' } },
    async () => ({
      criteria: MSC_EV_SPECIFICATION_TEMPLATE,
    }),
  );

  app.get(
    '/qc/metrics',
    { schema: { tags, summary: 'Batch metrics evlab knows (name, unit, type)' } },
    async () => ({
      items: METRIC_CATALOGUE,
      /** Deprecated name → canonical name (accepted on input, read as the canonical one). */
      aliases: DEPRECATED_METRIC_ALIASES,
    }),
  );

  app.get(
    '/qc/metrics/:name/series',
    {
      preValidation: metricAliasWarning((req) => [(req.params as { name?: unknown }).name]),
      schema: {
        tags,
        summary: "A batch metric across the store's batches, charted (I-MR by default) with Nelson rules",
        params: z.object({ name: z.string().min(1).max(100) }),
        querystring: z.object({
          productId: z.string().min(1).max(200).optional(),
          chart: z.enum(['imr', 'c']).default('imr'),
        }),
        response: responses,
      },
    },
    async (req) => {
      const series = await metricSeriesWithSkipped(wb.store, req.params.name, {
        ...(req.query.productId !== undefined ? { projectId: req.query.productId } : {}),
        // Per-project scoping: only batches of the caller's projects (admins: all).
        ...(await projectScopeOf(wb, req)),
      });
      let chart = null;
      if (series.points.length >= 2) {
        try {
          chart = controlChartOf(req.query.chart, {
            values: series.points.map((p) => p.value),
            labels: series.points.map((p) => p.batchCode),
          });
        } catch (error) {
          unprocessable(error);
        }
      }
      return { ...series, chart };
    },
  );

  app.post(
    '/qc/spc/chart',
    {
      schema: {
        tags,
        summary: 'Control chart of posted values (same contract as evlab spc chart --json)',
        body: z.object({
          chart: z.enum(CHART_TYPES),
          values: z.array(z.number().finite()).min(2).max(100000),
          subgroups: z.array(z.string().max(200)).max(100000).optional(),
          sizes: z.array(z.number().finite().positive()).max(100000).optional(),
        }),
        response: responses,
      },
    },
    async (req) => {
      try {
        return controlChartOf(req.body.chart, req.body);
      } catch (error) {
        unprocessable(error);
      }
    },
  );

  /** Project membership for batch ids in a body list (the global policy checks single `batchId` fields only). */
  const requireMembership = async (req: FastifyRequest, ids: readonly string[]) => {
    const principal = req.principal;
    if (!principal || principal.user.role === 'admin') return;
    for (const id of new Set(ids)) {
      const projectId = await wb.store.accounts.projectOf('batch', id);
      if (projectId !== null && !(await wb.store.accounts.isMember(principal.user.id, projectId)))
        throw new ApiProblem({
          type: 'urn:evlab:problem:forbidden',
          title: 'Forbidden',
          status: 403,
          detail: `${principal.user.name} is not a member of the project batch ${id} belongs to`,
          code: 'not-a-member',
        });
    }
  };

  app.post(
    '/qc/comparability',
    {
      config: { minRole: 'viewer' },
      preValidation: metricAliasWarning((req) => listOf(bodyOf(req).metrics)),
      schema: {
        tags,
        summary:
          'Comparability of two processes: Welch t-test and TOST equivalence per metric, pooled size distributions (W1, KS)',
        body: comparabilityBody,
        response: { ...responses, 403: problemModel },
      },
    },
    async (req) => {
      await requireMembership(req, [...req.body.a, ...req.body.b]);
      return compareProcesses(wb.store, req.body);
    },
  );

  app.post(
    '/qc/comparability/pdf',
    {
      config: { minRole: 'viewer' },
      preValidation: metricAliasWarning((req) => listOf(bodyOf(req).metrics)),
      schema: {
        tags,
        summary: 'The comparability report as PDF (same body as POST /api/qc/comparability)',
        body: comparabilityBody,
        response: { 200: z.unknown(), ...problemResponses, 403: problemModel, 422: problemModel },
      },
    },
    async (req, reply) => {
      await requireMembership(req, [...req.body.a, ...req.body.b]);
      // Prefer: respond-async → a `report.comparability` job (202); the PDF is then at /api/jobs/:id/file.
      if (prefersAsync(req)) return answerWithJob(wb, req, reply, 'report.comparability', req.body);
      const pdf = await comparabilityReportPdf(await compareProcesses(wb.store, req.body));
      return reply
        .type('application/pdf')
        .header('Content-Disposition', 'attachment; filename="comparability-report.pdf"')
        .send(pdf);
    },
  );

  for (const [path, type, what] of [
    ['/batches/:id/certificate-of-analysis', 'report.certificate-of-analysis', 'certificate of analysis'],
    ['/batches/:id/batch-report', 'report.batch-report', 'batch report'],
  ] as const) {
    app.post(
      path,
      {
        // Rendering a document changes no record: anyone who may read the batch may have it.
        config: { minRole: 'viewer' },
        schema: {
          tags,
          summary: `Render the ${what} (PDF) as a background job: 202 with the job; the PDF at /api/jobs/:id/file`,
          params: idParams,
          response: {
            200: z.unknown(),
            202: z.unknown(),
            ...problemResponses,
            403: problemModel,
            503: problemModel,
          },
        },
      },
      async (req, reply) => {
        found(await wb.store.getBatch(req.params.id), 'batch', req.params.id);
        return answerWithJob(wb, req, reply, type, { batchId: req.params.id });
      },
    );
  }

  app.get(
    '/specifications',
    {
      schema: {
        tags,
        summary: 'Specifications (every version), optionally of one product',
        querystring: z.object({ productId: z.string().min(1).max(200).optional() }),
      },
    },
    async (req) => {
      const items = await wb.store.qc.listSpecifications(
        req.query.productId !== undefined ? { productId: req.query.productId } : {},
      );
      // Per-project scoping: a product is a project; non-members see no foreign specifications.
      const visible = await visibleProjectIds(wb, req);
      return { items: visible === undefined ? items : items.filter((i) => visible.includes(i.productId)) };
    },
  );

  app.post(
    '/specifications',
    {
      config: QA,
      preValidation: metricAliasWarning((req) =>
        listOf(bodyOf(req).criteria).map((c) =>
          typeof c === 'object' && c !== null ? (c as { metric?: unknown }).metric : undefined,
        ),
      ),
      schema: {
        tags,
        summary: 'Create a specification version (1 + the latest of the same product and name)',
        body: specificationInputSchema,
        response: { 201: z.unknown(), 400: problemModel, 422: problemModel },
      },
    },
    async (req, reply) => reply.code(201).send(await wb.store.qc.createSpecification(req.body, actorOf(req))),
  );

  app.get(
    '/specifications/:id',
    {
      schema: {
        tags,
        summary: 'Get a specification version',
        params: idParams,
        response: { 200: z.unknown(), ...problemResponses },
      },
    },
    async (req) => {
      const spec = await wb.store.qc.getSpecification(req.params.id);
      // A foreign project's specification is "not found" for non-members (no existence oracle).
      const visible = spec !== null && (await canSeeProject(wb, req, spec.productId));
      return found(visible ? spec : null, 'Specification', req.params.id);
    },
  );

  app.get(
    '/batches/:id/qc',
    {
      schema: {
        tags,
        summary:
          "A batch's QC state: lock, specifications, evaluations, deviations, signatures (valid/superseded/broken)",
        params: idParams,
        response: responses,
      },
    },
    async (req) => {
      found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id);
      return qcOverview(wb.store, req.params.id);
    },
  );

  app.get(
    '/batches/:id/qc/metrics',
    {
      schema: {
        tags,
        summary: "A batch's metrics with units, sources and QC flags",
        params: idParams,
        response: responses,
      },
    },
    async (req) => {
      found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id);
      return { items: await releaseMetrics(wb.store, req.params.id) };
    },
  );

  app.get(
    '/batches/:id/qc/checklist',
    {
      schema: {
        tags,
        summary: 'MISEV2018/2023 checklist filled from the data, transparency score, EV-TRACK fields',
        params: idParams,
        response: responses,
      },
    },
    async (req) => {
      found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id);
      return batchChecklist(wb.store, req.params.id);
    },
  );

  app.get(
    '/batches/:id/qc/results',
    {
      schema: {
        tags,
        summary: 'QC results entered for a batch (valid and invalidated)',
        params: idParams,
        response: responses,
      },
    },
    async (req) => {
      found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id);
      return { items: await wb.store.qc.listResults(req.params.id) };
    },
  );

  app.post(
    '/batches/:id/qc/results',
    {
      preValidation: metricAliasWarning((req) => [bodyOf(req).metric]),
      schema: {
        tags,
        summary: 'Enter a QC result with its method and evidence (409 when the batch is locked)',
        params: idParams,
        body: qcResultInputSchema,
        response: responses,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await wb.store.qc.addResult(req.params.id, req.body, actorOf(req))),
  );

  app.post(
    '/qc-results/:id/invalidate',
    {
      schema: {
        tags,
        summary: 'Invalidate a QC result with a reason (it stays on record)',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(5).max(2000) }),
        response: responses,
      },
    },
    async (req) => wb.store.qc.invalidateResult(req.params.id, req.body.reason, actorOf(req)),
  );

  app.post(
    '/batches/:id/qc/evaluations',
    {
      schema: {
        tags,
        summary: 'Evaluate the batch against a specification version (default: the newest of its product)',
        params: idParams,
        body: z.object({ specificationId: z.string().min(1).max(200).optional() }),
        response: responses,
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await evaluateBatch(wb.store, req.params.id, actorOf(req), {
          ...(req.body.specificationId !== undefined ? { specificationId: req.body.specificationId } : {}),
        }),
      ),
  );

  app.post(
    '/batches/:id/qc/deviations',
    {
      config: QA,
      schema: {
        tags,
        summary: 'Document a deviation for a failing or missing criterion, with the QA decision',
        params: idParams,
        body: deviationInputSchema,
        response: responses,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await wb.store.qc.addDeviation(req.params.id, req.body, actorOf(req))),
  );

  app.post(
    '/batches/:id/qc/sign',
    {
      config: QA,
      schema: {
        tags,
        summary:
          'Release or reject the batch: an e-signature (re-authentication, meaning, printed name, UTC time) bound to the record hash',
        params: idParams,
        body: signInputSchema,
        response: { ...responses, 403: problemModel },
      },
    },
    async (req, reply) => {
      found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id);
      try {
        return reply
          .code(201)
          .send(
            await signDecision(
              wb.store,
              req.params.id,
              { ...req.body, printedName: printedNameOf(req, req.body.printedName) },
              actorOf(req),
              identity,
            ),
          );
      } catch (error) {
        forbidden(error);
      }
    },
  );

  app.post(
    '/batches/:id/qc/amend',
    {
      config: QA,
      schema: {
        tags,
        summary:
          'Amend a released or rejected batch: reason + e-signature; the old signature becomes superseded',
        params: idParams,
        body: amendInputSchema,
        response: { ...responses, 403: problemModel },
      },
    },
    async (req, reply) => {
      found(await wb.store.getBatch(req.params.id), 'Batch', req.params.id);
      try {
        return reply
          .code(201)
          .send(
            await amendBatch(
              wb.store,
              req.params.id,
              { ...req.body, printedName: printedNameOf(req, req.body.printedName) },
              actorOf(req),
              identity,
            ),
          );
      } catch (error) {
        forbidden(error);
      }
    },
  );
};
