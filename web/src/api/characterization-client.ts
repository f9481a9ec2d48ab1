/**
 * Typed HTTP client for the characterization routes: NTA video exclusions, TEM and track sizing
 * (src/api/routes/nta-characterization.ts) and batch metrics, assay refits and raw files
 * (src/api/routes/characterization.ts).
 */
import type { RawFile } from '../../../src/domain/measurement.ts';
import type { BatchMetricsResult } from '../../../src/jobs/batch-metrics/batch-metrics.ts';
import type { AssayReport } from '../../../src/science/assay/analyse-plate-assay.ts';
import type { NtaWithExclusions } from '../../../src/science/nta/video-exclusion.ts';
import type { TrackSizingReport } from '../../../src/science/nta-tracks/size-tracks.ts';
import type { TemReport } from '../../../src/science/tem/analyse-tem-particles.ts';
import type { DryVsHydrodynamic } from '../../../src/science/tem/dry-vs-hydrodynamic.ts';
import type { NtaVideoExclusion } from '../../../src/store/nta-video-exclusion-store.ts';
import { type Page, request } from './client.ts';
import type { MaybeJob } from './jobs-client.ts';

export interface VideoExclusions {
  measurementId: string;
  videos: number;
  exclusions: NtaVideoExclusion[];
  result: NtaWithExclusions;
}

export type TemWithComparison = TemReport & { comparison?: DryVsHydrodynamic & { ntaMeasurementId: string } };

const enc = encodeURIComponent;

export const characterizationApi = {
  videoExclusions: (measurementId: string, signal?: AbortSignal) =>
    request<VideoExclusions>('GET', `/api/measurements/${enc(measurementId)}/video-exclusions`, {
      ...(signal ? { signal } : {}),
    }),
  excludeVideo: (measurementId: string, video: number, reason: string) =>
    request<VideoExclusions>('POST', `/api/measurements/${enc(measurementId)}/video-exclusions/${video}`, {
      body: { reason },
    }),
  includeVideo: (measurementId: string, video: number) =>
    request<VideoExclusions>('DELETE', `/api/measurements/${enc(measurementId)}/video-exclusions/${video}`),
  tem: (
    measurementId: string,
    query: { nmPerPx?: number; tableUnit: 'px' | 'nm' | 'um'; ntaMeasurementId?: string },
    signal?: AbortSignal,
  ) =>
    request<TemWithComparison>('GET', `/api/measurements/${enc(measurementId)}/tem`, {
      query: { ...query },
      ...(signal ? { signal } : {}),
    }),
  sizeTracks: (body: {
    fileName: string;
    content: string;
    umPerPx?: number;
    fps?: number;
    temperatureC?: number;
    localisationNoiseNm?: number;
  }) =>
    // A table above 2 MiB is sized by a background job: 202 with the job (follow it, its result is the report).
    request<MaybeJob<TrackSizingReport & { file: string; source: string }>>('POST', '/api/tracks/size', {
      body,
    }),
  batchMetrics: (batchId: string, signal?: AbortSignal) =>
    request<BatchMetricsResult>('GET', `/api/batches/${enc(batchId)}/metrics`, { signal }),
  compareBatches: (ids: readonly string[], signal?: AbortSignal) =>
    request<{ batches: BatchMetricsResult[] }>('GET', '/api/batch-metrics', {
      query: { ids: ids.join(',') },
      signal,
    }),
  refitAssay: (measurementId: string, query: { model: string; weights: string }, signal?: AbortSignal) =>
    request<AssayReport>('GET', `/api/measurements/${enc(measurementId)}/assay-fit`, { query, signal }),
  batchFiles: (batchId: string, signal?: AbortSignal) =>
    request<Page<RawFile>>('GET', `/api/batches/${enc(batchId)}/files`, { query: { limit: 200 }, signal }),
};
