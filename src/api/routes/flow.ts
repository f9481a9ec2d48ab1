/**
 * Flow cytometry routes: the events of a stored flow measurement (re-read from its raw FCS file), Gating-ML
 * gating of those events, bead calibrations (scatter, fluorescence) and Mie efficiencies — the same pure code
 * as `evlab fcs|gate|calibrate|mie`. Bad input → 400/422 problem+json, never a 500.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fcsChannelValues } from '../../formats/fcs/fcs-channel-values.ts';
import { fcsEventTable } from '../../formats/fcs/fcs-event-table.ts';
import type { FcsFile } from '../../formats/fcs/fcs-file.ts';
import { fcsColumnValues } from '../../formats/fcs/fcs-scaled-values.ts';
import { readFcs } from '../../formats/fcs/read-fcs.ts';
import { FormatError } from '../../formats/format-error.ts';
import { readGatingMl } from '../../formats/gating-ml/read-gating-ml.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { countsNetOfControls, dilutionLinearity, markerPositivity } from '../../science/flow/ev-controls.ts';
import { evaluateGating, GatingError } from '../../science/flow/evaluate-gating.ts';
import {
  fluorescenceBeadsSchema,
  scatterBeadsSchema,
} from '../../science/flow-calibration/calibration-input.ts';
import {
  fitFluorescenceCalibration,
  toCalibratedFluorescence,
} from '../../science/flow-calibration/fluorescence-calibration.ts';
import {
  DEFAULT_EV_MODEL,
  evDiameterLookup,
  fitScatterCalibration,
} from '../../science/flow-calibration/scatter-calibration.ts';
import { Complex } from '../../science/mie/complex.ts';
import {
  coatedSphereCoefficients,
  efficiencies,
  sphereCoefficients,
} from '../../science/mie/mie-coefficients.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { found } from '../request-context.ts';
import { idParams } from '../schemas.ts';
import { flowAnalysisRoutes } from './flow-analysis.ts';

const tags = ['flow'];

function badRequest(detail: string): ApiProblem {
  return new ApiProblem({ type: PROBLEM_TYPES.validation, title: 'Bad Request', status: 400, detail });
}

async function loadFcs(wb: Workbench, id: string): Promise<FcsFile> {
  const m = found(await wb.store.getMeasurement(id), 'Measurement', id);
  if (m.kind !== 'flow') throw badRequest(`measurement ${id} is ${m.kind}, not flow cytometry`);
  const raw = found(await wb.store.getRawFile(m.rawFileId), 'Raw file', m.rawFileId);
  const bytes = await wb.blobs.get(raw.sha256);
  if (!bytes)
    throw new ApiProblem({
      type: PROBLEM_TYPES.notFound,
      title: 'Not Found',
      status: 404,
      detail: `the bytes of ${raw.originalName} are missing`,
    });
  try {
    // blobs.get returns a fresh buffer per call (blob-store.ts): DATA is decoded over it.
    return readFcs(bytes, raw.originalName, { inPlace: true });
  } catch (error) {
    if (error instanceof FormatError) {
      throw new ApiProblem({
        type: PROBLEM_TYPES.unreadableFile,
        title: 'Unprocessable Content',
        status: 422,
        detail: error.message,
        code: error.code,
        byteOffset: error.byteOffset,
      });
    }
    throw error;
  }
}

const eventsQuery = z.object({
  channels: z.string().max(2000).optional().describe('Comma-separated $PnN names (default: all)'),
  values: z.enum(['raw', 'scaled']).default('scaled'),
  dataset: z.coerce.number().int().min(1).max(1000).default(1),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_000_000)
    .default(1_000_000)
    .describe('At most this many events (the first ones)'),
});

const mieBody = z.object({
  mReal: z.number().finite().positive(),
  mImag: z.number().finite().min(0).default(0),
  x: z.number().finite().positive().max(1e5),
  coreMReal: z.number().finite().positive().optional(),
  coreMImag: z.number().finite().min(0).default(0),
  xCore: z.number().finite().positive().optional(),
});

export const flowRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/measurements/:id/flow/events',
    {
      schema: {
        tags,
        summary: 'Events of a flow measurement, by channel (scaled or raw values)',
        params: idParams,
        querystring: eventsQuery,
      },
    },
    async (req) => {
      const fcs = await loadFcs(wb, req.params.id);
      const d = fcs.datasets[req.query.dataset - 1];
      if (!d) throw badRequest(`dataset ${req.query.dataset}: the file has ${fcs.datasets.length}`);
      const names = d.parameters.map((p) => p.name);
      const wanted = req.query.channels
        ? req.query.channels
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : names;
      const unknown = wanted.filter((c) => !names.includes(c));
      if (unknown.length > 0)
        throw badRequest(`unknown channel(s) ${unknown.join(', ')}; the file has ${names.join(', ')}`);
      const n = Math.min(d.eventCount, req.query.limit);
      return {
        events: n,
        totalEvents: d.eventCount,
        channels: wanted.map((c) => {
          const i = names.indexOf(c);
          const p = d.parameters[i];
          return {
            name: c,
            label: p?.label ?? null,
            values: Array.from(fcsColumnValues(d, i, req.query.values).subarray(0, n)),
          };
        }),
      };
    },
  );

  app.post(
    '/measurements/:id/flow/gate',
    {
      schema: {
        tags,
        summary: 'Apply Gating-ML 2.0 gates to a flow measurement (counts; membership optional)',
        params: idParams,
        body: z.object({
          gatingml: z.string().min(1).max(5_000_000),
          membership: z.boolean().default(false),
          dataset: z.number().int().min(1).default(1),
        }),
      },
    },
    async (req) => {
      const fcs = await loadFcs(wb, req.params.id);
      const d = fcs.datasets[req.body.dataset - 1];
      if (!d) throw badRequest(`dataset ${req.body.dataset}: the file has ${fcs.datasets.length}`);
      let result: Map<string, Uint8Array>;
      try {
        result = evaluateGating(readGatingMl(req.body.gatingml, 'gatingml'), fcsEventTable(d));
      } catch (error) {
        if (error instanceof FormatError || error instanceof GatingError) throw badRequest(error.message);
        throw error;
      }
      const gates = [...result].map(([id, m]) => {
        let count = 0;
        for (let e = 0; e < m.length; e++) count += m[e] as number;
        return req.body.membership ? { id, count, membership: Array.from(m) } : { id, count };
      });
      return { events: d.eventCount, gates };
    },
  );

  app.post(
    '/flow/calibrate/fluorescence',
    {
      schema: {
        tags,
        summary: 'MESF/ERF calibration from bead MFIs (log-log regression)',
        body: fluorescenceBeadsSchema,
      },
    },
    async (req) => {
      try {
        const fit = fitFluorescenceCalibration(req.body.beads, req.body.unit);
        return {
          ...fit,
          conversions: (req.body.convert ?? []).map((au) => ({
            au,
            value: toCalibratedFluorescence(fit, au) || null,
          })),
        };
      } catch (error) {
        if (error instanceof RangeError) throw badRequest(error.message);
        throw error;
      }
    },
  );

  app.post(
    '/flow/calibrate/scatter',
    {
      schema: {
        tags,
        summary: 'Scatter calibration from reference beads (Mie), a.u. → nm² → EV diameter',
        body: scatterBeadsSchema,
      },
    },
    async (req) => {
      const b = req.body;
      const setup = {
        wavelengthNm: b.wavelengthNm,
        aperture: b.aperture,
        ...(b.mediumIndex ? { mediumIndex: b.mediumIndex } : {}),
      };
      try {
        const calibration = fitScatterCalibration(b.beads, setup);
        const model = b.ev ?? DEFAULT_EV_MODEL;
        const lookup = evDiameterLookup(model, setup);
        const conversions = (b.convert ?? []).slice(0, 10_000).map((au) => {
          const sigma = au / calibration.auPerNm2;
          const dia = lookup.diameterForCrossSection(sigma);
          return { au, crossSectionNm2: sigma, diameterNm: Number.isFinite(dia) ? dia : null };
        });
        return {
          calibration,
          ev: {
            model,
            monotonicUpToNm: lookup.monotonicUpToNm,
            diametersNm: lookup.diametersNm,
            crossSectionsNm2: lookup.crossSectionsNm2,
          },
          conversions,
        };
      } catch (error) {
        if (error instanceof RangeError) throw badRequest(error.message);
        throw error;
      }
    },
  );

  app.post(
    '/flow/mie',
    {
      schema: {
        tags,
        summary: 'Mie efficiencies of a homogeneous (BHMIE) or coated (BHCOAT) sphere',
        body: mieBody,
      },
    },
    async (req) => {
      const b = req.body;
      const m = new Complex(b.mReal, b.mImag);
      if (b.coreMReal !== undefined || b.xCore !== undefined) {
        if (b.coreMReal === undefined || b.xCore === undefined || b.xCore > b.x)
          throw badRequest('a coated sphere needs coreMReal and xCore ≤ x');
        return {
          ...efficiencies(coatedSphereCoefficients(new Complex(b.coreMReal, b.coreMImag), m, b.xCore, b.x)),
          model: 'coated sphere (BHCOAT)',
        };
      }
      return { ...efficiencies(sphereCoefficients(m, b.x)), model: 'homogeneous sphere (BHMIE)' };
    },
  );
  await app.register(flowControlsRoutes, { wb });
  await app.register(flowAnalysisRoutes, { wb });
};

const countsSchema = z.object({
  events: z.number().int().min(0),
  volumeUl: z.number().positive(),
  dilution: z.number().positive().optional(),
});

/** EV controls (MIFlowCyt-EV): % positive net of isotype/unstained, counts net of buffer/detergent, dilution linearity. */
export const flowControlsRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/flow/controls',
    {
      schema: {
        tags,
        summary:
          'EV controls: % positive per marker net of isotype/unstained measurements, counts net of buffer-only and detergent-lysed, serial-dilution swarm check',
        body: z.object({
          markers: z
            .array(
              z.object({
                marker: z.string().min(1).max(100),
                channel: z.string().min(1).max(200),
                sampleId: z.string().min(1).max(100),
                isotypeId: z.string().min(1).max(100).optional(),
                unstainedId: z.string().min(1).max(100).optional(),
                percentileCut: z.number().gt(0).lt(100).optional(),
              }),
            )
            .max(50)
            .default([]),
          counts: z
            .object({
              sample: countsSchema,
              bufferOnly: countsSchema.omit({ dilution: true }).optional(),
              detergentLysed: countsSchema.optional(),
            })
            .optional(),
          dilutionSeries: z
            .array(
              z.object({
                dilutionFactor: z.number().positive(),
                eventRatePerS: z.number().positive(),
                medianSignal: z.number().positive().optional(),
              }),
            )
            .max(100)
            .optional(),
        }),
      },
    },
    async (req) => {
      const channelOf = async (id: string, channel: string) => {
        const d = (await loadFcs(wb, id)).datasets[0];
        const v = d ? fcsChannelValues(d, channel) : null;
        if (!v) throw badRequest(`measurement ${id} has no channel "${channel}"`);
        return v;
      };
      const markers = [];
      for (const m of req.body.markers) {
        if (!m.isotypeId && !m.unstainedId)
          throw badRequest(`${m.marker}: an isotypeId or unstainedId control is needed`);
        markers.push(
          markerPositivity({
            marker: m.marker,
            sample: await channelOf(m.sampleId, m.channel),
            isotype: m.isotypeId ? await channelOf(m.isotypeId, m.channel) : undefined,
            unstained: m.unstainedId ? await channelOf(m.unstainedId, m.channel) : undefined,
            percentileCut: m.percentileCut,
          }),
        );
      }
      try {
        return {
          markers,
          counts: req.body.counts ? countsNetOfControls(req.body.counts) : null,
          dilution: req.body.dilutionSeries ? dilutionLinearity(req.body.dilutionSeries) : null,
        };
      } catch (error) {
        if (error instanceof RangeError) throw badRequest(error.message);
        throw error;
      }
    },
  );
};
