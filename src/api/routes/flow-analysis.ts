/**
 * POST /api/batches/:id/flow/analysis — the batch's flow results as metrics (src/jobs/flow-batch-analysis.ts):
 * marker % positive net of controls, EV concentration per mL, median diameter from the scatter calibration,
 * stored as QC results with the analysis record as their reference. 201 with the analysis; 400 for a
 * measurement that is not a parsed flow measurement of the batch (or a missing channel/volume), 404 for an
 * unknown batch, 409 when the batch is locked, 422 when a stored FCS file no longer reads. Large inputs (FCS
 * files above SYNC_FLOW_MAX_FCS_BYTES in all) and `Prefer: respond-async` → 202 with a job.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  FlowAnalysisError,
  type FlowBatchAnalysisInput,
  flowBatchAnalysisInputSchema,
  runFlowBatchAnalysis,
} from '../../jobs/flow-batch-analysis.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { actorOf, found } from '../request-context.ts';
import { answerWithJob, prefersAsync } from '../route-jobs.ts';
import { idParams } from '../schemas.ts';

/**
 * Most FCS bytes (summed over the distinct files the analysis reads) analysed inside the request; more
 * become a `flow.batch-analysis` job (202). bench/job-thresholds.bench.ts (bench/results/job-thresholds.md):
 * a sample + isotype pair of 3-channel float32 files took 310 ms CPU at 2.3 MiB (100k events each), 971 ms
 * at 11.4 MiB (500k events) and 1.78 s at 22.9 MiB; the ~1 s bound is crossed near 5.2 × 10⁵ events per
 * file (≈ 11 MiB), so 8 MiB (≈ 0.7 s) keeps a margin for a busier machine.
 */
export const SYNC_FLOW_MAX_FCS_BYTES = 8 * 1024 * 1024;

/** Measurement ids the analysis reads (markers, controls, concentration, diameter). */
function referencedMeasurements(input: FlowBatchAnalysisInput): string[] {
  const ids = [
    ...(input.markers ?? []).flatMap((m) => [m.sample, m.isotype, m.unstained]),
    input.concentration?.sample,
    input.concentration?.bufferOnly,
    input.concentration?.detergentLysed,
    input.diameter?.sample,
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

export const flowAnalysisRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  /** Bytes of the distinct raw files behind the referenced measurements of this batch (unknown ones: 0). */
  async function fcsBytes(batchId: string, input: FlowBatchAnalysisInput): Promise<number> {
    const files = new Map<string, number>();
    for (const id of referencedMeasurements(input)) {
      const m = await wb.store.getMeasurement(id);
      if (!m || m.batchId !== batchId || m.kind !== 'flow') continue; // the analysis names the error
      const raw = await wb.store.getRawFile(m.rawFileId);
      if (raw) files.set(raw.sha256, raw.sizeBytes);
    }
    return [...files.values()].reduce((a, b) => a + b, 0);
  }

  app.post(
    '/batches/:id/flow/analysis',
    {
      schema: {
        tags: ['flow'],
        summary:
          'Flow results of a batch as metrics (flow.<MARKER>.netPercentPositive, flow.evConcentrationPerMl, flow.medianDiameterNm), stored as QC results with provenance',
        params: idParams,
        body: flowBatchAnalysisInputSchema,
      },
    },
    async (req, reply) => {
      // Prefer: respond-async, or FCS files above SYNC_FLOW_MAX_FCS_BYTES → a `flow.batch-analysis` job (202).
      if (prefersAsync(req) || (await fcsBytes(req.params.id, req.body)) > SYNC_FLOW_MAX_FCS_BYTES) {
        found(await wb.store.getBatch(req.params.id), 'batch', req.params.id);
        return answerWithJob(wb, req, reply, 'flow.batch-analysis', {
          batchId: req.params.id,
          analysis: req.body,
        });
      }
      try {
        const analysis = await runFlowBatchAnalysis(wb, req.params.id, req.body, actorOf(req));
        return reply.code(201).send(analysis);
      } catch (error) {
        if (error instanceof FlowAnalysisError) {
          throw new ApiProblem({
            type: PROBLEM_TYPES.validation,
            title: 'Invalid request',
            status: 400,
            detail: error.message,
            code: 'validation-error',
            errors: [{ path: error.path, message: error.message }],
          });
        }
        throw error;
      }
    },
  );
};
