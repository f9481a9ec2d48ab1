import type { Command } from 'commander';
import { fcsChannelValues } from '../../formats/fcs/fcs-channel-values.ts';
import { markerPositivity } from '../../science/flow/ev-controls.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { isFcsFileError, loadFcsFile, reportFcsFileError } from './fcs.ts';
import { registerFlowAnalyseCommand } from './flow-analyse.ts';

interface ControlsOptions {
  marker: string;
  channel: string;
  sample: string;
  isotype?: string;
  unstained?: string;
  percentile?: string;
}

/** `evlab flow controls`: % positive for one marker net of its isotype or unstained control (FCS files). */
export function registerFlowControlsCommand(program: Command, app: CliApp): void {
  const flow = program
    .command('flow')
    .summary('EV flow cytometry analyses on FCS files (no database needed)');
  flow
    .command('controls')
    .summary('% positive for a marker net of its isotype/unstained control')
    .description(
      'Threshold = the control’s --percentile (default 99.5) of the channel’s scaled values; % positive of the ' +
        'sample minus that of the control (MIFlowCyt-EV, Welsh et al. 2020). With --json: {marker, threshold, ' +
        'thresholdFrom, percentile, samplePercentPositive, controlPercentPositive, netPercentPositive}.',
    )
    .requiredOption('--marker <name>', 'marker name, e.g. CD63')
    .requiredOption('--channel <name>', 'channel $PnN name or $PnS label')
    .requiredOption('--sample <file>', 'stained sample FCS file')
    .option('--isotype <file>', 'isotype control FCS file')
    .option('--unstained <file>', 'unstained control FCS file')
    .option('--percentile <p>', 'control percentile for the threshold (0–100)', '99.5')
    .action(app.action<[]>(controlsCommand));
  registerFlowAnalyseCommand(flow, app);
}

async function controlsCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<ControlsOptions>();
  const p = Number(o.percentile);
  if (!(p > 0 && p < 100))
    throw new CliError(`--percentile "${o.percentile}": must be in (0, 100)`, 'bad-option', EXIT_USAGE);
  if (!o.isotype && !o.unstained)
    throw new CliError(
      'give --isotype or --unstained (the control that sets the threshold)',
      'bad-option',
      EXIT_USAGE,
    );
  const values = async (file: string | undefined) => {
    if (!file) return undefined;
    const fcs = await loadFcsFile(ctx, file);
    if (isFcsFileError(fcs)) return fcs;
    const d = fcs.datasets[0];
    const v = d ? fcsChannelValues(d, o.channel) : null;
    if (!v) throw new CliError(`${file}: no channel "${o.channel}"`, 'bad-channel', EXIT_USAGE);
    return v;
  };
  const sample = await values(o.sample);
  const isotype = await values(o.isotype);
  const unstained = await values(o.unstained);
  for (const x of [sample, isotype, unstained]) {
    if (x && !(x instanceof Float64Array)) return reportFcsFileError(ctx, x);
  }
  const r = markerPositivity({
    marker: o.marker,
    sample: sample as Float64Array,
    isotype: isotype as Float64Array | undefined,
    unstained: unstained as Float64Array | undefined,
    percentileCut: p,
  });
  if (ctx.globals.json) ctx.out.result(r);
  else
    ctx.out.print(
      `${r.marker}: ${r.netPercentPositive.toFixed(2)} % positive net of ${r.thresholdFrom} ` +
        `(sample ${r.samplePercentPositive.toFixed(2)} %, control ${r.controlPercentPositive.toFixed(2)} %, threshold ${r.threshold.toPrecision(6)})`,
    );
  return EXIT_OK;
}
