/**
 * Simulation of a dosing regimen with any registered model: the function behind `evlab pk simulate`,
 * `POST /api/pk/simulate` and the web simulate sliders (pure, runs in the browser).
 */
import { getModel } from './model-registry.ts';
import {
  type DerivedQuantity,
  type DoseEvent,
  type ModelOptions,
  modelParameters,
  requireParameters,
} from './model-types.ts';
import { repeatedDoses } from './superposition.ts';

export interface SimulationRequest {
  model: string;
  params: Readonly<Record<string, number>>;
  /** Amount per dose. */
  dose: number;
  /** Number of doses (default 1). */
  doses?: number;
  /** Dosing interval (needed when doses > 1). */
  tauH?: number;
  /** Infusion duration (infusion models). */
  durationH?: number;
  /** Output times; default `defaultTimeGrid`. */
  timesH?: readonly number[];
  bioavailability?: number;
}

export interface SimulationResult {
  model: string;
  parameters: Record<string, number>;
  doses: DoseEvent[];
  times: number[];
  conc: number[];
  derived: DerivedQuantity[];
}

/** Throws RangeError for parameters the model does not have (typos such as `K10`). */
export function checkParameterNames(
  modelId: string,
  params: Readonly<Record<string, number>>,
  options: ModelOptions,
): void {
  const model = getModel(modelId);
  const known = new Set(modelParameters(model, options).map((p) => p.name));
  const unknown = Object.keys(params).filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new RangeError(
      `model ${model.id} has no parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (expects ${[...known].join(', ')})`,
    );
}

/** 0 … last dose + max(24 h, 5 terminal half-lives), 241 points. */
export function defaultTimeGrid(lastDoseH: number, terminalHalfLifeH: number | null): number[] {
  const span = Math.max(24, Math.min(5 * (terminalHalfLifeH ?? 0), 2000));
  const end = lastDoseH + span;
  return Array.from({ length: 241 }, (_, i) => Number(((end * i) / 240).toPrecision(12)));
}

export function simulateModel(request: SimulationRequest): SimulationResult {
  const model = getModel(request.model);
  const options: ModelOptions = {
    lag: request.params.tlag !== undefined,
    ...(request.bioavailability !== undefined ? { bioavailability: request.bioavailability } : {}),
  };
  checkParameterNames(model.id, request.params, options);
  requireParameters(model, request.params, options);
  if (model.input === 'iv-infusion' && request.durationH === undefined)
    throw new RangeError(`model ${model.id} needs an infusion duration`);
  const regimen = repeatedDoses(
    request.dose,
    request.doses ?? 1,
    request.tauH ?? 0,
    model.input === 'iv-infusion' ? request.durationH : undefined,
  );
  const derived = model.derived(request.params, request.dose, options);
  const terminal = ['thalf_gamma', 'thalf_beta', 'thalf', 'thalf_linear']
    .map((name) => derived.find((d) => d.name === name)?.value)
    .find((v): v is number => typeof v === 'number');
  const times = request.timesH
    ? [...request.timesH]
    : defaultTimeGrid(regimen[regimen.length - 1]?.timeH ?? 0, terminal ?? null);
  if (times.length === 0) throw new RangeError('no output times');
  const conc = model.predict(request.params, regimen, times, options);
  return { model: model.id, parameters: { ...request.params }, doses: regimen, times, conc, derived };
}
