/**
 * Heavy routes as jobs (issue 10, scale-out). A route that can run its work as a background job answers
 * `202 Accepted` with `{ job, created }` and `Location: /api/jobs/<id>` (RFC 9110 §15.3.3) when the client
 * asks for it with `Prefer: respond-async` (RFC 7240 §4.1) or when the input is too large to handle inside
 * the request; otherwise it answers synchronously as before (small inputs; existing clients). The job
 * reports progress at GET /api/jobs/:id; a file it produced is at GET /api/jobs/:id/file.
 *
 * The queue is the one the jobs routes opened for this workbench (routes/jobs.ts registers it here), so
 * every route enqueues on the same in-process worker (SQLite) or pg-boss queue (PostgreSQL).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JobQueue } from '../jobs/queue/job-types.ts';
import type { Workbench } from '../jobs/workbench.ts';
import { ApiProblem } from './problem.ts';
import { actorOf } from './request-context.ts';

const queues = new WeakMap<Workbench, () => Promise<JobQueue>>();

export function registerRouteJobQueue(wb: Workbench, open: () => Promise<JobQueue>): void {
  queues.set(wb, open);
}

/** True when the client sent `Prefer: respond-async` (any of several Prefer headers or list items). */
export function prefersAsync(request: FastifyRequest): boolean {
  const header = request.headers.prefer;
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values.some((v) =>
    v
      .split(',')
      .map((p) => p.split(';')[0]?.trim().toLowerCase())
      .includes('respond-async'),
  );
}

/**
 * Enqueues `type` with `input` as the requesting user and answers 202 (200 when an idempotency key named
 * an existing job). `Idempotency-Key` (a request header, ≤ 200 characters) makes a retried POST return
 * the same job instead of a second one.
 */
export async function answerWithJob(
  wb: Workbench,
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  input: unknown,
): Promise<FastifyReply> {
  const open = queues.get(wb);
  let queue: JobQueue;
  try {
    if (!open) throw new Error('no job queue is registered for this server');
    queue = await open();
  } catch (error) {
    throw new ApiProblem({
      type: 'urn:evlab:problem:jobs-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: `the job queue is not available: ${(error as Error).message}`,
      code: 'jobs-unavailable',
    });
  }
  const keyHeader = request.headers['idempotency-key'];
  const key = typeof keyHeader === 'string' && keyHeader.length > 0 ? keyHeader.slice(0, 200) : null;
  const actor = actorOf(request);
  const { job, created } = await queue.enqueue(type, input, {
    // Scoped by user and type: one user's key never returns another user's job.
    idempotencyKey:
      key === null
        ? null
        : `route:${createHash('sha256')
            .update(JSON.stringify([actor, type, key]))
            .digest('hex')}`,
    actor,
  });
  return reply
    .code(created ? 202 : 200)
    .header('Location', `/api/jobs/${job.id}`)
    .send({ job, created });
}

/** The queue the routes of this workbench enqueue on (tests start pg-boss workers on it). */
export async function routeJobQueue(wb: Workbench): Promise<JobQueue | null> {
  const open = queues.get(wb);
  return open ? open() : null;
}
