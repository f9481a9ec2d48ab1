/**
 * Later decisions about stored data (migration 0004): retract a measurement with a reason, give a
 * measurement the dilution factor its file does not record, confirm a registered trial as an MSC-EV trial
 * or set it aside. Each is one audited write; raw bytes and the measurement row are kept.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { TRIAL_RELEVANCE, TRIAL_RELEVANCE_RULE } from '../../science/evidence/trial-relevance.ts';
import { MAX_RETRACTION_REASON } from '../../store/kysely-measurement-curation-store.ts';
import { actorOf, found } from '../request-context.ts';
import { idParams, measurementModel, problemModel, problemResponses } from '../schemas.ts';
import { trialModel } from './evidence.ts';

export const retractionBody = z.object({
  reason: z.string().trim().min(1, 'give a reason for the retraction').max(MAX_RETRACTION_REASON),
});
export const measurementPatchBody = z
  .object({
    dilutionFactor: z
      .number()
      .min(1, 'the dilution factor is ≥ 1 (1 = undiluted)')
      .max(1e9)
      .nullable()
      .describe('Dilution of the sample as measured; null: not recorded'),
  })
  .strict();
export const trialRelevanceBody = z.object({ relevance: z.enum(TRIAL_RELEVANCE) }).strict();

export const curationRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/measurements/:id/retraction',
    {
      schema: {
        tags: ['measurements'],
        summary: 'Retract a measurement (failed or wrong upload) with a reason',
        description:
          'Audited (status-change). The raw file and the measurement are kept; retracted measurements are left out of metrics and overlays by default and listed with a badge. 409 when already retracted.',
        params: idParams,
        body: retractionBody,
        response: { 200: measurementModel, ...problemResponses, 409: problemModel },
      },
    },
    async (req) => {
      await wb.store.measurementCuration.retract(req.params.id, req.body.reason, actorOf(req));
      return found(await wb.store.getMeasurement(req.params.id), 'Measurement', req.params.id);
    },
  );

  app.patch(
    '/measurements/:id',
    {
      schema: {
        tags: ['measurements'],
        summary: "Set a measurement's dilution factor (when the file says “not recorded”)",
        params: idParams,
        body: measurementPatchBody,
        response: { 200: measurementModel, ...problemResponses },
      },
    },
    async (req) => {
      await wb.store.measurementCuration.setDilutionFactor(
        req.params.id,
        req.body.dilutionFactor,
        actorOf(req),
      );
      return found(await wb.store.getMeasurement(req.params.id), 'Measurement', req.params.id);
    },
  );

  app.put(
    '/evidence/trials/:nctId/relevance',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Confirm a trial as an MSC-EV trial (relevant) or set it aside',
        description: TRIAL_RELEVANCE_RULE,
        params: z.object({ nctId: z.string().min(1).max(40) }),
        body: trialRelevanceBody,
        response: { 200: trialModel, ...problemResponses },
      },
    },
    async (req) => wb.store.evidence.setTrialRelevance(req.params.nctId, req.body.relevance, actorOf(req)),
  );
};
