/**
 * Opens the job queue that fits the workbench's database: SQLite → the in-process worker (inside the
 * server), PostgreSQL → pg-boss (the server only enqueues and reads; `evlab worker` processes run jobs).
 */
import type { Workbench } from '../workbench.ts';
import { cleanJobTempFiles } from './job-files.ts';
import { registerBuiltInJobHandlers } from './job-handlers.ts';
import type { JobQueue } from './job-types.ts';
import { LocalJobQueue, type LocalQueueOptions } from './sqlite-job-queue.ts';

export async function openJobQueue(
  wb: Workbench,
  options: { pgUrl?: string | null; bossSchema?: string; local?: LocalQueueOptions } = {},
): Promise<JobQueue> {
  registerBuiltInJobHandlers();
  // Temp files of a worker killed while writing a job's file (job-files.ts): nothing half-written stays.
  await cleanJobTempFiles(wb.dataDir).catch(() => []);
  if (wb.dialect === 'sqlite') return new LocalJobQueue(wb, options.local);
  const url = options.pgUrl ?? wb.databaseUrl ?? process.env.EVLAB_DB ?? null;
  if (!url || !/^postgres(ql)?:\/\//i.test(url))
    throw new Error('the PostgreSQL job queue needs the database URL (--db or EVLAB_DB=postgres://…)');
  const { PgBossJobQueue } = await import('./pg-boss-job-queue.ts');
  return PgBossJobQueue.open(wb, { url, bossSchema: options.bossSchema });
}
