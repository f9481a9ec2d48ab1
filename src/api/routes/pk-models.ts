import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { fitSubjects } from '../../science/pk/fitting/fit-subjects.ts';
import { FitInputError, WEIGHTING_SCHEMES } from '../../science/pk/fitting/fit-types.ts';
import {
  COMPARTMENT_MODELS,
  DEFAULT_UNITS,
  MODEL_IDS,
  type UnitSystem,
  unitString,
} from '../../science/pk/models/model-registry.ts';
import { LAG_PARAMETER } from '../../science/pk/models/model-types.ts';
import { simulateModel } from '../../science/pk/models/simulate-model.ts';
import { repeatedDoses } from '../../science/pk/models/superposition.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { answerWithJob, prefersAsync } from '../route-jobs.ts';
import { problemModel } from '../schemas.ts';

const tags = ['pk'];

const unitsInput = z
  .object({
    amount: z.string().min(1).max(40).default(DEFAULT_UNITS.amount),
    concentration: z.string().min(1).max(40).default(DEFAULT_UNITS.concentration),
    time: z.string().min(1).max(20).default(DEFAULT_UNITS.time),
  })
  .optional();

const modelId = z.string().refine((id) => MODEL_IDS.includes(id), {
  message: `unknown model; valid models: ${MODEL_IDS.join(', ')}`,
});

/**
 * Largest magnitude accepted for doses, times and parameters: far beyond any real regimen yet small enough
 * that concentrations stay finite in double precision (1e308 made them Infinity).
 */
const MAX_MAGNITUDE = 1e30;
const bounded = z.number().finite().min(-MAX_MAGNITUDE).max(MAX_MAGNITUDE);

const regimen = {
  dose: z.number().positive().max(MAX_MAGNITUDE).describe('amount per dose'),
  doses: z.number().int().min(1).max(1000).default(1).describe('number of doses'),
  tau: z
    .number()
    .positive()
    .max(MAX_MAGNITUDE)
    .optional()
    .describe('dosing interval (time units); needed when doses > 1'),
  duration: z
    .number()
    .positive()
    .max(MAX_MAGNITUDE)
    .optional()
    .describe('infusion duration (infusion models)'),
  bioavailability: z.number().gt(0).lte(1).optional().describe('absorbed fraction F for first-order input'),
  units: unitsInput,
};

const observation = z.object({ time: z.number().finite(), conc: z.number().finite() });

export const pkFitBody = z
  .object({
    models: z.array(modelId).min(1).max(12).describe('one model, or several to compare side by side'),
    subjects: z
      .array(
        z.object({ id: z.string().min(1).max(200), observations: z.array(observation).min(1).max(5000) }),
      )
      .min(1)
      .max(500),
    weighting: z.enum(WEIGHTING_SCHEMES).default('1'),
    lag: z.boolean().default(false),
    ...regimen,
  })
  .refine((b) => b.doses === 1 || b.tau !== undefined, {
    message: 'tau is needed when doses > 1',
    path: ['tau'],
  });

const fitParameterModel = z.object({
  name: z.string(),
  estimate: z.number(),
  se: z.number().nullable(),
  rsePercent: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  unit: z.string(),
});

const fitResultModel = z.object({
  id: z.string(),
  model: z.string(),
  parameters: z.array(fitParameterModel),
  derived: z.record(
    z.string(),
    z.object({ value: z.number().nullable(), unit: z.string(), description: z.string() }),
  ),
  objective: z.object({
    wrss: z.number(),
    aic: z.number(),
    bic: z.number(),
    n: z.number(),
    parameterCount: z.number(),
    sigma: z.number().nullable(),
    weighting: z.enum(WEIGHTING_SCHEMES),
  }),
  residuals: z.array(
    z.object({
      time: z.number(),
      observed: z.number(),
      predicted: z.number(),
      residual: z.number(),
      weightedResidual: z.number(),
    }),
  ),
  converged: z.boolean(),
  iterations: z.number(),
  notes: z.array(z.string()),
});

const comparisonModel = z.object({
  id: z.string(),
  weighting: z.enum(WEIGHTING_SCHEMES),
  rows: z.array(
    z.object({
      model: z.string(),
      parameterCount: z.number(),
      wrss: z.number(),
      aic: z.number(),
      bic: z.number(),
      deltaAic: z.number().nullable(),
      deltaBic: z.number().nullable(),
      akaikeWeight: z.number(),
      converged: z.boolean(),
      best: z.boolean(),
      identifiable: z.boolean(),
      undeterminedParameters: z.array(z.object({ name: z.string(), rsePercent: z.number().nullable() })),
    }),
  ),
  notes: z.array(z.string()),
});

export const pkSimulateBody = z
  .object({
    model: modelId,
    params: z.record(z.string(), bounded).describe('parameter values by name, e.g. { "k10": 0.5, "V1": 2 }'),
    times: z
      .array(bounded)
      .min(1)
      .max(10000)
      .optional()
      .describe('output times; default 0 … last dose + 5 half-lives'),
    ...regimen,
  })
  .refine((b) => b.doses === 1 || b.tau !== undefined, {
    message: 'tau is needed when doses > 1',
    path: ['tau'],
  });

const derivedModel = z.record(
  z.string(),
  z.object({ value: z.number().nullable(), unit: z.string(), description: z.string() }),
);

const modelListItem = z.object({
  id: z.string(),
  label: z.string(),
  compartments: z.number(),
  input: z.enum(['iv-bolus', 'iv-infusion', 'first-order']),
  elimination: z.enum(['linear', 'michaelis-menten', 'accelerated-clearance']),
  solution: z.enum(['closed-form', 'ode']),
  description: z.string(),
  parameters: z.array(
    z.object({ name: z.string(), unit: z.string(), description: z.string(), optional: z.boolean() }),
  ),
});

function badRequest(message: string, path: (string | number)[], code: string): ApiProblem {
  return new ApiProblem({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid request',
    status: 400,
    detail: `${message}${path.length > 0 ? ` (at ${path.join('.')})` : ''}`,
    errors: [{ path, message }],
    code,
  });
}

function unitsOf(units: Partial<UnitSystem> | undefined): UnitSystem {
  return { ...DEFAULT_UNITS, ...(units ?? {}) };
}

/** /api/pk/models, /api/pk/fit, /api/pk/simulate: compartment models (pure computation, nothing stored). */
/**
 * Most subjects fitted inside the request; more become a `pk.fit-subjects` job (202). Measured by
 * bench/job-thresholds.bench.ts (bench/results/job-thresholds.md): closed-form models (1-cmt + 2-cmt IV bolus)
 * took 789 ms CPU for 20 subjects and 1,169 ms for 40 (~1 s near 31 subjects), so 20 keeps a margin.
 */
export const SYNC_FIT_MAX_SUBJECTS = 20;
/**
 * Most subject × ODE-model fits (Michaelis–Menten `mm-*`, accelerated clearance `abc-*`) inside the request.
 * The same bench: adding `mm-1cmt-iv-bolus` raised 40 subjects from 1.17 s to 22.0 s CPU, ≈ 520 ms per ODE
 * fit, so a second ODE fit already passes ~1 s: one subject with one ODE model is answered at once, more
 * become a job.
 */
export const SYNC_FIT_MAX_ODE_FITS = 1;

/** Subject × model fits of ODE models in a request (the slow ones: bench figure above). */
function odeFits(subjects: number, models: readonly string[]): number {
  return subjects * models.filter((m) => /^(mm|abc)-/i.test(m.trim())).length;
}

export const pkModelRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/pk/models',
    {
      schema: {
        tags,
        summary: 'List compartment models with their parameters and units',
        querystring: z.object({
          doseUnit: z.string().min(1).max(40).optional(),
          concUnit: z.string().min(1).max(40).optional(),
          timeUnit: z.string().min(1).max(20).optional(),
        }),
        response: { 200: z.array(modelListItem), 400: problemModel },
      },
    },
    async (req) => {
      const units = unitsOf({
        ...(req.query.doseUnit ? { amount: req.query.doseUnit } : {}),
        ...(req.query.concUnit ? { concentration: req.query.concUnit } : {}),
        ...(req.query.timeUnit ? { time: req.query.timeUnit } : {}),
      });
      return COMPARTMENT_MODELS.map((m) => ({
        id: m.id,
        label: m.label,
        compartments: m.compartments,
        input: m.input,
        elimination: m.elimination,
        solution: m.solution,
        description: m.description,
        parameters: [
          ...m.parameters.map((p) => ({
            name: p.name,
            unit: unitString(p.unitKind, units),
            description: p.description,
            optional: false,
          })),
          ...(m.input === 'first-order'
            ? [
                {
                  name: LAG_PARAMETER.name,
                  unit: unitString(LAG_PARAMETER.unitKind, units),
                  description: LAG_PARAMETER.description,
                  optional: true,
                },
              ]
            : []),
        ],
      }));
    },
  );

  app.post(
    '/pk/fit',
    {
      schema: {
        tags,
        summary: 'Fit one or several compartment models to concentration–time data (weighted least squares)',
        body: pkFitBody,
        response: {
          200: z.object({ fits: z.array(fitResultModel), comparisons: z.array(comparisonModel) }),
          202: z.unknown(),
          400: problemModel,
          503: problemModel,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      try {
        const fitRequest = {
          subjects: b.subjects.map((s) => ({
            id: s.id,
            observations: s.observations.map((o) => ({ timeH: o.time, conc: o.conc })),
          })),
          models: b.models,
          doses: repeatedDoses(b.dose, b.doses, b.tau ?? 0, b.duration),
          weighting: b.weighting,
          options: {
            lag: b.lag,
            ...(b.bioavailability !== undefined ? { bioavailability: b.bioavailability } : {}),
          },
          units: unitsOf(b.units),
        };
        // Many subjects, or a client that asks for it: a `pk.fit-subjects` job (202) with progress per subject.
        if (
          prefersAsync(req) ||
          fitRequest.subjects.length > SYNC_FIT_MAX_SUBJECTS ||
          odeFits(fitRequest.subjects.length, fitRequest.models) > SYNC_FIT_MAX_ODE_FITS
        )
          return answerWithJob(wb, req, reply, 'pk.fit-subjects', fitRequest);
        return fitSubjects(fitRequest);
      } catch (error) {
        if (error instanceof FitInputError) {
          const field =
            error.field === 'model' ? 'models' : error.field === 'observations' ? 'subjects' : error.field;
          throw badRequest(error.message, [field], error.code);
        }
        if (error instanceof RangeError) throw badRequest(error.message, [], 'invalid-input');
        throw error;
      }
    },
  );

  app.post(
    '/pk/simulate',
    {
      schema: {
        tags,
        summary: 'Simulate concentrations of a dosing regimen with a compartment model',
        body: pkSimulateBody,
        response: {
          200: z.object({
            model: z.string(),
            parameters: z.record(z.string(), z.number()),
            doses: z.array(
              z.object({ timeH: z.number(), amount: z.number(), durationH: z.number().optional() }),
            ),
            times: z.array(z.number()),
            conc: z.array(z.number()),
            derived: derivedModel,
          }),
          400: problemModel,
          422: problemModel,
        },
      },
    },
    async (req) => {
      const b = req.body;
      const units = unitsOf(b.units);
      try {
        const result = simulateModel({
          model: b.model,
          params: b.params,
          dose: b.dose,
          doses: b.doses,
          ...(b.tau !== undefined ? { tauH: b.tau } : {}),
          ...(b.duration !== undefined ? { durationH: b.duration } : {}),
          ...(b.bioavailability !== undefined ? { bioavailability: b.bioavailability } : {}),
          ...(b.times ? { timesH: b.times } : {}),
        });
        const overflow = [...result.times, ...result.conc, ...Object.values(result.parameters)].find(
          (x) => !Number.isFinite(x),
        );
        if (overflow !== undefined) {
          throw new ApiProblem({
            type: PROBLEM_TYPES.validation,
            title: 'Result not finite',
            status: 422,
            detail:
              'The simulated concentrations overflow double precision (not finite numbers): the dose, times or parameters are too extreme.',
            code: 'non-finite-result',
          });
        }
        return {
          ...result,
          derived: Object.fromEntries(
            result.derived.map((d) => [
              d.name,
              {
                value: d.value !== null && Number.isFinite(d.value) ? d.value : null,
                unit: unitString(d.unitKind, units),
                description: d.description,
              },
            ]),
          ),
        };
      } catch (error) {
        if (error instanceof RangeError) {
          const path = /infusion duration/.test(error.message)
            ? ['duration']
            : /parameter/.test(error.message)
              ? ['params']
              : [];
          throw badRequest(error.message, path, 'invalid-input');
        }
        throw error;
      }
    },
  );
};
