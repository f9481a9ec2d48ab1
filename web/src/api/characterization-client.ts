/** Client for the characterization routes (src/api/routes/characterization.ts). */
import type { RawFile } from '../../../src/domain/measurement.ts';
import type { BatchMetricsResult } from '../../../src/jobs/batch-metrics/batch-metrics.ts';
import type { AssayReport } from '../../../src/science/assay/analyse-plate-assay.ts';
import type { Page } from './client.ts';
import { request } from './client.ts';

const id = (s: string) => encodeURIComponent(s);

export const characterizationApi = {
  batchMetrics: (batchId: string, signal?: AbortSignal) =>
    request<BatchMetricsResult>('GET', `/api/batches/${id(batchId)}/metrics`, { signal }),
  compareBatches: (ids: readonly string[], signal?: AbortSignal) =>
    request<{ batches: BatchMetricsResult[] }>('GET', '/api/batch-metrics', {
      query: { ids: ids.join(',') },
      signal,
    }),
  refitAssay: (measurementId: string, query: { model: string; weights: string }, signal?: AbortSignal) =>
    request<AssayReport>('GET', `/api/measurements/${id(measurementId)}/assay-fit`, { query, signal }),
  batchFiles: (batchId: string, signal?: AbortSignal) =>
    request<Page<RawFile>>('GET', `/api/batches/${id(batchId)}/files`, { query: { limit: 200 }, signal }),
};
