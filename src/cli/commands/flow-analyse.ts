import type { Command } from 'commander';
import type { FlowBatchAnalysis } from '../../jobs/flow-batch-analysis.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';
import { withWorkbench } from '../workbench.ts';
import { readJson } from './calibrate.ts';
import { findBatch } from './import.ts';

/**
 * `evlab flow analyse BATCH --plan PLAN.json`: the batch's flow results as metrics (the same job as
 * POST /api/batches/:id/flow/analysis), stored as QC results with the analysis record as their reference.
 */
export function registerFlowAnalyseCommand(flow: Command, app: CliApp): void {
  flow
    .command('analyse')
    .alias('analyze')
    .summary(
      'batch flow results as QC metrics: net % positive per marker, EV concentration/mL, median diameter',
    )
    .description(
      'PLAN.json is the body of POST /api/batches/:id/flow/analysis: {markers: [{marker, channel, sample, ' +
        'isotype|unstained, percentileCut?}], concentration: {sample, volumeUl?, dilution?, bufferOnly?, ' +
        'bufferVolumeUl?, detergentLysed?, detergentVolumeUl?, gate?}, diameter: {sample, channel, scatter: ' +
        '<calibrate scatter beads file>}} with measurement ids of the batch. Stores flow.<MARKER>.netPercentPositive, ' +
        'flow.evConcentrationPerMl and flow.medianDiameterNm as QC results (earlier ones superseded). With --json: ' +
        'the analysis (metrics, markers, concentration, diameter, measurements, results, recordSha256).',
    )
    .argument('<batch>', 'batch id or code')
    .requiredOption('--plan <file>', 'analysis plan (JSON)')
    .action(app.action<[string]>(analyseCommand));
}

async function analyseCommand(ctx: CommandContext, ref: string): Promise<number> {
  const { plan } = ctx.command.opts<{ plan: string }>();
  const { FlowAnalysisError, flowBatchAnalysisInputSchema, runFlowBatchAnalysis } = await import(
    '../../jobs/flow-batch-analysis.ts'
  );
  const input = await readJson(ctx, plan, flowBatchAnalysisInputSchema);
  let analysis: FlowBatchAnalysis;
  try {
    analysis = await withWorkbench(ctx, async (wb) => {
      const batch = await findBatch(wb, ref);
      return runFlowBatchAnalysis(wb, batch.id, input, ctx.globals.user);
    });
  } catch (error) {
    if (error instanceof FlowAnalysisError) {
      const where = error.path.length ? ` (${error.path.join('.')})` : '';
      throw new CliError(`${plan}${where}: ${error.message}`, 'bad-plan', EXIT_USAGE);
    }
    throw error;
  }
  if (ctx.globals.json) ctx.out.result(analysis);
  else {
    ctx.out.print(
      `Flow analysis of ${analysis.measurements.length} measurement(s), record sha256:${analysis.recordSha256.slice(0, 12)}`,
    );
    ctx.out.print(
      renderTable(
        ['metric', 'value', 'unit'],
        analysis.metrics.map((m) => [m.name, m.value.toPrecision(4), m.unit]),
        { indent: '  ', align: ['left', 'right', 'left'] },
      ),
    );
    for (const w of analysis.concentration?.warnings ?? []) ctx.out.print(`  note: ${w}`);
    if (analysis.superseded.length > 0)
      ctx.out.print(`  superseded ${analysis.superseded.length} earlier flow-analysis result(s)`);
  }
  return EXIT_OK;
}
