import type { Command } from 'commander';
import type { Job } from '../../jobs/queue/job-types.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { withWorkbench } from '../workbench.ts';

export function registerJobsCommand(program: Command, app: CliApp): void {
  const jobs = program
    .command('jobs')
    .summary('background jobs: list and show')
    .description('Background jobs (state, progress, result).');
  jobs.command('list').summary('recent jobs, newest first').action(app.action(listCommand));
  jobs
    .command('show')
    .summary('one job with its result')
    .argument('<id>', 'job id')
    .action(app.action(showCommand));
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
