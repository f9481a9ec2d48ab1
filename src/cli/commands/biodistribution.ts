import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { citationLabel } from '../../domain/citation.ts';
import { EV_LABELS, type EvLabel } from '../../domain/ev-label.ts';
import { BIODISTRIBUTION_UNITS, type BiodistributionUnit, PK_SPECIES } from '../../domain/pk-study.ts';
import type {
  BiodistributionReport,
  OrganSummary,
} from '../../science/pk/biodistribution/analyse-biodistribution.ts';
import type { ExposureMetrics } from '../../science/pk/biodistribution/organ-exposure.ts';
import { type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatScientific, renderTable } from '../output.ts';

function parsePositive(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`"${value}" is not a number greater than 0`);
  }
  return n;
}

/** --organ-mass liver=1.21 (grams), repeatable. */
function collectMass(value: string, previous: Record<string, number>): Record<string, number> {
  const m = value.match(/^([^=]+)=(.+)$/);
  const grams = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isFinite(grams) || grams <= 0) {
    throw new InvalidArgumentError(`"${value}" is not ORGAN=GRAMS, e.g. liver=1.21`);
  }
  return { ...previous, [(m[1] as string).trim()]: grams };
}

interface BiodistributionOptions {
  label?: EvLabel;
  decayCorrect: boolean;
  halfLifeH?: number;
  species: string;
  bodyWeightKg?: number;
  organMass: Record<string, number>;
  unit?: BiodistributionUnit;
}

export function registerBiodistributionCommand(program: Command, app: CliApp): void {
  program
    .command('biodistribution')
    .summary(
      'organ-level biodistribution: AUC, Cmax/Tmax, tissue:blood, dose fractions, label caveats (no database needed)',
    )
    .description(
      'Reads an organ table (CSV/TSV; long: organ,time_h,value[,unit,animal,count_time_h,organ_mass_g]; or wide: ' +
        'organ then one column per time such as "1 h","24 h") and reports per organ the AUC (linear trapezoid), ' +
        'Cmax/Tmax, tissue:blood ratios, the percent of the dose in liver, spleen, lung, kidney and brain over time, ' +
        'and the caveats of the label. %ID/g ↔ %ID uses measured organ masses, --organ-mass, or reference masses ' +
        '(Brown et al. 1997) scaled to the body weight.\n' +
        '--decay-correct multiplies each value by 2^(t/T½) (ENSDF half-life of --label); leave it off for %ID ' +
        'computed against a dose standard counted with the tissues (already decay-corrected).',
    )
    .argument('<file>', 'biodistribution table (.csv or .tsv)')
    .addOption(new Option('--label <label>', 'EV label').choices(Object.keys(EV_LABELS)))
    .option('--decay-correct', 'correct radioactive decay back to the dosing time', false)
    .option('--half-life-h <h>', 'half-life override, hours', parsePositive)
    .addOption(
      new Option('--species <species>', 'species for reference organ masses')
        .choices(PK_SPECIES)
        .default('mouse'),
    )
    .option(
      '--body-weight-kg <kg>',
      'body weight (default: FDA 2005 reference weight of the species)',
      parsePositive,
    )
    .option('--organ-mass <organ=grams>', 'organ mass override, repeatable', collectMass, {})
    .addOption(new Option('--unit <unit>', 'unit when the table names none').choices(BIODISTRIBUTION_UNITS))
    .action(app.action<[string]>(biodistributionCommand));
}

async function biodistributionCommand(ctx: CommandContext, file: string): Promise<number> {
  const o = ctx.command.opts<BiodistributionOptions>();
  if (o.halfLifeH !== undefined && !o.decayCorrect) {
    throw new CliError('--half-life-h applies with --decay-correct only', 'invalid-option', EXIT_USAGE);
  }
  const [{ readBiodistributionCsv }, { analyseBiodistribution, BiodistributionInputError }] =
    await Promise.all([
      import('../../formats/biodistribution-csv/read-biodistribution-csv.ts'),
      import('../../science/pk/biodistribution/analyse-biodistribution.ts'),
    ]);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(ctx.io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message}`,
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      EXIT_FAILURE,
    );
  }
  // A FormatError (file, line, reason) propagates: exit 1 with the line.
  const table = readBiodistributionCsv(bytes, file, { defaultUnit: o.unit ?? null });
  let report: BiodistributionReport;
  try {
    report = analyseBiodistribution(table.rows, {
      label: o.label ?? null,
      decayCorrect: o.decayCorrect,
      halfLifeH: o.halfLifeH ?? null,
      species: o.species,
      bodyWeightKg: o.bodyWeightKg ?? null,
      organMassesG: o.organMass,
    });
  } catch (error) {
    if (error instanceof BiodistributionInputError) {
      const line = error.rowIndex !== null ? table.lines[error.rowIndex] : undefined;
      const message = error.message.replace(/^row \d+: /, '');
      if (line === undefined) throw new CliError(message, 'invalid-input', EXIT_USAGE);
      throw new CliError(`${file}, line ${line}: ${message}`, 'invalid-biodistribution', EXIT_FAILURE);
    }
    throw error;
  }
  if (ctx.globals.json) {
    ctx.out.result({ file, ...report });
    return EXIT_OK;
  }
  ctx.out.print(renderBiodistributionReport(file, report));
  return EXIT_OK;
}

function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 0.01 || abs >= 1e5)
    ? formatScientific(value, { significant: 3 })
    : String(Number(value.toPrecision(4)));
}

function metricCells(m: ExposureMetrics | null): string[] {
  return [num(m?.auc), num(m?.cmax), m?.tmaxH === null || m?.tmaxH === undefined ? '–' : num(m.tmaxH)];
}

/** Human report: header, per-organ table, dose fractions over time, caveats and warnings. */
export function renderBiodistributionReport(file: string, r: BiodistributionReport): string {
  const lines: string[] = [file];
  const facts = [
    r.label ? `label ${r.label} (${r.modality})` : 'label not given',
    `${r.rowCount} rows`,
    `times ${r.timesH.map(num).join(', ')} h`,
    r.decayCorrection.applied
      ? `decay-corrected (T½ ${num(r.decayCorrection.halfLifeH)} h)`
      : 'not decay-corrected',
    r.bodyWeightKg !== null
      ? `${r.species}, ${r.bodyWeightKg} kg${r.bodyWeightSource === 'reference' ? ' (reference)' : ''}`
      : r.species,
  ];
  lines.push(`  ${facts.join(' · ')}`, '');
  const relative = r.unitKind === 'relative';
  const header = relative
    ? ['organ', `AUC ${r.signalUnit}·h`, 'Cmax', 'Tmax h', 'T:B AUC']
    : ['organ', 'mass g', 'AUC %ID/g·h', 'Cmax %ID/g', 'Tmax h', 'AUC %ID·h', 'Cmax %ID', 'T:B AUC'];
  const rows = r.organs.map((o: OrganSummary) =>
    relative
      ? [o.name, ...metricCells(o.signal), num(o.tissueToBloodAucRatio)]
      : [
          o.name,
          o.massG === null
            ? o.points.some((p) => p.percentId && p.percentIdPerG)
              ? 'measured'
              : '–'
            : num(o.massG),
          ...metricCells(o.concentration),
          num(o.amount?.auc),
          num(o.amount?.cmax),
          num(o.tissueToBloodAucRatio),
        ],
  );
  lines.push(
    renderTable(header, rows, { align: header.map((_, i) => (i === 0 ? 'left' : 'right')), indent: '  ' }),
  );

  const focus = r.fractions.focusOrgans;
  lines.push(
    '',
    `  ${r.fractions.basis === 'percent-of-dose' ? '% of injected dose' : '% of measured signal'} over time:`,
  );
  lines.push(
    renderTable(
      ['time h', ...focus, 'other', 'total'],
      r.fractions.rows.map((row) => [
        num(row.timeH),
        ...focus.map((k) => num(row.byOrgan[k] ?? null)),
        num(row.otherMeasured),
        num(row.totalMeasured),
      ]),
      { align: ['right', ...focus.map(() => 'right' as const), 'right', 'right'], indent: '  ' },
    ),
  );
  if (r.warnings.length > 0) {
    lines.push('', '  warnings:');
    for (const w of r.warnings) lines.push(`    ${w.code}: ${w.message}`);
  }
  lines.push('', '  label caveats:');
  for (const f of r.flags) {
    const cites = f.citations.map(citationLabel).join('; ');
    lines.push(
      `    ${f.level.padEnd(7)} ${f.code}: ${f.message}${f.evidence ? ` — ${f.evidence}` : ''}${cites ? ` [${cites}]` : ''}`,
    );
  }
  if (!relative)
    lines.push(
      '',
      `  reference organ masses: ${citationLabel(r.referenceMasses)} (${r.referenceMasses.journal})`,
    );
  return lines.join('\n');
}
