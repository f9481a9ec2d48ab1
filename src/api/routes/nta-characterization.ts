/**
 * Characterization beyond NanoSight summaries: ZetaView exports, track-level NTA sizing, TEM/SEM particle
 * tables, and distances between size distributions. Stateless analyses take the file's text in the body
 * (the same functions as `evlab zetaview|tracks|tem`); stored measurements are analysed by id.
 * FormatError → 422 problem+json naming line and reason; invalid bodies → 400; unknown ids → 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ImageJResults, readImageJResults } from '../../formats/imagej-results/read-imagej-results.ts';
import { readZetaViewTxt } from '../../formats/zetaview/read-zetaview-txt.ts';
import { putJobInput } from '../../jobs/queue/job-files.ts';
import { sizeTrackTable, TrackSizingInputError } from '../../jobs/size-track-table.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { binnedKolmogorovSmirnov } from '../../science/distribution-distance/kolmogorov-smirnov.ts';
import { binnedWassersteinDistance } from '../../science/distribution-distance/wasserstein-distance.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import { applyVideoExclusions } from '../../science/nta/video-exclusion.ts';
import { analyseTemParticles } from '../../science/tem/analyse-tem-particles.ts';
import { compareDryVsHydrodynamic } from '../../science/tem/dry-vs-hydrodynamic.ts';
import { analyseZetaView, type ZetaViewReport } from '../../science/zetaview/analyse-zetaview.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { actorOf, found } from '../request-context.ts';
import { answerWithJob, prefersAsync } from '../route-jobs.ts';
import { idParams, problemModel, problemResponses } from '../schemas.ts';

const tags = ['characterization'];
const finite = z.number().finite();
const positive = finite.positive();
/** Track tables can be tens of MB; ZetaView and ImageJ tables are small. */
const LARGE_BODY = 64 * 1024 * 1024;
/**
 * Largest track table sized inside the request; a larger one becomes a `nta.track-sizing` job (202).
 * Measured by bench/job-thresholds.bench.ts (bench/results/job-thresholds.md, simulated CSV tracks): 1.95 MiB
 * (81,622 rows) sized in 523 ms CPU, 3.94 MiB in 1,183 ms, 8 MiB in 1,928 ms; the ~1 s bound is crossed near
 * 3.4 MiB, so 2 MiB keeps a margin (wall time on the shared machine was up to twice the CPU time).
 */
export const SYNC_TRACK_TABLE_MAX_BYTES = 2 * 1024 * 1024;

const textFile = {
  fileName: z.string().min(1).max(300).describe('the original file name (kind hints such as _11pos, _prof_)'),
  content: z.string().min(1).describe('the file as text'),
};

function bytesOf(content: string): Uint8Array {
  // latin1 round trip: each character of the posted text becomes one byte, as the file was on disk
  const out = new Uint8Array(content.length);
  let wide = false;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c > 0xff) wide = true;
    out[i] = c & 0xff;
  }
  return wide ? new TextEncoder().encode(content) : out;
}

function unprocessable(detail: string, path: (string | number)[]) {
  return new ApiProblem({
    type: PROBLEM_TYPES.validation,
    title: 'Cannot analyse this input',
    status: 422,
    detail,
    code: 'invalid-analysis-input',
    errors: [{ path, message: detail }],
  });
}

/** Reports are documented in docs/api.md and the CLI's --json contracts; passed through unchanged. */
const report = (what: string) => z.looseObject({}).describe(what);
const zetaViewReportModel = report(
  'ZetaViewReport: kind, sample, dilution, concentrations, number/volume X10/X50/X90, bins, flags',
);
const trackReportModel = report(
  'TrackSizingReport: tracks, naive and ML (modeNm, d50Nm, sdNm, bins), track lengths',
);
const temReportModel = report(
  'TemReport: particles, kept, flags, ECD and mean Feret summaries, per particle',
);
const distanceModel = report('wassersteinNm and ks { statistic, locationNm, pValue }');

const binned = z.object({
  centresNm: z.array(finite).min(1).max(100_000),
  weights: z.array(finite.nonnegative()).min(1).max(100_000),
});

/** Number-weighted distribution of a stored NTA or ZetaView measurement, with its valid-track count. */
function distributionOf(
  measurement: { id: string; kind: string; metrics: unknown; status: string },
  field: string,
): { centresNm: number[]; weights: number[]; tracks: number | null } {
  if (measurement.status !== 'parsed' || measurement.metrics === null)
    throw unprocessable(`measurement ${measurement.id} was not parsed`, [field]);
  if (measurement.kind === 'nta') {
    const r = measurement.metrics as NtaReport;
    const tracks = r.videos.reduce((s, v) => s + (v.validTracks ?? 0), 0);
    return {
      centresNm: r.distribution.binCentersNm,
      weights: r.distribution.concentrationPerMl,
      tracks: tracks > 0 ? tracks : null,
    };
  }
  if (measurement.kind === 'zetaview') {
    const r = measurement.metrics as ZetaViewReport;
    if (r.bins.length === 0)
      throw unprocessable(
        `measurement ${measurement.id} is a ZetaView ${r.kind} file without a size distribution`,
        [field],
      );
    return {
      centresNm: r.bins.map((b) => b.sizeNm),
      weights: r.bins.map((b) => b.number),
      tracks: r.tracedParticles,
    };
  }
  throw unprocessable(`measurement ${measurement.id} is of kind ${measurement.kind}, not nta or zetaview`, [
    field,
  ]);
}

function distances(
  a: { centresNm: readonly number[]; weights: readonly number[] },
  b: { centresNm: readonly number[]; weights: readonly number[] },
  sizes?: { a: number; b: number },
  path: string[] = [],
) {
  if (a.centresNm.length !== a.weights.length || b.centresNm.length !== b.weights.length)
    throw unprocessable('centresNm and weights must have the same length', path);
  const sum = (w: readonly number[]) => w.reduce((s, v) => s + v, 0);
  if (!(sum(a.weights) > 0) || !(sum(b.weights) > 0))
    throw unprocessable('a distribution is empty (all weights 0)', path);
  const ks = binnedKolmogorovSmirnov(a, b, sizes);
  return { wassersteinNm: binnedWassersteinDistance(a, b), ks };
}

export const ntaCharacterizationRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/zetaview/analyse',
    {
      schema: {
        tags,
        summary: 'Analyse a ZetaView 8.05/8.06 .txt export (size, _11pos positions, _prof_ zeta)',
        description:
          'The same report as `evlab zetaview --json` (one entry). 422 when the file cannot be read.',
        body: z.object(textFile),
        response: { 200: zetaViewReportModel, 400: problemModel, 422: problemModel, 500: problemModel },
      },
    },
    async (req) => ({
      ...analyseZetaView(readZetaViewTxt(bytesOf(req.body.content), req.body.fileName), req.body.fileName),
    }),
  );

  app.post(
    '/tracks/size',
    {
      bodyLimit: LARGE_BODY,
      schema: {
        tags,
        summary: 'Size NTA particles from a track table: naive per-track vs maximum likelihood (Walker 2012)',
        description:
          'Body: a track table (NanoSight AllTracks/ParticleData or id, frame, x, y in px) and the acquisition conditions (fields override the file preamble). The same report as `evlab tracks --json`.',
        body: z.object({
          ...textFile,
          umPerPx: positive.optional(),
          fps: positive.optional(),
          temperatureC: finite.min(0).max(100).optional(),
          viscosityCp: positive.optional(),
          localisationNoiseNm: finite.nonnegative().optional(),
        }),
        response: {
          200: trackReportModel,
          202: z.unknown(),
          400: problemModel,
          422: problemModel,
          500: problemModel,
          503: problemModel,
        },
      },
    },
    async (req, reply) => {
      const { fileName, content, ...conditions } = req.body;
      const bytes = bytesOf(content);
      // A large table, or a client that asks for it, is sized by a `nta.track-sizing` job (202).
      if (prefersAsync(req) || bytes.byteLength > SYNC_TRACK_TABLE_MAX_BYTES) {
        const inputSha256 = await putJobInput(wb.dataDir, bytes);
        return answerWithJob(wb, req, reply, 'nta.track-sizing', { inputSha256, fileName, ...conditions });
      }
      try {
        return await sizeTrackTable(bytes, fileName, conditions);
      } catch (error) {
        if (error instanceof TrackSizingInputError) throw unprocessable(error.message, error.path);
        throw error;
      }
    },
  );

  const temOptions = {
    nmPerPx: positive.optional().describe('image scale, nm per pixel (required for a table in pixels)'),
    tableUnit: z.enum(['px', 'nm', 'um']).default('px'),
    binWidthNm: positive.max(1000).optional(),
  };

  function temReport(
    table: ImageJResults,
    file: string,
    o: { nmPerPx?: number; tableUnit: 'px' | 'nm' | 'um'; binWidthNm?: number },
  ) {
    if (o.tableUnit === 'px' && o.nmPerPx === undefined)
      throw unprocessable('nmPerPx is required for a table in pixels (or set tableUnit to nm or um)', [
        'nmPerPx',
      ]);
    return analyseTemParticles(table.particles, {
      file,
      tableUnit: o.tableUnit,
      nmPerPx: o.nmPerPx ?? null,
      binWidthNm: o.binWidthNm,
    });
  }

  app.post(
    '/tem/analyse',
    {
      schema: {
        tags,
        summary: 'TEM/SEM sizes from an ImageJ Analyze Particles Results table',
        description:
          'ECD and mean Feret distributions with morphology flags; the same report as `evlab tem --json`.',
        body: z.object({ ...textFile, ...temOptions }),
        response: { 200: temReportModel, 400: problemModel, 422: problemModel, 500: problemModel },
      },
    },
    async (req) => ({
      ...temReport(
        readImageJResults(bytesOf(req.body.content), req.body.fileName),
        req.body.fileName,
        req.body,
      ),
    }),
  );

  app.get(
    '/measurements/:id/tem',
    {
      schema: {
        tags,
        summary:
          'A stored TEM Results table analysed with the image scale, optionally beside an NTA measurement',
        params: idParams,
        querystring: z.object({
          nmPerPx: z.coerce.number().finite().positive().optional(),
          tableUnit: z.enum(['px', 'nm', 'um']).default('px'),
          binWidthNm: z.coerce.number().finite().positive().max(1000).optional(),
          ntaMeasurementId: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('an nta or zetaview measurement to compare with'),
        }),
        response: { 200: temReportModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => {
      const m = found(await wb.store.getMeasurement(req.params.id), 'Measurement', req.params.id);
      if (m.kind !== 'tem' || m.status !== 'parsed' || m.parsed === null)
        throw unprocessable(`measurement ${m.id} is not a parsed TEM Results table`, ['id']);
      const rawFile = await wb.store.getRawFile(m.rawFileId);
      const report = temReport(m.parsed as ImageJResults, rawFile?.originalName ?? m.id, req.query);
      if (req.query.ntaMeasurementId === undefined) return { ...report };
      const other = found(
        await wb.store.getMeasurement(req.query.ntaMeasurementId),
        'Measurement',
        req.query.ntaMeasurementId,
      );
      const nta = distributionOf(other, 'ntaMeasurementId');
      const kept = report.perParticle
        .filter((p) => !p.flags.includes('aggregate') && !p.flags.includes('out-of-range'))
        .map((p) => p.ecdNm ?? p.meanFeretNm)
        .filter((v): v is number => v !== null);
      return {
        ...report,
        comparison: { ...compareDryVsHydrodynamic(kept, nta), ntaMeasurementId: other.id },
      };
    },
  );

  app.post(
    '/distributions/distance',
    {
      schema: {
        tags,
        summary: 'Wasserstein-1 and Kolmogorov–Smirnov distances between two binned size distributions',
        description:
          'Weights at bin centres (scipy.stats.wasserstein_distance semantics); give sampleSizes (e.g. valid tracks) for the KS p-value.',
        body: z.object({
          a: binned,
          b: binned,
          sampleSizes: z.object({ a: positive, b: positive }).optional(),
        }),
        response: { 200: distanceModel, 400: problemModel, 422: problemModel, 500: problemModel },
      },
    },
    async (req) => ({ ...distances(req.body.a, req.body.b, req.body.sampleSizes, ['a']) }),
  );

  app.get(
    '/measurements/:id/distance/:otherId',
    {
      schema: {
        tags,
        summary:
          'Batch-to-batch comparison: Wasserstein-1 and KS between two stored NTA/ZetaView measurements',
        params: z.object({ id: z.string().min(1).max(200), otherId: z.string().min(1).max(200) }),
        response: { 200: distanceModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => {
      const a = found(await wb.store.getMeasurement(req.params.id), 'Measurement', req.params.id);
      const b = found(await wb.store.getMeasurement(req.params.otherId), 'Measurement', req.params.otherId);
      const da = distributionOf(a, 'id');
      const db = distributionOf(b, 'otherId');
      const sizes = da.tracks !== null && db.tracks !== null ? { a: da.tracks, b: db.tracks } : undefined;
      return { a: a.id, b: b.id, ...distances(da, db, sizes) };
    },
  );

  // ---------- video exclusion (NanoSight measurements) ----------
  const exclusionModel = report(
    '{ exclusions: [{ videoIndex, reason, excludedBy, excludedAt }], result: the measurement recomputed without them }',
  );

  async function exclusionView(id: string) {
    const m = found(await wb.store.getMeasurement(id), 'Measurement', id);
    if (m.kind !== 'nta' || m.status !== 'parsed' || m.metrics === null)
      throw unprocessable(`measurement ${id} is not a parsed NanoSight measurement`, ['id']);
    const exclusions = await wb.store.videoExclusions.list(id);
    const r = m.metrics as NtaReport;
    return {
      m,
      r,
      body: {
        measurementId: id,
        videos: r.videos.length,
        exclusions,
        result: applyVideoExclusions(
          r,
          exclusions.map((e) => e.videoIndex),
        ),
      },
    };
  }

  app.get(
    '/measurements/:id/video-exclusions',
    {
      schema: {
        tags,
        summary: 'Videos excluded from a NanoSight measurement, with reasons, and the result without them',
        params: idParams,
        response: { 200: exclusionModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => ({ ...(await exclusionView(req.params.id)).body }),
  );

  app.post(
    '/measurements/:id/video-exclusions/:video',
    {
      schema: {
        tags,
        summary: 'Exclude one video (1-based number) of a NanoSight measurement, with a reason',
        params: z.object({ id: z.string().min(1).max(200), video: z.coerce.number().int().min(1).max(1000) }),
        body: z.object({ reason: z.string().trim().min(1, 'a reason is required').max(500) }),
        response: { 200: exclusionModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => {
      const { r } = await exclusionView(req.params.id);
      if (req.params.video > r.videos.length)
        throw unprocessable(
          `the measurement has ${r.videos.length} videos; there is no video ${req.params.video}`,
          ['video'],
        );
      await wb.store.videoExclusions.exclude(
        req.params.id,
        req.params.video - 1,
        req.body.reason,
        actorOf(req),
      );
      return { ...(await exclusionView(req.params.id)).body };
    },
  );

  app.delete(
    '/measurements/:id/video-exclusions/:video',
    {
      schema: {
        tags,
        summary: 'Put an excluded video back into a NanoSight measurement',
        params: z.object({ id: z.string().min(1).max(200), video: z.coerce.number().int().min(1).max(1000) }),
        response: { 200: exclusionModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => {
      await exclusionView(req.params.id);
      const removed = await wb.store.videoExclusions.include(
        req.params.id,
        req.params.video - 1,
        actorOf(req),
      );
      if (!removed)
        throw new ApiProblem({
          type: PROBLEM_TYPES.notFound,
          title: 'Not Found',
          status: 404,
          detail: `video ${req.params.video} of measurement ${req.params.id} is not excluded`,
          code: 'not-found',
        });
      return { ...(await exclusionView(req.params.id)).body };
    },
  );
};
