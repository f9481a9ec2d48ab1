import type { Command } from 'commander';
import type { MeasurementSummary } from '../../domain/measurement.ts';
import { type CommandContext, describeDatabase, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { plural, renderTable } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

export function registerDemoCommand(program: Command, app: CliApp): void {
  program
    .command('demo')
    .summary('seed the demo project (idempotent)')
    .description(
      'Creates the demo project: an umbilical-cord MSC source and three EV batches, each with a synthetic NanoSight NTA export imported through the real reader. Running it again changes nothing and lists what is there.\n' +
        'With --json: { created, project, source, batches, measurements } (measurements without their parsed record and metrics).',
    )
    .action(app.action(demoCommand));
}

async function demoCommand(ctx: CommandContext): Promise<number> {
  const { database } = await describeDatabase(ctx.globals);
  ctx.out.info(`Seeding the demo project in ${database}…`);
  const demo = await withWorkbench(ctx, async (wb) => {
    const { seedDemo } = await import('../../jobs/seed-demo.ts');
    return seedDemo(wb, { actor: ctx.globals.user });
  });
  // Measurements without `parsed`/`metrics`: those are the full reader output, far too long for a summary.
  const measurements: MeasurementSummary[] = demo.measurements.map(
    ({ parsed: _p, metrics: _m, ...summary }) => summary,
  );

  if (ctx.globals.json) {
    ctx.out.result({
      created: demo.created,
      project: demo.project,
      source: demo.source,
      batches: demo.batches,
      measurements,
    });
    return EXIT_OK;
  }
  ctx.out.print(
    demo.created
      ? `Created the demo project "${demo.project.name}" (${demo.project.id})`
      : `The demo project "${demo.project.name}" (${demo.project.id}) already exists: nothing changed.`,
  );
  if (demo.source) {
    const passage = demo.source.passage !== null ? `, passage ${demo.source.passage}` : '';
    ctx.out.print(
      `  MSC source  ${demo.source.donorCode} (${demo.source.tissue}${passage}, ${demo.source.cultureFormat})`,
    );
  }
  const rows = demo.batches.map((batch) => {
    const own = measurements.filter((m) => m.batchId === batch.id);
    const parsed = own.filter((m) => m.status === 'parsed').length;
    return [batch.code, batch.status, batch.id, `${plural(own.length, 'measurement')} (${parsed} parsed)`];
  });
  ctx.out.print(renderTable(['batch', 'status', 'id', 'NTA'], rows, { indent: '  ' }));
  ctx.out.info(
    `${plural(demo.batches.length, 'batch', 'batches')}, ${plural(measurements.length, 'measurement')}. ` +
      'Open them with `evlab serve`.',
  );
  return EXIT_OK;
}
