/**
 * A PK study's observation data in the web UI, as pure functions (unit-tested without React):
 * - read pasted or uploaded concentration–time tables (time, value, unit, subject, matrix) into
 *   `ConcentrationTimeRow`s, with the line of every problem, using the pure delimited-table reader of
 *   src/formats/pk-csv (its `parseNumberCell` decimal rules);
 * - read biodistribution tables with the pure src/formats/biodistribution-csv reader;
 * - write stored rows back as CSV, so an existing study's data can be edited as text and saved (PATCH);
 * - the source tables a save sends along with the rows (the text exactly as pasted or uploaded), so the
 *   server keeps what the user gave before it validates the rows;
 * - NCA of the stored concentration–time rows (one profile per matrix and subject) with `ncaForProfile`,
 *   the route mapped from the study's route and the dose taken from the study;
 * - the biodistribution analysis of the stored organ rows with `analyseBiodistribution`.
 */
import type { AdministrationRoute } from '../../../../src/domain/administration-route.ts';
import {
  type BiodistributionRow,
  type BiodistributionUnit,
  biodistributionRowSchema,
  type ConcentrationTimeRow,
  concentrationTimeRowSchema,
  type Dose,
  MAX_OBSERVATION_ROWS,
  MAX_SOURCE_TEXT_BYTES,
  type PkStudyData,
  type PkStudySourceInput,
  type PkStudySourceKind,
  utf8ByteLength,
} from '../../../../src/domain/pk-study.ts';
import { readBiodistributionCsv } from '../../../../src/formats/biodistribution-csv/read-biodistribution-csv.ts';
import { FormatError } from '../../../../src/formats/format-error.ts';
import {
  type DelimitedTable,
  parseNumberCell,
  readDelimitedTable,
} from '../../../../src/formats/pk-csv/read-concentration-table.ts';
import {
  analyseBiodistribution,
  BiodistributionInputError,
  type BiodistributionReport,
} from '../../../../src/science/pk/biodistribution/analyse-biodistribution.ts';
import {
  type AucMethod,
  type CdiscCode,
  NcaInputError,
  type NcaResult,
  type NcaRoute,
  ncaForProfile,
} from '../../../../src/science/pk/nca/index.ts';
import { formatDecimals } from '../../lib/format.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------------------
// Concentration–time tables

export interface ConcentrationTableOptions {
  fileName?: string;
  /** Unit for rows whose table names none (no unit column, no unit in the value header). */
  defaultUnit?: string;
  /** Matrix for rows without a matrix column (default "plasma", as the domain schema). */
  defaultMatrix?: string;
}

export interface ParsedConcentrationTable {
  rows: ConcentrationTimeRow[];
  /** Distinct subjects (rows without a subject count as one). */
  subjects: number;
  matrices: string[];
  units: string[];
  /** Samples skipped or changed while reading (missing, BLQ), with their lines. */
  notes: string[];
}

type ConcColumn = 'time' | 'value' | 'unit' | 'subject' | 'matrix';

const TIME_HEADER = /^(time|t|tad|nominal time|actual time|time after dose|time after dosing|time point)$/;
const VALUE_HEADER = /^(value|conc|concentration|dv|cp|c|signal|result)$/;
const SUBJECT_HEADER = /^(subject|subj|id|subject id|usubjid|animal|animal id|mouse|rat|individual)$/;
const MATRIX_HEADER = /^(matrix|specimen|sample type|fluid|tissue)$/;

/** Hours per unit of a time header's unit ("h", "min", "d"); null when not a time unit. */
function hoursPerUnit(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^(h|hr|hrs|hour|hours)$/.test(t)) return 1;
  if (/^(min|mins|minute|minutes)$/.test(t)) return 1 / 60;
  if (/^(d|day|days)$/.test(t)) return 24;
  return null;
}

interface ClassifiedHeader {
  column: ConcColumn;
  /** Time columns: hours per unit. */
  hoursPerUnit?: number;
  /** Value columns: the unit named in parentheses ("conc (ng/mL)"). */
  unit?: string;
}

/** "time (min)", "time_h", "Conc (ng/mL)", "Animal" → what the column holds; null when not recognised. */
export function classifyConcentrationHeader(cell: string): ClassifiedHeader | null {
  const paren = cell.match(/\(([^)]*)\)\s*$/)?.[1]?.trim() ?? '';
  const bare = cell
    .replace(/\([^)]*\)\s*$/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  const timeSuffix = bare.match(/^(.*) (h|hr|hrs|hours?|min|mins|minutes?|d|days?)$/);
  if (timeSuffix && TIME_HEADER.test(timeSuffix[1] as string)) {
    return { column: 'time', hoursPerUnit: hoursPerUnit(timeSuffix[2] as string) as number };
  }
  if (TIME_HEADER.test(bare) || bare === 'hours' || bare === 'minutes') {
    const per = hoursPerUnit(paren) ?? (bare === 'minutes' ? 1 / 60 : 1);
    if (paren !== '' && hoursPerUnit(paren) === null) return null;
    return { column: 'time', hoursPerUnit: per };
  }
  if (VALUE_HEADER.test(bare)) return paren !== '' ? { column: 'value', unit: paren } : { column: 'value' };
  if (/^units?$/.test(bare)) return { column: 'unit' };
  if (SUBJECT_HEADER.test(bare)) return { column: 'subject' };
  if (MATRIX_HEADER.test(bare)) return { column: 'matrix' };
  return null;
}

const BLQ_CELLS = new Set(['blq', 'bql', '<lloq', 'lloq', '<loq', 'bloq', 'nd', 'nq', 'n.d.', '<lod', 'bld']);
const MISSING_CELLS = new Set(['', 'na', 'n/a', '.', '-', 'nan', 'missing', '#n/a']);

function linesText(lines: number[]): string {
  const shown = lines.slice(0, 8).join(', ');
  return lines.length > 8 ? `${shown} … (${lines.length} in all)` : shown;
}

function locate(fileName: string | undefined, line: number, reason: string): string {
  return FormatError.describe('malformed-row', reason, {
    ...(fileName !== undefined ? { file: fileName } : {}),
    line,
  });
}

/**
 * Reads a concentration–time table. Header: a time column (hours unless its header says "time (min)",
 * "time_d" …) and a value column (value, conc, concentration, DV …); optionally unit, subject/animal and
 * matrix. The unit comes from the unit column, the value header ("conc (ng/mL)") or `defaultUnit`.
 * "BLQ"/"<LLOQ"/"ND" cells are stored as 0 (the study record keeps no BLQ flag); empty/"NA" cells are
 * skipped. Blank text gives no rows (a study without concentration–time data).
 */
export function parseConcentrationTimeText(
  text: string,
  options: ConcentrationTableOptions = {},
): Parsed<ParsedConcentrationTable> {
  const { fileName } = options;
  if (text.trim() === '') {
    return { ok: true, value: { rows: [], subjects: 0, matrices: [], units: [], notes: [] } };
  }
  let table: DelimitedTable;
  try {
    table = readDelimitedTable(text, fileName);
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, error: error.message };
    throw error;
  }
  const headerLine = (table.rows[0]?.line ?? 2) - 1;
  const classified = table.columns.map(classifyConcentrationHeader);
  const at = (c: ConcColumn) => classified.findIndex((h) => h?.column === c);
  const timeCol = at('time');
  const valueCol = at('value');
  if (timeCol < 0 || valueCol < 0) {
    const missing = [timeCol < 0 ? 'a time column' : null, valueCol < 0 ? 'a value (or conc) column' : null]
      .filter(Boolean)
      .join(' and ');
    return {
      ok: false,
      error: locate(fileName, headerLine, `the header needs ${missing}; it has: ${table.columns.join(', ')}`),
    };
  }
  const unitCol = at('unit');
  const subjectCol = at('subject');
  const matrixCol = at('matrix');
  const hours = classified[timeCol]?.hoursPerUnit ?? 1;
  const headerUnit = classified[valueCol]?.unit ?? null;
  const defaultUnit = options.defaultUnit?.trim() || null;
  const defaultMatrix = options.defaultMatrix?.trim() || 'plasma';

  const rows: ConcentrationTimeRow[] = [];
  const blqLines: number[] = [];
  const missingLines: number[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? '').trim());
    const fail = (reason: string): Parsed<ParsedConcentrationTable> => ({
      ok: false,
      error: locate(fileName, line, reason),
    });
    const timeText = cell(timeCol);
    const time = parseNumberCell(timeText, table.delimiter);
    if (time === null) {
      return fail(
        timeText === ''
          ? `the time cell (${table.columns[timeCol]}) is empty`
          : `time "${timeText}" is not a number`,
      );
    }
    const timeH = time * hours;
    if (timeH < 0) return fail(`time ${timeText} is before the dose; store times after dosing (≥ 0)`);
    const valueText = cell(valueCol);
    const lower = valueText.toLowerCase();
    let value: number;
    if (MISSING_CELLS.has(lower)) {
      missingLines.push(line);
      continue;
    }
    if (BLQ_CELLS.has(lower) || /^<\s*\d/.test(lower)) {
      blqLines.push(line);
      value = 0;
    } else {
      const v = parseNumberCell(valueText, table.delimiter);
      if (v === null) return fail(`value "${valueText}" is not a number, BLQ or NA`);
      if (v < 0) return fail(`value ${valueText} is negative`);
      value = v;
    }
    const unit = cell(unitCol) || headerUnit || defaultUnit;
    if (!unit) {
      return fail(
        'no unit: add a unit column, write it in the value header as "conc (ng/mL)", or fill in the default unit',
      );
    }
    const candidate = {
      timeH,
      value,
      unit,
      matrix: cell(matrixCol) || defaultMatrix,
      subject: cell(subjectCol) || null,
    };
    const checked = concentrationTimeRowSchema.safeParse(candidate);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return fail(`${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`);
    }
    rows.push(checked.data);
    if (rows.length > MAX_OBSERVATION_ROWS) {
      return fail(`more than ${MAX_OBSERVATION_ROWS} rows; a study holds at most that many`);
    }
  }
  if (rows.length === 0) {
    return { ok: false, error: locate(fileName, headerLine, 'the table has a header but no values') };
  }
  const notes: string[] = [];
  if (blqLines.length > 0) {
    notes.push(
      `${blqLines.length} BLQ sample${blqLines.length === 1 ? '' : 's'} stored as 0 (line ${linesText(blqLines)})`,
    );
  }
  if (missingLines.length > 0) {
    notes.push(
      `${missingLines.length} missing sample${missingLines.length === 1 ? '' : 's'} skipped (line ${linesText(missingLines)})`,
    );
  }
  return {
    ok: true,
    value: {
      rows,
      subjects: new Set(rows.map((r) => r.subject ?? '')).size,
      matrices: [...new Set(rows.map((r) => r.matrix))],
      units: [...new Set(rows.map((r) => r.unit))],
      notes,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Biodistribution tables

export interface ParsedBiodistributionTable {
  rows: BiodistributionRow[];
  layout: 'long' | 'wide' | null;
  organs: number;
  timesH: number[];
  units: BiodistributionUnit[];
}

/** Reads an organ table (long or wide, see src/formats/biodistribution-csv); blank text gives no rows. */
export function parseBiodistributionText(
  text: string,
  options: { fileName?: string; defaultUnit?: BiodistributionUnit | null } = {},
): Parsed<ParsedBiodistributionTable> {
  if (text.trim() === '') {
    return { ok: true, value: { rows: [], layout: null, organs: 0, timesH: [], units: [] } };
  }
  const fileName = options.fileName ?? 'pasted table';
  try {
    const table = readBiodistributionCsv(text, fileName, { defaultUnit: options.defaultUnit ?? null });
    if (table.rows.length > MAX_OBSERVATION_ROWS) {
      return {
        ok: false,
        error: `${fileName}: ${table.rows.length} values; a study holds at most ${MAX_OBSERVATION_ROWS}`,
      };
    }
    const rows: BiodistributionRow[] = [];
    for (const [i, row] of table.rows.entries()) {
      const checked = biodistributionRowSchema.safeParse(row);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return {
          ok: false,
          error: locate(
            fileName,
            table.lines[i] ?? 0,
            `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`,
          ),
        };
      }
      rows.push(checked.data);
    }
    return {
      ok: true,
      value: {
        rows,
        layout: table.layout,
        organs: new Set(rows.map((r) => r.organ.toLowerCase())).size,
        timesH: [...new Set(rows.map((r) => r.timeH))].sort((a, b) => a - b),
        units: [...new Set(rows.map((r) => r.unit))],
      },
    };
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, error: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Stored rows → editable CSV

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Stored concentration–time rows as CSV that `parseConcentrationTimeText` reads back to the same rows. */
export function concentrationRowsToCsv(rows: readonly ConcentrationTimeRow[]): string {
  if (rows.length === 0) return '';
  const lines = ['subject,matrix,time_h,value,unit'];
  for (const r of rows) lines.push([r.subject, r.matrix, r.timeH, r.value, r.unit].map(csvCell).join(','));
  return lines.join('\n');
}

/** Stored organ rows as a long-layout CSV that `parseBiodistributionText` reads back to the same rows. */
export function biodistributionRowsToCsv(rows: readonly BiodistributionRow[]): string {
  if (rows.length === 0) return '';
  const lines = ['organ,time_h,value,unit,subject,count_time_h,organ_mass_g'];
  for (const r of rows) {
    lines.push(
      [r.organ, r.timeH, r.value, r.unit, r.subject, r.countTimeH, r.organMassG].map(csvCell).join(','),
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Source tables sent with a save

/**
 * Name of a source typed or pasted into the text box rather than uploaded: it says which table it is, so
 * the two downloads of a study do not share one file name.
 */
export function pastedSourceName(kind: PkStudySourceKind): string {
  return `pasted ${kind} table.txt`;
}

/** One data table of the form as the user gave it. */
export interface DraftTable {
  kind: PkStudySourceKind;
  text: string;
  /** The text the form started from: '' for a new study, the stored rows as CSV for an edited one. */
  initialText: string;
  /** The uploaded file's name; undefined once the text was typed or edited. */
  fileName?: string | undefined;
  /** The uploaded file's media type, when the browser knows it. */
  mediaType?: string | undefined;
}

/**
 * The tables to keep as sources on save: each one the user gave (not blank, not the unchanged CSV of the
 * stored rows), with its exact text, the file name or "pasted <kind> table.txt", and the file's media type.
 */
export function draftSources(tables: readonly DraftTable[]): PkStudySourceInput[] {
  const out: PkStudySourceInput[] = [];
  for (const t of tables) {
    if (t.text.trim() === '' || t.text === t.initialText) continue;
    out.push({
      kind: t.kind,
      name: t.fileName && t.fileName.trim() !== '' ? t.fileName : pastedSourceName(t.kind),
      ...(t.fileName && t.mediaType ? { mediaType: t.mediaType } : {}),
      text: t.text,
    });
  }
  return out;
}

/** Why a source cannot be kept (above the server's 5 MiB limit), or null. */
export function sourceSizeProblem(source: PkStudySourceInput): string | null {
  const bytes = utf8ByteLength(source.text);
  if (bytes <= MAX_SOURCE_TEXT_BYTES) return null;
  const mib = (n: number) => `${formatDecimals(n / (1024 * 1024), 1)} MiB`;
  const what = source.kind === 'concentration-time' ? 'concentration–time' : 'biodistribution';
  return `The ${what} table (${source.name}) is ${mib(bytes)}; at most ${mib(MAX_SOURCE_TEXT_BYTES)} can be kept with a study. Split it or leave out unused columns.`;
}

// ---------------------------------------------------------------------------------------------------------
// NCA of a stored study

/** The NCA dosing model of a study route: an IV dose is a bolus, every other route is extravascular. */
export function ncaRouteFor(route: AdministrationRoute): NcaRoute {
  return route === 'intravenous' ? 'iv-bolus' : 'extravascular';
}

/** The study dose as a unit text `parseDoseUnit` understands ("particles", "µg protein/kg", "mg"). */
export function doseUnitText(dose: Pick<Dose, 'unit' | 'perKg'>): string {
  const base = dose.unit === 'ug-protein' ? 'µg protein' : dose.unit;
  return dose.perKg ? `${base}/kg` : base;
}

/** Parameters the study view summarises (CDISC PPTESTCD). */
export const SUMMARY_PARAMETERS = [
  'CMAX',
  'TMAX',
  'AUCLST',
  'AUCIFO',
  'LAMZHL',
] as const satisfies readonly CdiscCode[];

export interface StudyProfile {
  /** Stable key: matrix + subject + unit. */
  key: string;
  matrix: string;
  subject: string | null;
  unit: string;
  /** Samples, ascending in time. */
  samples: number;
  result: NcaResult | null;
  error: string | null;
}

export interface StudyNca {
  route: NcaRoute;
  dose: number;
  doseUnit: string;
  profiles: StudyProfile[];
}

/**
 * NCA of every profile of a study: rows grouped by matrix, subject and unit (in order of first
 * appearance), sorted by time, times in hours, the study dose per subject. A profile that cannot be
 * analysed (duplicate times, one sample) carries its error instead of a result.
 */
export function studyNca(
  study: Pick<PkStudyData, 'route' | 'dose' | 'observations'>,
  aucMethod: AucMethod = 'linear',
): StudyNca {
  const route = ncaRouteFor(study.route);
  const doseUnit = doseUnitText(study.dose);
  const groups = new Map<
    string,
    { matrix: string; subject: string | null; unit: string; rows: ConcentrationTimeRow[] }
  >();
  for (const row of study.observations.concentrationTime) {
    const key = JSON.stringify([row.matrix, row.subject, row.unit]);
    let g = groups.get(key);
    if (!g) {
      g = { matrix: row.matrix, subject: row.subject, unit: row.unit, rows: [] };
      groups.set(key, g);
    }
    g.rows.push(row);
  }
  const profiles = [...groups.entries()].map(([key, g]): StudyProfile => {
    const sorted = [...g.rows].sort((a, b) => a.timeH - b.timeH);
    const id = `${g.subject ?? 'all'} · ${g.matrix}`;
    const profile = { id, time: sorted.map((r) => r.timeH), conc: sorted.map((r) => r.value) };
    const base = { route, aucMethod, dose: study.dose.value };
    const out = { key, matrix: g.matrix, subject: g.subject, unit: g.unit, samples: sorted.length };
    try {
      let result: NcaResult;
      try {
        result = ncaForProfile(profile, { ...base, units: { time: 'h', conc: g.unit, dose: doseUnit } });
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        // A unit NCA cannot read (e.g. "AU"): compute in the data's own units and say so.
        result = ncaForProfile(profile, { ...base, units: { time: 'h', dose: doseUnit } });
        result.notes.unshift(
          `concentration unit "${g.unit}" is not one NCA converts: CL and V are dose/AUC in mixed units`,
        );
      }
      return { ...out, result, error: null };
    } catch (error) {
      if (error instanceof NcaInputError || error instanceof RangeError) {
        return { ...out, result: null, error: error.message };
      }
      throw error;
    }
  });
  return { route, dose: study.dose.value, doseUnit, profiles };
}

/** The unit label of a reported parameter; for concentrations the rows' own unit when NCA could not read it. */
export function parameterUnit(profile: StudyProfile, code: CdiscCode): string {
  const unit = profile.result?.units?.[code];
  if (unit === undefined) return '';
  return unit.replace(/\bconc\b/, profile.unit);
}

// ---------------------------------------------------------------------------------------------------------
// Biodistribution of a stored study

/** The organ analysis of a study's biodistribution rows (its label, species and body weight). */
export function studyBiodistribution(
  study: Pick<PkStudyData, 'label' | 'species' | 'bodyWeightKg' | 'observations'>,
  options: { decayCorrect?: boolean } = {},
): Parsed<BiodistributionReport> {
  try {
    return {
      ok: true,
      value: analyseBiodistribution(study.observations.biodistribution, {
        label: study.label,
        species: study.species,
        bodyWeightKg: study.bodyWeightKg,
        decayCorrect: options.decayCorrect ?? false,
      }),
    };
  } catch (error) {
    if (error instanceof BiodistributionInputError) return { ok: false, error: error.message };
    throw error;
  }
}
