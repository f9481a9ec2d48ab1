/**
 * Retention of job result files (issue 10, scale-out): the files jobs produce under
 * `<dataDir>/jobs/results/<jobId>/` (PDF reports) are removed once their job finished longer ago than the
 * retention period; the jobs row stays and records `fileExpiredAt`, so GET /api/jobs/:id/file answers
 * 410 Gone saying the file expired, and each removal is an audit event (entity `job`, action `delete`).
 *
 * Why removing them is safe: a job's file is a rendering of records the store keeps (the CoA and batch report
 * are re-rendered from the batch's records on request; release signatures bind to the record's content
 * hash, src/jobs/qc/record-hash.ts, not to a PDF), so the retained GMP record is the database plus the raw
 * blobs, never these copies. Job inputs (`jobs/inputs/<sha256>`) are not touched here.
 *
 * Sweeps run when the queue opens (server start, `evlab worker`) and then every JOB_FILE_SWEEP_INTERVAL_MS.
 * Several workers may sweep at once: removal is idempotent and the row update is conditional, so each
 * expiry is recorded once. A file is removed before its row is marked: a crash in between leaves a row the
 * next sweep marks (never a row that says "expired" over a file still on disk).
 */
import type { Workbench } from '../workbench.ts';
import { jobResultFile, removeJobResultFiles } from './job-files.ts';
import { jobTableOf } from './job-table.ts';

/**
 * Default retention of job result files: 30 days — GitLab CI's instance-wide default expiry of job
 * artifacts (the same kind of thing: regenerable outputs of background jobs kept for download), documented
 * at https://docs.gitlab.com/ee/ci/yaml/#artifactsexpire_in ("defaults to the instance wide setting",
 * 30 days by default on self-managed instances). Long enough for a report to be downloaded and filed in the
 * lab's document system; a lab that wants longer sets EVLAB_JOB_FILE_RETENTION_DAYS.
 */
export const DEFAULT_JOB_FILE_RETENTION_DAYS = 30;
/** Environment variable with the retention in days (a positive number; `0` or `off` keeps files forever). */
export const JOB_FILE_RETENTION_ENV = 'EVLAB_JOB_FILE_RETENTION_DAYS';
/**
 * Sweep period: hourly, like GitLab's artifact expiry worker (docs.gitlab.com, "the job that deletes old
 * artifacts is run on an hourly basis"); an hour late is under 0.2 % of the 30-day period.
 */
export const JOB_FILE_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** Actor recorded for removals (no person asked for them). */
export const RETENTION_ACTOR = 'system:job-file-retention';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The retention in days from `EVLAB_JOB_FILE_RETENTION_DAYS` (null = keep forever); the default when the
 * variable is unset. An unreadable value throws (a typo must not silently delete files, or keep them).
 */
export function jobFileRetentionDays(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env[JOB_FILE_RETENTION_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_JOB_FILE_RETENTION_DAYS;
  if (raw === '0' || raw.toLowerCase() === 'off') return null;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0)
    throw new Error(
      `${JOB_FILE_RETENTION_ENV}=${raw}: give a positive number of days, or 0/off to keep job files`,
    );
  return days;
}

export interface JobFileSweep {
  /** Job ids whose file was removed and marked expired by this sweep. */
  expired: string[];
  retentionDays: number;
  cutoff: string;
}

/** Removes the result files of completed jobs that finished before now − retentionDays (audited). */
export async function expireJobFiles(
  wb: Workbench,
  options: { retentionDays: number; now?: Date; actor?: string },
): Promise<JobFileSweep> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const table = jobTableOf(wb.store);
  const expired: string[] = [];
  for (;;) {
    const jobs = await table.withFilesFinishedBefore(cutoff, 200);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      const file = jobResultFile(job.result);
      await removeJobResultFiles(wb.dataDir, job.id);
      const reason = `retention period of ${options.retentionDays} days passed (${JOB_FILE_RETENTION_ENV}); removed ${file?.fileName ?? 'the result file'}`;
      if (await table.markFileExpired(job.id, options.actor ?? RETENTION_ACTOR, reason)) expired.push(job.id);
    }
    if (jobs.length < 200) break;
  }
  return { expired, retentionDays: options.retentionDays, cutoff: cutoff.toISOString() };
}

/**
 * Sweeps now and every JOB_FILE_SWEEP_INTERVAL_MS (timer unref'd); returns the function that stops it.
 * Nothing runs when retention is off. Failures are reported on stderr and retried at the next period.
 */
export function startJobFileRetention(
  wb: Workbench,
  retentionDays: number | null = jobFileRetentionDays(),
  intervalMs = JOB_FILE_SWEEP_INTERVAL_MS,
): () => void {
  if (retentionDays === null) return () => undefined;
  const sweep = () =>
    expireJobFiles(wb, { retentionDays }).catch((error: Error) =>
      process.stderr.write(`[evlab jobs] job file retention: ${error.message}\n`),
    );
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
