/**
 * Opens the job queue that fits the workbench's database: SQLite → the in-process worker (inside the
 * server), PostgreSQL → pg-boss (the server only enqueues and reads; `evlab worker` processes run jobs).
 */
import type { Workbench } from '../workbench.ts';
import { cleanJobTempFiles } from './job-files.ts';
import { registerBuiltInJobHandlers } from './job-handlers.ts';
import { jobFileRetentionDays, startJobFileRetention } from './job-retention.ts';
import type { JobQueue } from './job-types.ts';
import { LocalJobQueue, type LocalQueueOptions } from './sqlite-job-queue.ts';

export async function openJobQueue(
  wb: Workbench,
  options: {
    pgUrl?: string | null;
    bossSchema?: string;
    local?: LocalQueueOptions;
    /** Days job result files are kept (job-retention.ts); default EVLAB_JOB_FILE_RETENTION_DAYS or 30; null = forever. */
    fileRetentionDays?: number | null;
  } = {},
): Promise<JobQueue> {
  registerBuiltInJobHandlers();
  // Temp files of a worker killed while writing a job's file (job-files.ts): nothing half-written stays.
  await cleanJobTempFiles(wb.dataDir).catch(() => []);
  const retentionDays =
    options.fileRetentionDays === undefined ? jobFileRetentionDays() : options.fileRetentionDays;
  const queue = await openDriver(wb, options);
  // Old result files are removed now and hourly while the queue is open (server and every worker).
  const stopRetention = startJobFileRetention(wb, retentionDays);
  const close = queue.close.bind(queue);
  queue.close = async () => {
    stopRetention();
    await close();
  };
  return queue;
}

async function openDriver(
  wb: Workbench,
  options: { pgUrl?: string | null; bossSchema?: string; local?: LocalQueueOptions },
): Promise<JobQueue> {
  if (wb.dialect === 'sqlite') return new LocalJobQueue(wb, options.local);
  const url = options.pgUrl ?? wb.databaseUrl ?? process.env.EVLAB_DB ?? null;
  if (!url || !/^postgres(ql)?:\/\//i.test(url))
    throw new Error('the PostgreSQL job queue needs the database URL (--db or EVLAB_DB=postgres://…)');
  const { PgBossJobQueue } = await import('./pg-boss-job-queue.ts');
  return PgBossJobQueue.open(wb, { url, bossSchema: options.bossSchema });
}
