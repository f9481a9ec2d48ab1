/**
 * A flow measurement's stored metrics → named batch metrics for the QC metric registry.
 *
 * Always: `flow.events` (events in the first data set). When the measurement carries EV-control results
 * (`metrics.markers`, from `markerPositivity` in science/flow/ev-controls.ts): `flow.<MARKER>.netPercentPositive`
 * per marker channel, i.e. % positive net of the isotype/unstained control (MIFlowCyt-EV, Welsh et al. 2020,
 * doi:10.1080/20013078.2020.1713526). When scatter-calibrated (`metrics.calibration.medianDiameterNm`,
 * scatter-calibration.ts core-shell EV model): `flow.medianDiameterNm`. Counts net of controls
 * (`metrics.counts.vesicleEventsPerUl`) give `flow.vesicleEventsPerUl`. The names are the registry's canonical
 * ones, as `evlab flow analyse` writes them (flow-batch-analysis.ts); the snake_case names used before are
 * aliases (src/domain/qc/batch-metric.ts canonicalMetricName).
 * Unparsed or non-flow measurements give no metrics; non-finite values are dropped, never reported as 0.
 */
import type { Measurement } from '../domain/measurement.ts';

export interface FlowBatchMetric {
  name: string;
  value: number;
  unit: string;
}

interface StoredFlowMetrics {
  events?: unknown;
  markers?: unknown;
  calibration?: unknown;
  counts?: unknown;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Metric-name-safe marker, upper case as flow-batch-analysis.ts names it: "CD63-PE" → "CD63_PE". */
function slug(marker: string): string {
  return marker
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function flowBatchMetrics(
  measurement: Pick<Measurement, 'kind' | 'status' | 'metrics'>,
): FlowBatchMetric[] {
  if (measurement.kind !== 'flow' || measurement.status !== 'parsed') return [];
  const m = measurement.metrics as StoredFlowMetrics | null;
  if (!isRecord(m)) return [];
  const out: FlowBatchMetric[] = [];
  if (finite(m.events)) out.push({ name: 'flow.events', value: m.events, unit: 'events' });
  if (Array.isArray(m.markers)) {
    for (const p of m.markers) {
      if (!isRecord(p) || typeof p.marker !== 'string' || !finite(p.netPercentPositive)) continue;
      const s = slug(p.marker);
      if (!s) continue;
      out.push({ name: `flow.${s}.netPercentPositive`, value: p.netPercentPositive, unit: '%' });
    }
  }
  if (isRecord(m.counts) && finite(m.counts.vesicleEventsPerUl)) {
    out.push({ name: 'flow.vesicleEventsPerUl', value: m.counts.vesicleEventsPerUl, unit: 'events/µL' });
  }
  if (isRecord(m.calibration) && finite(m.calibration.medianDiameterNm)) {
    out.push({ name: 'flow.medianDiameterNm', value: m.calibration.medianDiameterNm, unit: 'nm' });
  }
  return out;
}
