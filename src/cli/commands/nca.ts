import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatCount, MISSING, plural, renderTable } from '../output.ts';
import { startProgress } from '../progress.ts';

/**
 * `evlab nca`: non-compartmental analysis of a concentration–time CSV/TSV, one result per subject keyed by
 * CDISC PPTESTCD codes, computed like Phoenix WinNonlin (src/science/pk/nca). No database.
 */
export function registerNcaCommand(program: Command, app: CliApp): void {
  program
    .command('nca')
    .summary(
      'non-compartmental analysis of concentration–time data (WinNonlin rules, CDISC codes; no database)',
    )
    .description(
      'Reads a CSV or TSV table (header row; one sample per row) and prints, per subject, the NCA parameters keyed by ' +
        'CDISC PPTESTCD codes: Cmax, Tmax, λz (best fit: adjusted R², ties within 1e-4 → more points), AUClast, AUCall, ' +
        'AUC∞ observed/predicted, AUMC, MRT, CL(/F), Vz(/F), Vss, C0 for an IV bolus, partial AUCs and steady-state values with --tau.\n' +
        'With --json: a JSON array [{ id, parameters: { CMAX, TMAX, LAMZ, … }, notes, units, partialAucs, lambdaZPoints }]. ' +
        'A value that cannot be estimated is null and a note says why.\n' +
        'Units: without unit options the numbers are used as given (CL = Dose/AUC, as WinNonlin does). With --dose-unit and ' +
        '--conc-unit the dose is converted into the concentration amount, so CL is in <conc volume>/<time> (mL/h for ng/mL and h), ' +
        'V in mL (per kg with a dose per kg). Dose-normalised values use the dose as given.\n' +
        "Time: --time-unit is the unit of the data's time column, and every time you give (--duration, --tau, --partial, " +
        '--lambda-z-start/-end, --exclude-times) is in it. --report-time-unit (default: --time-unit) converts every ' +
        'time-dimensioned result into another unit: Tmax, Tlag, Tlast, λz range and half-life (×f), λz (×1/f), AUC (×f), ' +
        'AUMC (×f²), MRT (×f), CL (×1/f), partial-AUC bounds and λz point times, where f is data unit/report unit ' +
        '(min → h: f = 1/60); concentrations, volumes and ratios do not change. The units column/field says which unit.',
    )
    .requiredOption('--input <file>', 'CSV or TSV file with a header row')
    .option('--id <column>', 'subject column (default: guessed from the header; none = one profile)')
    .option('--time <column>', 'time column, relative to the dose (default: guessed)')
    .option(
      '--conc <column>',
      'concentration column; BLQ, <LLOQ, <0.5 mark BLQ samples, NA or empty a missing one (default: guessed)',
    )
    .option('--dose <amount>', 'dose for every subject (data units)')
    .option('--dose-col <column>', 'per-subject dose column (falls back to --dose)')
    .addOption(
      new Option('--route <route>', 'administration route')
        .choices(['extravascular', 'iv-bolus', 'iv-infusion'])
        .makeOptionMandatory(),
    )
    .option('--duration <time>', 'infusion duration, in the data time unit (required for iv-infusion)')
    .addOption(
      new Option('--auc <method>', 'AUC method: linear trapezoidal, or linear-up/log-down')
        .choices(['linear', 'linear-log'])
        .default('linear'),
    )
    .option('--lambda-z-start <time>', 'manual λz range start (with --lambda-z-end); default: best fit')
    .option('--lambda-z-end <time>', 'manual λz range end')
    .option(
      '--exclude-times <list>',
      'times left out of the λz regression: "24,36" for all subjects, "3:24" for subject 3 only',
    )
    .option('--partial <intervals>', 'partial AUCs, e.g. 0-2,2-6 (CDISC AUCINT)')
    .option(
      '--tau <time>',
      'dosing interval: steady-state AUCτ, Cavg, fluctuation, swing, accumulation index',
    )
    .option('--blq-value <lloq>', 'LLOQ: concentrations below it are BLQ')
    .option(
      '--blq-rule <rules>',
      'BLQ handling, e.g. leading=zero,middle=drop,trailing=zero (rules: zero, drop, lloq, half-lloq)',
    )
    .option('--time-unit <unit>', "unit of the data's time column (and of every time option): min, h, d")
    .option(
      '--report-time-unit <unit>',
      'time unit of the results: min, h, d (default: --time-unit; needs --time-unit)',
    )
    .option(
      '--conc-unit <unit>',
      'concentration unit, e.g. ng/mL, µg/L, particles/mL, %ID/mL, %ID/g, µg protein/mL',
    )
    .option('--dose-unit <unit>', 'dose unit, e.g. mg, µg, mg/kg, particles, particles/kg, µg protein, %ID')
    .addHelpText(
      'after',
      '\nExamples:\n  evlab nca --input theoph.csv --id Subject --time Time --conc conc --dose 320 --route extravascular --auc linear-log --json\n' +
        '  evlab nca --input mouse-evs.csv --dose 1e11 --route iv-bolus --auc linear-log --time-unit min --report-time-unit h \\\n' +
        '    --conc-unit particles/mL --dose-unit particles   # sampled in minutes, CL in mL/h, half-life in h',
    )
    .action(app.action<[]>(ncaCommand));
}

interface NcaCliOptions {
  input: string;
  id?: string;
  time?: string;
  conc?: string;
  dose?: string;
  doseCol?: string;
  route: 'extravascular' | 'iv-bolus' | 'iv-infusion';
  duration?: string;
  auc: 'linear' | 'linear-log';
  lambdaZStart?: string;
  lambdaZEnd?: string;
  excludeTimes?: string;
  partial?: string;
  tau?: string;
  blqValue?: string;
  blqRule?: string;
  timeUnit?: string;
  reportTimeUnit?: string;
  concUnit?: string;
  doseUnit?: string;
}

function usage(message: string): CliError {
  return new CliError(message, 'usage', EXIT_USAGE);
}

function numberOption(value: string | undefined, flag: string, positive = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (positive && !(n > 0))) {
    throw usage(`${flag} must be a ${positive ? 'positive ' : ''}number (got "${value}")`);
  }
  return n;
}

async function ncaCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.command.opts<NcaCliOptions>();
  const [{ readDelimitedHeader, guessColumns, readConcentrationProfiles }, { ncaForProfiles }, nca] =
    await Promise.all([
      import('../../formats/pk-csv/read-concentration-table.ts'),
      import('../../formats/pk-csv/nca-for-table.ts'),
      import('../../science/pk/nca/index.ts'),
    ]);

  // ---- options ----
  const dose = numberOption(o.dose, '--dose', true);
  if (dose === undefined && o.doseCol === undefined)
    throw usage('give the dose: --dose N or --dose-col COLUMN');
  const durationH = numberOption(o.duration, '--duration', true);
  if (o.route === 'iv-infusion' && durationH === undefined)
    throw usage('--route iv-infusion needs --duration');
  const lzStart = numberOption(o.lambdaZStart, '--lambda-z-start');
  const lzEnd = numberOption(o.lambdaZEnd, '--lambda-z-end');
  if ((lzStart === undefined) !== (lzEnd === undefined))
    throw usage('give both --lambda-z-start and --lambda-z-end');
  if (lzStart !== undefined && lzEnd !== undefined && !(lzEnd > lzStart)) {
    throw usage('--lambda-z-end must be after --lambda-z-start');
  }
  const tau = numberOption(o.tau, '--tau', true);
  const lloq = numberOption(o.blqValue, '--blq-value', true);
  let partialAucs: [number, number][] | undefined;
  let blqRules: ReturnType<typeof nca.parseBlqRules> = {};
  try {
    if (o.partial !== undefined) partialAucs = nca.parseIntervals(o.partial);
    if (o.blqRule !== undefined) blqRules = nca.parseBlqRules(o.blqRule);
  } catch (error) {
    throw usage(
      `${o.partial !== undefined && !(error as Error).message.includes('BLQ') ? '--partial' : '--blq-rule'}: ${(error as Error).message}`,
    );
  }
  const exclusions = parseExclusions(o.excludeTimes);
  let timeUnit: ReturnType<typeof nca.parseTimeUnit> | undefined;
  if (o.timeUnit !== undefined) {
    timeUnit = nca.parseTimeUnit(o.timeUnit);
    if (!timeUnit) throw usage(`--time-unit must be min, h or d (got "${o.timeUnit}")`);
  }
  let reportTimeUnit: ReturnType<typeof nca.parseTimeUnit> | undefined;
  if (o.reportTimeUnit !== undefined) {
    reportTimeUnit = nca.parseTimeUnit(o.reportTimeUnit);
    if (!reportTimeUnit) {
      throw usage(`--report-time-unit must be min, h or d (got "${o.reportTimeUnit}")`);
    }
    if (!timeUnit) {
      throw usage(
        "--report-time-unit needs --time-unit (the unit of the data's time column) to convert from",
      );
    }
  }
  const units =
    timeUnit || o.concUnit || o.doseUnit
      ? {
          ...(timeUnit ? { time: timeUnit } : {}),
          ...(reportTimeUnit ? { reportTime: reportTimeUnit } : {}),
          ...(o.concUnit !== undefined ? { conc: o.concUnit } : {}),
          ...(o.doseUnit !== undefined ? { dose: o.doseUnit } : {}),
        }
      : undefined;
  if (units) {
    try {
      nca.resolveUnits(units);
    } catch (error) {
      throw usage((error as Error).message);
    }
  }

  // ---- input ----
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, o.input), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${o.input}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message}`,
      code === 'ENOENT' ? 'not-found' : 'unreadable',
    );
  }
  // The header for guessing columns, then one pass to profiles (no table of rows kept; issue 9 item 18).
  const table = readDelimitedHeader(text, o.input);
  const guess = guessColumns(table.columns);
  const timeCol = o.time ?? guess.time;
  const concCol = o.conc ?? guess.conc;
  if (timeCol === undefined || concCol === undefined) {
    throw usage(
      `could not tell which column holds the ${timeCol === undefined ? 'time' : 'concentration'}: give --${timeCol === undefined ? 'time' : 'conc'} (columns: ${table.columns.join(', ')})`,
    );
  }
  const idCol = o.id ?? guess.id;
  const profiles = readConcentrationProfiles(
    text,
    {
      ...(idCol !== undefined ? { id: idCol } : {}),
      time: timeCol,
      conc: concCol,
      ...(o.doseCol !== undefined ? { dose: o.doseCol } : {}),
    },
    o.input,
  );
  for (const id of exclusions.bySubject.keys()) {
    if (!profiles.some((p) => p.profile.id === id))
      throw usage(`--exclude-times names subject ${id}, which is not in the file`);
  }

  // ---- analysis ----
  const progress = startProgress({
    stream: ctx.io.stderr,
    json: ctx.globals.json,
    total: profiles.length,
    title: 'NCA',
  });
  const results = [];
  try {
    for (const p of profiles) {
      const exclude = [...exclusions.all, ...(exclusions.bySubject.get(p.profile.id) ?? [])];
      const [result] = ncaForProfiles(
        [p],
        {
          route: o.route,
          aucMethod: o.auc,
          ...(dose !== undefined ? { dose } : {}),
          ...(durationH !== undefined ? { durationH } : {}),
          ...(lzStart !== undefined && lzEnd !== undefined
            ? { lambdaZ: { mode: 'manual' as const, startTime: lzStart, endTime: lzEnd } }
            : {}),
          ...(exclude.length > 0 ? { exclude } : {}),
          ...(partialAucs ? { partialAucs } : {}),
          ...(tau !== undefined ? { tau } : {}),
          ...(lloq !== undefined || o.blqRule !== undefined
            ? { blq: { ...blqRules, ...(lloq !== undefined ? { lloq } : {}) } }
            : {}),
          ...(units ? { units } : {}),
        },
        { usesDoseColumn: o.doseCol !== undefined, fileName: o.input },
      );
      if (result) results.push(result);
      progress.tick(p.profile.id);
    }
  } catch (error) {
    progress.stop();
    if (error instanceof nca.NcaInputError) {
      throw new CliError(`${o.input}: ${error.message}`, error.code);
    }
    if (error instanceof RangeError) throw usage(error.message);
    throw error;
  }
  progress.stop();

  if (ctx.globals.json) {
    ctx.out.result(results);
    return EXIT_OK;
  }
  const methodLabel = o.auc === 'linear' ? 'linear trapezoidal' : 'linear-up/log-down';
  results.forEach((r, i) => {
    if (i > 0) ctx.out.print('');
    const subjectDose = profiles[i]?.dose ?? dose ?? null;
    const doseText =
      subjectDose === null ? 'no dose' : `dose ${subjectDose}${o.doseUnit ? ` ${o.doseUnit}` : ''}`;
    const timeText =
      timeUnit && reportTimeUnit && reportTimeUnit !== timeUnit
        ? `, times in ${reportTimeUnit} (data in ${timeUnit})`
        : '';
    ctx.out.print(`Subject ${r.id} — ${o.route}, ${methodLabel}, ${doseText}${timeText}`);
    ctx.out.print(renderNcaTable(r, nca.cdiscParameter));
    if (r.notes.length > 0) {
      ctx.out.print('  notes:');
      for (const n of r.notes) ctx.out.print(`    - ${n}`);
    }
  });
  if (results.length > 1) ctx.out.info(`\n${plural(results.length, 'subject')} analysed`);
  return EXIT_OK;
}

/** "24,36" (all subjects) and "3:24" (subject 3). */
function parseExclusions(text: string | undefined): { all: number[]; bySubject: Map<string, number[]> } {
  const all: number[] = [];
  const bySubject = new Map<string, number[]>();
  if (text === undefined) return { all, bySubject };
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const colon = p.lastIndexOf(':');
    const id = colon >= 0 ? p.slice(0, colon).trim() : null;
    const t = Number(colon >= 0 ? p.slice(colon + 1) : p);
    if (!Number.isFinite(t) || (colon >= 0 ? p.slice(colon + 1) : p).trim() === '') {
      throw usage(`--exclude-times: "${p}" is not a time or SUBJECT:TIME`);
    }
    if (id === null) all.push(t);
    else bySubject.set(id, [...(bySubject.get(id) ?? []), t]);
  }
  return { all, bySubject };
}

/** Four significant digits, no exponent between 1e-4 and 1e6; "–" for null. */
export function formatNcaValue(value: number | null | undefined, code?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (code === 'LAMZNPT') return formatCount(value);
  // Goodness of fit is read near 1: six decimals show the difference between 0.9999 and 0.999999.
  if (code === 'R2' || code === 'R2ADJ' || code === 'CORRXY') return value.toFixed(6);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e6) return String(Number(value.toPrecision(5)));
  return value.toExponential(4);
}

export function renderNcaTable(
  result: {
    parameters: Record<string, number | null | undefined>;
    units: Record<string, string | undefined> | null;
    partialAucs: { startTime: number; endTime: number; auc: number | null }[];
  },
  describe: (code: string) => { name: string } | undefined,
): string {
  const rows: string[][] = Object.entries(result.parameters).map(([code, value]) => [
    code,
    describe(code)?.name ?? code,
    formatNcaValue(value, code),
    result.units?.[code] ?? '',
  ]);
  // Partial-AUC bounds are in the report time unit, the unit of TLST (reported for every route).
  const timeUnit = result.units?.TLST;
  for (const p of result.partialAucs) {
    rows.push([
      'AUCINT',
      `AUC from ${formatNcaValue(p.startTime)} to ${formatNcaValue(p.endTime)}${timeUnit ? ` ${timeUnit}` : ''}`,
      formatNcaValue(p.auc),
      result.units?.AUCLST ?? '',
    ]);
  }
  return renderTable(['code', 'parameter', 'value', 'unit'], rows, {
    align: ['left', 'left', 'right', 'left'],
    indent: '  ',
  });
}
