import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { readDelimitedTable } from '../../formats/pk-csv/read-concentration-table.ts';
import { fitSubjects, groupSubjects } from '../../science/pk/fitting/fit-subjects.ts';
import {
  FitInputError,
  type ModelComparison,
  type ModelFitResult,
  WEIGHTING_SCHEMES,
  type WeightingScheme,
} from '../../science/pk/fitting/fit-types.ts';
import {
  DEFAULT_UNITS,
  MODEL_IDS,
  type UnitSystem,
  unitString,
} from '../../science/pk/models/model-registry.ts';
import { type SimulationResult, simulateModel } from '../../science/pk/models/simulate-model.ts';
import { repeatedDoses } from '../../science/pk/models/superposition.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, MISSING, plural, renderTable, sparkline } from '../output.ts';

/** `evlab pk fit --json` without --compare: one entry per subject. With --compare: fits and comparisons. */
export type PkFitJson = ModelFitResult[] | { fits: ModelFitResult[]; comparisons: ModelComparison[] };

interface RegimenOptions {
  dose?: string;
  doses?: string;
  tau?: string;
  duration?: string;
  bioavailability?: string;
  doseUnit?: string;
  concUnit?: string;
  timeUnit?: string;
}

interface FitOptions extends RegimenOptions {
  input: string;
  id?: string;
  time: string;
  conc: string;
  model?: string;
  lag?: boolean;
  weight: string;
  compare?: string;
}

interface SimulateOptions extends RegimenOptions {
  model: string;
  params: string;
  times?: string;
}

export function registerPkCommand(program: Command, app: CliApp): void {
  const pk = program
    .command('pk')
    .summary('compartment models: fit concentration–time data, simulate dosing regimens (no database needed)')
    .description(
      `Linear 1-, 2- and 3-compartment models (IV bolus, IV infusion, first-order absorption with optional lag), Michaelis–Menten elimination and accelerated clearance on repeat dosing.\nModels: ${MODEL_IDS.join(', ')}.`,
    );

  const regimen = (command: Command) =>
    command
      .option('--doses <n>', 'number of doses (default 1)')
      .option('--tau <h>', 'dosing interval, time units (needed with --doses > 1)')
      .option('--duration <h>', 'infusion duration, time units (infusion models)')
      .option('--bioavailability <F>', 'absorbed fraction F for first-order input, 0 < F ≤ 1 (default 1)')
      .option('--dose-unit <unit>', 'dose amount unit', DEFAULT_UNITS.amount)
      .option('--conc-unit <unit>', 'concentration unit', DEFAULT_UNITS.concentration)
      .option('--time-unit <unit>', 'time unit', DEFAULT_UNITS.time);

  regimen(
    pk
      .command('fit')
      .summary('fit a compartment model to concentration–time data by weighted least squares')
      .description(
        'Reads a CSV file (one row per sample), fits the model to each subject by Levenberg–Marquardt from curve-stripping estimates and prints parameters with SE, %RSE and 95 % CI, derived quantities, AIC/BIC and residuals.\n' +
          'With --json: an array with one result per subject; with --compare: { fits, comparisons }.',
      )
      .requiredOption('--input <file>', 'CSV file with a header row')
      .option('--id <column>', 'subject id column (default: all rows are one subject)')
      .option('--time <column>', 'time column', 'time')
      .option('--conc <column>', 'concentration column', 'conc')
      .requiredOption('--dose <amount>', 'amount per dose (same for every subject)')
      .option('--model <name>', `model to fit (${MODEL_IDS.slice(0, 9).join(', ')}, …)`)
      .option('--lag', 'estimate an absorption lag time (first-order models)')
      .addOption(new Option('--weight <scheme>', 'weighting').choices([...WEIGHTING_SCHEMES]).default('1'))
      .option('--compare <models>', 'comma-separated models to fit and compare side by side (AIC, BIC)'),
  ).action(app.action<[]>(fitCommand));

  regimen(
    pk
      .command('simulate')
      .summary('simulate concentrations of a dosing regimen')
      .description(
        'Prints { times, conc } with --json (plus the model, parameters, doses and derived quantities).',
      )
      .requiredOption('--model <name>', 'model id')
      .requiredOption('--params <list>', 'parameter values, e.g. k10=0.5,V1=2 (add tlag=… for a lag time)')
      .requiredOption('--dose <amount>', 'amount per dose')
      .option('--times <spec>', 'output times: start:step:end (e.g. 0:0.5:48) or a comma list'),
  ).action(app.action<[]>(simulateCommand));
}

// ---------- argument parsing ----------

function usage(message: string, code = 'invalid-argument'): CliError {
  return new CliError(message, code, EXIT_USAGE);
}

function number(
  value: string | undefined,
  flag: string,
  check: (x: number) => boolean,
  what: string,
): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !check(x))
    throw usage(`${flag} must be ${what}, got "${value}"`);
  return x;
}

function unitsOf(opts: RegimenOptions): UnitSystem {
  return {
    amount: opts.doseUnit ?? DEFAULT_UNITS.amount,
    concentration: opts.concUnit ?? DEFAULT_UNITS.concentration,
    time: opts.timeUnit ?? DEFAULT_UNITS.time,
  };
}

function regimenOf(opts: RegimenOptions) {
  const dose = number(opts.dose, '--dose', (x) => x > 0, 'a positive number') ?? Number.NaN;
  const count =
    number(opts.doses, '--doses', (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1') ?? 1;
  const tau = number(opts.tau, '--tau', (x) => x > 0, 'a positive number');
  if (count > 1 && tau === undefined) throw usage('--tau is needed with --doses > 1');
  const duration = number(opts.duration, '--duration', (x) => x > 0, 'a positive number');
  const bioavailability = number(
    opts.bioavailability,
    '--bioavailability',
    (x) => x > 0 && x <= 1,
    'in (0, 1]',
  );
  return { dose, count, tau, duration, bioavailability };
}

function checkModel(id: string): string {
  const model = id.trim().toLowerCase();
  if (!MODEL_IDS.includes(model))
    throw usage(`unknown model "${id}"; valid models: ${MODEL_IDS.join(', ')}`, 'unknown-model');
  return model;
}

/** `k10=0.5,V1=2` → { k10: 0.5, V1: 2 }. */
export function parseParameterList(text: string): Record<string, number> {
  const params: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(part);
    if (!match) throw usage(`--params: expected name=value, got "${part}"`);
    const [, name = '', raw = ''] = match;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw usage(`--params: ${name} must be a number, got "${raw}"`);
    params[name] = value;
  }
  return params;
}

/** `0:0.5:48` (start:step:end, inclusive) or `0,1,2,4`. */
export function parseTimeSpec(text: string): number[] {
  const range = /^\s*([^:]+):([^:]+):([^:]+)\s*$/.exec(text);
  if (range) {
    const [start, step, end] = [range[1], range[2], range[3]].map(Number) as [number, number, number];
    if (![start, step, end].every(Number.isFinite) || !(step > 0) || end < start)
      throw usage(`--times: start:step:end needs numbers with step > 0 and end ≥ start, got "${text}"`);
    const count = Math.floor((end - start) / step + 1e-9) + 1;
    if (count > 100_000) throw usage(`--times: ${count} points is too many (at most 100000)`);
    return Array.from({ length: count }, (_, i) => Number((start + i * step).toPrecision(12)));
  }
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (list.length === 0 || !list.every(Number.isFinite))
    throw usage(`--times: expected start:step:end or a comma list, got "${text}"`);
  return list;
}

const MISSING_CELLS = new Set(['', 'na', 'nan', '.', 'blq', 'bql', '<lloq', 'null']);

/**
 * Reads (id, time, conc) rows from a CSV/TSV with a header, naming the file and line of every problem. The
 * table is split by the shared concentration-table reader (formats/pk-csv), so quoting, BOM, delimiter
 * detection and source line numbers are the same as for `evlab nca`; a missing or BLQ concentration skips
 * the sample (a fit has no BLQ handling).
 */
export function readConcentrationCsv(
  text: string,
  file: string,
  columns: { id?: string; time: string; conc: string },
): { rows: { id: string; timeH: number; conc: number }[]; skipped: number } {
  const table = readDelimitedTable(text, file);
  const find = (name: string, flag: string) => {
    const index = table.columns.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (index < 0)
      throw usage(
        `${file}: no column "${name}" (${flag}); columns are ${table.columns.map((h) => `"${h}"`).join(', ')}`,
        'missing-column',
      );
    return index;
  };
  const idIndex = columns.id !== undefined ? find(columns.id, '--id') : -1;
  const timeIndex = find(columns.time, '--time');
  const concIndex = find(columns.conc, '--conc');
  const rows: { id: string; timeH: number; conc: number }[] = [];
  let skipped = 0;
  for (const { line, cells } of table.rows) {
    const timeCell = cells[timeIndex] ?? '';
    const concCell = cells[concIndex] ?? '';
    if (MISSING_CELLS.has(concCell.toLowerCase())) {
      skipped++;
      continue;
    }
    const timeH = Number(timeCell);
    const conc = Number(concCell);
    if (timeCell === '' || !Number.isFinite(timeH))
      throw new CliError(`${file} line ${line}: time "${timeCell}" is not a number`, 'invalid-csv');
    if (!Number.isFinite(conc))
      throw new CliError(`${file} line ${line}: concentration "${concCell}" is not a number`, 'invalid-csv');
    rows.push({ id: idIndex >= 0 ? (cells[idIndex] ?? '') : '1', timeH, conc });
  }
  if (rows.length === 0) throw new CliError(`${file}: no concentration rows`, 'invalid-csv');
  return { rows, skipped };
}

// ---------- pk fit ----------

async function fitCommand(ctx: CommandContext): Promise<number> {
  const opts = ctx.command.opts<FitOptions>();
  if (!opts.model && !opts.compare) throw usage('give --model NAME or --compare NAME,NAME');
  const models = (opts.compare ? opts.compare.split(',') : [opts.model ?? ''])
    .map((m) => m.trim())
    .filter(Boolean)
    .map(checkModel);
  if (opts.model && opts.compare && !models.includes(checkModel(opts.model)))
    models.unshift(checkModel(opts.model));
  const reg = regimenOf(opts);
  const weighting = opts.weight as WeightingScheme;
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, opts.input), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${opts.input}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      code === 'ENOENT' ? 'not-found' : 'unreadable',
    );
  }
  const { rows, skipped } = readConcentrationCsv(text, opts.input, {
    ...(opts.id !== undefined ? { id: opts.id } : {}),
    time: opts.time,
    conc: opts.conc,
  });
  if (skipped > 0) ctx.out.info(`${plural(skipped, 'row')} with a missing or BLQ concentration skipped`);
  const units = unitsOf(opts);
  let result: ReturnType<typeof fitSubjects>;
  try {
    result = fitSubjects({
      subjects: groupSubjects(rows),
      models,
      doses: repeatedDoses(reg.dose, reg.count, reg.tau ?? 0, reg.duration),
      weighting,
      options: {
        lag: opts.lag === true,
        ...(reg.bioavailability !== undefined ? { bioavailability: reg.bioavailability } : {}),
      },
      units,
    });
  } catch (error) {
    if (error instanceof FitInputError || error instanceof RangeError)
      throw usage(error.message, error instanceof FitInputError ? error.code : 'invalid-argument');
    throw error;
  }
  if (ctx.globals.json) {
    ctx.out.result(opts.compare ? result : result.fits);
    return EXIT_OK;
  }
  let first = true;
  for (const fit of result.fits) {
    if (!first) ctx.out.print('');
    first = false;
    ctx.out.print(renderFit(fit, units));
  }
  for (const comparison of result.comparisons) {
    ctx.out.print('');
    ctx.out.print(renderComparison(comparison));
  }
  return EXIT_OK;
}

/** Significant-digit formatting for estimates of any magnitude. */
export function formatValue(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

export function renderFit(fit: ModelFitResult, units: UnitSystem = DEFAULT_UNITS): string {
  const lines: string[] = [];
  const status = fit.converged ? `converged in ${plural(fit.iterations, 'iteration')}` : 'NOT converged';
  lines.push(`subject ${fit.id} · ${fit.model} · weighting ${fit.objective.weighting} · ${status}`);
  lines.push(
    renderTable(
      ['parameter', 'estimate', 'SE', '%RSE', '95% CI', 'unit'],
      fit.parameters.map((p) => [
        p.name,
        formatValue(p.estimate),
        formatValue(p.se, 3),
        formatFixed(p.rsePercent, 1),
        p.ci95 ? `${formatValue(p.ci95[0], 3)} – ${formatValue(p.ci95[1], 3)}` : MISSING,
        p.unit,
      ]),
      { align: ['left', 'right', 'right', 'right', 'right', 'left'], indent: '  ' },
    ),
  );
  const derived = Object.entries(fit.derived)
    .filter(([, d]) => d.value !== null)
    .map(([name, d]) => `${name} ${formatValue(d.value)} ${d.unit === '–' ? '' : d.unit}`.trimEnd());
  if (derived.length > 0) lines.push(`  derived: ${derived.join(' · ')}`);
  const o = fit.objective;
  lines.push(
    `  WRSS ${formatValue(o.wrss)} · AIC ${formatFixed(o.aic, 2)} · BIC ${formatFixed(o.bic, 2)} · n ${o.n} · p ${o.parameterCount}`,
  );
  const observed = fit.residuals.map((r) => r.observed);
  const predicted = fit.residuals.map((r) => r.predicted);
  if (observed.length > 1) {
    lines.push(`  observed  ${sparkline(observed, 40)}`);
    lines.push(`  predicted ${sparkline(predicted, 40)}  (${units.concentration}, by sample)`);
  }
  for (const note of fit.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/** "k12 (%RSE 2.3×10⁶), V1 (no SE)": why a model is not ranked. */
export function undeterminedText(params: readonly { name: string; rsePercent: number | null }[]): string {
  return params
    .map((p) => `${p.name} (${p.rsePercent === null ? 'no SE' : `%RSE ${formatValue(p.rsePercent)}`})`)
    .join(', ');
}

export function renderComparison(c: ModelComparison): string {
  const lines = [`subject ${c.id} · model comparison (weighting ${c.weighting})`];
  lines.push(
    renderTable(
      ['model', 'p', 'WRSS', 'AIC', 'ΔAIC', 'BIC', 'ΔBIC', 'Akaike weight', ''],
      c.rows.map((r) => [
        r.model,
        String(r.parameterCount),
        formatValue(r.wrss),
        formatFixed(r.aic, 2),
        formatFixed(r.deltaAic, 2),
        formatFixed(r.bic, 2),
        formatFixed(r.deltaBic, 2),
        formatFixed(r.akaikeWeight, 3),
        `${r.best ? 'best' : ''}${r.converged ? '' : ' not converged'}${r.identifiable ? '' : ` not ranked: ${undeterminedText(r.undeterminedParameters)}`}`.trim(),
      ]),
      {
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
        indent: '  ',
      },
    ),
  );
  for (const note of c.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

// ---------- pk simulate ----------

async function simulateCommand(ctx: CommandContext): Promise<number> {
  const opts = ctx.command.opts<SimulateOptions>();
  const model = checkModel(opts.model);
  const reg = regimenOf(opts);
  const params = parseParameterList(opts.params);
  const times = opts.times !== undefined ? parseTimeSpec(opts.times) : undefined;
  let result: SimulationResult;
  try {
    result = simulateModel({
      model,
      params,
      dose: reg.dose,
      doses: reg.count,
      ...(reg.tau !== undefined ? { tauH: reg.tau } : {}),
      ...(reg.duration !== undefined ? { durationH: reg.duration } : {}),
      ...(reg.bioavailability !== undefined ? { bioavailability: reg.bioavailability } : {}),
      ...(times ? { timesH: times } : {}),
    });
  } catch (error) {
    if (error instanceof RangeError) throw usage(error.message);
    throw error;
  }
  if (ctx.globals.json) {
    const units = unitsOf(opts);
    ctx.out.result({
      model: result.model,
      parameters: result.parameters,
      doses: result.doses,
      times: result.times,
      conc: result.conc,
      derived: Object.fromEntries(
        result.derived.map((d) => [
          d.name,
          { value: d.value, unit: unitString(d.unitKind, units), description: d.description },
        ]),
      ),
    });
    return EXIT_OK;
  }
  ctx.out.print(renderSimulation(result, unitsOf(opts)));
  return EXIT_OK;
}

export function renderSimulation(result: SimulationResult, units: UnitSystem): string {
  const lines: string[] = [];
  const params = Object.entries(result.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  lines.push(
    `${result.model} · ${params} · ${plural(result.doses.length, 'dose')} of ${result.doses[0]?.amount} ${units.amount}`,
  );
  const n = result.times.length;
  const step = Math.max(1, Math.ceil(n / 25));
  const rows: string[][] = [];
  for (let i = 0; i < n; i += step) rows.push([formatValue(result.times[i]), formatValue(result.conc[i])]);
  if ((n - 1) % step !== 0) rows.push([formatValue(result.times[n - 1]), formatValue(result.conc[n - 1])]);
  lines.push(
    renderTable([`time ${units.time}`, `conc ${units.concentration}`], rows, {
      align: ['right', 'right'],
      indent: '  ',
    }),
  );
  lines.push(`  ${sparkline(result.conc, 60)}`);
  const derived = result.derived
    .filter((d) => d.value !== null)
    .map((d) => {
      const unit = unitString(d.unitKind, units);
      return `${d.name} ${formatValue(d.value)}${unit === '–' ? '' : ` ${unit}`}`;
    });
  if (derived.length > 0) lines.push(`  derived (first dose): ${derived.join(' · ')}`);
  return lines.join('\n');
}
