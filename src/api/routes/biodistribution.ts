import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EV_LABELS } from '../../domain/ev-label.ts';
import {
  BIODISTRIBUTION_UNITS,
  biodistributionRowSchema,
  EV_LABEL_NAMES,
  MAX_OBSERVATION_ROWS,
  PK_SPECIES,
} from '../../domain/pk-study.ts';
import { readBiodistributionCsv } from '../../formats/biodistribution-csv/read-biodistribution-csv.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import {
  analyseBiodistribution,
  BiodistributionInputError,
} from '../../science/pk/biodistribution/analyse-biodistribution.ts';
import { LABEL_CAVEATS } from '../../science/pk/biodistribution/label-caveats.ts';
import { RADIONUCLIDE_HALF_LIVES } from '../../science/pk/biodistribution/radionuclide-half-lives.ts';
import {
  BROWN_1997,
  ORGAN_PERCENT_OF_BODY_WEIGHT,
} from '../../science/pk/biodistribution/reference-organ-masses.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { problemModel } from '../schemas.ts';

const tags = ['pk'];

const body = z
  .object({
    rows: z.array(biodistributionRowSchema).min(1).max(MAX_OBSERVATION_ROWS).optional(),
    csv: z
      .string()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('A CSV/TSV table (long or wide layout) instead of rows'),
    fileName: z.string().max(200).default('pasted table'),
    defaultUnit: z.enum(BIODISTRIBUTION_UNITS).optional().describe('Unit when the CSV names none'),
    label: z.enum(EV_LABEL_NAMES).nullable().default(null),
    decayCorrect: z.boolean().default(false),
    halfLifeH: z.number().positive().max(1e7).nullable().default(null),
    species: z.enum(PK_SPECIES).default('mouse'),
    bodyWeightKg: z.number().positive().max(10_000).nullable().default(null),
    organMassesG: z.record(z.string().max(100), z.number().positive().max(1e6)).default({}),
  })
  .refine((b) => (b.rows === undefined) !== (b.csv === undefined), {
    message: 'give either rows or csv',
    path: ['rows'],
  });

/** The report is a documented TypeScript type (BiodistributionReport); the schema names its top level. */
const reportModel = z.looseObject({
  label: z.string().nullable(),
  unitKind: z.enum(['dose-fraction', 'relative']),
  timesH: z.array(z.number()),
  organs: z.array(z.looseObject({ organ: z.string() })),
  fractions: z.looseObject({ basis: z.string() }),
  flags: z.array(z.looseObject({ code: z.string(), level: z.string() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

const referenceModel = z.object({
  halfLives: z.array(z.looseObject({ label: z.string(), halfLifeH: z.number() })),
  organMasses: z.object({
    citation: z.looseObject({}),
    percentOfBodyWeight: z.record(z.string(), z.record(z.string(), z.number())),
  }),
  caveats: z.array(z.looseObject({ code: z.string() })),
  labels: z.record(z.string(), z.string()),
});

/** POST /api/pk/biodistribution: analysis of posted rows or a pasted table; GET …/reference: the tables used. */
export const biodistributionRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app) => {
  app.post(
    '/pk/biodistribution',
    {
      schema: {
        tags,
        summary:
          'Biodistribution analysis: per-organ AUC, Cmax/Tmax, tissue:blood, dose fractions, label caveats',
        body,
        response: { 200: reportModel, 400: problemModel, 422: problemModel },
      },
    },
    async (req) => {
      const b = req.body;
      // A FormatError (unreadable table) becomes 422 problem+json with the line (problem.ts).
      const table =
        b.csv !== undefined
          ? readBiodistributionCsv(b.csv, b.fileName, { defaultUnit: b.defaultUnit })
          : null;
      const rows = table ? table.rows : (b.rows ?? []);
      try {
        const report = analyseBiodistribution(rows, {
          label: b.label,
          decayCorrect: b.decayCorrect,
          halfLifeH: b.halfLifeH,
          species: b.species,
          bodyWeightKg: b.bodyWeightKg,
          organMassesG: b.organMassesG,
        });
        // Interfaces carry no index signature; the loose schema passes every key through unchanged.
        return report as unknown as z.output<typeof reportModel>;
      } catch (error) {
        if (!(error instanceof BiodistributionInputError)) throw error;
        const line = table && error.rowIndex !== null ? (table.lines[error.rowIndex] ?? null) : null;
        const path =
          error.rowIndex !== null && !table
            ? ['rows', error.rowIndex, error.field ?? 'value']
            : [error.field ?? 'rows'];
        throw new ApiProblem({
          type: PROBLEM_TYPES.validation,
          title: 'Unprocessable biodistribution data',
          status: 422,
          detail: line !== null ? `${b.fileName}, line ${line}: ${error.message}` : error.message,
          code: 'invalid-biodistribution',
          line,
          errors: [{ path, message: error.message }],
        });
      }
    },
  );

  app.get(
    '/pk/biodistribution/reference',
    {
      schema: {
        tags,
        summary: 'Half-lives, reference organ masses and label caveats the analysis uses',
        response: { 200: referenceModel },
      },
    },
    async () =>
      ({
        halfLives: Object.values(RADIONUCLIDE_HALF_LIVES),
        organMasses: { citation: BROWN_1997, percentOfBodyWeight: ORGAN_PERCENT_OF_BODY_WEIGHT },
        caveats: [...LABEL_CAVEATS],
        labels: { ...EV_LABELS },
      }) as unknown as z.output<typeof referenceModel>,
  );
};
