/**
 * The PK page's one data box (issue 9 item 9): the concentration–time table, its column mapping, the route,
 * the dose and the units, shared by NCA and compartment-model fitting so both analyse the same samples with
 * the same dose. Pure (no React): the table → fit subjects conversion and a stored study → data box
 * conversion ("Analyse on PK page") are unit-tested directly.
 */

import type { PkStudy } from '../../../../src/domain/pk-study.ts';
import { FormatError } from '../../../../src/formats/format-error.ts';
import {
  type ConcentrationColumns,
  type DelimitedTable,
  profilesFromTable,
} from '../../../../src/formats/pk-csv/read-concentration-table.ts';
import type { NcaRoute, TimeUnit } from '../../../../src/science/pk/nca/index.ts';
import { formatInputNumber } from '../../lib/format.ts';
import { doseUnitText, ncaRouteFor } from './pk-study-observations.ts';

export interface PkSharedData {
  /** The table as pasted, uploaded or loaded (CSV/TSV with a header row). */
  text: string;
  /** The uploaded file's name (for error messages), if any. */
  fileName?: string | undefined;
  columns: Partial<ConcentrationColumns>;
  route: NcaRoute;
  /** One dose for every subject without a dose cell (text as typed), for NCA and the fits alike. */
  dose: string;
  /** Infusion duration (text as typed), in the data's time unit. */
  duration: string;
  /** Unit of the time column ('' = none given). */
  timeUnit: TimeUnit | '';
  concUnit: string;
  doseUnit: string;
  /** Where the data came from when it was not typed: a stored PK study. */
  origin?: { studyId: string; title: string; note: string | null } | undefined;
}

export const EMPTY_SHARED_DATA: PkSharedData = {
  text: '',
  columns: {},
  route: 'extravascular',
  dose: '',
  duration: '',
  timeUnit: '',
  concUnit: '',
  doseUnit: '',
};

export interface FitSubject {
  id: string;
  observations: { time: number; conc: number }[];
}

export interface FitSubjects {
  subjects: FitSubject[];
  rows: number;
  /** Samples reported below the limit of quantification: not fitted (a model fit needs a number). */
  blqSkipped: number;
  error: string | null;
}

/**
 * The data box's table as the subjects of a model fit: the same profiles NCA reads (same reader, same
 * column mapping), BLQ samples left out and counted.
 */
export function fitSubjectsFromTable(
  table: DelimitedTable | null,
  columns: Partial<ConcentrationColumns>,
  fileName?: string,
): FitSubjects {
  const none = { subjects: [], rows: 0, blqSkipped: 0 };
  if (!table) return { ...none, error: 'Paste or load a concentration–time table in the data box.' };
  if (!columns.time || !columns.conc) return { ...none, error: 'Choose the time and concentration columns.' };
  try {
    const profiles = profilesFromTable(
      table,
      { ...(columns.id ? { id: columns.id } : {}), time: columns.time, conc: columns.conc },
      fileName,
    );
    let rows = 0;
    let blqSkipped = 0;
    const subjects = profiles.map(({ profile }) => {
      const observations: { time: number; conc: number }[] = [];
      profile.time.forEach((time, i) => {
        if (profile.blq?.[i]) {
          blqSkipped++;
          return;
        }
        observations.push({ time, conc: profile.conc[i] ?? Number.NaN });
      });
      rows += observations.length;
      return { id: profile.id, observations };
    });
    if (rows === 0) return { ...none, blqSkipped, error: 'No measured concentrations to fit.' };
    return { subjects, rows, blqSkipped, error: null };
  } catch (error) {
    if (error instanceof FormatError) return { ...none, error: error.message };
    throw error;
  }
}

/** Tab-separated cell text: tabs and line breaks in a subject name would split the cell. */
function cell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

/**
 * A stored PK study's concentration–time rows in the data box: one profile per subject (and per matrix
 * when the study sampled several), times in hours, the study's route, dose and dose unit.
 */
export function studyToSharedData(
  study: Pick<PkStudy, 'id' | 'title' | 'route' | 'dose' | 'observations'>,
): PkSharedData {
  const rows = study.observations.concentrationTime;
  const matrices = new Set(rows.map((r) => r.matrix));
  const units = new Set(rows.map((r) => r.unit));
  const subjectOf = (r: (typeof rows)[number]) => {
    const parts = [r.subject ?? 'all samples'];
    if (matrices.size > 1) parts.push(r.matrix);
    if (units.size > 1) parts.push(r.unit);
    return cell(parts.join(' · '));
  };
  // Profiles in order of first appearance, each sorted by time.
  const order = new Map<string, number>();
  for (const r of rows) if (!order.has(subjectOf(r))) order.set(subjectOf(r), order.size);
  const rank = (r: (typeof rows)[number]) => order.get(subjectOf(r)) ?? 0;
  const sorted = [...rows].sort((a, b) => rank(a) - rank(b) || a.timeH - b.timeH);
  const text = [
    'Subject\tTime (h)\tConcentration',
    ...sorted.map((r) => `${subjectOf(r)}\t${r.timeH}\t${r.value}`),
  ].join('\n');
  const notes: string[] = [];
  if (matrices.size > 1)
    notes.push(`${matrices.size} matrices (${[...matrices].join(', ')}) are separate profiles`);
  if (units.size > 1) notes.push(`the rows have ${units.size} concentration units, so none is given`);
  return {
    text,
    columns: { id: 'Subject', time: 'Time (h)', conc: 'Concentration' },
    route: ncaRouteFor(study.route),
    dose: formatInputNumber(study.dose.value, 12),
    duration: '',
    timeUnit: 'h',
    concUnit: units.size === 1 ? ([...units][0] ?? '') : '',
    doseUnit: doseUnitText(study.dose),
    origin: {
      studyId: study.id,
      title: study.title || 'Untitled PK study',
      note: notes.length > 0 ? `${notes.join('; ')}.` : null,
    },
  };
}

/** The dose as a positive number, or null when it is empty or not one. */
export function sharedDoseValue(data: Pick<PkSharedData, 'dose'>): number | null {
  const n = Number(data.dose.trim().replace(',', '.'));
  return data.dose.trim() !== '' && Number.isFinite(n) && n > 0 ? n : null;
}
