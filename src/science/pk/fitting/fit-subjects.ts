/**
 * Fits one or several models to every subject of a dataset (the engine of `evlab pk fit` and
 * `POST /api/pk/fit`), with a side-by-side comparison per subject when more than one model is given.
 */
import type { UnitSystem } from '../models/model-registry.ts';
import type { DoseEvent, ModelOptions } from '../models/model-types.ts';
import { compareModels } from './compare-models.ts';
import { fitCompartmentModel, resolveModel, validateDoses } from './fit-compartment-model.ts';
import type { ModelComparison, ModelFitResult, Observation, WeightingScheme } from './fit-types.ts';

export interface SubjectData {
  id: string;
  observations: Observation[];
}

export interface FitSubjectsRequest {
  subjects: readonly SubjectData[];
  models: readonly string[];
  doses: readonly DoseEvent[];
  weighting?: WeightingScheme;
  options?: ModelOptions;
  units?: UnitSystem;
}

export interface FitSubjectsResult {
  fits: ModelFitResult[];
  /** One per subject when more than one model was fitted. */
  comparisons: ModelComparison[];
}

export function fitSubjects(request: FitSubjectsRequest): FitSubjectsResult {
  // Check every model and the doses before spending time on fits.
  for (const id of request.models) validateDoses(resolveModel(id), request.doses);
  const fits: ModelFitResult[] = [];
  const comparisons: ModelComparison[] = [];
  for (const subject of request.subjects) {
    const perSubject = request.models.map((model) =>
      fitCompartmentModel({
        id: subject.id,
        model,
        observations: subject.observations,
        doses: request.doses,
        ...(request.weighting ? { weighting: request.weighting } : {}),
        ...(request.options ? { options: request.options } : {}),
        ...(request.units ? { units: request.units } : {}),
      }),
    );
    fits.push(...perSubject);
    if (perSubject.length > 1) comparisons.push(compareModels(perSubject));
  }
  return { fits, comparisons };
}

/** Groups (id, time, conc) rows into subjects, keeping the order in which ids first appear. */
export function groupSubjects(rows: readonly { id: string; timeH: number; conc: number }[]): SubjectData[] {
  const byId = new Map<string, Observation[]>();
  for (const row of rows) {
    const list = byId.get(row.id) ?? [];
    list.push({ timeH: row.timeH, conc: row.conc });
    byId.set(row.id, list);
  }
  return [...byId].map(([id, observations]) => ({ id, observations }));
}
