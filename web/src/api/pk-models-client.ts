/** Typed HTTP client for /api/pk/models, /api/pk/fit and /api/pk/simulate (src/api/routes/pk-models.ts). */
import type {
  ModelComparison,
  ModelFitResult,
  WeightingScheme,
} from '../../../src/science/pk/fitting/fit-types.ts';
import { request } from './client.ts';
import type { MaybeJob } from './jobs-client.ts';

export interface PkModelInfo {
  id: string;
  label: string;
  compartments: number;
  input: 'iv-bolus' | 'iv-infusion' | 'first-order';
  elimination: 'linear' | 'michaelis-menten' | 'accelerated-clearance';
  solution: 'closed-form' | 'ode';
  description: string;
  parameters: { name: string; unit: string; description: string; optional: boolean }[];
}

export interface PkFitRequest {
  models: string[];
  subjects: { id: string; observations: { time: number; conc: number }[] }[];
  dose: number;
  doses?: number;
  tau?: number;
  duration?: number;
  lag?: boolean;
  bioavailability?: number;
  weighting?: WeightingScheme;
  units?: { amount: string; concentration: string; time: string };
}

export interface PkFitResponse {
  fits: ModelFitResult[];
  comparisons: ModelComparison[];
}

export const pkModelsApi = {
  list: (signal?: AbortSignal) =>
    request<PkModelInfo[]>('GET', '/api/pk/models', { ...(signal ? { signal } : {}) }),
  fit: (body: PkFitRequest, signal?: AbortSignal) =>
    // More than 20 subjects are fitted by a background job: 202 with the job (its result is the response).
    request<MaybeJob<PkFitResponse>>('POST', '/api/pk/fit', { body, ...(signal ? { signal } : {}) }),
};
