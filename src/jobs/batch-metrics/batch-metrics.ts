/**
 * A batch's characterization table: every parsed measurement's metrics (through the contributor of its
 * kind), then the derived ones (purity), with units, provenance and QC. Read by the batch
 * characterization page, `GET /api/batches/:id/metrics`, the side-by-side comparison and the QC helper.
 */
import type { Measurement, MeasurementSummary } from '../../domain/measurement.ts';
import { StoreError } from '../../store/evlab-store.ts';
import type { Workbench } from '../workbench.ts';
import type { BatchMetric, MetricContext } from './batch-metric.ts';
import { DERIVED_METRIC_RULES, METRIC_CONTRIBUTORS } from './contributors.ts';

export interface BatchMeasurementRow extends MeasurementSummary {
  fileName: string | null;
  /** Worst QC of this measurement's metrics (null when it gave none). */
  qc: BatchMetric['qc'];
  metricCount: number;
}

export interface BatchMetricsResult {
  batch: { id: string; code: string; status: string };
  measurements: BatchMeasurementRow[];
  metrics: BatchMetric[];
}

const QC_ORDER: Record<string, number> = { fail: 3, warn: 2, pass: 1, info: 0 };

function worst(qcs: BatchMetric['qc'][]): BatchMetric['qc'] {
  let out: BatchMetric['qc'] = null;
  for (const q of qcs) if (q !== null && (out === null || (QC_ORDER[q] ?? 0) > (QC_ORDER[out] ?? 0))) out = q;
  return out;
}

/** Metrics of already loaded measurements (pure: no store access). */
export function metricsOfMeasurements(
  batch: MetricContext['batch'],
  measurements: readonly { measurement: Measurement; fileName: string | null }[],
): { metrics: BatchMetric[]; perMeasurement: Map<string, BatchMetric[]> } {
  const metrics: BatchMetric[] = [];
  const perMeasurement = new Map<string, BatchMetric[]>();
  for (const { measurement, fileName } of measurements) {
    if (measurement.status !== 'parsed') continue;
    const contributor = METRIC_CONTRIBUTORS.find((c) => c.kind === measurement.kind);
    if (!contributor) continue;
    let rows: BatchMetric[] = [];
    try {
      rows = contributor.contribute(measurement, { batch, fileName });
    } catch {
      rows = [];
    }
    perMeasurement.set(measurement.id, rows);
    metrics.push(...rows);
  }
  for (const rule of DERIVED_METRIC_RULES) metrics.push(...rule.derive(metrics, { batch, fileName: null }));
  return { metrics, perMeasurement };
}

export async function batchMetrics(wb: Workbench, batchId: string): Promise<BatchMetricsResult> {
  const batch = await wb.store.getBatch(batchId);
  if (!batch) throw new StoreError('not-found', `no batch ${batchId}`);
  const summaries: MeasurementSummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await wb.store.listMeasurements({ batchId, limit: 1000, offset });
    summaries.push(...page.items);
    if (summaries.length >= page.total || page.items.length === 0) break;
  }
  const loaded: { measurement: Measurement; fileName: string | null }[] = [];
  for (const s of summaries) {
    const measurement = await wb.store.getMeasurement(s.id);
    if (!measurement) continue;
    const raw = await wb.store.getRawFile(s.rawFileId);
    loaded.push({ measurement, fileName: raw?.originalName ?? null });
  }
  const ctx = { id: batch.id, code: batch.code };
  const { metrics, perMeasurement } = metricsOfMeasurements(ctx, loaded);
  return {
    batch: { id: batch.id, code: batch.code, status: batch.status },
    measurements: loaded.map(({ measurement, fileName }) => {
      const { parsed: _p, metrics: _m, ...summary } = measurement;
      const rows = perMeasurement.get(measurement.id) ?? [];
      return {
        ...summary,
        fileName,
        qc: measurement.status === 'unparsed' ? 'fail' : worst(rows.map((r) => r.qc)),
        metricCount: rows.length,
      };
    }),
    metrics,
  };
}
