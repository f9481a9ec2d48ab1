import type { Command } from 'commander';
import type { Job } from '../../jobs/queue/job-types.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { withWorkbench } from '../workbench.ts';

export function registerJobsCommand(program: Command, app: CliApp): void {
  const jobs = program
    .command('jobs')
    .summary('background jobs: list, show and cancel')
    .description('Background jobs (state, progress, result).');
  jobs.command('list').summary('recent jobs, newest first').action(app.action(listCommand));
  jobs
    .command('show')
    .summary('one job with its result')
    .argument('<id>', 'job id')
    .action(app.action(showCommand));
  jobs
    .command('cancel')
    .summary('cancel a job: a queued one never starts, a running one stops at its next checkpoint')
    .argument('<id>', 'job id')
    .action(app.action(cancelCommand));
}

function line(job: Job): string {
  return `${job.id}  ${job.type.padEnd(22)} ${job.state.padEnd(9)} ${String(Math.round(job.progress * 100)).padStart(3)}%  attempts ${job.attempts}  ${job.message}`;
}

async function listCommand(ctx: CommandContext): Promise<number> {
  const { jobTableOf } = await import('../../jobs/queue/job-table.ts');
  const items = await withWorkbench(ctx, (wb) => jobTableOf(wb.store).list({ limit: 100 }));
  if (ctx.globals.json) ctx.out.result({ items });
  else ctx.out.print(items.length === 0 ? 'No jobs yet.' : items.map(line).join('\n'));
  return EXIT_OK;
}

async function showCommand(ctx: CommandContext, id: string): Promise<number> {
  const { jobTableOf } = await import('../../jobs/queue/job-table.ts');
  const job = await withWorkbench(ctx, (wb) => jobTableOf(wb.store).get(id));
  if (!job) {
    ctx.out.error(`no job ${id}`);
    return EXIT_FAILURE;
  }
  if (ctx.globals.json) ctx.out.result({ job });
  else
    ctx.out.print(
      `${line(job)}\n${job.error ? `error: ${job.error}\n` : ''}${JSON.stringify(job.result, null, 2)}`,
    );
  return EXIT_OK;
}

/**
 * Cancels a job as the acting user (audited): queued → cancelled now; running → a cancel request its worker
 * reads at the next progress checkpoint (the job then ends cancelled; `evlab jobs show ID` tells). Exit 1 for
 * an unknown or finished job. On PostgreSQL the pg-boss delivery of a cancelled queued job is skipped by the
 * worker that receives it (the jobs row is the record).
 */
async function cancelCommand(ctx: CommandContext, id: string): Promise<number> {
  const { jobTableOf } = await import('../../jobs/queue/job-table.ts');
  const { JobNotCancellableError } = await import('../../jobs/queue/job-types.ts');
  const job = await withWorkbench(ctx, async (wb) => {
    try {
      return await jobTableOf(wb.store).requestCancel(id, ctx.globals.user);
    } catch (error) {
      if (error instanceof JobNotCancellableError) throw new CliError(error.message, 'job-finished');
      throw error;
    }
  });
  if (!job) throw new CliError(`no job ${id}`, 'not-found');
  if (ctx.globals.json) ctx.out.result({ job });
  else
    ctx.out.print(
      job.state === 'cancelled'
        ? `cancelled ${job.id} (${job.type}); it never started`
        : `asked ${job.id} (${job.type}) to stop: it ends cancelled at its next progress checkpoint`,
    );
  return EXIT_OK;
}
