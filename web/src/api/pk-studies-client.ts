/**
 * Typed access to the PK endpoints this module serves: PK studies linked to batches, biodistribution
 * analysis (server side) and the batch's latest NTA concentration for the dose calculator. Errors are ApiErrors
 * (problem+json), like every other call (client.ts).
 */

import type { AdministrationRoute } from '../../../src/domain/administration-route.ts';
import type {
  BiodistributionUnit,
  EV_LABEL_NAMES,
  PkSpecies,
  PkStudy,
  PkStudyCreateRequest,
  PkStudyPatchRequest,
  PkStudySourceFile,
  PkStudySummary,
} from '../../../src/domain/pk-study.ts';
import type { NtaReport } from '../../../src/science/nta/nta-report.ts';
import type { BiodistributionReport } from '../../../src/science/pk/biodistribution/analyse-biodistribution.ts';
import type { DoseConcentrationSource } from '../../../src/science/pk/dosing/dose-concentration-source.ts';
import { api, type Page, request } from './client.ts';

export interface BiodistributionRequest {
  csv: string;
  fileName?: string;
  defaultUnit?: BiodistributionUnit;
  label: (typeof EV_LABEL_NAMES)[number] | null;
  decayCorrect: boolean;
  species: PkSpecies;
  bodyWeightKg: number | null;
  organMassesG?: Record<string, number>;
}

/** The NTA concentration of a batch's newest parsed NTA measurement. */
export interface BatchNtaConcentration {
  measurementId: string;
  createdAt: string;
  concentrationPerMl: number;
  sample: string | null;
  /** Dilution of the sample as measured (user-entered, migration 0004); null when not recorded. */
  dilutionFactor?: number | null;
  /** Newer measurements passed over because they were retracted (never used silently). */
  skippedRetracted?: number;
}

/**
 * A PATCH body: any input field but the batch, which stays the study's provenance, plus `sources` (the raw
 * tables, kept as raw files of the batch and appended to the study's source files).
 */
export type PkStudyPatchInput = PkStudyPatchRequest;

const id = (value: string) => encodeURIComponent(value);

export const pkApi = {
  listPkStudies: (
    query: {
      batchId?: string;
      species?: PkSpecies;
      route?: AdministrationRoute;
      limit?: number;
      offset?: number;
    } = {},
    signal?: AbortSignal,
  ) => request<Page<PkStudySummary>>('GET', '/api/pk-studies', { query: { ...query }, signal }),
  getPkStudy: (studyId: string, signal?: AbortSignal) =>
    request<PkStudy>('GET', `/api/pk-studies/${id(studyId)}`, { signal }),
  /** Records a study; `sources` (the tables as pasted or uploaded) are kept unchanged as raw files first. */
  createPkStudy: (input: PkStudyCreateRequest) =>
    request<PkStudy>('POST', '/api/pk-studies', { body: input }),
  /**
   * Changes fields of a study (never its batch); observations given replace the stored ones, `sources` are
   * appended to the stored source files (none is ever removed).
   */
  updatePkStudy: (studyId: string, patch: PkStudyPatchInput) =>
    request<PkStudy>('PATCH', `/api/pk-studies/${id(studyId)}`, { body: patch }),
  /** Where the original bytes of a study's source file download from. */
  sourceFileUrl: (file: Pick<PkStudySourceFile, 'rawFileId'>) => api.rawFileContentUrl(file.rawFileId),
  deletePkStudy: (studyId: string) => request<void>('DELETE', `/api/pk-studies/${id(studyId)}`),
  batchPkStudies: (batchId: string, signal?: AbortSignal) =>
    request<Page<PkStudySummary>>('GET', `/api/batches/${id(batchId)}/pk-studies`, { signal }),
  analyseBiodistribution: (body: BiodistributionRequest, signal?: AbortSignal) =>
    request<BiodistributionReport>('POST', '/api/pk/biodistribution', { body, signal }),

  /** The batch's NTA measurements as dose sources (QC, dilution and its origin, retraction), newest first. */
  doseSources: (batchId: string, signal?: AbortSignal) =>
    request<{ batch: { id: string; code: string }; sources: DoseConcentrationSource[] }>(
      'GET',
      `/api/batches/${id(batchId)}/dose-sources`,
      { signal },
    ),

  /** Newest parsed NTA measurement of the batch with a concentration; null when there is none. */
  async latestNtaConcentration(batchId: string, signal?: AbortSignal): Promise<BatchNtaConcentration | null> {
    const page = await api.listMeasurements({ batchId, kind: 'nta', limit: 20 }, signal);
    let skippedRetracted = 0;
    for (const summary of page.items) {
      if (summary.status !== 'parsed') continue;
      // A retracted measurement never gives the dose concentration (issue 9 item 10); the form says so.
      if (summary.retraction) {
        skippedRetracted += 1;
        continue;
      }
      const m = await api.getMeasurement(summary.id, signal);
      const report = m.metrics as NtaReport | null;
      const c = report?.average?.concentrationPerMl;
      if (typeof c === 'number' && Number.isFinite(c) && c > 0) {
        return {
          measurementId: m.id,
          createdAt: m.createdAt,
          concentrationPerMl: c,
          sample: report?.sample ?? null,
          ...(summary.dilutionFactor !== undefined ? { dilutionFactor: summary.dilutionFactor } : {}),
          ...(skippedRetracted > 0 ? { skippedRetracted } : {}),
        };
      }
    }
    return null;
  },
};
