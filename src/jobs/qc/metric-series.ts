/**
 * A batch metric across the store's batches, oldest batch first (by creation), for control charts
 * (`evlab spc chart --metric NAME [--product ID]`, GET /api/qc/metrics/:name/series). Each batch
 * contributes its latest reliable value (src/domain/qc/batch-metric.ts latestMetrics); batches without
 * the metric, or with only unreliable or non-numeric values, are left out and listed as skipped.
 */
import { canonicalMetricName, latestMetrics } from '../../domain/qc/batch-metric.ts';
import type { EvlabStore } from '../../store/evlab-store.ts';
import { releaseMetrics } from '../batch-metrics/release-metrics.ts';

export interface MetricSeriesPoint {
  batchId: string;
  batchCode: string;
  projectId: string;
  value: number;
  unit: string;
  sourceId: string;
}

export interface MetricSeries {
  metric: string;
  points: MetricSeriesPoint[];
  skipped: { batchId: string; batchCode: string; reason: string }[];
}

export async function metricSeriesWithSkipped(
  store: EvlabStore,
  requested: string,
  filter: { projectId?: string; projectIds?: readonly string[] } = {},
): Promise<MetricSeries> {
  const metric = canonicalMetricName(requested); // an old alias charts the canonical metric
  const points: MetricSeriesPoint[] = [];
  const skipped: MetricSeries['skipped'] = [];
  const created = new Map<string, string>();
  let offset = 0;
  for (;;) {
    const page = await store.listBatches({ ...filter, limit: 1000, offset });
    // listBatches is newest first; charts run oldest first
    for (const batch of page.items) {
      created.set(batch.id, `${batch.createdAt} ${batch.id}`);
      const m = latestMetrics(await releaseMetrics(store, batch.id)).get(metric);
      if (!m) skipped.push({ batchId: batch.id, batchCode: batch.code, reason: 'no value' });
      else if (!m.reliable)
        skipped.push({ batchId: batch.id, batchCode: batch.code, reason: 'only unreliable values' });
      else if (typeof m.value !== 'number')
        skipped.push({ batchId: batch.id, batchCode: batch.code, reason: 'not a number' });
      else
        points.push({
          batchId: batch.id,
          batchCode: batch.code,
          projectId: batch.projectId,
          value: m.value,
          unit: m.unit,
          sourceId: m.source.id,
        });
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  points.sort((a, b) => ((created.get(a.batchId) ?? '') < (created.get(b.batchId) ?? '') ? -1 : 1));
  return { metric, points, skipped };
}

export async function metricSeries(
  store: EvlabStore,
  metric: string,
  filter: { projectId?: string } = {},
): Promise<MetricSeriesPoint[]> {
  return (await metricSeriesWithSkipped(store, metric, filter)).points;
}
