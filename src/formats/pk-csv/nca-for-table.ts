/**
 * NCA over a whole concentration table: one profile per subject, the dose from a dose column or one dose
 * for all, and the reader's notes (skipped samples) kept with each subject's result. Shared by
 * `evlab nca`, POST /api/pk/nca and the web NCA panel. Errors name the subject and the source line.
 */
import { NcaInputError } from '../../science/pk/nca/nca-input-error.ts';
import { type NcaOptions, type NcaResult, ncaForProfile } from '../../science/pk/nca/nca-profile.ts';
import { FormatError } from '../format-error.ts';
import {
  type ConcentrationColumns,
  type DelimitedTable,
  type ProfileWithDose,
  profilesFromTable,
} from './read-concentration-table.ts';

export type TableNcaOptions = Omit<NcaOptions, 'dose'> & {
  /** One dose for every subject; ignored for subjects whose dose column has a value. */
  dose?: number | null;
};

/** Runs NCA on every subject; `onProfile` is called after each (progress bars). */
export function ncaForProfiles(
  profiles: readonly ProfileWithDose[],
  options: TableNcaOptions,
  hooks: { usesDoseColumn?: boolean; fileName?: string; onProfile?: (id: string) => void } = {},
): NcaResult[] {
  const results: NcaResult[] = [];
  for (const p of profiles) {
    let dose: number | null = p.dose ?? options.dose ?? null;
    if (hooks.usesDoseColumn && p.dose === null) {
      if (options.dose === undefined || options.dose === null) {
        throw new FormatError('malformed-row', `subject ${p.profile.id} has no dose in the dose column`, {
          ...(hooks.fileName !== undefined ? { file: hooks.fileName } : {}),
          line: p.firstLine,
        });
      }
      dose = options.dose;
    }
    const result = ncaForProfile(p.profile, { ...options, dose });
    result.notes.unshift(...p.notes);
    results.push(result);
    hooks.onProfile?.(p.profile.id);
  }
  return results;
}

/** Table → profiles → results. */
export function ncaForTable(
  table: DelimitedTable,
  columns: ConcentrationColumns,
  options: TableNcaOptions,
  fileName?: string,
  onProfile?: (id: string) => void,
): NcaResult[] {
  const profiles = profilesFromTable(table, columns, fileName);
  return ncaForProfiles(profiles, options, {
    usesDoseColumn: columns.dose !== undefined,
    ...(fileName !== undefined ? { fileName } : {}),
    ...(onProfile ? { onProfile } : {}),
  });
}

export { NcaInputError };
