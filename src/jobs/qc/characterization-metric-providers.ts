/**
 * Bridges the characterization table (src/jobs/batch-metrics/: one contributor per measurement kind) and
 * the other characterization analyses into the QC metric providers (./batch-metrics.ts), so that
 * specifications, control charts and the MISEV checklist read protein assays, Western blots, proteomics,
 * ZetaView and flow results under QC's metric names (src/domain/qc/batch-metric.ts METRIC_CATALOGUE).
 * batch-metrics.ts calls registerCharacterizationMetricProviders once, at load (no import cycle).
 */
import type { Measurement } from '../../domain/measurement.ts';
import type { MetricQcFlag } from '../../domain/qc/batch-metric.ts';
import type { ZetaViewReport } from '../../science/zetaview/analyse-zetaview.ts';
import type { BatchMetric as CharacterizationMetric } from '../batch-metrics/batch-metric.ts';
import { METRIC_CONTRIBUTORS } from '../batch-metrics/contributors.ts';
import { flowBatchMetrics } from '../flow-batch-metrics.ts';

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
type Register = (
  kind: string,
  metrics: (m: Measurement) => QcValue[],
  flags?: (m: Measurement) => MetricQcFlag[],
) => void;

/** One characterization row under its QC name; null when QC has no use for it (per-sample rows, nulls). */
export function qcValueOf(row: CharacterizationMetric): QcValue | null {
  if (row.value === null || row.key.includes('[')) return null;
  if (row.key === 'protein.concentration' && typeof row.value === 'number')
    return { name: 'protein.concentrationUgPerMl', value: row.value, unit: 'µg/mL' };
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

/** Registers the providers of every characterization kind with QC's metric registry. */
export function registerCharacterizationMetricProviders(register: Register): void {
  for (const kind of ['protein-assay', 'western-blot', 'proteomics'] as const) {
    register(
      kind,
      (m) => characterizationRows(m).flatMap((row) => qcValueOf(row) ?? []),
      (m): MetricQcFlag[] =>
        // A protein value outside the curve or without a concentration is unreliable (ICH M10).
        kind === 'protein-assay'
          ? characterizationRows(m)
              .filter((row) => row.key === 'protein.concentration' && row.qc === 'fail')
              .map((row) => ({
                level: 'error',
                code: 'assay-out-of-range',
                message: row.note ?? 'outside the curve',
              }))
          : [],
    );
  }

  /** ZetaView size files are NTA: the same metric names, the original (undiluted) concentration. */
  register(
    'zetaview',
    (m) => {
      const r = m.metrics as ZetaViewReport | null;
      if (r?.kind !== 'size') return [];
      const out: QcValue[] = [];
      const push = (name: string, value: number | null | undefined, unit: string) => {
        if (value !== null && value !== undefined && Number.isFinite(value)) out.push({ name, value, unit });
      };
      push('nta.concentrationPerMl', r.originalConcentrationPerMl, 'particles/mL');
      push('nta.meanNm', r.number.meanNm, 'nm');
      push('nta.sdNm', r.number.sdNm, 'nm');
      push('nta.d10Nm', r.number.d10Nm, 'nm');
      push('nta.d50Nm', r.number.d50Nm, 'nm');
      push('nta.d90Nm', r.number.d90Nm, 'nm');
      return out;
    },
    (m) => {
      const r = m.metrics as ZetaViewReport | null;
      return r?.flags?.map(({ level, code, message }) => ({ level, code, message })) ?? [];
    },
  );

  register('flow', (m) => flowBatchMetrics(m));
}
