import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isolationProtocolSchema } from '../../domain/isolation-protocol.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ChainInputError } from '../../science/isolation-chain/chain-types.ts';
import {
  inputPopulationSchema,
  sizeDistributionFromNtaReport,
} from '../../science/isolation-chain/input-population.ts';
import { type ProtocolChain, simulateProtocol } from '../../science/isolation-chain/simulate-protocol.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import { ApiProblem, notFoundProblem, PROBLEM_TYPES } from '../problem.ts';
import { problemModel } from '../schemas.ts';

const tags = ['isolation'];

/** The request: a chain ({ input?, protocol }), optionally with an NTA measurement as the size distribution. */
const simulateBody = z.object({
  input: inputPopulationSchema
    .optional()
    .describe('Input population; defaults: serum-free MSC conditioned medium'),
  protocol: isolationProtocolSchema,
  measurementId: z
    .string()
    .min(1)
    .optional()
    .describe(
      "An NTA measurement whose number-weighted bins (and concentration) become the input's size distribution",
    ),
});

const lipoproteins = z.object({ hdl: z.number(), ldl: z.number(), vldl: z.number() });
const assumption = z.object({
  key: z.string(),
  description: z.string(),
  value: z.union([z.number(), z.string()]),
  unit: z.string().nullable(),
  source: z.string(),
  assumption: z.boolean(),
});
const preparation = {
  particles: z.number(),
  particlesPerMl: z.number(),
  volumeMl: z.number(),
  recoveryPercent: z.number(),
  proteinUg: z.number().describe('free soluble protein'),
  evProteinUg: z.number(),
  lipoproteinProteinUg: z.number(),
  totalProteinUg: z.number(),
  proteinUgPerMl: z.number(),
  purityParticlesPerUg: z.number().nullable(),
  purityClass: z.enum(['high', 'intermediate', 'low', 'impure']).nullable(),
  lipoproteins: lipoproteins.extend({ total: z.number() }),
  lipoproteinsPerEv: z.number().nullable(),
  sizeDistribution: z.object({
    meanNm: z.number().nullable(),
    modeNm: z.number().nullable(),
    d10Nm: z.number().nullable(),
    d50Nm: z.number().nullable(),
    d90Nm: z.number().nullable(),
  }),
  particlesByBin: z.array(z.number()),
};

export const simulationResultModel = z.object({
  binsNm: z.array(z.number()),
  input: z.object({ ...preparation, assumptions: z.array(assumption) }),
  steps: z.array(
    z.object({
      index: z.number().int(),
      step: z.number().int(),
      method: z.string(),
      label: z.string(),
      model: z.enum(['physical', 'assumed']),
      stepRecoveryPercent: z.number(),
      parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
      ...preparation,
      cutoffs: z.array(
        z.object({
          name: z.string(),
          description: z.string(),
          value: z.number().nullable(),
          unit: z.string(),
        }),
      ),
      fractions: z
        .array(
          z.object({
            number: z.number().int(),
            startMl: z.number(),
            endMl: z.number(),
            densityGPerMl: z.number().nullable(),
            particles: z.number(),
            proteinUg: z.number(),
            lipoproteins,
            collected: z.boolean(),
          }),
        )
        .nullable(),
      timeMinutes: z.number().nullable(),
      warnings: z.array(z.string()),
      assumptions: z.array(assumption),
    }),
  ),
  final: z.object(preparation),
  assumptions: z.array(assumption.extend({ where: z.string() })),
  warnings: z.array(z.string()),
});

/** /api/isolation/simulate: the protocol-chain simulator (src/science/isolation-chain) over HTTP. */
export const isolationProtocolRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/isolation/simulate',
    {
      schema: {
        tags,
        summary:
          'Simulate an isolation protocol chain: recovery by size, protein, lipoproteins and purity per step',
        body: simulateBody,
        response: { 200: simulationResultModel, 400: problemModel, 404: problemModel, 422: problemModel },
      },
    },
    async (req) => {
      const chain: ProtocolChain = { protocol: req.body.protocol, input: req.body.input };
      if (req.body.measurementId !== undefined) {
        const id = req.body.measurementId;
        const measurement = await wb.store.getMeasurement(id);
        if (!measurement) throw new ApiProblem(notFoundProblem(`Measurement ${id} does not exist`));
        const report =
          measurement.kind === 'nta' && measurement.status === 'parsed'
            ? (measurement.metrics as NtaReport | null)
            : null;
        const bins = report?.distribution ? sizeDistributionFromNtaReport(report) : null;
        if (!bins)
          throw new ApiProblem({
            type: PROBLEM_TYPES.validation,
            title: 'Unusable measurement',
            status: 422,
            detail: `Measurement ${id} has no number-weighted NTA size distribution (kind ${measurement.kind}, ${measurement.status})`,
            code: 'no-size-distribution',
            errors: [{ path: ['measurementId'], message: 'not a parsed NTA measurement with size bins' }],
          });
        const { particlesPerMl: _ignored, sizeDistribution: _replaced, ...rest } = req.body.input ?? {};
        chain.input = { ...rest, sizeDistribution: bins };
      }
      try {
        return simulateProtocol(chain);
      } catch (error) {
        if (error instanceof ChainInputError) {
          const first = error.issues[0];
          throw new ApiProblem({
            type: PROBLEM_TYPES.validation,
            title: 'Invalid request',
            status: 400,
            detail: first?.message ?? error.message,
            code: 'invalid-protocol',
            in: 'body',
            errors: error.issues.map((i) => ({ path: i.path, message: i.message })),
          });
        }
        throw error;
      }
    },
  );
};
