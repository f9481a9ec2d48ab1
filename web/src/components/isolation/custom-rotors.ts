/**
 * The user's own rotors in the centrifugation simulator: a form draft → a validated `Rotor`, JSON import in
 * the `--rotor-file` format (a JSON array, rotor-schema.ts), and the copy kept in the browser's localStorage
 * under `evlab.customRotors` (the same JSON array, so it can be exported back to the CLI/API unchanged).
 * Validation is the zod schema the CLI and API use; on top of it, a custom rotor may not take a name that
 * loosely matches a built-in rotor (findRotor: "sw40ti" = "SW 40 Ti") or another of the user's rotors,
 * because rotors are picked by name and a user rotor would silently shadow the library one.
 */
import type { Rotor, RotorType } from '../../../../src/science/centrifugation/centrifugation-types.ts';
import { findRotor, normalizeRotorName } from '../../../../src/science/centrifugation/rotor-library.ts';
import {
  formatIssuePath,
  parseUserRotors,
  userRotorSchema,
} from '../../../../src/science/centrifugation/rotor-schema.ts';

export const CUSTOM_ROTORS_STORAGE_KEY = 'evlab.customRotors';

/** The form's fields as typed (strings, so an empty or half-typed number is kept as the user wrote it). */
export interface CustomRotorDraft {
  name: string;
  type: RotorType;
  rMinMm: string;
  rAvMm: string;
  rMaxMm: string;
  tubeDiameterMm: string;
  angleDeg: string;
  maxRpm: string;
  tubeVolumeMl: string;
}

export type CustomRotorField = keyof CustomRotorDraft;

export const EMPTY_ROTOR_DRAFT: CustomRotorDraft = {
  name: '',
  type: 'swinging-bucket',
  rMinMm: '',
  rAvMm: '',
  rMaxMm: '',
  tubeDiameterMm: '',
  angleDeg: '',
  maxRpm: '',
  tubeVolumeMl: '',
};

/** Human names of the schema's keys, so "rMaxMm must be greater than rMinMm" reads "Rmax must be …". */
const FIELD_NAMES: Record<string, string> = {
  rMinMm: 'Rmin',
  rAvMm: 'Rav',
  rMaxMm: 'Rmax',
  tubeDiameterMm: 'tube diameter',
  angleDeg: 'angle',
  maxRpm: 'maximum speed',
  tubeVolumeMl: 'tube volume',
};

function readable(message: string): string {
  return message.replace(
    /\b(rMinMm|rAvMm|rMaxMm|tubeDiameterMm|angleDeg|maxRpm|tubeVolumeMl)\b/g,
    (key) => FIELD_NAMES[key] ?? key,
  );
}

/** '' → absent; otherwise the number typed ("1,5" is accepted as 1.5), or the text itself so zod says "must be a number". */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/**
 * Why `name` cannot be used for a new custom rotor, or null when it can: it loosely matches a built-in rotor
 * (findRotor over the library alone) or, after normalisation, one of `existing` (the user's rotors).
 */
export function nameClash(name: string, existing: readonly Rotor[]): string | null {
  const builtIn = findRotor(name);
  if (builtIn)
    return `"${name.trim()}" matches the built-in rotor ${builtIn.name} (${builtIn.manufacturer}); pick the built-in one or give yours a distinct name, e.g. "${builtIn.name} (our lab)"`;
  const key = normalizeRotorName(name);
  const mine = existing.find((r) => normalizeRotorName(r.name) === key);
  if (mine) return `you already have a rotor named "${mine.name}"; delete it first to redefine it`;
  return null;
}

/** The draft as a `--rotor-file` entry (before validation): numbers parsed, type-specific fields kept. */
export function draftToFileEntry(draft: CustomRotorDraft): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: draft.name, type: draft.type };
  const put = (key: CustomRotorField, value: number | string | undefined) => {
    if (value !== undefined) entry[key] = value;
  };
  put('rMinMm', numberOrText(draft.rMinMm));
  put('rAvMm', numberOrText(draft.rAvMm));
  put('rMaxMm', numberOrText(draft.rMaxMm));
  if (draft.type === 'fixed-angle') {
    // Required for fixed-angle rotors: an empty box becomes null so the schema names the missing field.
    entry.tubeDiameterMm = numberOrText(draft.tubeDiameterMm) ?? null;
    entry.angleDeg = numberOrText(draft.angleDeg) ?? null;
  }
  put('maxRpm', numberOrText(draft.maxRpm));
  put('tubeVolumeMl', numberOrText(draft.tubeVolumeMl));
  return entry;
}

export type DraftValidation =
  | { ok: true; rotor: Rotor }
  | { ok: false; errors: Partial<Record<CustomRotorField, string>> };

/** Validates the form with the CLI/API zod schema plus the name-clash rule; one message per field. */
export function validateRotorDraft(draft: CustomRotorDraft, existing: readonly Rotor[]): DraftValidation {
  const errors: Partial<Record<CustomRotorField, string>> = {};
  const required: CustomRotorField[] = ['rMinMm', 'rMaxMm', 'maxRpm'];
  if (draft.type === 'fixed-angle') required.push('tubeDiameterMm', 'angleDeg');
  for (const key of required)
    if (draft[key].trim() === '') errors[key] = `${FIELD_NAMES[key] ?? key} is required`;
  // The schema checks Rmax > Rmin only once every field is valid; say it at once, with the other problems.
  const rMin = numberOrText(draft.rMinMm);
  const rMax = numberOrText(draft.rMaxMm);
  if (typeof rMin === 'number' && typeof rMax === 'number' && rMin > 0 && !(rMax > rMin))
    errors.rMaxMm = 'Rmax must be greater than Rmin';
  const parsed = userRotorSchema.safeParse(draftToFileEntry(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (
        typeof key === 'string' &&
        key in EMPTY_ROTOR_DRAFT &&
        errors[key as CustomRotorField] === undefined
      )
        errors[key as CustomRotorField] = readable(issue.message);
    }
  }
  if (errors.name === undefined && draft.name.trim() !== '') {
    const clash = nameClash(draft.name, existing);
    if (clash) errors.name = clash;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    // An issue on a field the form does not show (should not happen) still blocks the save.
    if (Object.keys(errors).length === 0) errors.name = 'the rotor is not valid';
    return { ok: false, errors };
  }
  return { ok: true, rotor: parsed.data };
}

/** A rotor as one entry of a `--rotor-file` JSON array (what the CLI, the API and localStorage hold). */
export function rotorToFileEntry(rotor: Rotor): Record<string, unknown> {
  return {
    name: rotor.name,
    manufacturer: rotor.manufacturer,
    type: rotor.type,
    rMinMm: rotor.rMinMm,
    rAvMm: rotor.rAvMm,
    rMaxMm: rotor.rMaxMm,
    tubeDiameterMm: rotor.tubeDiameterMm,
    angleDeg: rotor.angleDeg,
    maxRpm: rotor.maxRpm,
    kFactorAtMaxRpm: rotor.kFactorAtMaxRpm,
    tubeVolumeMl: rotor.tubeVolumeMl,
    tubes: rotor.tubes,
    source: rotor.source,
    ...(rotor.note !== undefined ? { note: rotor.note } : {}),
  };
}

/** The rotors as `--rotor-file` JSON text (pretty-printed, so a downloaded file reads well). */
export function serializeCustomRotors(rotors: readonly Rotor[]): string {
  return `${JSON.stringify(rotors.map(rotorToFileEntry), null, 2)}\n`;
}

/**
 * Reads the stored JSON back. Never throws: a missing value gives no rotors; entries that no longer
 * validate (edited by hand, or written by an older version) are dropped and reported in `problems`.
 */
export function deserializeCustomRotors(text: string | null): { rotors: Rotor[]; problems: string[] } {
  if (text === null || text.trim() === '') return { rotors: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { rotors: [], problems: [`saved rotors are not valid JSON (${(error as Error).message})`] };
  }
  if (!Array.isArray(json)) return { rotors: [], problems: ['saved rotors are not a JSON array'] };
  const rotors: Rotor[] = [];
  const problems: string[] = [];
  json.forEach((item, index) => {
    const parsed = userRotorSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(`saved rotor [${index}] dropped: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const clash = nameClash(parsed.data.name, rotors);
    if (clash) problems.push(`saved rotor [${index}] dropped: ${clash}`);
    else rotors.push(parsed.data);
  });
  return { rotors, problems };
}

export type ImportResult = { ok: true; rotors: Rotor[] } | { ok: false; issues: string[] };

/**
 * Parses pasted or uploaded JSON in the `--rotor-file` format (an array; a single rotor object is accepted
 * too) against the schema and the name-clash rule. All or nothing: one bad entry imports none, and every
 * problem is listed with its element and field ("[1].rMaxMm: Rmax must be greater than Rmin").
 */
export function importCustomRotors(text: string, existing: readonly Rotor[]): ImportResult {
  if (text.trim() === '') return { ok: false, issues: ['paste or choose a JSON file first'] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [`not valid JSON (${(error as Error).message})`] };
  }
  const list = Array.isArray(json) ? json : json !== null && typeof json === 'object' ? [json] : json;
  const parsed = parseUserRotors(list);
  if (!parsed.ok)
    return {
      ok: false,
      issues: parsed.issues.map((i) => {
        const path = formatIssuePath(i.path);
        return path === '' ? readable(i.message) : `${path}: ${readable(i.message)}`;
      }),
    };
  if (parsed.rotors.length === 0) return { ok: false, issues: ['the JSON array holds no rotors'] };
  const issues: string[] = [];
  parsed.rotors.forEach((rotor, index) => {
    const clash = nameClash(rotor.name, existing);
    if (clash) issues.push(`[${index}].name: ${clash}`);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rotors: parsed.rotors };
}

/** Storage the helpers need (window.localStorage in the browser, a stub in tests). */
export type RotorStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved rotors; null storage (private mode, no window) or an unreadable value gives none. */
export function loadCustomRotors(storage: RotorStorage | null): { rotors: Rotor[]; problems: string[] } {
  if (!storage) return { rotors: [], problems: [] };
  try {
    return deserializeCustomRotors(storage.getItem(CUSTOM_ROTORS_STORAGE_KEY));
  } catch (error) {
    return { rotors: [], problems: [`cannot read saved rotors (${(error as Error).message})`] };
  }
}

/** Saves the rotors; returns an error message when the browser refuses (quota, storage disabled). */
export function saveCustomRotors(storage: RotorStorage | null, rotors: readonly Rotor[]): string | null {
  if (!storage) return 'this browser does not allow saving; your rotors last until the page is reloaded';
  try {
    storage.setItem(CUSTOM_ROTORS_STORAGE_KEY, serializeCustomRotors(rotors));
    return null;
  } catch (error) {
    return `cannot save your rotors (${(error as Error).message}); they last until the page is reloaded`;
  }
}
