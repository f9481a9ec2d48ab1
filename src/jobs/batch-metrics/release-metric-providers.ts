/**
 * The release view of the batch-metric registry: one provider per measurement kind that turns a parsed
 * measurement into QC's metric names (src/domain/qc/batch-metric.ts METRIC_CATALOGUE), so specifications,
 * control charts, the MISEV checklist and comparability read every kind the same way. Protein assays,
 * Western blots and proteomics go through their characterization contributor (contributors.ts) and
 * `qcValueOf`; NTA, ZetaView and flow compute QC's size and marker metrics. A new kind appends one entry to
 * RELEASE_METRIC_PROVIDERS (next to its contributor in contributors.ts).
 */
import type { Measurement } from '../../domain/measurement.ts';
import type { MetricQcFlag } from '../../domain/qc/batch-metric.ts';
import type { BinnedDistribution } from '../../science/distribution-distance/wasserstein-distance.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import { sizeDistributionStats } from '../../science/nta/size-distribution-stats.ts';
import type { TrackSizingReport } from '../../science/nta-tracks/size-tracks.ts';
import type { ZetaViewReport } from '../../science/zetaview/analyse-zetaview.ts';
import { flowBatchMetrics } from '../flow-batch-metrics.ts';
import type { BatchMetric as CharacterizationMetric } from './batch-metric.ts';
import { METRIC_CONTRIBUTORS } from './contributors.ts';

/**
 * Gene symbols (HGNC) → the marker names of QC's MISEV catalogue (Théry et al. 2018, J Extracell Vesicles
 * 7:1535750, Table 3; ISCT MSC markers, Dominici et al. 2006, Cytotherapy 8:315).
 */
const MARKER_ALIASES: Record<string, string> = {
  PDCD6IP: 'ALIX',
  SDCBP: 'SYNTENIN',
  HSPA8: 'HSP70',
  HSPA1A: 'HSP70',
  ALB: 'ALBUMIN',
  CANX: 'CALNEXIN',
  GOLGA2: 'GM130',
  NT5E: 'CD73',
  THY1: 'CD90',
  ENG: 'CD105',
  CYCS: 'CYTOCHROMEC',
};

export function qcMarkerName(geneOrMarker: string): string {
  const upper = geneOrMarker.trim().toUpperCase();
  return MARKER_ALIASES[upper] ?? upper;
}

type QcValue = { name: string; value: number | string; unit: string };

/** A measurement kind's QC metrics (values with units) and the flags that make them unreliable. */
export interface ReleaseMetricProvider {
  kind: string;
  metrics(measurement: Measurement): QcValue[];
  flags(measurement: Measurement): MetricQcFlag[];
  /**
   * The number-weighted size distribution the measurement holds (comparability overlays), if any: bin
   * centres in nm and non-negative weights (particles/mL or fractions per bin; only the shape is used).
   * Every sizing kind (NanoSight NTA, ZetaView, NTA track tables) answers through this one method, so
   * lots measured on different instruments can be compared.
   */
  sizeDistribution?(measurement: Measurement): BinnedDistribution | null;
}

/** One characterization row under its QC name; null when QC has no use for it (per-sample rows, nulls). */
export function qcValueOf(row: CharacterizationMetric): QcValue | null {
  if (row.value === null || row.key.includes('[')) return null;
  if (row.key === 'protein.concentrationUgPerMl' && typeof row.value === 'number')
    return { name: row.key, value: row.value, unit: 'µg/mL' };
  if (row.key.startsWith('wb.') && row.key !== 'wb.misevMinimum' && typeof row.value === 'string') {
    const call = row.value.split(',')[0]?.trim();
    if (call !== 'present' && call !== 'absent') return null;
    return { name: `marker.${qcMarkerName(row.key.slice(3))}`, value: call, unit: '' };
  }
  if (row.key.startsWith('nta.') || row.key.startsWith('purity.')) return null; // QC computes these itself
  return { name: row.key, value: row.value, unit: row.unit ?? '' };
}

function contributorFor(kind: string) {
  return METRIC_CONTRIBUTORS.find((c) => c.kind === kind);
}

function characterizationRows(m: Measurement): CharacterizationMetric[] {
  const contributor = contributorFor(m.kind);
  if (!contributor) return [];
  return contributor.contribute(m, { batch: { id: m.batchId, code: '' }, fileName: null });
}

/** NTA size-range bounds of the MSC-EV size criterion (issue 13; MISEV2018 small EVs < 200 nm, large EVs up to ~1 µm). */
export const SIZE_RANGE_NM = { low: 50, high: 400 } as const;

function isNtaReport(value: unknown): value is NtaReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'distribution' in value &&
    'average' in value &&
    Array.isArray((value as NtaReport).flags)
  );
}

/** Share of number-weighted particles with bin centres inside [low, high] nm, in %. */
export function percentInRange(
  centresNm: readonly number[],
  weights: readonly number[],
  low: number,
  high: number,
): number | null {
  let total = 0;
  let inside = 0;
  centresNm.forEach((c, i) => {
    const w = weights[i] ?? 0;
    if (!(w > 0)) return;
    total += w;
    if (c >= low && c <= high) inside += w;
  });
  return total > 0 ? (100 * inside) / total : null;
}

function pusher(out: QcValue[]) {
  return (name: string, value: number | null | undefined, unit: string) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) out.push({ name, value, unit });
  };
}

const ntaProvider: ReleaseMetricProvider = {
  kind: 'nta',
  metrics(m) {
    if (!isNtaReport(m.metrics)) return [];
    const r = m.metrics;
    const out: QcValue[] = [];
    const push = pusher(out);
    push('nta.concentrationPerMl', r.average.concentrationPerMl, 'particles/mL');
    const stats = sizeDistributionStats(r.distribution.binCentersNm, r.distribution.concentrationPerMl);
    push('nta.modeNm', stats.modeNm, 'nm');
    push('nta.meanNm', stats.meanNm, 'nm');
    push('nta.sdNm', stats.sdNm, 'nm');
    push('nta.d10Nm', stats.d10Nm, 'nm');
    push('nta.d50Nm', stats.d50Nm, 'nm');
    push('nta.d90Nm', stats.d90Nm, 'nm');
    push(
      'nta.percentIn50To400Nm',
      percentInRange(
        r.distribution.binCentersNm,
        r.distribution.concentrationPerMl,
        SIZE_RANGE_NM.low,
        SIZE_RANGE_NM.high,
      ),
      '%',
    );
    return out;
  },
  sizeDistribution: (m) =>
    isNtaReport(m.metrics)
      ? { centresNm: m.metrics.distribution.binCentersNm, weights: m.metrics.distribution.concentrationPerMl }
      : null,
  flags: (m) =>
    isNtaReport(m.metrics)
      ? m.metrics.flags.map(({ level, code, message }) => ({ level, code, message }))
      : [],
};

function isTrackSizingReport(value: unknown): value is TrackSizingReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'ml' in value &&
    Array.isArray((value as TrackSizingReport).ml?.bins)
  );
}

/** Track tables: the maximum-likelihood (finite-track-length adjusted) number distribution. */
function trackSizeDistribution(m: Measurement): BinnedDistribution | null {
  if (!isTrackSizingReport(m.metrics)) return null;
  const bins = m.metrics.ml.bins.filter((b) => Number.isFinite(b.diameterNm) && Number.isFinite(b.fraction));
  return bins.length > 0
    ? { centresNm: bins.map((b) => b.diameterNm), weights: bins.map((b) => Math.max(0, b.fraction)) }
    : null;
}

const characterizationProviders: ReleaseMetricProvider[] = (
  ['protein-assay', 'western-blot', 'proteomics', 'nta-tracks'] as const
).map((kind) => ({
  kind,
  ...(kind === 'nta-tracks' ? { sizeDistribution: trackSizeDistribution } : {}),
  metrics: (m) => characterizationRows(m).flatMap((row) => qcValueOf(row) ?? []),
  flags: (m): MetricQcFlag[] =>
    // A protein value outside the curve or without a concentration is unreliable (ICH M10).
    kind === 'protein-assay'
      ? characterizationRows(m)
          .filter((row) => row.key === 'protein.concentrationUgPerMl' && row.qc === 'fail')
          .map((row) => ({
            level: 'error',
            code: 'assay-out-of-range',
            message: row.note ?? 'outside the curve',
          }))
      : [],
}));

/** ZetaView size files are NTA: the same metric names, the original (undiluted) concentration. */
const zetaviewProvider: ReleaseMetricProvider = {
  kind: 'zetaview',
  metrics(m) {
    const r = m.metrics as ZetaViewReport | null;
    if (r?.kind !== 'size') return [];
    const out: QcValue[] = [];
    const push = pusher(out);
    push('nta.concentrationPerMl', r.originalConcentrationPerMl, 'particles/mL');
    push('nta.meanNm', r.number.meanNm, 'nm');
    push('nta.sdNm', r.number.sdNm, 'nm');
    push('nta.d10Nm', r.number.d10Nm, 'nm');
    push('nta.d50Nm', r.number.d50Nm, 'nm');
    push('nta.d90Nm', r.number.d90Nm, 'nm');
    return out;
  },
  /** The linear bins (number-weighted particles/mL per bin), the distribution ZetaView's statistics come from. */
  sizeDistribution(m) {
    const r = m.metrics as ZetaViewReport | null;
    if (r?.kind !== 'size' || !Array.isArray(r.bins)) return null;
    const bins = r.bins.filter((b) => Number.isFinite(b.sizeNm) && Number.isFinite(b.concentrationPerMl));
    return bins.length > 0
      ? {
          centresNm: bins.map((b) => b.sizeNm),
          weights: bins.map((b) => Math.max(0, b.concentrationPerMl)),
        }
      : null;
  },
  flags(m) {
    const r = m.metrics as ZetaViewReport | null;
    return r?.flags?.map(({ level, code, message }) => ({ level, code, message })) ?? [];
  },
};

/** The registry's release view: one provider per measurement kind (append a new kind here). */
export const RELEASE_METRIC_PROVIDERS: readonly ReleaseMetricProvider[] = [
  ntaProvider,
  ...characterizationProviders,
  zetaviewProvider,
  { kind: 'flow', metrics: (m) => flowBatchMetrics(m), flags: () => [] },
];
