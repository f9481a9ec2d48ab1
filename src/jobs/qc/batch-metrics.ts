/**
 * The one function that reads a batch's metrics: `batchMetrics(store, batchId)`. Each measurement kind
 * contributes through a provider registered here (NTA today; ZetaView, protein assays, Western blot, flow,
 * TEM plug in with `registerMetricProvider(kind, provider)` without touching QC code). Results entered by
 * hand with their evidence (sterility, mycoplasma, endotoxin, potency, marker calls from an external report)
 * come from the QC store. Derived metrics (purity = particles per µg protein) are computed last, from the
 * latest reliable inputs, and carry the reliability of both inputs.
 */

import type { Measurement } from '../../domain/measurement.ts';
import {
  type BatchMetric,
  latestMetrics,
  type MetricQcFlag,
  type MetricSource,
} from '../../domain/qc/batch-metric.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import { sizeDistributionStats } from '../../science/nta/size-distribution-stats.ts';
import type { EvlabStore } from '../../store/evlab-store.ts';
import { registerCharacterizationMetricProviders } from './characterization-metric-providers.ts';

/** Turns one parsed measurement into metrics (values with units; the source and flags are added for it). */
export type MetricProvider = (
  measurement: Measurement,
) => { name: string; value: number | string; unit: string }[];

/** Flags of a measurement's analysis, for the metrics it yields. */
export type FlagReader = (measurement: Measurement) => MetricQcFlag[];

interface ProviderEntry {
  metrics: MetricProvider;
  flags: FlagReader;
}

const providers = new Map<string, ProviderEntry>();

/** Registers (or replaces) the provider of a measurement kind. */
export function registerMetricProvider(
  kind: string,
  metrics: MetricProvider,
  flags: FlagReader = () => [],
): void {
  providers.set(kind, { metrics, flags });
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

registerMetricProvider(
  'nta',
  (m) => {
    if (!isNtaReport(m.metrics)) return [];
    const r = m.metrics;
    const out: { name: string; value: number; unit: string }[] = [];
    const push = (name: string, value: number | null | undefined, unit: string) => {
      if (value !== null && value !== undefined && Number.isFinite(value)) out.push({ name, value, unit });
    };
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
  (m) =>
    isNtaReport(m.metrics)
      ? m.metrics.flags.map(({ level, code, message }) => ({ level, code, message }))
      : [],
);

/** Metrics of one measurement, with its source and flags; an unparsed measurement yields none. */
export function metricsOfMeasurement(m: Measurement, fileName: string): BatchMetric[] {
  const entry = providers.get(m.kind);
  if (!entry || m.status !== 'parsed') return [];
  const flags = entry.flags(m);
  const source: MetricSource = {
    type: 'measurement',
    id: m.id,
    kind: m.kind,
    label: fileName,
    recordedAt: m.createdAt,
  };
  const reliable = !flags.some((f) => f.level === 'error');
  return entry.metrics(m).map((v) => ({ ...v, source, flags, reliable }));
}

/** Derived metrics from the latest inputs: purity = particles/mL ÷ µg protein/mL (Webber & Clayton 2013). */
export function derivedMetrics(metrics: readonly BatchMetric[]): BatchMetric[] {
  const latest = latestMetrics(metrics);
  const particles = latest.get('nta.concentrationPerMl');
  const protein = latest.get('protein.concentrationUgPerMl');
  if (
    !particles ||
    !protein ||
    typeof particles.value !== 'number' ||
    typeof protein.value !== 'number' ||
    !(protein.value > 0)
  )
    return [];
  const later = particles.source.recordedAt > protein.source.recordedAt ? particles : protein;
  return [
    {
      name: 'purity.particlesPerUg',
      value: particles.value / protein.value,
      unit: 'particles/µg',
      source: {
        type: later.source.type,
        id: later.source.id,
        kind: 'derived',
        label: `${particles.source.label} ÷ ${protein.source.label}`,
        recordedAt: later.source.recordedAt,
      },
      flags: [...particles.flags, ...protein.flags],
      reliable: particles.reliable && protein.reliable,
    },
  ];
}

/** Every metric evlab holds about a batch: measurement metrics, entered results, derived metrics. */
export async function batchMetrics(store: EvlabStore, batchId: string): Promise<BatchMetric[]> {
  const out: BatchMetric[] = [];
  const summaries = await store.listMeasurements({ batchId, limit: 1000 });
  const files = await store.listRawFiles({ batchId, limit: 1000 });
  const nameOf = new Map(files.items.map((f) => [f.id, f.originalName]));
  for (const summary of summaries.items) {
    if (summary.status !== 'parsed' || !providers.has(summary.kind)) continue;
    const m = await store.getMeasurement(summary.id);
    if (m) out.push(...metricsOfMeasurement(m, nameOf.get(m.rawFileId) ?? m.instrument));
  }
  const results = store.qc ? await store.qc.listResults(batchId) : [];
  for (const r of results) {
    out.push({
      name: r.metric,
      value: r.value,
      unit: r.unit,
      source: {
        type: 'result',
        id: r.id,
        kind: 'manual',
        label: r.method || 'entered result',
        recordedAt: r.enteredAt,
      },
      flags: r.invalidated ? [{ level: 'error', code: 'result-invalidated', message: r.invalidated }] : [],
      reliable: r.invalidated === null,
    });
  }
  out.push(...derivedMetrics(out));
  return out;
}

// Protein assays, Western blots, proteomics and ZetaView (src/jobs/batch-metrics contributors) under QC's names.
registerCharacterizationMetricProviders(registerMetricProvider);
