import { describe, expect, it } from 'vitest';
import type { BatchMetric } from './batch-metric.ts';
import { evaluateCriterion, evaluateSpecification, meets } from './evaluate-specification.ts';
import { MSC_EV_SPECIFICATION_TEMPLATE } from './msc-ev-specification-template.ts';
import { criterionSchema, type Specification, specificationInputSchema } from './specification.ts';

const metric = (name: string, value: number | string, extra: Partial<BatchMetric> = {}): BatchMetric => ({
  name,
  value,
  unit: '',
  source: {
    type: 'result',
    id: `r-${name}`,
    kind: 'manual',
    label: 'test',
    recordedAt: '2026-01-01T00:00:00.000Z',
  },
  flags: [],
  reliable: true,
  ...extra,
});

const c = (input: Parameters<typeof criterionSchema.parse>[0]) => criterionSchema.parse(input);

describe('specification criteria', () => {
  it('applies every operator at its boundary', () => {
    const base = { id: 'x', category: 'other', name: 'x', metric: 'm' } as const;
    expect(meets(c({ ...base, operator: '<', limit: 0.5 }), 0.5)).toBe(false);
    expect(meets(c({ ...base, operator: '<=', limit: 0.5 }), 0.5)).toBe(true);
    expect(meets(c({ ...base, operator: '>', limit: 90 }), 90)).toBe(false);
    expect(meets(c({ ...base, operator: '>=', limit: 90 }), 90)).toBe(true);
    expect(meets(c({ ...base, operator: 'range', low: 70, high: 150 }), 150)).toBe(true);
    expect(meets(c({ ...base, operator: 'range', low: 70, high: 150 }), 150.01)).toBe(false);
    const label = c({ ...base, operator: 'pct-of-label', labelValue: 2e11, tolerancePct: 20 });
    expect(meets(label, 2.4e11)).toBe(true);
    expect(meets(label, 2.41e11)).toBe(false);
    expect(meets(label, 1.6e11)).toBe(true);
    expect(meets(c({ ...base, operator: 'present' }), 'present')).toBe(true);
    expect(meets(c({ ...base, operator: 'absent' }), 'present')).toBe(false);
    expect(meets(c({ ...base, operator: 'absent' }), 3)).toBeNull();
  });

  it('refuses a criterion without the numbers its operator needs', () => {
    expect(() => c({ id: 'x', category: 'size', name: 'x', metric: 'm', operator: 'range', low: 5 })).toThrow(
      /high/,
    );
    expect(() => c({ id: 'x', category: 'size', name: 'x', metric: 'm', operator: '<' })).toThrow(/limit/);
  });

  it('never passes a value from an unreliable measurement', () => {
    const crit = c({
      id: 'mode',
      category: 'size',
      name: 'Mode',
      metric: 'nta.modeNm',
      operator: 'range',
      low: 70,
      high: 150,
      unit: 'nm',
    });
    const flagged = metric('nta.modeNm', 100, {
      unit: 'nm',
      reliable: false,
      flags: [{ level: 'error', code: 'no-videos', message: 'none' }],
    });
    const result = evaluateCriterion(crit, flagged);
    expect(result.outcome).toBe('missing');
    expect(result.reason).toMatch(/unreliable.*no-videos/);
    expect(evaluateCriterion(crit, { ...flagged, value: 200 }).outcome).toBe('fail');
    expect(evaluateCriterion(crit, { ...flagged, reliable: true }).outcome).toBe('pass');
  });

  it('evaluates the MSC-EV template: pass, fail and missing, with the evidence', () => {
    const spec: Specification = {
      ...specificationInputSchema.parse({
        productId: 'p',
        name: 'MSC-EV',
        criteria: MSC_EV_SPECIFICATION_TEMPLATE,
      }),
      id: 's',
      version: 3,
      createdBy: 'qa',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const metrics = [
      metric('marker.CD63', 'present'),
      metric('marker.CALNEXIN', 'present'),
      metric('nta.percentIn50To400Nm', 95, { unit: '%' }),
      metric('safety.endotoxinEuPerMl', 0.3, { unit: 'EU/mL' }),
    ];
    const evaluation = evaluateSpecification(spec, metrics, '2026-01-02T00:00:00.000Z');
    const byId = new Map(evaluation.results.map((r) => [r.criterionId, r]));
    expect(byId.get('identity-cd63')?.outcome).toBe('pass');
    expect(byId.get('identity-calnexin-absent')?.outcome).toBe('fail');
    expect(byId.get('size-50-400')).toMatchObject({ outcome: 'pass', value: 95 });
    expect(byId.get('size-50-400')?.evidence?.source.id).toBe('r-nta.percentIn50To400Nm');
    expect(byId.get('safety-endotoxin')?.outcome).toBe('pass');
    expect(byId.get('potency')?.outcome).toBe('missing');
    expect(evaluation.outcome).toBe('fail');
    expect(evaluation.specificationVersion).toBe(3);
    expect(evaluation.counts.pass + evaluation.counts.fail + evaluation.counts.missing).toBe(
      spec.criteria.length,
    );
  });
});
