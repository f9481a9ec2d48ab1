/**
 * POST /api/pk/nca: non-compartmental analysis of concentration–time rows (JSON) or CSV/TSV text, computed by
 * the same pure code as `evlab nca` and the web panel (src/science/pk/nca). Answers the same array as
 * `evlab nca --json`; bad data → 400 problem+json naming the row (rows[i]) or the CSV line.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormatError } from '../../formats/format-error.ts';
import { ncaForProfiles, type TableNcaOptions } from '../../formats/pk-csv/nca-for-table.ts';
import {
  type ProfileWithDose,
  readConcentrationProfiles,
} from '../../formats/pk-csv/read-concentration-table.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { BLQ_ACTIONS } from '../../science/pk/nca/blq-rules.ts';
import { NCA_ROUTES } from '../../science/pk/nca/cdisc-parameters.ts';
import { NcaInputError } from '../../science/pk/nca/nca-input-error.ts';
import { type NcaUnits, resolveUnits, TIME_UNITS, type TimeUnit } from '../../science/pk/nca/pk-units.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { problemModel } from '../schemas.ts';

const tags = ['pk'];

/** Largest number of rows one request may analyse (the JSON body limit is 1 MiB anyway). */
const MAX_ROWS = 100_000;

/**
 * Largest magnitude accepted for any number (times, concentrations, doses, τ): far above any real assay
 * (particle counts ~1e13/mL) yet small enough that AUC/AUMC products stay finite in double precision.
 */
const MAX_MAGNITUDE = 1e30;

const finite = z
  .number()
  .refine(Number.isFinite, 'must be a finite number')
  .refine((x) => Math.abs(x) <= MAX_MAGNITUDE, `must be between -${MAX_MAGNITUDE} and ${MAX_MAGNITUDE}`);

const ncaRow = z.object({
  id: z.union([z.string().min(1).max(200), z.number()]).describe('Subject identifier'),
  time: finite.describe('Time after the dose'),
  conc: z
    .union([finite, z.string().max(40), z.null()])
    .describe('Concentration; "BLQ", "<LLOQ" or "<0.5" for a BLQ sample; null for a missing one (skipped)'),
  dose: finite.positive().nullable().optional().describe('Dose of this subject (same on all its rows)'),
});

const blqAction = z.enum(BLQ_ACTIONS as unknown as [string, ...string[]]);

export const ncaRequestBody = z
  .object({
    rows: z.array(ncaRow).min(1).max(MAX_ROWS).optional(),
    csv: z.string().min(1).max(1_000_000).optional().describe('CSV or TSV text with a header row'),
    columns: z
      .object({
        id: z.string().optional(),
        time: z.string(),
        conc: z.string(),
        dose: z.string().optional(),
      })
      .optional()
      .describe('Header names of the CSV columns (required with csv)'),
    route: z.enum(NCA_ROUTES as unknown as [string, ...string[]]),
    aucMethod: z.enum(['linear', 'linear-log']).default('linear'),
    dose: finite.positive().nullable().optional().describe('Dose for every subject without its own'),
    durationH: finite
      .positive()
      .optional()
      .describe(
        'Infusion duration, in the data time unit (units.time), like tau, partialAucs, lambdaZ and exclude',
      ),
    lambdaZ: z
      .union([
        z.object({ mode: z.literal('auto') }),
        z.object({ mode: z.literal('manual'), startTime: finite, endTime: finite }),
      ])
      .optional(),
    exclude: z.array(finite).max(1000).optional().describe('Times left out of the λz regression'),
    blq: z
      .object({
        lloq: finite.positive().optional(),
        leading: blqAction.optional(),
        middle: blqAction.optional(),
        trailing: blqAction.optional(),
      })
      .optional(),
    partialAucs: z
      .array(z.tuple([finite, finite]))
      .max(100)
      .optional(),
    tau: finite.positive().optional(),
    units: z
      .object({
        time: z
          .enum(TIME_UNITS as unknown as [string, ...string[]])
          .optional()
          .describe("Unit of the data's time values and of every time option"),
        conc: z.string().max(40).optional(),
        dose: z.string().max(40).optional(),
      })
      .optional(),
    reportTimeUnit: z
      .enum(TIME_UNITS as unknown as [string, ...string[]])
      .optional()
      .describe(
        'Time unit of the results (default: units.time, which it needs): times, λz, AUC, AUMC, MRT, CL, ' +
          'partial-AUC bounds and λz point times are converted, and `units` names the report unit',
      ),
  })
  .refine((b) => (b.rows === undefined) !== (b.csv === undefined), {
    message: 'give either rows or csv',
    path: ['rows'],
  })
  .refine((b) => b.csv === undefined || b.columns !== undefined, {
    message: 'csv needs columns: { time, conc, id?, dose? }',
    path: ['columns'],
  })
  .refine((b) => b.route !== 'iv-infusion' || b.durationH !== undefined, {
    message: 'an IV infusion needs durationH',
    path: ['durationH'],
  })
  .refine((b) => b.reportTimeUnit === undefined || b.units?.time !== undefined, {
    message: "reportTimeUnit needs units.time (the unit of the data's times) to convert from",
    path: ['reportTimeUnit'],
  });

export const ncaResultModel = z.object({
  id: z.string(),
  parameters: z.record(z.string(), z.number().nullable()).describe('Values keyed by CDISC PPTESTCD'),
  notes: z.array(z.string()),
  lambdaZPoints: z.array(
    z.object({ time: z.number(), conc: z.number(), used: z.boolean(), excluded: z.boolean() }),
  ),
  lambdaZMode: z.enum(['auto', 'manual']),
  partialAucs: z.array(z.object({ startTime: z.number(), endTime: z.number(), auc: z.number().nullable() })),
  units: z.record(z.string(), z.string()).nullable(),
});

function badRequest(
  detail: string,
  path: (string | number)[],
  extra: Record<string, unknown> = {},
): ApiProblem {
  return new ApiProblem({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid request',
    status: 400,
    detail,
    code: 'invalid-nca-input',
    errors: [{ path, message: detail }],
    ...extra,
  });
}

type Row = z.infer<typeof ncaRow>;

/** Groups JSON rows into profiles; `sourceLines` holds each sample's row index (for error paths). */
function profilesFromRows(rows: readonly Row[]): ProfileWithDose[] {
  const groups = new Map<string, ProfileWithDose & { doseRow: number }>();
  rows.forEach((row, i) => {
    const id = String(row.id);
    let g = groups.get(id);
    if (!g) {
      g = {
        profile: { id, time: [], conc: [], blq: [], sourceLines: [] },
        dose: null,
        firstLine: i,
        notes: [],
        doseRow: i,
      };
      groups.set(id, g);
    }
    if (row.dose !== undefined && row.dose !== null) {
      if (g.dose === null) {
        g.dose = row.dose;
        g.doseRow = i;
      } else if (g.dose !== row.dose) {
        throw badRequest(
          `rows[${i}]: subject ${id} has dose ${row.dose} here but ${g.dose} in rows[${g.doseRow}]`,
          ['rows', i, 'dose'],
        );
      }
    }
    let conc: number;
    let blq = false;
    if (row.conc === null) {
      g.notes.push(`rows[${i}]: concentration missing at time ${row.time}, sample skipped`);
      return;
    }
    if (typeof row.conc === 'string') {
      const text = row.conc.trim().toLowerCase();
      if (/^(blq|bql|<lloq|lloq|<loq|bloq|nd|nq)$/.test(text) || /^<\s*\d/.test(text)) {
        blq = true;
        conc = 0;
      } else if (text !== '' && Number.isFinite(Number(text))) {
        conc = Number(text);
      } else {
        throw badRequest(`rows[${i}]: concentration "${row.conc}" is not a number, BLQ or null`, [
          'rows',
          i,
          'conc',
        ]);
      }
    } else conc = row.conc;
    (g.profile.time as number[]).push(row.time);
    (g.profile.conc as number[]).push(conc);
    (g.profile.blq as boolean[]).push(blq);
    (g.profile.sourceLines as number[]).push(i);
  });
  return [...groups.values()].map(({ doseRow: _unused, ...p }) => p);
}

export const pkNcaRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app) => {
  app.post(
    '/pk/nca',
    {
      schema: {
        tags,
        summary: 'Non-compartmental analysis (WinNonlin rules, CDISC PPTESTCD codes)',
        description:
          'Rows ({ id, time, conc, dose? }) or CSV text with a column mapping, plus the options of `evlab nca`. ' +
          'Answers one result per subject, in order of first appearance; values that cannot be estimated are null with a note.',
        body: ncaRequestBody,
        response: { 200: z.array(ncaResultModel), 400: problemModel, 422: problemModel },
      },
    },
    async (req) => {
      const b = req.body;
      const units: NcaUnits | undefined = b.units
        ? {
            ...(b.units as NcaUnits),
            ...(b.reportTimeUnit !== undefined ? { reportTime: b.reportTimeUnit as TimeUnit } : {}),
          }
        : undefined;
      if (units) {
        try {
          resolveUnits(units);
        } catch (error) {
          throw badRequest((error as Error).message, ['units']);
        }
      }
      const fromRows = b.rows !== undefined;
      let profiles: ProfileWithDose[];
      try {
        profiles = fromRows
          ? profilesFromRows(b.rows ?? [])
          : readConcentrationProfiles(b.csv ?? '', b.columns as { time: string; conc: string });
      } catch (error) {
        if (error instanceof FormatError) {
          throw badRequest(error.message, ['csv'], { line: error.line });
        }
        throw error;
      }
      const options: TableNcaOptions = {
        route: b.route as TableNcaOptions['route'],
        aucMethod: b.aucMethod,
        ...(b.dose !== undefined ? { dose: b.dose } : {}),
        ...(b.durationH !== undefined ? { durationH: b.durationH } : {}),
        ...(b.lambdaZ ? { lambdaZ: b.lambdaZ } : {}),
        ...(b.exclude ? { exclude: b.exclude } : {}),
        ...(b.blq ? { blq: b.blq as TableNcaOptions['blq'] } : {}),
        ...(b.partialAucs ? { partialAucs: b.partialAucs } : {}),
        ...(b.tau !== undefined ? { tau: b.tau } : {}),
        ...(units ? { units } : {}),
      };
      const usesDoseColumn = fromRows
        ? b.rows?.some((r) => r.dose !== undefined && r.dose !== null) === true
        : b.columns?.dose !== undefined;
      try {
        // Parameters present for the route are numbers or null (never undefined): the model's record shape.
        return ncaForProfiles(profiles, options, { usesDoseColumn }) as z.infer<typeof ncaResultModel>[];
      } catch (error) {
        if (error instanceof NcaInputError && error.code === 'non-finite-result') {
          throw new ApiProblem({
            type: PROBLEM_TYPES.validation,
            title: 'Result not finite',
            status: 422,
            detail: error.message,
            code: 'non-finite-result',
            subject: error.profileId,
          });
        }
        if (error instanceof NcaInputError) {
          if (fromRows && error.line !== null) {
            const field = error.code === 'negative-concentration' ? 'conc' : 'time';
            throw badRequest(
              `rows[${error.line}] (subject ${error.profileId}): ${error.reason}`,
              ['rows', error.line, field],
              {
                subject: error.profileId,
              },
            );
          }
          throw badRequest(error.message, fromRows ? ['rows'] : ['csv'], {
            subject: error.profileId,
            ...(error.line !== null ? { line: error.line } : {}),
          });
        }
        if (error instanceof FormatError) {
          const row = fromRows && error.line !== null ? error.line : null;
          throw badRequest(
            row !== null ? `rows[${row}]: ${error.reason}` : error.message,
            row !== null ? ['rows', row, 'dose'] : ['csv'],
            row === null ? { line: error.line } : {},
          );
        }
        if (error instanceof RangeError) throw badRequest(error.message, ['blq']);
        throw error;
      }
    },
  );
};
