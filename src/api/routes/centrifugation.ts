import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import type { Rotor } from '../../science/centrifugation/centrifugation-types.ts';
import { MEDIUM_KINDS } from '../../science/centrifugation/medium-viscosity.ts';
import {
  closestRotorNames,
  findRotor,
  ROTORS,
  rotorListing,
  unknownRotorMessage,
} from '../../science/centrifugation/rotor-library.ts';
import { parseUserRotors } from '../../science/centrifugation/rotor-schema.ts';
import { CURVE_POINTS, computeSpin, SpinInputError } from '../../science/centrifugation/spin-calculation.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { problemModel } from '../schemas.ts';

const tags = ['isolation'];

function model<T extends z.ZodType>(schema: T, id: string, description: string): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id, description });
  return schema;
}

const rotorModel = model(
  z.object({
    name: z.string(),
    manufacturer: z.string(),
    type: z.enum(['swinging-bucket', 'fixed-angle']),
    rMinMm: z.number(),
    rAvMm: z.number(),
    rMaxMm: z.number(),
    tubeDiameterMm: z.number().nullable(),
    angleDeg: z.number().nullable(),
    maxRpm: z.number(),
    kFactorAtMaxRpm: z.number().nullable().describe('k-factor printed by the manufacturer, when published'),
    tubeVolumeMl: z.number().nullable(),
    tubes: z.number().nullable(),
    source: z.string(),
    userDefined: z.boolean().optional(),
    note: z.string().optional(),
    kFactor: z.number().describe('k-factor at maximum speed computed from the radii (Beckman definition)'),
    maxRcfAvg: z.number().describe('RCF at Rav at maximum speed, ×g'),
    maxRcfMax: z.number().describe('RCF at Rmax at maximum speed, ×g'),
  }),
  'Rotor',
  'A centrifuge rotor: geometry (mm), maximum speed, k-factor, tubes and the source of the values.',
);

const pelletedModel = z.object({ diameterNm: z.number(), fraction: z.number().min(0).max(1) });

const spinResultModel = model(
  z.object({
    rotor: z.string(),
    type: z.enum(['swinging-bucket', 'fixed-angle']),
    rpm: z.number(),
    rcfAvg: z.number().describe('RCF at Rav, ×g'),
    rcfMax: z.number(),
    rcfMin: z.number(),
    minutes: z.number().describe('run time; with kAdjustFrom the k-equivalent time on this rotor'),
    kFactor: z.number().describe('k-factor at the run speed'),
    cutoffDiameterNm: z.number().describe('d*: smallest diameter pelleted completely'),
    pelleted: z.array(pelletedModel),
    minutesToPellet: z
      .array(z.object({ diameterNm: z.number(), minutes: z.number() }))
      .describe('run time at the same speed that pellets every particle of each diameter'),
    viscosityCp: z.number(),
    viscositySource: z.string(),
    temperatureC: z.number().nullable(),
    medium: z.enum(MEDIUM_KINDS as unknown as ['water', 'pbs', 'culture-medium']).nullable(),
    evDensity: z.number(),
    mediumDensity: z.number(),
    kAdjustedFrom: z
      .object({ rotor: z.string(), minutes: z.number(), rpm: z.number(), kFactor: z.number() })
      .nullable(),
    rotorNote: z.string().nullable().describe("the rotor's note on uncertain or derived library values"),
    kFactorEstimate: z
      .object({
        cutoffDiameterNm: z.number(),
        pelleted: z.array(z.object({ diameterNm: z.number(), fraction: z.number() })),
        minutesToPellet: z.array(z.object({ diameterNm: z.number(), minutes: z.number() })),
        explanation: z.string(),
      })
      .describe(
        'the k-factor (Stokes, Rmin → Rmax) estimate beside the Livshits result, and why they differ',
      ),
    curve: z.array(pelletedModel).optional().describe('pelleted fraction over 20–500 nm (log-spaced)'),
    warnings: z.array(z.string()),
  }),
  'SpinResult',
  'Predicted pelleting of a centrifugation run (Livshits et al. 2015, Sci Rep 5:17319).',
);

const finite = z.number().finite();

const spinInput = model(
  z.object({
    rotor: z.string().min(1).max(100).describe('rotor name, matched loosely ("SW 40 Ti" = "sw40ti")'),
    rcf: finite.optional().describe('RCF, ×g (at `at`, default Rav); give rcf or rpm'),
    at: z.enum(['rav', 'rmax', 'rmin']).optional(),
    rpm: finite.optional(),
    minutes: finite.describe('run time, or with kAdjustFrom the time on that rotor'),
    kAdjustFrom: z.string().min(1).max(100).optional(),
    diameters: z
      .array(finite)
      .min(1)
      .max(200)
      .optional()
      .describe('diameters to report, nm (default 70,100,120,150)'),
    viscosityCp: finite
      .optional()
      .describe('default 1.55 cP (Livshits et al. 2015) unless temperature/medium given'),
    temperature: finite.optional().describe('°C; derives the viscosity when viscosityCp is absent'),
    medium: z.enum(['water', 'pbs', 'culture-medium']).optional(),
    evDensity: finite.optional().describe('g/mL, default 1.15'),
    mediumDensity: finite.optional().describe('g/mL, default 1.00'),
    curve: z.boolean().optional().describe('add the pelleting curve over 20–500 nm'),
    rotors: z
      .array(z.record(z.string(), z.unknown()))
      .max(100)
      .optional()
      .describe('user-defined rotors (same fields as GET /api/rotors items, without the computed ones)'),
  }),
  'SpinInput',
  'A centrifugation run to simulate.',
);

function listing(rotor: Rotor) {
  return { ...rotorListing(rotor), aliases: undefined };
}

function invalid(
  status: 400 | 422,
  detail: string,
  errors: { path: (string | number)[]; message: string }[],
  extra = {},
) {
  return new ApiProblem({
    type: PROBLEM_TYPES.validation,
    title: status === 400 ? 'Invalid request' : 'Cannot compute this run',
    status,
    detail,
    code: status === 400 ? 'validation-error' : 'invalid-spin-input',
    errors,
    ...extra,
  });
}

/** /api/rotors and /api/centrifugation/spin: the rotor library and the pelleting simulator. */
export const centrifugationRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app) => {
  app.get(
    '/rotors',
    {
      schema: {
        tags,
        summary: 'List the built-in rotor library',
        response: { 200: z.array(rotorModel), 500: problemModel },
      },
    },
    async () => ROTORS.map(listing),
  );

  app.post(
    '/centrifugation/spin',
    {
      schema: {
        tags,
        summary: 'Simulate a centrifugation run: cut-off diameter and fraction of EVs pelleted',
        description:
          'Sedimentation model of Livshits et al. 2015 (Sci Rep 5:17319), swinging-bucket and fixed-angle formulas; the same inputs and outputs as `evlab spin --json`. 400 for malformed input, 422 (naming the field) for values that cannot describe a run: non-positive times, speeds above the rotor maximum, vesicles not denser than the medium, unknown rotors.',
        body: spinInput,
        response: { 200: spinResultModel, 400: problemModel, 422: problemModel, 500: problemModel },
      },
    },
    async (req) => {
      const body = req.body;
      let user: Rotor[] = [];
      if (body.rotors) {
        const parsed = parseUserRotors(body.rotors);
        if (!parsed.ok) {
          const errors = parsed.issues.map((i) => ({ path: ['rotors', ...i.path], message: i.message }));
          throw invalid(
            400,
            `The request body is invalid at ${errors[0]?.path.join('.')}: ${errors[0]?.message}`,
            errors,
          );
        }
        user = parsed.rotors;
      }
      const lookup = (name: string, field: 'rotor' | 'kAdjustFrom'): Rotor => {
        const rotor = findRotor(name, user);
        if (rotor) return rotor;
        const closest = closestRotorNames(name, 3, user);
        const message = unknownRotorMessage(name, closest);
        throw invalid(422, `${field}: ${message}`, [{ path: [field], message }], { closest });
      };
      const rotor = lookup(body.rotor, 'rotor');
      const source = body.kAdjustFrom === undefined ? null : lookup(body.kAdjustFrom, 'kAdjustFrom');
      try {
        return computeSpin({
          rotor,
          rcfG: body.rcf,
          rcfAt: body.at,
          rpm: body.rpm,
          minutes: body.minutes,
          kAdjustFrom: source,
          diametersNm: body.diameters,
          viscosityCp: body.viscosityCp,
          temperatureC: body.temperature,
          medium: body.medium,
          evDensityGPerMl: body.evDensity,
          mediumDensityGPerMl: body.mediumDensity,
          curvePoints: body.curve ? CURVE_POINTS : undefined,
        });
      } catch (error) {
        if (error instanceof SpinInputError)
          throw invalid(
            422,
            `${error.field}: ${error.message}`,
            [{ path: [error.field], message: error.message }],
            {
              code: error.code,
            },
          );
        throw error;
      }
    },
  );
};
