import type { Command } from 'commander';
import { type CommandContext, describeDatabase, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { plural } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

export function registerDbCommand(program: Command, app: CliApp): void {
  const db = program.command('db').summary('database maintenance').description('Database maintenance.');
  db.command('migrate')
    .summary('apply pending database migrations')
    .description('Creates or upgrades the database schema (idempotent) and prints the dialect and status.')
    .action(app.action(migrateCommand));
}

async function migrateCommand(ctx: CommandContext): Promise<number> {
  const { database } = await describeDatabase(ctx.globals);
  ctx.out.info(`Migrating ${database}…`);
  // openWorkbench applies pending migrations on open; migrate() again is a no-op that proves it.
  const dialect = await withWorkbench(ctx, async (wb) => {
    await wb.store.migrate();
    return wb.dialect;
  });
  const { migrations } = await import('../../store/migrations/index.ts');
  const applied = Object.keys(migrations).sort();
  const latest = applied.at(-1) ?? null;
  if (ctx.globals.json) {
    ctx.out.result({
      dialect,
      database,
      dataDir: ctx.globals.dataDir,
      status: 'up-to-date',
      migrations: applied,
      latest,
    });
  } else {
    ctx.out.print(
      `dialect     ${dialect}\ndatabase    ${database}\nstatus      up to date (${plural(applied.length, 'migration')}, latest ${latest ?? '–'})`,
    );
  }
  return EXIT_OK;
}
