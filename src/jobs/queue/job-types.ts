/**
 * Background jobs (issue 10, scale-out): the shape every front end reads, the queue interface both drivers
 * implement (SQLite in-process worker, PostgreSQL + pg-boss workers), and the handler registry.
 */
import type { Workbench } from '../workbench.ts';

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States a job never leaves. */
export const FINISHED_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

export interface Job {
  id: string;
  type: string;
  state: JobState;
  /** 0–1, as last reported by the handler (1 once completed). */
  progress: number;
  /** Last progress message ("fitting subject 3 of 12"), '' when none. */
  message: string;
  input: unknown;
  result: unknown;
  /** Why the last attempt failed (kept while a retry is pending); null when none. */
  error: string | null;
  /** Attempts started so far (a retry after a killed worker counts again). */
  attempts: number;
  maxAttempts: number;
  idempotencyKey: string | null;
  /** Worker that ran (or runs) the job: `<host>:<pid>:<n>`. */
  workerId: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** When someone asked this job to stop (a running job stops at its next progress checkpoint); null when not. */
  cancelRequestedAt: string | null;
  /** Who asked it to stop. */
  cancelRequestedBy: string | null;
  /** When its result file was removed after the retention period (job-retention.ts); null while kept. */
  fileExpiredAt: string | null;
}

export interface EnqueueOptions {
  /** Same key → the same job (no duplicate), whatever its state. */
  idempotencyKey?: string | null;
  actor?: string;
  /** Attempts before the job is failed for good (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

export interface JobListRequest {
  state?: JobState;
  type?: string;
  /** Only jobs enqueued by this actor (per-user scoping in the API for non-administrators). */
  createdBy?: string;
  limit?: number;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  /**
   * Records progress (clamped to 0–1) and an optional message; also serves as a heartbeat and as the
   * cancellation checkpoint: it rejects with JobCancelledError once someone cancelled the job (handlers let
   * it propagate; anything written before the checkpoint must be harmless, as for a retry).
   */
  reportProgress(progress: number, message?: string): Promise<void>;
  wb: Workbench;
  /** Who enqueued the job (recorded as the actor of anything the job writes). */
  createdBy: string;
}

export type JobHandler = (input: unknown, context: JobContext) => Promise<unknown>;

export interface JobQueue {
  readonly driver: 'sqlite-in-process' | 'pg-boss';
  /** Returns the new job, or the existing one when idempotencyKey was used before (`created` false). */
  enqueue(type: string, input: unknown, options?: EnqueueOptions): Promise<{ job: Job; created: boolean }>;
  get(id: string): Promise<Job | null>;
  list(request?: JobListRequest): Promise<Job[]>;
  /**
   * Cancels a job: a queued one is cancelled at once (it never starts), a running one is asked to stop at its
   * next progress checkpoint. Throws JobNotCancellableError for a finished job; null when there is no such job.
   */
  cancel(id: string, actor: string): Promise<Job | null>;
  close(): Promise<void>;
}

/** Attempts per job: the first run plus two retries (a killed worker, a transient store error). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Thrown by a job's progress callback once the job was cancelled: the attempt ends as `cancelled`. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
  constructor(readonly jobId: string) {
    super(`job ${jobId} was cancelled`);
  }
}

/** Cancelling a job that has already finished (completed, failed or cancelled). */
export class JobNotCancellableError extends Error {
  override readonly name = 'JobNotCancellableError';
  constructor(readonly job: Job) {
    super(`job ${job.id} is ${job.state}; only queued or running jobs can be cancelled`);
  }
}

/** A job input or type the queue refuses (unknown type, input not JSON). */
export class JobInputError extends Error {
  constructor(
    message: string,
    readonly code: 'unknown-job-type' | 'invalid-input',
  ) {
    super(message);
    this.name = 'JobInputError';
  }
}

interface Registered {
  handler: JobHandler;
  summary: string;
  /** Checks an input at enqueue time (throws a message for a 400); none = any JSON. */
  check?: (input: unknown) => void;
  /**
   * False for types only their own API route may enqueue (after its authorization and project-membership
   * checks): POST /api/jobs refuses them.
   */
  enqueueViaApi: boolean;
}

const handlers = new Map<string, Registered>();

/** Registers (or replaces) the handler of a job type. Handlers must be idempotent: a retry may rerun them. */
export function registerJobHandler(
  type: string,
  handler: JobHandler,
  meta: { summary?: string; check?: (input: unknown) => void; enqueueViaApi?: boolean } = {},
): void {
  handlers.set(type, {
    handler,
    summary: meta.summary ?? '',
    check: meta.check,
    enqueueViaApi: meta.enqueueViaApi ?? true,
  });
}

/** False for job types that only their own API route enqueues (POST /api/jobs refuses them). */
export function enqueueableViaApi(type: string): boolean {
  return handlers.get(type)?.enqueueViaApi ?? true;
}

/** Throws JobInputError when the type is unknown or its input check fails. */
export function checkJobInput(type: string, input: unknown): void {
  const entry = handlers.get(type);
  if (!entry)
    throw new JobInputError(
      `unknown job type "${type}"; known: ${[...handlers.keys()].sort().join(', ')}`,
      'unknown-job-type',
    );
  try {
    entry.check?.(input);
  } catch (error) {
    throw new JobInputError(`invalid input for ${type}: ${(error as Error).message}`, 'invalid-input');
  }
}

export function jobHandler(type: string): JobHandler | null {
  return handlers.get(type)?.handler ?? null;
}

export function jobTypes(): { type: string; summary: string; enqueueViaApi: boolean }[] {
  return [...handlers.entries()]
    .map(([type, h]) => ({ type, summary: h.summary, enqueueViaApi: h.enqueueViaApi }))
    .sort((a, b) => a.type.localeCompare(b.type));
}
