/**
 * The NCA panel's pure logic: parse pasted or uploaded CSV/TSV, run NCA per subject in the browser (the same
 * code as `evlab nca` and POST /api/pk/nca), turn a click on a point into a manual λz choice, and export the
 * results as CSV. No React here, so it is unit-tested directly.
 */

import { FormatError } from '../../../../src/formats/format-error.ts';
import {
  type ConcentrationColumns,
  type DelimitedTable,
  guessColumns,
  profilesFromTable,
  readConcentrationProfiles,
  readDelimitedTable,
} from '../../../../src/formats/pk-csv/read-concentration-table.ts';
import {
  type AucMethod,
  cdiscParameter,
  convertTime,
  type LambdaZChoice,
  NcaInputError,
  type NcaResult,
  type NcaRoute,
  ncaForProfile,
  type TimeUnit,
} from '../../../../src/science/pk/nca/index.ts';
import { csvCell } from '../../lib/csv.ts';

export interface NcaSettings {
  route: NcaRoute;
  aucMethod: AucMethod;
  /** One dose for all subjects (text as typed). */
  dose: string;
  /** Infusion duration (text as typed), data time unit. */
  duration: string;
  /** Unit of the data's time column ('' = none given). */
  timeUnit: TimeUnit | '';
  /** Unit the results are reported in ('' = the data's time unit); needs `timeUnit`. */
  reportTimeUnit: TimeUnit | '';
  concUnit: string;
  doseUnit: string;
}

export const DEFAULT_SETTINGS: NcaSettings = {
  route: 'extravascular',
  aucMethod: 'linear',
  dose: '',
  duration: '',
  timeUnit: '',
  reportTimeUnit: '',
  concUnit: '',
  doseUnit: '',
};

/**
 * A user's λz choice for one subject (manual range plus exclusions), from clicks on the plot, in the data's
 * time unit (what NcaOptions expects), so it stays valid when the report unit changes.
 */
export interface LambdaZOverride {
  lambdaZ: Extract<LambdaZChoice, { mode: 'manual' }>;
  exclude: number[];
}

export interface SubjectOutcome {
  id: string;
  dose: number | null;
  result: NcaResult | null;
  error: string | null;
}

export type ParsedTable = { table: DelimitedTable; error: null } | { table: null; error: string };

export function parseTable(text: string, fileName?: string): ParsedTable {
  if (text.trim() === '')
    return { table: null, error: 'Paste a table with a header row, or upload a CSV file.' };
  try {
    return { table: readDelimitedTable(text, fileName), error: null };
  } catch (error) {
    if (error instanceof FormatError) return { table: null, error: error.message };
    throw error;
  }
}

export function initialColumns(table: DelimitedTable): Partial<ConcentrationColumns> {
  return guessColumns(table.columns);
}

function positiveNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? n : Number.NaN;
}

/** Problems with the settings, by field (shown next to the inputs); empty when NCA can run. */
export function settingsErrors(
  settings: NcaSettings,
  columns: Partial<ConcentrationColumns>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!columns.time) errors.time = 'Choose the time column';
  if (!columns.conc) errors.conc = 'Choose the concentration column';
  const dose = positiveNumber(settings.dose);
  if (Number.isNaN(dose)) errors.dose = 'A positive number';
  if (settings.reportTimeUnit && !settings.timeUnit) {
    errors.reportTimeUnit = 'Choose the time unit of the data first';
  }
  if (settings.route === 'iv-infusion') {
    const d = positiveNumber(settings.duration);
    if (d === null) errors.duration = 'An infusion needs its duration';
    else if (Number.isNaN(d)) errors.duration = 'A positive number';
  }
  return errors;
}

/**
 * NCA for every subject; a subject whose data cannot be analysed carries its error instead. Given the text
 * (`{ text, fileName }`, what the PK page does), the profiles come from readConcentrationProfiles, the one-pass
 * reader `evlab nca` and POST /api/pk/nca use; given an already split table, from profilesFromTable (same
 * result, see read-concentration-table.ts).
 */
export function analyseSubjects(
  source: DelimitedTable | { text: string; fileName?: string },
  columns: ConcentrationColumns,
  settings: NcaSettings,
  overrides: ReadonlyMap<string, LambdaZOverride>,
): { subjects: SubjectOutcome[]; error: string | null } {
  let profiles: ReturnType<typeof profilesFromTable>;
  try {
    profiles =
      'text' in source
        ? readConcentrationProfiles(source.text, columns, source.fileName)
        : profilesFromTable(source, columns);
  } catch (error) {
    if (error instanceof FormatError) return { subjects: [], error: error.message };
    throw error;
  }
  const globalDose = positiveNumber(settings.dose);
  const duration = positiveNumber(settings.duration);
  const units =
    settings.timeUnit || settings.concUnit.trim() || settings.doseUnit.trim()
      ? {
          ...(settings.timeUnit ? { time: settings.timeUnit } : {}),
          ...(settings.timeUnit && settings.reportTimeUnit ? { reportTime: settings.reportTimeUnit } : {}),
          ...(settings.concUnit.trim() ? { conc: settings.concUnit.trim() } : {}),
          ...(settings.doseUnit.trim() ? { dose: settings.doseUnit.trim() } : {}),
        }
      : undefined;
  const subjects = profiles.map((p): SubjectOutcome => {
    const dose = p.dose ?? (globalDose !== null && !Number.isNaN(globalDose) ? globalDose : null);
    const override = overrides.get(p.profile.id);
    try {
      const result = ncaForProfile(p.profile, {
        route: settings.route,
        aucMethod: settings.aucMethod,
        dose,
        ...(settings.route === 'iv-infusion' && duration !== null && !Number.isNaN(duration)
          ? { durationH: duration }
          : {}),
        ...(override ? { lambdaZ: override.lambdaZ, exclude: override.exclude } : {}),
        ...(units ? { units } : {}),
      });
      result.notes.unshift(...p.notes);
      return { id: p.profile.id, dose, result, error: null };
    } catch (error) {
      if (error instanceof NcaInputError || error instanceof RangeError) {
        return { id: p.profile.id, dose, result: null, error: error.message };
      }
      throw error;
    }
  });
  return { subjects, error: null };
}

/** The unit the results of `settings` are reported in ('' when no time unit is given). */
export function reportTimeUnitOf(settings: Pick<NcaSettings, 'timeUnit' | 'reportTimeUnit'>): TimeUnit | '' {
  return settings.timeUnit ? settings.reportTimeUnit || settings.timeUnit : '';
}

/**
 * Includes or excludes the point at `time` (report time unit, as in `result.lambdaZPoints`) in the λz
 * regression: the new set of points becomes a manual range (first to last chosen point) with the points in
 * between that are not chosen excluded, converted back to the data's time unit of `settings`. Null (with a
 * reason) when fewer than two points would remain.
 */
export function toggleLambdaZPoint(
  result: NcaResult,
  time: number,
  settings: Pick<NcaSettings, 'timeUnit' | 'reportTimeUnit'> = { timeUnit: '', reportTimeUnit: '' },
): { override: LambdaZOverride; reason: null } | { override: null; reason: string } {
  const used = new Set(result.lambdaZPoints.filter((p) => p.used).map((p) => p.time));
  const point = result.lambdaZPoints.find((p) => p.time === time);
  if (!point) return { override: null, reason: `no sample at time ${time}` };
  if (used.has(time)) used.delete(time);
  else {
    if (!(point.conc > 0))
      return { override: null, reason: 'a zero concentration cannot enter a log-linear regression' };
    used.add(time);
  }
  if (used.size < 2) return { override: null, reason: 'λz needs at least two points' };
  const times = [...used].sort((a, b) => a - b);
  const startTime = times[0] as number;
  const endTime = times[times.length - 1] as number;
  const exclude = result.lambdaZPoints
    .filter((p) => p.time >= startTime && p.time <= endTime && !used.has(p.time))
    .map((p) => p.time);
  const report = reportTimeUnitOf(settings);
  const data = settings.timeUnit;
  const toData = (t: number) => (report && data ? convertTime(t, report, data) : t);
  return {
    override: {
      lambdaZ: { mode: 'manual', startTime: toData(startTime), endTime: toData(endTime) },
      exclude: exclude.map(toData),
    },
    reason: null,
  };
}

/** Long-format CSV (subject, code, parameter, value, unit) of every analysed subject, with partial AUCs. */
export function resultsToCsv(subjects: readonly SubjectOutcome[]): string {
  const lines = ['subject,PPTESTCD,parameter,value,unit'];
  for (const s of subjects) {
    if (!s.result) continue;
    for (const [code, value] of Object.entries(s.result.parameters)) {
      const name = cdiscParameter(code)?.name ?? code;
      const unit = s.result.units?.[code as keyof typeof s.result.units] ?? '';
      lines.push(
        // csvCell (web/src/lib/csv.ts): a subject id such as "=A1" cannot run as a spreadsheet formula.
        [s.id, code, name, value ?? null, unit].map(csvCell).join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A synthetic example (not measured data): one-compartment IV bolus of EVs in mouse plasma, C = C0·e^(−kt)
 * with a half-life of about 20 min, rounded to two significant digits, a BLQ sample at 240 min.
 */
export const EXAMPLE_TABLE = [
  'Mouse\tTime (min)\tParticles per mL\tDose',
  'M1\t2\t9.3e9\t1e11',
  'M1\t5\t8.0e9\t1e11',
  'M1\t10\t6.2e9\t1e11',
  'M1\t20\t4.4e9\t1e11',
  'M1\t40\t2.2e9\t1e11',
  'M1\t60\t1.1e9\t1e11',
  'M1\t120\t1.4e8\t1e11',
  'M1\t240\tBLQ\t1e11',
  'M2\t2\t1.1e10\t1e11',
  'M2\t5\t9.1e9\t1e11',
  'M2\t10\t7.4e9\t1e11',
  'M2\t20\t5.0e9\t1e11',
  'M2\t40\t2.6e9\t1e11',
  'M2\t60\t1.2e9\t1e11',
  'M2\t120\t1.7e8\t1e11',
  'M2\t240\tBLQ\t1e11',
].join('\n');
