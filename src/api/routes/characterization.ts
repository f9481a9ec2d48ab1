/**
 * Characterization analyses (issue 11), computed by the same code as the CLI:
 * - POST /api/assays/fit — a plate export's text → AssayReport (`evlab assay fit --json`);
 * - POST /api/western-blots/calls — densitometry text + lane map → WesternBlotReport (`evlab wb --json`);
 * - POST /api/proteomics/analyse — a protein table's text → ProteomicsReport (`evlab proteomics --json`);
 * - GET /api/measurements/:id/assay-fit — refit a stored plate measurement with another model;
 * - GET /api/batches/:id/metrics — the batch characterization table (src/jobs/batch-metrics);
 * - GET /api/batch-metrics?ids=a,b — several batches side by side.
 * Unreadable text → 422 problem+json naming the line; bad options → 400; never a 500 for bad input.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PLATE_FORMATS, readPlateAssay } from '../../formats/plate/read-plate-assay.ts';
import { readProteinTable } from '../../formats/proteomics/read-protein-table.ts';
import { readDensitometry } from '../../formats/western-blot/read-densitometry.ts';
import { batchMetrics } from '../../jobs/batch-metrics/batch-metrics.ts';
import { defaultLanes } from '../../jobs/characterization-readers.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { analysePlateAssay } from '../../science/assay/analyse-plate-assay.ts';
import { CURVE_MODEL_NAMES } from '../../science/assay/curve-models.ts';
import { CURVE_WEIGHTINGS } from '../../science/assay/curve-weights.ts';
import type { PlateAssayRecord } from '../../science/assay/plate-assay-record.ts';
import { analyseProteomics } from '../../science/proteomics/analyse-proteomics.ts';
import { callBlotMarkers } from '../../science/western-blot/call-blot-markers.ts';
import { LANE_ROLES } from '../../science/western-blot/western-blot-record.ts';
import { StoreError } from '../../store/evlab-store.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { idParams, problemModel, problemResponses } from '../schemas.ts';

const MAX_TEXT = 900_000;
const text = z
  .string()
  .min(1)
  .max(MAX_TEXT)
  .describe('The export file as text (upload larger files to a batch instead)');
const fileName = z.string().min(1).max(255).default('pasted.txt');
const fitOptions = {
  model: z.enum(CURVE_MODEL_NAMES).default('4pl'),
  weights: z.enum(CURVE_WEIGHTINGS).default('1'),
  fitTo: z.enum(['replicates', 'means']).optional(),
};
const anyReport = z.any().describe('The analysis report (same JSON as the CLI)');
const unreadable = { 422: problemModel };

function analysisProblem(error: unknown): never {
  if (error instanceof RangeError)
    throw new ApiProblem({
      type: PROBLEM_TYPES.validation,
      title: 'Analysis not possible',
      status: 400,
      detail: error.message,
      code: 'analysis-failed',
    });
  throw error;
}

const enc = (s: string) => new TextEncoder().encode(s);

export const characterizationRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/assays/fit',
    {
      schema: {
        tags: ['measurements'],
        summary: 'Fit a standard curve to a plate export (long CSV, grid + plate map, SoftMax Pro text)',
        body: z.object({ text, fileName, format: z.enum(PLATE_FORMATS).optional(), ...fitOptions }),
        response: { 200: anyReport, 400: problemModel, ...unreadable },
      },
    },
    async (req) => {
      const { text: body, fileName: name, format, model, weights, fitTo } = req.body;
      const record = readPlateAssay(enc(body), name, format);
      try {
        return { file: name, ...analysePlateAssay(record, { model, weights, ...(fitTo ? { fitTo } : {}) }) };
      } catch (error) {
        return analysisProblem(error);
      }
    },
  );

  app.post(
    '/western-blots/calls',
    {
      schema: {
        tags: ['measurements'],
        summary: 'Marker calls from densitometry (ImageJ Gel Analyzer / Measure) and a lane map',
        body: z.object({
          text,
          fileName,
          marker: z.string().min(1).max(100).optional(),
          lanes: z
            .array(
              z.object({
                lane: z.number().int().min(1).max(200),
                sample: z.string().min(1).max(200),
                role: z.enum(LANE_ROLES),
                loadingUg: z.number().positive().finite().nullable(),
              }),
            )
            .max(200)
            .optional()
            .describe(
              "Lane map; default: the table's own Sample/Role/Loading_ug columns, else every lane an EV lane",
            ),
          thresholds: z
            .object({
              presentFractionOfMax: z.number().min(0).lt(1).optional(),
              blankMultiple: z.number().min(1).finite().optional(),
              enrichedRatio: z.number().gt(1).finite().optional(),
              depletedRatio: z.number().gt(0).lt(1).optional(),
            })
            .optional()
            .describe(
              'Call thresholds (defaults 0.05, 3, 2, 0.5: see the report.thresholds.convention for their sources)',
            ),
        }),
        response: { 200: anyReport, 400: problemModel, ...unreadable },
      },
    },
    async (req) => {
      const record = readDensitometry(enc(req.body.text), req.body.fileName, req.body.marker);
      return {
        file: req.body.fileName,
        ...callBlotMarkers(record, req.body.lanes ?? defaultLanes(record), definedOnly(req.body.thresholds)),
      };
    },
  );

  app.post(
    '/proteomics/analyse',
    {
      schema: {
        tags: ['measurements'],
        summary: 'MISEV coverage, purity and EV-vs-lysate ratios of a MaxQuant / FragPipe protein table',
        body: z.object({
          text,
          fileName,
          lysateSamples: z.array(z.string().min(1).max(200)).max(100).optional(),
        }),
        response: { 200: anyReport, 400: problemModel, ...unreadable },
      },
    },
    async (req) => {
      const record = readProteinTable(enc(req.body.text), req.body.fileName);
      return {
        file: req.body.fileName,
        ...analyseProteomics(record, req.body.lysateSamples ? { lysateSamples: req.body.lysateSamples } : {}),
      };
    },
  );

  app.get(
    '/measurements/:id/assay-fit',
    {
      schema: {
        tags: ['measurements'],
        summary: 'Refit a stored plate-assay measurement with another model or weighting (nothing is stored)',
        params: idParams,
        querystring: z.object(fitOptions),
        response: { 200: anyReport, ...problemResponses, 409: problemModel },
      },
    },
    async (req) => {
      const m = await wb.store.getMeasurement(req.params.id);
      if (!m) throw new StoreError('not-found', `no measurement ${req.params.id}`);
      if (m.kind !== 'protein-assay' || m.status !== 'parsed' || !m.parsed)
        throw new ApiProblem({
          type: PROBLEM_TYPES.conflict,
          title: 'Not a parsed plate assay',
          status: 409,
          detail: `measurement ${m.id} is ${m.status} ${m.kind}, not a parsed protein-assay`,
          code: 'not-a-plate-assay',
        });
      const { model, weights, fitTo } = req.query;
      try {
        return analysePlateAssay(m.parsed as PlateAssayRecord, {
          model,
          weights,
          ...(fitTo ? { fitTo } : {}),
        });
      } catch (error) {
        return analysisProblem(error);
      }
    },
  );

  app.get(
    '/batches/:id/metrics',
    {
      schema: {
        tags: ['batches'],
        summary:
          "The batch characterization table: every measurement's metrics with units, provenance and QC",
        params: idParams,
        response: { 200: anyReport, ...problemResponses },
      },
    },
    async (req) => batchMetrics(wb, req.params.id),
  );

  app.get(
    '/batch-metrics',
    {
      schema: {
        tags: ['batches'],
        summary: "Several batches' characterization tables side by side",
        querystring: z.object({
          ids: z.string().min(1).max(5000).describe('Comma-separated batch ids (at most 20)'),
        }),
        response: { 200: anyReport, ...problemResponses },
      },
    },
    async (req) => {
      const ids = [
        ...new Set(
          req.query.ids
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        ),
      ];
      if (ids.length === 0 || ids.length > 20)
        throw new ApiProblem({
          type: PROBLEM_TYPES.validation,
          title: 'Invalid request',
          status: 400,
          detail: 'ids must name 1 to 20 batches',
          code: 'validation-error',
        });
      const batches = [];
      for (const id of ids) batches.push(await batchMetrics(wb, id));
      return { batches };
    },
  );
};

/** The keys of an optional object whose values are defined (exactOptionalPropertyTypes). */
function definedOnly<T extends object>(o: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
