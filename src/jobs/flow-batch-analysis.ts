/**
 * The batch's flow results as metrics: one analysis over the batch's stored flow (FCS) measurements gives
 *  - `flow.<MARKER>.netPercentPositive` (%) — % positive net of the isotype or unstained control
 *    (`markerPositivity`, threshold at the control's percentile; MIFlowCyt-EV, Welsh et al. 2020,
 *    doi:10.1080/20013078.2020.1713526);
 *  - `flow.evConcentrationPerMl` (particles/mL) — events per volume analysed × dilution, net of the buffer-only
 *    and detergent-lysed controls (`countsNetOfControls`), × 1000 µL/mL;
 *  - `flow.medianDiameterNm` (nm) — the median event's scatter (a.u.) → collected cross-section via the bead
 *    calibration → diameter via the core–shell EV model (scatter-calibration.ts, FCMPASS's method). The a.u. →
 *    diameter map is increasing on its first branch, so the median diameter is the diameter of the median
 *    a.u. (events outside the calibrated range keep their place in the ranking); null when the median falls
 *    outside the range.
 * Each metric is stored as a QC result (`store.qc.addResult`) with method `evlab flow analysis`, a reference to
 * the full analysis record (JSON in the blob store: inputs, measurement ids, file names and hashes, reader,
 * thresholds, calibration fit) and a note naming the measurements — so specifications, control charts and the
 * release read them like any result. A new analysis invalidates the earlier flow-analysis results of the same
 * metrics (kept on record, reason "superseded by …").
 * No HTTP or terminal output: typed errors (`FlowAnalysisError`, FormatError from the reader, StoreError).
 */
import { z } from 'zod';
import type { Measurement, RawFile } from '../domain/measurement.ts';
import type { QcResult } from '../domain/qc/release.ts';
import { fcsChannelValues } from '../formats/fcs/fcs-channel-values.ts';
import type { FcsDataset } from '../formats/fcs/fcs-file.ts';
import { readFcs } from '../formats/fcs/read-fcs.ts';
import {
  countsNetOfControls,
  type MarkerPositivity,
  markerPositivity,
  percentile,
} from '../science/flow/ev-controls.ts';
import { scatterBeadsSchema } from '../science/flow-calibration/calibration-input.ts';
import {
  DEFAULT_EV_MODEL,
  evDiameterLookup,
  fitScatterCalibration,
  type ScatterCalibration,
} from '../science/flow-calibration/scatter-calibration.ts';
import { StoreError } from '../store/evlab-store.ts';
import type { Workbench } from './workbench.ts';

export const FLOW_ANALYSIS_METHOD = 'evlab flow analysis';
export const FLOW_ANALYSIS_VERSION = '1.0.0';

const id = z.string().trim().min(1).max(100);
const channel = z.string().trim().min(1).max(200);

export const flowBatchAnalysisInputSchema = z
  .object({
    markers: z
      .array(
        z
          .object({
            /** Marker name as it should appear in the metric, e.g. CD63 (letters, digits, '-'). */
            marker: z
              .string()
              .trim()
              .min(1)
              .max(40)
              .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only'),
            channel,
            sample: id,
            isotype: id.optional(),
            unstained: id.optional(),
            /** Control percentile for the threshold; 99.5 by default (ev-controls.ts). */
            percentileCut: z.number().gt(0).lt(100).optional(),
          })
          .refine((m) => m.isotype !== undefined || m.unstained !== undefined, {
            message: 'an isotype or unstained control measurement is needed',
          }),
      )
      .max(50)
      .default([]),
    concentration: z
      .object({
        sample: id,
        /** µL analysed; default the file's $VOL (FCS 3.1, nL) ÷ 1000. */
        volumeUl: z.number().finite().positive().optional(),
        /** Dilution of the sample before acquisition (× this to get the original concentration). */
        dilution: z.number().finite().positive().default(1),
        bufferOnly: id.optional(),
        bufferVolumeUl: z.number().finite().positive().optional(),
        detergentLysed: id.optional(),
        detergentVolumeUl: z.number().finite().positive().optional(),
        /** Count only events with channel value ≥ min (e.g. a fluorescence or scatter threshold). */
        gate: z.object({ channel, min: z.number().finite() }).optional(),
      })
      .optional(),
    diameter: z
      .object({
        sample: id,
        /** Side-scatter channel ($PnN or $PnS) in the a.u. the beads were measured in. */
        channel,
        scatter: scatterBeadsSchema.omit({ convert: true }),
      })
      .optional(),
  })
  .refine((x) => x.markers.length > 0 || x.concentration !== undefined || x.diameter !== undefined, {
    message: 'ask for at least one of markers, concentration, diameter',
  });
export type FlowBatchAnalysisInput = z.input<typeof flowBatchAnalysisInputSchema>;

/** Bad references (a measurement of another batch, not flow, unparsed; a missing channel or volume). */
export class FlowAnalysisError extends Error {
  override readonly name = 'FlowAnalysisError';
  constructor(
    message: string,
    readonly path: (string | number)[] = [],
  ) {
    super(message);
  }
}

export interface FlowAnalysisMetric {
  name: string;
  value: number;
  unit: string;
}

export interface FlowBatchAnalysis {
  batchId: string;
  analysedAt: string;
  analysedBy: string;
  method: string;
  version: string;
  /** SHA-256 of the stored analysis record (blob store). */
  recordSha256: string;
  measurements: {
    id: string;
    fileName: string;
    rawFileId: string;
    sha256: string;
    reader: string;
    events: number;
  }[];
  markers: MarkerPositivity[];
  concentration: {
    sampleEvents: number;
    sampleVolumeUl: number;
    dilution: number;
    vesicleEventsPerUl: number;
    concentrationPerMl: number;
    warnings: string[];
  } | null;
  diameter: {
    calibration: ScatterCalibration;
    medianAu: number;
    medianCrossSectionNm2: number;
    medianDiameterNm: number | null;
    monotonicUpToNm: number;
    eventsBelowRange: number;
    eventsAboveRange: number;
    events: number;
  } | null;
  metrics: FlowAnalysisMetric[];
  /** The QC results written (one per metric). */
  results: QcResult[];
  /** Earlier flow-analysis results invalidated by this one. */
  superseded: string[];
}

interface Loaded {
  measurement: Measurement;
  raw: RawFile;
  dataset: FcsDataset;
}

/** Runs the analysis on the batch's measurements and stores its metrics as QC results. */
export async function runFlowBatchAnalysis(
  wb: Workbench,
  batchId: string,
  rawInput: FlowBatchAnalysisInput,
  actor: string,
  /**
   * Called before each FCS file is read and once before anything is stored (a job's progress, which is
   * also its cancellation checkpoint: a throw here stops the analysis before it writes anything).
   */
  onProgress?: (fraction: number, message: string) => Promise<void>,
): Promise<FlowBatchAnalysis> {
  const input = flowBatchAnalysisInputSchema.parse(rawInput);
  const referenced = new Set(
    [
      ...input.markers.flatMap((m) => [m.sample, m.isotype, m.unstained]),
      input.concentration?.sample,
      input.concentration?.bufferOnly,
      input.concentration?.detergentLysed,
      input.diameter?.sample,
    ].filter((x): x is string => x !== undefined),
  );
  const batch = await wb.store.getBatch(batchId);
  if (!batch) throw new StoreError('not-found', `batch ${batchId} not found`);
  const cache = new Map<string, Loaded>();
  const load = async (measurementId: string, path: (string | number)[]): Promise<Loaded> => {
    const hit = cache.get(measurementId);
    if (hit) return hit;
    const m = await wb.store.getMeasurement(measurementId);
    if (!m || m.batchId !== batchId)
      throw new FlowAnalysisError(`measurement ${measurementId} is not a measurement of this batch`, path);
    if (m.kind !== 'flow')
      throw new FlowAnalysisError(`measurement ${measurementId} is ${m.kind}, not flow`, path);
    if (m.status !== 'parsed')
      throw new FlowAnalysisError(
        `measurement ${measurementId} did not parse (${m.error?.message ?? ''})`,
        path,
      );
    if (m.retraction) throw new FlowAnalysisError(`measurement ${measurementId} is retracted`, path);
    await onProgress?.(
      0.05 + (0.85 * cache.size) / Math.max(1, referenced.size),
      `reading FCS file ${cache.size + 1} of ${referenced.size}`,
    );
    const raw = await wb.store.getRawFile(m.rawFileId);
    const bytes = raw ? await wb.blobs.get(raw.sha256) : null;
    if (!raw || !bytes)
      throw new FlowAnalysisError(`the FCS bytes of measurement ${measurementId} are missing`, path);
    // blobs.get returns a fresh buffer per call (blob-store.ts): DATA is decoded over it.
    const dataset = readFcs(bytes, raw.originalName, { inPlace: true }).datasets[0];
    if (!dataset) throw new FlowAnalysisError(`${raw.originalName} has no data set`, path);
    const loaded = { measurement: m, raw, dataset };
    cache.set(measurementId, loaded);
    return loaded;
  };
  const values = async (measurementId: string, ch: string, path: (string | number)[]) => {
    const { dataset, raw } = await load(measurementId, path);
    const v = fcsChannelValues(dataset, ch);
    if (!v) {
      throw new FlowAnalysisError(
        `${raw.originalName} has no channel "${ch}" (it has ${dataset.parameters.map((p) => p.name).join(', ')})`,
        [...path.slice(0, -1), 'channel'],
      );
    }
    return v;
  };

  const metrics: FlowAnalysisMetric[] = [];
  const markers: MarkerPositivity[] = [];
  for (const [i, m] of input.markers.entries()) {
    const at = ['markers', i];
    const r = markerPositivity({
      marker: m.marker,
      sample: await values(m.sample, m.channel, [...at, 'sample']),
      isotype: m.isotype ? await values(m.isotype, m.channel, [...at, 'isotype']) : undefined,
      unstained: m.unstained ? await values(m.unstained, m.channel, [...at, 'unstained']) : undefined,
      percentileCut: m.percentileCut,
    });
    markers.push(r);
    if (Number.isFinite(r.netPercentPositive)) {
      metrics.push({
        name: `flow.${m.marker.toUpperCase()}.netPercentPositive`,
        value: r.netPercentPositive,
        unit: '%',
      });
    }
  }

  let concentration: FlowBatchAnalysis['concentration'] = null;
  if (input.concentration) {
    const c = input.concentration;
    const count = async (mid: string, volumeUl: number | undefined, key: string) => {
      const path = ['concentration', key];
      const { dataset, raw } = await load(mid, path);
      let events = dataset.eventCount;
      if (c.gate) {
        const v = await values(mid, c.gate.channel, ['concentration', 'gate', 'channel']);
        events = 0;
        for (let e = 0; e < v.length; e++) if ((v[e] as number) >= c.gate.min) events++;
      }
      const vol = volumeUl ?? volumeFromKeywords(dataset);
      if (vol === null) {
        throw new FlowAnalysisError(
          `${raw.originalName} has no $VOL keyword: give the volume analysed (µL)`,
          [
            'concentration',
            key === 'sample' ? 'volumeUl' : `${key === 'bufferOnly' ? 'buffer' : 'detergent'}VolumeUl`,
          ],
        );
      }
      return { events, volumeUl: vol };
    };
    const sample = await count(c.sample, c.volumeUl, 'sample');
    const buffer = c.bufferOnly ? await count(c.bufferOnly, c.bufferVolumeUl, 'bufferOnly') : undefined;
    const detergent = c.detergentLysed
      ? await count(c.detergentLysed, c.detergentVolumeUl, 'detergentLysed')
      : undefined;
    const net = countsNetOfControls({
      sample: { ...sample, dilution: c.dilution },
      ...(buffer ? { bufferOnly: buffer } : {}),
      ...(detergent ? { detergentLysed: { ...detergent, dilution: c.dilution } } : {}),
    });
    // 1 mL = 1000 µL.
    const perMl = net.vesicleEventsPerUl * 1000;
    concentration = {
      sampleEvents: sample.events,
      sampleVolumeUl: sample.volumeUl,
      dilution: c.dilution,
      vesicleEventsPerUl: net.vesicleEventsPerUl,
      concentrationPerMl: perMl,
      warnings: net.warnings,
    };
    if (Number.isFinite(perMl))
      metrics.push({ name: 'flow.evConcentrationPerMl', value: perMl, unit: 'particles/mL' });
  }

  let diameter: FlowBatchAnalysis['diameter'] = null;
  if (input.diameter) {
    const d = input.diameter;
    const s = d.scatter;
    const setup = {
      wavelengthNm: s.wavelengthNm,
      aperture: s.aperture,
      ...(s.mediumIndex ? { mediumIndex: s.mediumIndex } : {}),
    };
    let calibration: ScatterCalibration;
    try {
      calibration = fitScatterCalibration(s.beads, setup);
    } catch (error) {
      if (error instanceof RangeError)
        throw new FlowAnalysisError(error.message, ['diameter', 'scatter', 'beads']);
      throw error;
    }
    const lookup = evDiameterLookup(s.ev ?? DEFAULT_EV_MODEL, setup);
    const au = await values(d.sample, d.channel, ['diameter', 'sample']);
    const minSigma = lookup.crossSectionsNm2[0] as number;
    const maxSigma = Math.max(
      ...lookup.crossSectionsNm2.filter(
        (_, i) => (lookup.diametersNm[i] as number) <= lookup.monotonicUpToNm,
      ),
    );
    let below = 0;
    let above = 0;
    for (let e = 0; e < au.length; e++) {
      const sigma = (au[e] as number) / calibration.auPerNm2;
      if (!(sigma >= minSigma)) below++;
      else if (sigma > maxSigma) above++;
    }
    const medianAu = percentile(au, 50);
    const sigma = medianAu / calibration.auPerNm2;
    const dia = lookup.diameterForCrossSection(sigma);
    diameter = {
      calibration,
      medianAu,
      medianCrossSectionNm2: sigma,
      medianDiameterNm: Number.isFinite(dia) ? dia : null,
      monotonicUpToNm: lookup.monotonicUpToNm,
      eventsBelowRange: below,
      eventsAboveRange: above,
      events: au.length,
    };
    if (Number.isFinite(dia)) metrics.push({ name: 'flow.medianDiameterNm', value: dia, unit: 'nm' });
  }

  const measurements = [...cache.values()].map(({ measurement, raw, dataset }) => ({
    id: measurement.id,
    fileName: raw.originalName,
    rawFileId: raw.id,
    sha256: raw.sha256,
    reader: `${measurement.readerName} ${measurement.readerVersion}`,
    events: dataset.eventCount,
  }));
  await onProgress?.(0.9, 'storing the flow metrics as QC results');
  const analysedAt = new Date().toISOString();
  const record = {
    method: FLOW_ANALYSIS_METHOD,
    version: FLOW_ANALYSIS_VERSION,
    batchId,
    analysedAt,
    analysedBy: actor,
    input,
    measurements,
    markers,
    concentration,
    diameter,
    metrics,
  };
  const { sha256, sizeBytes } = await wb.blobs.put(new TextEncoder().encode(JSON.stringify(record, null, 2)));
  // The record is a raw file of the batch: a blob without a raw-file row is an orphan that start-up
  // reconciliation removes (data-integrity.ts), and the record must outlive it (ALCOA+: original, enduring).
  await wb.store.createRawFile(
    {
      batchId,
      sha256,
      originalName: `flow-analysis-${analysedAt.replace(/[:.]/g, '-')}.json`,
      sizeBytes,
      mediaType: 'application/json',
    },
    actor,
  );

  // Earlier flow-analysis results of the same metrics are superseded (invalidated, kept on record).
  const names = new Set(metrics.map((m) => m.name));
  const earlier = (await wb.store.qc.listResults(batchId)).filter(
    (r) => r.invalidated === null && r.method.startsWith(FLOW_ANALYSIS_METHOD) && names.has(r.metric),
  );
  const note = `from ${measurements.map((m) => `${m.fileName} (measurement ${m.id})`).join(', ')}`.slice(
    0,
    2000,
  );
  const results: QcResult[] = [];
  for (const m of metrics) {
    results.push(
      await wb.store.qc.addResult(
        batchId,
        {
          metric: m.name,
          value: m.value,
          unit: m.unit,
          method: `${FLOW_ANALYSIS_METHOD} ${FLOW_ANALYSIS_VERSION}`,
          reference: `flow-analysis sha256:${sha256}`,
          note,
        },
        actor,
      ),
    );
  }
  for (const r of earlier) {
    await wb.store.qc.invalidateResult(
      r.id,
      `superseded by flow analysis sha256:${sha256.slice(0, 12)}`,
      actor,
    );
  }
  return {
    batchId,
    analysedAt,
    analysedBy: actor,
    method: FLOW_ANALYSIS_METHOD,
    version: FLOW_ANALYSIS_VERSION,
    recordSha256: sha256,
    measurements,
    markers,
    concentration,
    diameter,
    metrics,
    results,
    superseded: earlier.map((r) => r.id),
  };
}

/** FCS 3.1 $VOL: volume of sample run during acquisition, in nanolitres (FCS 3.1 §3.2.20) → µL. */
export function volumeFromKeywords(dataset: FcsDataset): number | null {
  for (const [k, v] of Object.entries(dataset.keywords)) {
    if (k.toUpperCase() !== '$VOL') continue;
    const n = Number(v.trim());
    return Number.isFinite(n) && n > 0 ? n / 1000 : null;
  }
  return null;
}
