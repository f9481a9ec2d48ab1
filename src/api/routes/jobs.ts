import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobResultFile, readJobResultFile } from '../../jobs/queue/job-files.ts';
import { DEFAULT_JOB_FILE_RETENTION_DAYS, JOB_FILE_RETENTION_ENV } from '../../jobs/queue/job-retention.ts';
import {
  enqueueableViaApi,
  JOB_STATES,
  type Job,
  JobInputError,
  JobNotCancellableError,
  type JobQueue,
  jobTypes,
} from '../../jobs/queue/job-types.ts';
import { openJobQueue } from '../../jobs/queue/open-job-queue.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { registerReportJobHandlers } from '../../report/report-job-handlers.ts';
import { ApiProblem } from '../problem.ts';
import { actorOf, found } from '../request-context.ts';
import { registerRouteJobQueue } from '../route-jobs.ts';
import { idParams, problemModel, problemResponses } from '../schemas.ts';

const tags = ['jobs'];

const isAdmin = (request: FastifyRequest) => request.principal?.user.role === 'admin';

const enqueueBody = z.object({
  type: z.string().min(1).max(100),
  input: z.unknown(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

const listQuery = z.object({
  state: z.enum(JOB_STATES).optional(),
  type: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * /api/jobs: background jobs (issue 10, scale-out). POST enqueues (202; the same idempotencyKey answers the
 * same job), GET reads state, progress and result. On SQLite the jobs run in this server's process; on
 * PostgreSQL `evlab worker` processes run them. `queue` is injectable (tests); otherwise opened here and
 * closed with the server.
 */
export const jobRoutes: FastifyPluginAsyncZod<{ wb: Workbench; queue?: JobQueue }> = async (
  app,
  { wb, queue },
) => {
  let jobs: JobQueue | null = queue ?? null;
  let opening: Promise<JobQueue> | null = null;
  const owned = queue === undefined;
  async function theQueue(): Promise<JobQueue> {
    if (jobs) return jobs;
    opening ??= openJobQueue(wb).then((q) => {
      jobs = q;
      return q;
    });
    try {
      return await opening;
    } catch (error) {
      opening = null;
      throw new ApiProblem({
        type: 'urn:evlab:problem:jobs-unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: `the job queue is not available: ${(error as Error).message}`,
        code: 'jobs-unavailable',
      });
    }
  }
  // Heavy routes (reports, track sizing, flow analysis, model fits) enqueue on this same queue.
  registerReportJobHandlers();
  registerRouteJobQueue(wb, theQueue);
  // SQLite: start the in-process worker with the server (jobs queued before a restart resume).
  // A store without Kysely (API tests with a stub store) has no queue: the routes answer 503 then.
  if (owned && wb.dialect === 'sqlite' && 'kysely' in wb.store) await theQueue().catch(() => undefined);
  app.addHook('onClose', async () => {
    if (owned && jobs) await jobs.close();
  });

  app.get(
    '/jobs/types',
    { schema: { tags, summary: 'Job types this server accepts', response: { 200: z.unknown() } } },
    async () => {
      await theQueue();
      return { items: jobTypes() };
    },
  );

  app.post(
    '/jobs',
    {
      schema: {
        tags,
        summary: 'Enqueue a background job (202; same idempotencyKey → same job)',
        body: enqueueBody,
        response: { 200: z.unknown(), 202: z.unknown(), ...problemResponses, 503: problemModel },
      },
    },
    async (request, reply) => {
      const q = await theQueue();
      if (!enqueueableViaApi(request.body.type))
        throw new ApiProblem({
          type: 'urn:evlab:problem:validation-error',
          title: 'Bad Request',
          status: 400,
          detail: `jobs of type ${request.body.type} are started by their own route (see docs/api.md, "Heavy work as jobs"), which checks access to the records they read`,
          code: 'route-only-job-type',
        });
      try {
        const { job, created } = await q.enqueue(request.body.type, request.body.input, {
          idempotencyKey: request.body.idempotencyKey ?? null,
          actor: actorOf(request),
        });
        reply.code(created ? 202 : 200);
        return { job, created };
      } catch (error) {
        if (error instanceof JobInputError)
          throw new ApiProblem({
            type: 'urn:evlab:problem:validation-error',
            title: 'Bad Request',
            status: 400,
            detail: error.message,
            code: error.code,
          });
        throw error;
      }
    },
  );

  app.get(
    '/jobs',
    {
      schema: {
        tags,
        summary: 'Recent jobs, newest first',
        querystring: listQuery,
        response: { 200: z.unknown(), ...problemResponses },
      },
    },
    async (request) => {
      const q = await theQueue();
      // Per-user scoping: a job's input and result may hold a project's data, so only administrators see
      // every job; everyone else sees the jobs they enqueued.
      const createdBy = isAdmin(request) ? undefined : actorOf(request);
      return { items: await q.list({ ...request.query, ...(createdBy !== undefined ? { createdBy } : {}) }) };
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: 'One job: state, progress, result',
        params: idParams,
        response: { 200: z.unknown(), ...problemResponses },
      },
    },
    async (request) => ({ job: await visibleJob(request, request.params.id) }),
  );

  /** The job if this user may see it; someone else's job is "not found" for non-administrators. */
  async function visibleJob(request: FastifyRequest, id: string): Promise<Job> {
    const q = await theQueue();
    const job = await q.get(id);
    const visible = job !== null && (isAdmin(request) || job.createdBy === actorOf(request));
    return found(visible ? job : null, 'job', id);
  }

  app.post(
    '/jobs/:id/cancel',
    {
      schema: {
        tags,
        summary:
          'Cancel a job (its creator or an administrator; audited): a queued job is cancelled at once (200), a running one stops at its next progress checkpoint (202, then state cancelled); 409 once finished',
        params: idParams,
        response: { 200: z.unknown(), 202: z.unknown(), ...problemResponses, 409: problemModel },
      },
    },
    async (request, reply) => {
      const q = await theQueue();
      await visibleJob(request, request.params.id);
      try {
        const job = found(await q.cancel(request.params.id, actorOf(request)), 'job', request.params.id);
        reply.code(job.state === 'cancelled' ? 200 : 202);
        return { job };
      } catch (error) {
        if (error instanceof JobNotCancellableError)
          throw new ApiProblem({
            type: 'urn:evlab:problem:conflict',
            title: 'Conflict',
            status: 409,
            detail: error.message,
            code: 'job-finished',
          });
        throw error;
      }
    },
  );

  app.get(
    '/jobs/:id/file',
    {
      schema: {
        tags,
        summary:
          'The file a completed job produced (a PDF report); 409 while the job has not completed; 410 once the file expired (retention)',
        params: idParams,
        response: { 200: z.unknown(), ...problemResponses, 409: problemModel, 410: problemModel },
      },
    },
    async (request, reply) => {
      const job = await visibleJob(request, request.params.id);
      const conflict = (detail: string) =>
        new ApiProblem({
          type: 'urn:evlab:problem:conflict',
          title: 'Conflict',
          status: 409,
          detail,
          code: 'job-has-no-file',
        });
      if (job.state !== 'completed')
        throw conflict(
          job.state === 'cancelled'
            ? `job ${job.id} was cancelled; it has no file`
            : `job ${job.id} is ${job.state}; its file comes once it completes`,
        );
      const file = jobResultFile(job.result);
      if (!file)
        throw conflict(
          `job ${job.id} (${job.type}) produced no file; its result is in GET /api/jobs/${job.id}`,
        );
      if (job.fileExpiredAt !== null)
        throw new ApiProblem({
          type: 'urn:evlab:problem:gone',
          title: 'Gone',
          status: 410,
          detail: `the file of job ${job.id} (${file.fileName}) expired: it was removed on ${job.fileExpiredAt} after the retention period for job files (${JOB_FILE_RETENTION_ENV}, default ${DEFAULT_JOB_FILE_RETENTION_DAYS} days); run the job again for a new one`,
          code: 'job-file-expired',
        });
      const bytes = await readJobResultFile(wb.dataDir, job.id, file);
      if (!bytes)
        throw new ApiProblem({
          type: 'urn:evlab:problem:not-found',
          title: 'Not Found',
          status: 404,
          detail: `the file of job ${job.id} is missing or altered (sha256 ${file.sha256})`,
          code: 'job-file-missing',
        });
      return reply
        .type(file.mediaType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .send(Buffer.from(bytes));
    },
  );
};
