import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIGNATURE_MEANINGS, signatureRequestSchema } from '../../domain/signature.ts';
import { listRecordSignatures, SignatureError, signRecord } from '../../jobs/signatures.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, PROBLEM_TYPES, type Problem, statusTitle } from '../problem.ts';
import { actorOf } from '../request-context.ts';
import { problemModel, problemResponses } from '../schemas.ts';

const signatureFields = {
  id: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  meaning: z.enum(SIGNATURE_MEANINGS),
  signer: z.string().describe('The account that re-authenticated to sign'),
  printedName: z.string().describe('Printed name of the signer, shown with the record'),
  signedAt: z.string().describe('ISO 8601 UTC timestamp'),
  reason: z.string().nullable(),
  contentHash: z.string().describe("SHA-256 hex of the record's canonical JSON when signed"),
};

function model<T extends z.ZodType>(schema: T, id: string, description: string): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id, description });
  return schema;
}

export const signatureModel = model(z.object(signatureFields), 'Signature', 'An electronic signature.');
export const signatureWithStatusModel = model(
  z.object({
    ...signatureFields,
    status: z
      .enum(['valid', 'broken', 'superseded'])
      .describe(
        'valid: the record is unchanged since signing; broken: it changed or is gone; superseded: the same signer signed it again with the same meaning',
      ),
  }),
  'SignatureWithStatus',
  'An electronic signature with its status against the record as it is now.',
);

const STATUS_OF: Record<SignatureError['code'], number> = {
  'unknown-record-type': 422,
  'record-not-found': 404,
  'authentication-failed': 403,
  'no-signer': 403,
  'signing-unavailable': 503,
  'workflow-only': 409,
};

/** The problem+json of a refused signature (also used by the QC release routes). */
export function problemOf(error: SignatureError): Problem {
  const status = STATUS_OF[error.code];
  return {
    type: status === 404 ? PROBLEM_TYPES.notFound : PROBLEM_TYPES.http,
    title: statusTitle(status),
    status,
    detail: error.message,
    code: error.code,
    ...(error.code === 'authentication-failed'
      ? { errors: [{ path: ['password'], message: error.message }] }
      : {}),
  };
}

/**
 * POST /api/signatures (sign a record, re-entering the password) and GET /api/signatures?recordType&recordId
 * (its signatures with status). The signer is the request's authenticated user (actorOf), never a body field.
 */
export const signatureRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/signatures',
    {
      schema: {
        tags: ['signatures'],
        summary: 'Sign a record electronically (re-authentication with the password)',
        body: signatureRequestSchema,
        response: {
          201: signatureModel,
          ...problemResponses,
          403: problemModel,
          422: problemModel,
          503: problemModel,
        },
      },
    },
    async (req, reply) => {
      try {
        const signature = await signRecord(wb, { ...req.body, signer: actorOf(req) });
        return reply.code(201).send(signature);
      } catch (error) {
        if (error instanceof SignatureError) throw new ApiProblem(problemOf(error));
        throw error;
      }
    },
  );

  app.get(
    '/signatures',
    {
      schema: {
        tags: ['signatures'],
        summary: "A record's signatures, oldest first, with status valid / broken / superseded",
        querystring: z.object({
          recordType: z.string().trim().min(1).max(40),
          recordId: z.string().trim().min(1).max(200),
        }),
        response: { 200: z.object({ items: z.array(signatureWithStatusModel) }), ...problemResponses },
      },
    },
    async (req) => ({ items: await listRecordSignatures(wb, req.query.recordType, req.query.recordId) }),
  );
};
