/**
 * Form drafts of isolation protocol steps, shared by the protocol builder and the batch page (issue 9
 * item 8): a protocol document → editable strings per parameter of the method's table
 * (src/science/isolation-chain/step-parameters.ts) → the document again.
 *
 * A stored protocol survives an untouched round trip exactly: parameters the method's table does not know
 * (e.g. `fractionsPooled`) are kept as recorded, a value recorded under an alias or another spelling of the
 * key (`column` for `resin`, `mwcoKDa` for `mwcoKda`) is shown in its field and written back under that
 * key unless the user changes it, and a recorded value the user did not change is written back as it was
 * (number or text). Only what the user edits is re-typed.
 */
import type { IsolationMethod, IsolationProtocol } from '../../../../src/domain/isolation-protocol.ts';
import { METHOD_SPECS } from '../../../../src/science/isolation-chain/step-parameters.ts';

export type ParameterValue = string | number | boolean | null;

export interface StepDraft {
  key: string;
  method: IsolationMethod;
  /** Form values as typed (strings); empty = the model's default. */
  parameters: Record<string, string>;
  notes: string;
  /**
   * What the stored document held for each form field the user has not re-typed: the key it was recorded
   * under (the field's own key, an alias, or another spelling) and its value.
   */
  recorded?: Record<string, { key: string; value: ParameterValue }>;
  /** Parameters of the stored step that no field of the method shows, kept unchanged. */
  extra?: Record<string, ParameterValue>;
}

let nextKey = 0;
const newKey = () => `s${++nextKey}`;

/** The form values of a method's defaults (null defaults stay empty: the model derives them). */
export function defaultParameters(method: IsolationMethod): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of METHOD_SPECS[method].parameters) out[p.key] = p.default === null ? '' : String(p.default);
  return out;
}

function emptyParameters(method: IsolationMethod): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of METHOD_SPECS[method].parameters) out[p.key] = '';
  return out;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * A draft of one step. `fillDefaults`: fields the document does not set show the method's defaults (the
 * builder's examples and new steps) or stay empty so nothing is added to a stored protocol (the batch page).
 */
export function draftFor(
  method: IsolationMethod,
  parameters: Readonly<Record<string, ParameterValue>> = {},
  notes = '',
  options: { fillDefaults?: boolean } = {},
): StepDraft {
  const values = options.fillDefaults === false ? emptyParameters(method) : defaultParameters(method);
  const recorded: NonNullable<StepDraft['recorded']> = {};
  const used = new Set<string>();
  const keys = Object.keys(parameters);
  for (const p of METHOD_SPECS[method].parameters) {
    const candidates = [p.key, ...(p.aliases ?? [])];
    let key = candidates.find((k) => present(parameters[k]));
    // Another spelling of the same key (mwcoKDa for mwcoKda): shown in the field, kept under its spelling.
    key ??= keys.find(
      (k) => !used.has(k) && k.toLowerCase() === p.key.toLowerCase() && present(parameters[k]),
    );
    if (key === undefined) continue;
    const value = parameters[key] as ParameterValue;
    used.add(key);
    for (const c of candidates) used.add(c);
    values[p.key] = String(value);
    recorded[p.key] = { key, value };
  }
  const extra: Record<string, ParameterValue> = {};
  for (const k of keys) if (!used.has(k)) extra[k] = parameters[k] as ParameterValue;
  return { key: newKey(), method, parameters: values, notes, recorded, extra };
}

export function draftsOf(protocol: IsolationProtocol, options: { fillDefaults?: boolean } = {}): StepDraft[] {
  return protocol.steps.map((s) =>
    draftFor(s.method, s.parameters as Record<string, ParameterValue>, s.notes, options),
  );
}

/** Drafts of a chain of methods with their default parameters (a recommendation opened in the builder). */
export function draftsOfMethods(methods: readonly IsolationMethod[]): StepDraft[] {
  return methods.map((m) => draftFor(m));
}

/** A draft with another method: the old method's fields, recorded values and extras no longer apply. */
export function withMethod(draft: StepDraft, method: IsolationMethod): StepDraft {
  return { key: draft.key, method, parameters: defaultParameters(method), notes: draft.notes };
}

/**
 * The protocol document of the drafts: recorded values the user left alone as they were, typed values as
 * numbers where the method expects numbers; blanks and untouched typical values (assumptions) left out, so
 * the model's defaults apply and are reported as assumptions; unknown parameters kept.
 */
export function draftsToProtocol(name: string, drafts: StepDraft[]): IsolationProtocol {
  return {
    version: 1,
    name,
    steps: drafts.map((d) => {
      const parameters: Record<string, ParameterValue> = {};
      for (const p of METHOD_SPECS[d.method].parameters) {
        const typed = d.parameters[p.key] ?? '';
        const raw = typed.trim();
        const before = d.recorded?.[p.key];
        if (before && typed === String(before.value)) {
          parameters[before.key] = before.value;
          continue;
        }
        if (raw === '') continue;
        // A typical value left as it is stays out of the document, so it is still reported as an assumption.
        if (p.assumption && p.default !== null && raw === String(p.default)) continue;
        const n = Number(raw);
        parameters[p.key] = p.kind === 'number' && Number.isFinite(n) ? n : raw;
      }
      for (const [k, v] of Object.entries(d.extra ?? {})) if (!(k in parameters)) parameters[k] = v;
      return { method: d.method, parameters, notes: d.notes };
    }),
  };
}
