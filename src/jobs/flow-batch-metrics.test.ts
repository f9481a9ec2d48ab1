import { describe, expect, it } from 'vitest';
import { canonicalMetricName } from '../domain/qc/batch-metric.ts';
import { markerPositivity } from '../science/flow/ev-controls.ts';
import { flowBatchMetrics } from './flow-batch-metrics.ts';

describe('flowBatchMetrics', () => {
  it('reports events for an uncalibrated, ungated flow measurement', () => {
    expect(
      flowBatchMetrics({ kind: 'flow', status: 'parsed', metrics: { events: 13367, channels: [] } }),
    ).toEqual([{ name: 'flow.events', value: 13367, unit: 'events' }]);
  });

  it('adds net % positive per marker and the calibrated median diameter', () => {
    // Synthetic control: isotype 1…200, sample 1…200 shifted so 50 % of events exceed the 99.5th percentile.
    const isotype = Float64Array.from({ length: 200 }, (_, i) => i + 1);
    const sample = Float64Array.from({ length: 200 }, (_, i) => (i < 100 ? i + 1 : 1000 + i));
    const cd63 = markerPositivity({ marker: 'CD63-PE', sample, isotype });
    // Threshold = P99.5 of 1…200 = 199.005: the isotype has 1/200 = 0.5 % above, the sample 100/200 = 50 %.
    expect(cd63.netPercentPositive).toBeCloseTo(49.5, 10);
    const metrics = flowBatchMetrics({
      kind: 'flow',
      status: 'parsed',
      metrics: {
        events: 200,
        markers: [cd63, { marker: 'CD9', netPercentPositive: Number.NaN }],
        calibration: { medianDiameterNm: 112.5 },
        counts: { vesicleEventsPerUl: 3.2e4 },
      },
    });
    expect(metrics).toEqual([
      { name: 'flow.events', value: 200, unit: 'events' },
      { name: 'flow.CD63_PE.netPercentPositive', value: cd63.netPercentPositive, unit: '%' },
      { name: 'flow.vesicleEventsPerUl', value: 3.2e4, unit: 'events/µL' },
      { name: 'flow.medianDiameterNm', value: 112.5, unit: 'nm' },
    ]);
  });

  it('gives nothing for unparsed or non-flow measurements', () => {
    expect(flowBatchMetrics({ kind: 'flow', status: 'unparsed', metrics: null })).toEqual([]);
    expect(flowBatchMetrics({ kind: 'nta', status: 'parsed', metrics: { events: 5 } })).toEqual([]);
  });

  it("uses the names evlab's flow analysis writes; the old snake_case names are aliases of them", () => {
    const [, marker, diameter] = flowBatchMetrics({
      kind: 'flow',
      status: 'parsed',
      metrics: {
        events: 1,
        markers: [{ marker: 'CD63', netPercentPositive: 40 }],
        calibration: { medianDiameterNm: 100 },
      },
    });
    // flow-batch-analysis.ts: `flow.${marker.toUpperCase()}.netPercentPositive` and 'flow.medianDiameterNm'
    expect(marker?.name).toBe('flow.CD63.netPercentPositive');
    expect(diameter?.name).toBe('flow.medianDiameterNm');
    expect(canonicalMetricName('flow.cd63.net_percent_positive')).toBe(marker?.name);
    expect(canonicalMetricName('flow.median_diameter_nm')).toBe('flow.medianDiameterNm');
  });
});
