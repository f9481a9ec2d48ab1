import type { Command } from 'commander';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import type { CliApp } from '../main.ts';
import { withWorkbench } from '../workbench.ts';

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`--concurrency must be an integer 1–64, got "${value}"`);
  return n;
}

export function registerWorkerCommand(program: Command, app: CliApp): void {
  program
    .command('worker')
    .summary('run background jobs from the PostgreSQL queue until SIGTERM')
    .description(
      'Runs queued jobs (PK fits, CT.gov imports, …) from the pg-boss queue of the PostgreSQL database in --db / EVLAB_DB. Start as many as you like; each job runs once, and the job of a killed worker is retried by another. On SQLite, `evlab serve` runs jobs itself.',
    )
    .option('--concurrency <n>', 'jobs run at once in this process (default 1)', parseConcurrency)
    .action(app.action(workerCommand));
}

async function workerCommand(ctx: CommandContext): Promise<number> {
  const { concurrency = 1 } = ctx.command.opts<{ concurrency?: number }>();
  const url = ctx.globals.db ?? '';
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    ctx.out.error(
      'evlab worker needs a PostgreSQL database (--db postgres://… or EVLAB_DB); on SQLite `evlab serve` runs jobs itself.',
    );
    return EXIT_USAGE;
  }
  const { registerBuiltInJobHandlers } = await import('../../jobs/queue/job-handlers.ts');
  const { registerReportJobHandlers } = await import('../../report/report-job-handlers.ts');
  const { cleanJobTempFiles } = await import('../../jobs/queue/job-files.ts');
  const { PgBossJobQueue } = await import('../../jobs/queue/pg-boss-job-queue.ts');
  const { jobFileRetentionDays, startJobFileRetention } = await import('../../jobs/queue/job-retention.ts');
  registerBuiltInJobHandlers();
  registerReportJobHandlers();
  return withWorkbench(ctx, async (wb) => {
    const env = ctx.io.env;
    const maintenance = Number(env.EVLAB_PGBOSS_MAINTENANCE_SECONDS);
    await cleanJobTempFiles(wb.dataDir).catch(() => []);
    const queue = await PgBossJobQueue.open(wb, {
      url,
      bossSchema: env.EVLAB_PGBOSS_SCHEMA || undefined,
      maintenanceIntervalSeconds: Number.isInteger(maintenance) && maintenance >= 1 ? maintenance : undefined,
      pollingIntervalSeconds: 0.5,
    });
    // Result files of old jobs are removed now and hourly (EVLAB_JOB_FILE_RETENTION_DAYS, job-retention.ts).
    const stopRetention = startJobFileRetention(wb, jobFileRetentionDays(env));
    let done = 0;
    await queue.work(concurrency, (jobId, state) => {
      done += 1;
      if (ctx.globals.json) ctx.out.result({ event: 'job', jobId, state, pid: process.pid });
      else ctx.out.info(`job ${jobId} ${state}`);
    });
    if (ctx.globals.json) ctx.out.result({ event: 'ready', pid: process.pid, concurrency });
    else
      ctx.out.info(
        `evlab worker ${process.pid} ready (concurrency ${concurrency}); SIGTERM or Ctrl-C to stop.`,
      );
    const signal = await ctx.io.waitForShutdown();
    ctx.out.info(`${signal} received: finishing jobs in flight…`);
    stopRetention();
    await queue.close();
    ctx.out.info(`evlab worker stopped after ${done} job(s).`);
    return EXIT_OK;
  });
}
