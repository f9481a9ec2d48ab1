/**
 * Typed access to the isolation-method catalogue and the recommender (GET /api/isolation/methods,
 * POST /api/isolation/recommend). Errors are ApiErrors built from problem+json by client.ts.
 */
import type { MethodCatalogue } from '../../../src/science/isolation-methods/method-catalogue-schema.ts';
import type { Recommendation } from '../../../src/science/isolation-methods/recommend-isolation.ts';
import type { RecommendationInputDraft } from '../../../src/science/isolation-methods/recommendation-input.ts';
import { request } from './client.ts';

export type { MethodCatalogue, Recommendation, RecommendationInputDraft };

export const isolationMethodsApi = {
  catalogue: (signal?: AbortSignal) => request<MethodCatalogue>('GET', '/api/isolation/methods', { signal }),
  recommend: (input: RecommendationInputDraft, signal?: AbortSignal) =>
    request<Recommendation>('POST', '/api/isolation/recommend', { body: input, signal }),
};
