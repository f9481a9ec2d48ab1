/**
 * POST /api/batches/:id/flow/analysis — the batch's flow results as metrics (src/jobs/flow-batch-analysis.ts):
 * marker % positive net of controls, EV concentration per mL, median diameter from the scatter calibration,
 * stored as QC results with the analysis record as their reference. 201 with the analysis; 400 for a
 * measurement that is not a parsed flow measurement of the batch (or a missing channel/volume), 404 for an
 * unknown batch, 409 when the batch is locked, 422 when a stored FCS file no longer reads.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  FlowAnalysisError,
  flowBatchAnalysisInputSchema,
  runFlowBatchAnalysis,
} from '../../jobs/flow-batch-analysis.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { actorOf, found } from '../request-context.ts';
import { answerWithJob, prefersAsync } from '../route-jobs.ts';
import { idParams } from '../schemas.ts';

export const flowAnalysisRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
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
      // Prefer: respond-async → a `flow.batch-analysis` job (202): large FCS files are read off the request.
      if (prefersAsync(req)) {
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
