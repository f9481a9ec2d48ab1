import { describe, expect, it } from 'vitest';
import { canonicalMetricName, METRIC_CATALOGUE, metricAliasNotes } from './batch-metric.ts';

describe('one canonical name per metric', () => {
  it('maps every deprecated alias to its canonical name and keeps canonical names', () => {
    expect(canonicalMetricName('nta.concentration')).toBe('nta.concentrationPerMl');
    expect(canonicalMetricName(' protein.concentration ')).toBe('protein.concentrationUgPerMl');
    expect(canonicalMetricName('flow.median_diameter_nm')).toBe('flow.medianDiameterNm');
    expect(canonicalMetricName('flow.cd63_pe.net_percent_positive')).toBe('flow.CD63_PE.netPercentPositive');
    for (const m of METRIC_CATALOGUE) expect(canonicalMetricName(m.name)).toBe(m.name);
    expect(canonicalMetricName('marker.CD63')).toBe('marker.CD63');
  });

  it('words a note for each alias only', () => {
    expect(metricAliasNotes(['nta.modeNm', 'nta.concentration', 'nta.concentration'])).toEqual([
      "metric name 'nta.concentration' is deprecated; read as 'nta.concentrationPerMl'",
    ]);
    expect(metricAliasNotes(['nta.concentrationPerMl'])).toEqual([]);
  });
});
