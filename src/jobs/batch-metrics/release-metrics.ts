/**
 * A batch's metrics under QC's names — what evaluation, control charts, the MISEV checklist and
 * comparability read: `releaseMetrics(store, batchId)`. Each measurement kind contributes through its entry
 * in RELEASE_METRIC_PROVIDERS (release-metric-providers.ts, next to the characterization contributors of
 * contributors.ts: one registry in this folder). Results entered by
 * hand with their evidence (sterility, mycoplasma, endotoxin, potency, marker calls from an external report)
 * come from the QC store. Derived metrics (purity = particles per µg protein) are computed last, from the
 * latest reliable inputs, and carry the reliability of both inputs.
 */

import type { Measurement } from '../../domain/measurement.ts';
import {
  type BatchMetric,
  canonicalMetricName,
  latestMetrics,
  type MetricSource,
} from '../../domain/qc/batch-metric.ts';
import type { BinnedDistribution } from '../../science/distribution-distance/wasserstein-distance.ts';
import type { EvlabStore } from '../../store/evlab-store.ts';
import { RELEASE_METRIC_PROVIDERS } from './release-metric-providers.ts';

const providers = new Map(RELEASE_METRIC_PROVIDERS.map((p) => [p.kind, p]));

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
export async function releaseMetrics(store: EvlabStore, batchId: string): Promise<BatchMetric[]> {
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
      // A result entered under an old alias counts under the canonical name (the stored row is not rewritten:
      // it is part of the signed record hash, src/jobs/qc/record-hash.ts).
      name: canonicalMetricName(r.metric),
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

/** A batch's size distribution and the measurement (kind, instrument, file) it comes from. */
export interface ReleaseSizeDistribution {
  measurementId: string;
  kind: string;
  /** The reader's instrument label, e.g. 'NanoSight NTA', 'Particle Metrix ZetaView'. */
  instrument: string;
  fileName: string;
  distribution: BinnedDistribution;
}

/** A batch's size distribution from its latest parsed measurement that holds one and is not flagged as an error. */
export async function releaseSizeDistribution(
  store: EvlabStore,
  batchId: string,
): Promise<ReleaseSizeDistribution | null> {
  const summaries = await store.listMeasurements({ batchId, limit: 1000 });
  const candidates = summaries.items
    .filter((s) => s.status === 'parsed' && providers.get(s.kind)?.sizeDistribution !== undefined)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  for (const summary of candidates) {
    const m = await store.getMeasurement(summary.id);
    const entry = m ? providers.get(m.kind) : undefined;
    if (!m || !entry?.sizeDistribution || entry.flags(m).some((f) => f.level === 'error')) continue;
    const distribution = entry.sizeDistribution(m);
    if (distribution?.weights.some((w) => w > 0)) {
      const file = await store.getRawFile(m.rawFileId);
      return {
        measurementId: m.id,
        kind: m.kind,
        instrument: m.instrument,
        fileName: file?.originalName ?? m.instrument,
        distribution,
      };
    }
  }
  return null;
}
