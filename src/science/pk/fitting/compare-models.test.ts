import { describe, expect, it } from 'vitest';
import { compareModels, NON_IDENTIFIABLE_RSE_PERCENT } from './compare-models.ts';
import type { FitParameter, ModelFitResult } from './fit-types.ts';

/** A fit result with the given AIC and parameters (only what compareModels reads). */
function fakeFit(model: string, aic: number, parameters: Partial<FitParameter>[]): ModelFitResult {
  return {
    id: 'S1',
    model,
    parameters: parameters.map((p, i) => ({
      name: p.name ?? `p${i}`,
      estimate: p.estimate ?? 1,
      se: p.se === undefined ? 0.1 : p.se,
      rsePercent: p.rsePercent === undefined ? 10 : p.rsePercent,
      ci95: null,
      unit: '1/h',
    })),
    derived: {},
    objective: {
      wrss: 1,
      aic,
      bic: aic + 1,
      n: 12,
      parameterCount: parameters.length,
      sigma: 1,
      weighting: '1',
    },
    residuals: [],
    converged: true,
    iterations: 10,
    notes: [],
  };
}

describe('compareModels: non-identifiable models', () => {
  it('never ranks a model with %RSE in the millions beside a well-determined one, even at lower AIC', () => {
    const good = fakeFit('1cmt-oral', 30, [{ name: 'ka' }, { name: 'ke' }, { name: 'V' }]);
    const bad = fakeFit('2cmt-oral', 20, [{ name: 'ka' }, { name: 'k12', rsePercent: 2.4e6, se: 5e4 }]);
    const c = compareModels([bad, good]);
    expect(c.rows.map((r) => r.model)).toEqual(['1cmt-oral', '2cmt-oral']);
    expect(c.rows[0]).toMatchObject({ best: true, identifiable: true, deltaAic: 0, akaikeWeight: 1 });
    expect(c.rows[1]).toMatchObject({ best: false, identifiable: false, deltaAic: null, akaikeWeight: 0 });
    expect(c.rows[1]?.undeterminedParameters).toEqual([{ name: 'k12', rsePercent: 2.4e6 }]);
    expect(c.notes.join(' ')).toMatch(/not ranked/);
  });

  it('flags a parameter without a finite SE, and keeps one just at the limit', () => {
    const noSe = fakeFit('a', 10, [{ name: 'V', se: null, rsePercent: null }]);
    const infinite = fakeFit('b', 11, [{ name: 'V', se: Number.POSITIVE_INFINITY, rsePercent: Infinity }]);
    const limit = fakeFit('c', 12, [{ name: 'V', rsePercent: NON_IDENTIFIABLE_RSE_PERCENT }]);
    const c = compareModels([noSe, infinite, limit]);
    expect(c.rows.map((r) => [r.model, r.identifiable])).toEqual([
      ['c', true],
      ['a', false],
      ['b', false],
    ]);
    expect(c.rows[1]?.undeterminedParameters).toEqual([{ name: 'V', rsePercent: null }]);
  });

  it('ranks none, and says so, when no model is identifiable', () => {
    const c = compareModels([fakeFit('a', 1, [{ se: null, rsePercent: null }])]);
    expect(c.rows[0]?.best).toBe(false);
    expect(c.notes.join(' ')).toMatch(/none is ranked/);
  });
});
