/**
 * Typed access to the PK endpoints this module serves: PK studies linked to batches, biodistribution
 * analysis (server side) and the batch's dose sources for the dose calculator. Errors are ApiErrors
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
  /**
   * A dose plan from a stored measurement (server side); with acceptQcErrors and overrideReason the use of a
   * measurement with QC errors is written to the audit trail.
   */
  prepareDoseFromSource: (body: {
    measurementId: string;
    sampleId?: string;
    acceptQcErrors?: boolean;
    overrideReason?: string;
    dose: number;
    unit: DoseConcentrationSource['unit'];
  }) => request<{ stockConcentrationPerMl: number }>('POST', '/api/pk/dose/prepare', { body }),
};
