import type { Command } from 'commander';
import { Option } from 'commander';
import type { PlateFormat } from '../../formats/plate/read-plate-assay.ts';
import type { AssayReport } from '../../science/assay/analyse-plate-assay.ts';
import type { CurveModelName } from '../../science/assay/curve-model.ts';
import type { CurveWeighting } from '../../science/assay/curve-weights.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import type { CliApp } from '../main.ts';
import { formatFixed, renderTable } from '../output.ts';
import { type FileErrorEntry, isFileError, readFileEntry } from './read-file-entry.ts';

interface AssayFitOptions {
  input?: string[];
  model: CurveModelName;
  weights: CurveWeighting;
  format?: PlateFormat;
  fitTo?: 'replicates' | 'means';
}

export function registerAssayCommand(program: Command, app: CliApp): void {
  const assay = program
    .command('assay')
    .summary('protein assays and ELISA: standard curves from plate exports (no database needed)');
  assay
    .command('fit')
    .summary('fit a standard curve and back-calculate samples')
    .description(
      'Reads a plate export (long CSV type,id,concentration,response[,dilution]; a 96/384-well grid with a "Plate map"; or a SoftMax Pro text export), subtracts the blanks, fits the standard curve (linear, quadratic, or the 4PL/5PL log-logistic models in drc\'s LL.4/LL.5 parameterisation), and reports back-calculated standards, LLOQ/ULOQ (ICH M10), and each sample\'s dilution-corrected concentration with a 95 % delta-method confidence interval and flags.\n' +
        'With --json: one AssayReport object for one file, an array for several ({ file, error } for a file that could not be read; exit code 1).',
    )
    .argument('[file...]', 'plate export files (same as --input)')
    .option('--input <file...>', 'plate export file(s)')
    .addOption(
      new Option('--model <model>', 'curve model')
        .choices(['linear', 'quadratic', '4pl', '5pl'])
        .default('4pl'),
    )
    .addOption(
      new Option('--weights <w>', 'weights: 1, 1/y or 1/y2').choices(['1', '1/y', '1/y2']).default('1'),
    )
    .addOption(
      new Option('--format <format>', 'input form (detected when absent)').choices([
        'long',
        'grid',
        'softmax',
      ]),
    )
    .addOption(
      new Option(
        '--fit-to <what>',
        "fit every standard well or each level's mean (default: means for SoftMax Pro, else replicates)",
      ).choices(['replicates', 'means']),
    )
    .action(app.action<[string[]]>(assayFitCommand));
}

async function assayFitCommand(ctx: CommandContext, positional: string[]): Promise<number> {
  const opts = ctx.command.opts<AssayFitOptions>();
  const files = [...(opts.input ?? []), ...positional];
  if (files.length === 0) {
    ctx.out.error('give a plate export: evlab assay fit --input FILE --model 4pl');
    return EXIT_USAGE;
  }
  const { readPlateAssay } = await import('../../formats/plate/read-plate-assay.ts');
  const { analysePlateAssay } = await import('../../science/assay/analyse-plate-assay.ts');
  const entries: ((AssayReport & { file: string }) | FileErrorEntry)[] = [];
  for (const file of files) {
    entries.push(
      await readFileEntry(ctx, file, (bytes, name) =>
        analysePlateAssay(readPlateAssay(bytes, name, opts.format), {
          model: opts.model,
          weights: opts.weights,
          ...(opts.fitTo ? { fitTo: opts.fitTo } : {}),
        }),
      ),
    );
  }
  const failed = entries.filter(isFileError);
  if (ctx.globals.json) ctx.out.result(entries.length === 1 ? entries[0] : entries);
  else
    for (const entry of entries) {
      if (isFileError(entry)) ctx.out.error(entry.error.message);
      else ctx.out.print(renderAssayReport(entry));
    }
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '–';
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0)
    ? v.toExponential(3)
    : String(Number(v.toPrecision(digits)));
}

export function renderAssayReport(r: AssayReport & { file: string }): string {
  const unit = r.concentrationUnit ?? '';
  const lines = [`${r.file}  (${r.format}, ${r.model}, weights ${r.weights}, fit to ${r.fitTo})`];
  lines.push(
    `  ${Object.entries(r.parameters)
      .map(([k, v]) => `${k} = ${fmt(v, 6)} ± ${fmt(r.standardErrors[k] ?? null, 3)}`)
      .join('   ')}`,
  );
  lines.push(
    `  residual SE ${fmt(r.rse)} on ${r.df} df${r.blank ? ` · blank ${fmt(r.blank.meanResponse)} (${r.blank.wells} wells) subtracted` : ''}`,
  );
  lines.push(
    `  LLOQ ${fmt(r.lloq)} ${unit} · ULOQ ${fmt(r.uloq)} ${unit} · calibration ${r.calibration.accepted ? 'accepted' : 'NOT accepted'} (ICH M10)`,
  );
  lines.push('');
  lines.push(
    renderTable(
      ['standard', 'well', `nominal ${unit}`, 'response', 'back-calc', 'bias %'],
      r.standards.map((s) => [
        s.id,
        s.well ?? '',
        fmt(s.concentration),
        fmt(s.response),
        fmt(s.backCalculated),
        formatFixed(s.biasPct, 1),
      ]),
      { indent: '  ', align: ['left', 'left', 'right', 'right', 'right', 'right'] },
    ),
  );
  lines.push('');
  if (r.samples.length > 0)
    lines.push(
      renderTable(
        ['sample', 'n', 'response', 'CV %', 'dilution', `conc. ${unit}`, '95 % CI', 'flags'],
        r.samples.map((s) => [
          s.id,
          String(s.replicates),
          fmt(s.response),
          formatFixed(s.responseCvPct, 1),
          fmt(s.dilution),
          fmt(s.concentration),
          s.ciLow === null ? '–' : `${fmt(s.ciLow)}–${fmt(s.ciHigh)}`,
          s.flags.join(', '),
        ]),
        { indent: '  ', align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] },
      ),
    );
  for (const f of r.flags) lines.push(`  ${f.level}: ${f.message}`);
  return lines.join('\n');
}
