/**
 * Later decisions about stored data (migration 0004): retract a measurement, set its dilution factor,
 * confirm a registered trial as an MSC-EV trial or set it aside. Errors are ApiErrors (client.ts).
 */
import type { Measurement } from '../../../src/domain/measurement.ts';
import type { TrialRelevance } from '../../../src/science/evidence/trial-relevance.ts';
import { request } from './client.ts';
import type { Trial } from './evidence-client.ts';

export const curationApi = {
  retractMeasurement: (id: string, reason: string) =>
    request<Measurement>('POST', `/api/measurements/${encodeURIComponent(id)}/retraction`, {
      body: { reason },
    }),
  setDilutionFactor: (id: string, dilutionFactor: number | null) =>
    request<Measurement>('PATCH', `/api/measurements/${encodeURIComponent(id)}`, {
      body: { dilutionFactor },
    }),
  setTrialRelevance: (nctId: string, relevance: TrialRelevance) =>
    request<Trial>('PUT', `/api/evidence/trials/${encodeURIComponent(nctId)}/relevance`, {
      body: { relevance },
    }),
};
