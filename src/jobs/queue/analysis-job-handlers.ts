/**
 * Heavy analyses as jobs (issue 10, scale-out): track-based NTA sizing of a large track table and the flow
 * (FCS) analysis of a batch. Both are enqueued only by their own API routes (POST /api/tracks/size,
 * POST /api/batches/:id/flow/analysis), after authorization and membership checks, so POST /api/jobs
 * refuses them (`enqueueViaApi: false`).
 *
 * Idempotent on retry: track sizing reads its input file (content-addressed, job-files.ts) and writes
 * nothing; a rerun of the flow analysis supersedes the QC results of the attempt that was cut short (the
 * earlier ones stay on record with reason "superseded by …", flow-batch-analysis.ts), so the batch ends with
 * exactly one current set of flow metrics.
 */
import { z } from 'zod';
import { flowBatchAnalysisInputSchema, runFlowBatchAnalysis } from '../flow-batch-analysis.ts';
import { sizeTrackTable } from '../size-track-table.ts';
import { readJobInput } from './job-files.ts';
import { registerJobHandler } from './job-types.ts';

const finite = z.number().finite();

export const trackSizingJobInput = z.object({
  /** SHA-256 of the track table in `<dataDir>/jobs/inputs` (putJobInput). */
  inputSha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1).max(300),
  umPerPx: finite.positive().optional(),
  fps: finite.positive().optional(),
  temperatureC: finite.min(0).max(100).optional(),
  viscosityCp: finite.positive().optional(),
  localisationNoiseNm: finite.nonnegative().optional(),
});

export const flowAnalysisJobInput = z.object({
  batchId: z.string().min(1).max(200),
  analysis: flowBatchAnalysisInputSchema,
});

export function registerAnalysisJobHandlers(): void {
  registerJobHandler(
    'nta.track-sizing',
    async (raw, { wb, reportProgress }) => {
      const { inputSha256, fileName, ...conditions } = trackSizingJobInput.parse(raw);
      const bytes = await readJobInput(wb.dataDir, inputSha256);
      if (!bytes) throw new Error(`the track table of this job (${inputSha256}) is missing or altered`);
      return sizeTrackTable(bytes, fileName, conditions, reportProgress);
    },
    {
      summary: 'size NTA particles from a track table (naive per track vs maximum likelihood, Walker 2012)',
      check: (i) => trackSizingJobInput.parse(i),
      enqueueViaApi: false,
    },
  );

  registerJobHandler(
    'flow.batch-analysis',
    async (raw, { wb, reportProgress, createdBy }) => {
      const input = flowAnalysisJobInput.parse(raw);
      await reportProgress(0.05, `reading the FCS files of batch ${input.batchId}`);
      // Progress (and the cancellation checkpoint) before each FCS file and before anything is stored;
      // none after: a cancel request then comes too late and the job completes with what it stored.
      return runFlowBatchAnalysis(wb, input.batchId, input.analysis, createdBy, reportProgress);
    },
    {
      summary: 'flow (FCS) results of a batch as metrics, stored as QC results (flow-batch-analysis.ts)',
      check: (i) => flowAnalysisJobInput.parse(i),
      enqueueViaApi: false,
    },
  );
}
