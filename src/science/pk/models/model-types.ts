/**
 * Shared types of evlab's compartment models: dose events, parameter descriptions and the model interface
 * every file in this folder implements. Pure (no I/O); runs in Node and in the browser.
 */

/** How a dose enters the body. `first-order` = absorption from a depot (extravascular routes). */
export type ModelInput = 'iv-bolus' | 'iv-infusion' | 'first-order';

/** How drug (or vesicles) leave the central compartment. */
export type ModelElimination = 'linear' | 'michaelis-menten' | 'accelerated-clearance';

/** One administration. `durationH` > 0 makes it a zero-order (constant-rate) infusion. */
export interface DoseEvent {
  timeH: number;
  /** Amount in the dose unit (mg, µg, particles …); concentrations come out in dose unit per volume unit. */
  amount: number;
  durationH?: number;
}

/**
 * Unit kinds of parameters. Actual unit strings depend on the user's dose/concentration/time units
 * (see `parameterUnit` in model-registry.ts).
 */
export type ParameterUnitKind =
  | 'per-time'
  | 'time'
  | 'volume'
  | 'volume-per-time'
  | 'amount'
  | 'amount-per-time'
  | 'concentration'
  | 'concentration-time'
  | 'dimensionless';

export interface ParameterSpec {
  name: string;
  unitKind: ParameterUnitKind;
  description: string;
}

/** Parameter values by name (k10, V1, ka, …). */
export type ParameterValues = Readonly<Record<string, number>>;

/** Options that change how a model is evaluated but are not estimated. */
export interface ModelOptions {
  /** Absorbed fraction F for first-order input (0 < F ≤ 1); ignored for IV models. Default 1. */
  bioavailability?: number;
  /** Adds an absorption lag time `tlag` (first-order input only). */
  lag?: boolean;
}

/** A derived quantity (half-life, AUC, CL, Vss …) with its unit kind; null when undefined for the model. */
export interface DerivedQuantity {
  name: string;
  value: number | null;
  unitKind: ParameterUnitKind;
  description: string;
}

export interface CompartmentModel {
  /** Stable id used by the CLI (`--model`), the API and the web UI, e.g. `2cmt-iv-bolus`. */
  id: string;
  label: string;
  compartments: 1 | 2 | 3;
  input: ModelInput;
  elimination: ModelElimination;
  /** How predictions are computed: closed-form sums of exponentials, or numerical integration (odex). */
  solution: 'closed-form' | 'ode';
  /** Estimated/simulated parameters (without the optional lag time; see `modelParameters`). */
  parameters: readonly ParameterSpec[];
  /** One-line description with the literature the model rests on. */
  description: string;
  /** Central-compartment concentration at each time (any order), for the given doses. */
  predict(
    params: ParameterValues,
    doses: readonly DoseEvent[],
    timesH: readonly number[],
    options?: ModelOptions,
  ): number[];
  /** Derived quantities for a single dose of `doseAmount` (first dose of a regimen). */
  derived(params: ParameterValues, doseAmount: number, options?: ModelOptions): DerivedQuantity[];
}

/** The lag-time parameter appended to first-order models with `lag: true`. */
export const LAG_PARAMETER: ParameterSpec = {
  name: 'tlag',
  unitKind: 'time',
  description: 'absorption lag time',
};

/** Parameters a model estimates under the given options (adds `tlag` to first-order models with lag). */
export function modelParameters(model: CompartmentModel, options: ModelOptions = {}): ParameterSpec[] {
  const base = [...model.parameters];
  if (options.lag && model.input === 'first-order') base.push(LAG_PARAMETER);
  return base;
}

/** Throws a RangeError naming each missing or non-finite/non-positive parameter. */
export function requireParameters(
  model: CompartmentModel,
  params: ParameterValues,
  options: ModelOptions = {},
): void {
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const spec of modelParameters(model, options)) {
    const value = params[spec.name];
    if (value === undefined) missing.push(spec.name);
    else if (!Number.isFinite(value) || value < 0 || (value === 0 && spec.name !== 'tlag'))
      invalid.push(`${spec.name}=${value}`);
  }
  if (missing.length > 0)
    throw new RangeError(
      `model ${model.id} needs parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  if (invalid.length > 0)
    throw new RangeError(`model ${model.id}: parameters must be positive (got ${invalid.join(', ')})`);
}

export function bioavailabilityOf(options: ModelOptions | undefined): number {
  const f = options?.bioavailability ?? 1;
  if (!(f > 0 && f <= 1)) throw new RangeError(`bioavailability F must be in (0, 1], got ${f}`);
  return f;
}

/** Natural log of 2: half-life = ln 2 / rate constant. */
export const LN2 = Math.LN2;
