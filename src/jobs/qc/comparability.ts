/**
 * Comparability of two processes (e.g. ultracentrifugation lots vs TFF→SEC lots; ICH Q5E): the batches of
 * group A (test) and group B (reference) are read through the one batch-metric registry
 * (src/jobs/batch-metrics/release-metrics.ts: each batch's latest reliable value per metric), every numeric
 * metric is compared by Welch's t-test and TOST equivalence with a margin in % of B's mean, and the pooled
 * size distributions by Wasserstein-1 and Kolmogorov–Smirnov (src/science/comparability/). Size
 * distributions come from any sizing kind through one provider method (NanoSight NTA, ZetaView, NTA track
 * tables: `releaseSizeDistribution`), so a ZetaView lot and a NanoSight lot compare; the report names the
 * instrument behind each batch's distribution.
 */
import type { Batch } from '../../domain/batch.ts';
import { canonicalMetricName, latestMetrics, metricDefinition } from '../../domain/qc/batch-metric.ts';
import { compareMetric, type MetricComparison } from '../../science/comparability/compare-metric.ts';
import {
  type SizeDistributionDistance,
  sizeDistributionDistance,
} from '../../science/comparability/size-distribution-distance.ts';
import { DEFAULT_TOST_ALPHA } from '../../science/comparability/tost-equivalence.ts';
import { type EvlabStore, StoreError } from '../../store/evlab-store.ts';
import { releaseMetrics, releaseSizeDistribution } from '../batch-metrics/release-metrics.ts';

/**
 * Default equivalence margin, % of the reference mean. ICH Q5E leaves margins to the sponsor; 20 % is the
 * ± 20 % of label tolerance of the MSC-EV concentration criterion (issue 13 specification template) and
 * the 80–125 % range of average bioequivalence (FDA 2001, Statistical Approaches to Establishing
 * Bioequivalence). Always state the margin used; the report prints it.
 */
export const DEFAULT_MARGIN_PCT = 20;

/** Most batches per group in one request (keeps a report readable and a request bounded). */
export const MAX_BATCHES_PER_GROUP = 200;

export interface ComparabilityInput {
  a: readonly string[];
  b: readonly string[];
  /** Metric names (QC catalogue); default: every numeric metric with a value in both groups. */
  metrics?: readonly string[];
  marginPct?: number;
  alpha?: number;
}

export interface GroupBatch {
  id: string;
  code: string;
  status: string;
  projectId: string;
}

export interface MetricValue {
  batchId: string;
  batchCode: string;
  value: number;
}

export interface ComparabilityMetricRow extends MetricComparison {
  label: string;
  unit: string;
  valuesA: MetricValue[];
  valuesB: MetricValue[];
  /** Batches without a reliable numeric value for this metric. */
  missingA: string[];
  missingB: string[];
}

/** Which measurement (and instrument) gave a batch's size distribution. */
export interface SizeDistributionSource {
  batchId: string;
  batchCode: string;
  measurementId: string;
  /** Measurement kind: 'nta', 'zetaview', 'nta-tracks'. */
  kind: string;
  /** Instrument label of the reader, e.g. 'NanoSight NTA', 'Particle Metrix ZetaView'. */
  instrument: string;
  fileName: string;
}

export interface ComparabilityReport {
  a: GroupBatch[];
  b: GroupBatch[];
  marginPct: number;
  alpha: number;
  metrics: ComparabilityMetricRow[];
  /** Pooled size distributions (each batch weighs the same) and their distances; null without any. */
  sizeDistribution:
    | (SizeDistributionDistance & {
        batchesWithoutDistributionA: string[];
        batchesWithoutDistributionB: string[];
        /** Per batch: the measurement and instrument behind its distribution. */
        sourcesA: SizeDistributionSource[];
        sourcesB: SizeDistributionSource[];
        /** Distinct instruments per group, in batch order ('NanoSight NTA', 'Particle Metrix ZetaView'). */
        instrumentsA: string[];
        instrumentsB: string[];
      })
    | null;
  summary: { equivalent: number; notEquivalent: number; insufficientData: number };
}

async function loadGroup(store: EvlabStore, ids: readonly string[], name: 'a' | 'b'): Promise<Batch[]> {
  if (ids.length === 0)
    throw new StoreError('invalid-reference', `group ${name.toUpperCase()} has no batch`, [name]);
  if (ids.length > MAX_BATCHES_PER_GROUP)
    throw new StoreError('invalid-reference', `at most ${MAX_BATCHES_PER_GROUP} batches per group`, [name]);
  const out: Batch[] = [];
  for (const [i, id] of ids.entries()) {
    const batch = await store.getBatch(id);
    if (!batch) throw new StoreError('not-found', `batch ${id} does not exist`, [name, i]);
    out.push(batch);
  }
  return out;
}

export async function compareProcesses(
  store: EvlabStore,
  input: ComparabilityInput,
): Promise<ComparabilityReport> {
  const marginPct = input.marginPct ?? DEFAULT_MARGIN_PCT;
  const alpha = input.alpha ?? DEFAULT_TOST_ALPHA;
  if (!(marginPct > 0 && marginPct <= 1000))
    throw new StoreError('invalid-reference', 'the margin must be a positive % (at most 1000)', [
      'marginPct',
    ]);
  const a = await loadGroup(store, [...new Set(input.a)], 'a');
  const b = await loadGroup(store, [...new Set(input.b)], 'b');
  const inA = new Set(a.map((x) => x.id));
  const both = b.findIndex((x) => inA.has(x.id));
  if (both >= 0)
    throw new StoreError(
      'invalid-reference',
      `batch ${b[both]?.code} is in both groups; a batch belongs to one process`,
      ['b', both],
    );

  const latest = async (batches: Batch[]) =>
    Promise.all(
      batches.map(async (batch) => ({
        batch,
        metrics: latestMetrics(await releaseMetrics(store, batch.id)),
      })),
    );
  const metricsA = await latest(a);
  const metricsB = await latest(b);
  const numericNames = (rows: typeof metricsA) =>
    new Set(
      rows.flatMap(({ metrics }) =>
        [...metrics.values()].filter((m) => m.reliable && typeof m.value === 'number').map((m) => m.name),
      ),
    );
  const namesA = numericNames(metricsA);
  const namesB = numericNames(metricsB);
  const names = input.metrics?.length
    ? [...new Set(input.metrics.map(canonicalMetricName))]
    : [...namesA].filter((n) => namesB.has(n)).sort();

  const valuesOf = (rows: typeof metricsA, name: string) => {
    const values: MetricValue[] = [];
    const missing: string[] = [];
    let unit = '';
    for (const { batch, metrics } of rows) {
      const m = metrics.get(name);
      if (m?.reliable && typeof m.value === 'number') {
        values.push({ batchId: batch.id, batchCode: batch.code, value: m.value });
        unit ||= m.unit;
      } else missing.push(batch.code);
    }
    return { values, missing, unit };
  };

  const rows: ComparabilityMetricRow[] = names.map((name) => {
    const va = valuesOf(metricsA, name);
    const vb = valuesOf(metricsB, name);
    const comparison = compareMetric(
      name,
      va.values.map((v) => v.value),
      vb.values.map((v) => v.value),
      marginPct,
      alpha,
    );
    const def = metricDefinition(name);
    return {
      ...comparison,
      label: def?.label ?? name,
      unit: va.unit || vb.unit || def?.unit || '',
      valuesA: va.values,
      valuesB: vb.values,
      missingA: va.missing,
      missingB: vb.missing,
    };
  });

  const distributions = async (batches: Batch[]) => {
    const found = [];
    const sources: SizeDistributionSource[] = [];
    const without: string[] = [];
    for (const batch of batches) {
      const d = await releaseSizeDistribution(store, batch.id);
      if (d) {
        found.push(d.distribution);
        sources.push({
          batchId: batch.id,
          batchCode: batch.code,
          measurementId: d.measurementId,
          kind: d.kind,
          instrument: d.instrument,
          fileName: d.fileName,
        });
      } else without.push(batch.code);
    }
    return { found, without, sources };
  };
  const instruments = (sources: SizeDistributionSource[]) => [...new Set(sources.map((s) => s.instrument))];
  const da = await distributions(a);
  const db = await distributions(b);
  const sizeDistribution =
    da.found.length > 0 && db.found.length > 0
      ? {
          ...sizeDistributionDistance(da.found, db.found),
          batchesWithoutDistributionA: da.without,
          batchesWithoutDistributionB: db.without,
          sourcesA: da.sources,
          sourcesB: db.sources,
          instrumentsA: instruments(da.sources),
          instrumentsB: instruments(db.sources),
        }
      : null;

  const group = (batches: Batch[]): GroupBatch[] =>
    batches.map((x) => ({ id: x.id, code: x.code, status: x.status, projectId: x.projectId }));
  return {
    a: group(a),
    b: group(b),
    marginPct,
    alpha,
    metrics: rows,
    sizeDistribution,
    summary: {
      equivalent: rows.filter((r) => r.verdict === 'equivalent').length,
      notEquivalent: rows.filter((r) => r.verdict === 'not-equivalent').length,
      insufficientData: rows.filter((r) => r.verdict === 'insufficient-data').length,
    },
  };
}
