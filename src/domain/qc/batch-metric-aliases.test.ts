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
    // Potency entered through the old web result form reaches the template's potency criterion.
    expect(canonicalMetricName('potency.percentOfReference')).toBe('potency.activityPctOfReference');
  });

  it('words a note for each alias only', () => {
    expect(metricAliasNotes(['nta.modeNm', 'nta.concentration', 'nta.concentration'])).toEqual([
      "metric name 'nta.concentration' is deprecated; read as 'nta.concentrationPerMl'",
    ]);
    expect(metricAliasNotes(['nta.concentrationPerMl'])).toEqual([]);
  });
});

describe('evaluation of a criterion stored under an old name', () => {
  it('reads the canonical metric and reports the canonical name', async () => {
    const { evaluateCriterion } = await import('./evaluate-specification.ts');
    const { criterionSchema } = await import('./specification.ts');
    // As stored before migration 0013 (the schema would already map it): bypass the schema.
    const stored = {
      ...criterionSchema.parse({
        id: 'conc',
        category: 'concentration',
        name: 'Particle concentration',
        metric: 'nta.concentrationPerMl',
        operator: 'pct-of-label',
        labelValue: 1e11,
        tolerancePct: 20,
        unit: 'particles/mL',
      }),
      metric: 'nta.concentration',
    };
    const missing = evaluateCriterion(stored, undefined);
    expect(missing.metric).toBe('nta.concentrationPerMl');
    expect(missing.reason).toBe('no nta.concentrationPerMl result for this batch');
    // 1.15e11 is within ± 20 % of 1e11 (|1.15e11 − 1e11| = 1.5e10 ≤ 2e10): pass.
    const pass = evaluateCriterion(stored, {
      name: 'nta.concentrationPerMl',
      value: 1.15e11,
      unit: 'particles/mL',
      source: { type: 'result', id: 'r1', kind: 'manual', label: 'x', recordedAt: '2025-01-01T00:00:00Z' },
      flags: [],
      reliable: true,
    });
    expect(pass.outcome).toBe('pass');
    expect(criterionSchema.parse({ ...stored }).metric).toBe('nta.concentrationPerMl');
  });
});
