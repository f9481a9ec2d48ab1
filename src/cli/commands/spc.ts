import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { readSpcTable } from '../../formats/spc-table/read-spc-table.ts';
import {
  CHART_TYPES,
  type ChartType,
  type ControlChart,
  SpcInputError,
} from '../../science/spc/control-chart.ts';
import { type ChartData, controlChartOf } from '../../science/spc/control-chart-of.ts';
import { processCapability } from '../../science/spc/process-capability.ts';
import { groupBySubgroup } from '../../science/spc/subgroups.ts';
import { xbarRChart } from '../../science/spc/xbar-r-chart.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

function parseNumber(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError(`"${value}" is not a number`);
  return n;
}

/** `evlab spc chart|capability`: control charts with Nelson rules and process capability (src/science/spc). */
export function registerSpcCommand(program: Command, app: CliApp): void {
  const spc = program
    .command('spc')
    .summary('statistical process control: control charts with Nelson rules, process capability')
    .description(
      'Control charts (I-MR, X̄-R, X̄-S, p, np, c, u) with the eight Nelson rules, from a CSV/TSV column or from a ' +
        "batch metric across the store's batches, and capability indices (Cp, Cpk, Cpm, Pp, Ppk).",
    );
  spc
    .command('chart')
    .summary('control chart of a column or of a batch metric')
    .description(
      'With --input: reads FILE (header row) and charts --value in file order. With --metric: charts a batch metric ' +
        '(e.g. nta.modeNm, nta.concentrationPerMl; see `evlab qc metrics`) over the batches in the store, oldest first.\n' +
        'With --json: {chart, center, sigma, lcl, ucl, mrCenter, mrUcl, points: [{index, value, rules, center, lcl, ' +
        'ucl, sigma, size, label}], dispersion}; index from 0 in file order; rules = the Nelson rules (1–8) the point ' +
        'completes. lcl/ucl are null when they vary with subgroup or sample size (each point has its own).',
    )
    .option('--input <file>', 'CSV or TSV file with a header row')
    .option('--value <column>', 'value column (counts for p, np, c, u)')
    .option('--subgroup <column>', 'subgroup column for X̄-R and X̄-S charts (replicates share a key)')
    .option('--size <column|n>', 'sample-size column, or one size for all rows (p, np, u charts)')
    .option('--label <column>', 'label column shown with each point')
    .option('--metric <name>', 'chart a batch metric across the store instead of a file')
    .option('--product <id>', 'with --metric: only batches of this project (product)')
    .addOption(new Option('--chart <type>', 'chart type').choices([...CHART_TYPES]))
    .action(app.action<[]>(chartCommand));
  spc
    .command('capability')
    .summary('process capability of a column against specification limits')
    .description(
      'Cp, Cpk, Cpm from the within σ (MR̄/d2 in file order, or R̄/d2 of subgroups with --subgroup), Pp and Ppk ' +
        'from the overall SD (n − 1). --target defaults to the mid-point of the limits.\n' +
        'With --json: {mean, sigmaWithin, sigmaOverall, cp, cpk, cpm, pp, ppk, n, lsl, usl, target}.',
    )
    .requiredOption('--input <file>', 'CSV or TSV file with a header row')
    .requiredOption('--value <column>', 'value column')
    .option('--subgroup <column>', 'subgroup column: σ within = R̄/d2 of the subgroups')
    .option('--lsl <n>', 'lower specification limit', parseNumber)
    .option('--usl <n>', 'upper specification limit', parseNumber)
    .option('--target <n>', 'target (default: mid-point of the limits)', parseNumber)
    .action(app.action<[]>(capabilityCommand));
}

interface ChartOptions {
  input?: string;
  value?: string;
  subgroup?: string;
  size?: string;
  label?: string;
  metric?: string;
  product?: string;
  chart?: ChartType;
}

async function readTable(ctx: CommandContext, file: string, columns: Parameters<typeof readSpcTable>[1]) {
  const text = await readFile(resolve(ctx.io.cwd, file), 'utf8');
  return readSpcTable(text, columns, file);
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof SpcInputError || error instanceof RangeError)
      throw new CliError(error.message, 'invalid-input');
    throw error;
  }
}

async function chartCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<ChartOptions>();
  if ((o.input === undefined) === (o.metric === undefined))
    throw new CliError('give either --input FILE --value COL or --metric NAME', 'usage', EXIT_USAGE);
  let data: ChartData;
  let title: string;
  if (o.input !== undefined) {
    if (o.value === undefined) throw new CliError('--input needs --value COL', 'usage', EXIT_USAGE);
    data = await readTable(ctx, o.input, {
      value: o.value,
      ...(o.subgroup !== undefined ? { subgroup: o.subgroup } : {}),
      ...(o.size !== undefined ? { size: o.size } : {}),
      ...(o.label !== undefined ? { label: o.label } : {}),
    });
    title = `${o.value} in ${o.input}`;
  } else {
    const { canonicalMetricName, metricAliasNotes } = await import('../../domain/qc/batch-metric.ts');
    for (const note of metricAliasNotes([o.metric as string])) ctx.out.warn(note);
    const metric = canonicalMetricName(o.metric as string);
    const { metricSeries } = await import('../../jobs/qc/metric-series.ts');
    const series = await withWorkbench(ctx, (wb) =>
      metricSeries(wb.store, metric, o.product !== undefined ? { projectId: o.product } : {}),
    );
    data = { values: series.map((s) => s.value), labels: series.map((s) => s.batchCode) };
    title = `${metric} across ${series.length} batches`;
  }
  const type: ChartType = o.chart ?? (data.subgroups ? 'xbar-r' : 'imr');
  const chart = wrap(() => controlChartOf(type, data));
  if (ctx.globals.json) ctx.out.result(chart);
  else printChart(ctx, chart, title);
  return EXIT_OK;
}

function fmt(n: number | null): string {
  return n === null ? 'varies' : Number(n.toPrecision(7)).toString();
}

function printChart(ctx: CommandContext, chart: ControlChart, title: string): void {
  ctx.out.print(`${chart.chart} chart of ${title}`);
  ctx.out.print(
    `  centre ${fmt(chart.center)}   σ ${fmt(chart.sigma)}   LCL ${fmt(chart.lcl)}   UCL ${fmt(chart.ucl)}` +
      (chart.mrCenter !== null ? `   MR̄ ${fmt(chart.mrCenter)}   MR UCL ${fmt(chart.mrUcl)}` : ''),
  );
  if (chart.dispersion && chart.dispersion.chart !== 'mr')
    ctx.out.print(
      `  ${chart.dispersion.chart.toUpperCase()} chart: centre ${fmt(chart.dispersion.center)}   UCL ${fmt(chart.dispersion.ucl)}`,
    );
  const flagged = chart.points.filter((p) => p.rules.length > 0);
  if (flagged.length === 0) ctx.out.print('  no Nelson rule fired');
  else
    ctx.out.print(
      renderTable(
        ['index', 'label', 'value', 'rules'],
        flagged.map((p) => [String(p.index), p.label ?? '', fmt(p.value), p.rules.join(', ')]),
        { indent: '  ' },
      ),
    );
}

interface CapabilityOptions {
  input: string;
  value: string;
  subgroup?: string;
  lsl?: number;
  usl?: number;
  target?: number;
}

async function capabilityCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<CapabilityOptions>();
  if (o.lsl === undefined && o.usl === undefined)
    throw new CliError('give --lsl and/or --usl', 'usage', EXIT_USAGE);
  const data = await readTable(ctx, o.input, {
    value: o.value,
    ...(o.subgroup !== undefined ? { subgroup: o.subgroup } : {}),
  });
  const result = wrap(() => {
    const sigmaWithin = data.subgroups
      ? xbarRChart(groupBySubgroup(data.values, data.subgroups)).sigma
      : undefined;
    return processCapability({
      values: data.values,
      lsl: o.lsl ?? null,
      usl: o.usl ?? null,
      target: o.target ?? null,
      ...(sigmaWithin !== undefined ? { sigmaWithin } : {}),
    });
  });
  if (ctx.globals.json) ctx.out.result(result);
  else {
    const f = (n: number | null) => (n === null ? '–' : n.toFixed(3));
    ctx.out.print(
      `Capability of ${o.value} (n = ${result.n}), limits ${result.lsl ?? '–'} – ${result.usl ?? '–'}`,
    );
    ctx.out.print(
      `  mean ${fmt(result.mean)}   σ within ${fmt(result.sigmaWithin)}   σ overall ${fmt(result.sigmaOverall)}`,
    );
    ctx.out.print(
      `  Cp ${f(result.cp)}   Cpk ${f(result.cpk)}   Cpm ${f(result.cpm)}   Pp ${f(result.pp)}   Ppk ${f(result.ppk)}`,
    );
  }
  return EXIT_OK;
}
