import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { curveWeights } from './curve-weights.ts';
import { fitCurve } from './fit-curve.ts';
import { fiveParameterLogLogistic } from './five-parameter-log-logistic.ts';
import { fourParameterLogLogistic } from './four-parameter-log-logistic.ts';
import { linearCurve } from './linear-curve.ts';
import { quadraticCurve } from './quadratic-curve.ts';

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describeWithReference('assay', 'drc ryegrass LL.4 (Ritz et al. 2015)', () => {
  const lines = readFileSync(referencePath('assay', 'ryegrass.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  const y = rows.map((r) => r[1] as number);
  const x = rows.map((r) => r[2] as number);

  it('reproduces b, c, d, e and the residual standard error to 1e-4 relative', () => {
    const fit = fitCurve(fourParameterLogLogistic, x, y, curveWeights(y, '1'));
    const [b, c, d, e] = fit.parameters as [number, number, number, number];
    expect(relative(b, 2.98222)).toBeLessThan(1e-4);
    expect(relative(c, 0.48141)).toBeLessThan(1e-4);
    expect(relative(d, 7.79296)).toBeLessThan(1e-4);
    expect(relative(e, 3.05795)).toBeLessThan(1e-4);
    expect(fit.df).toBe(20);
    expect(relative(fit.rse ?? 0, 0.5196)).toBeLessThan(1e-4);
    expect(fit.converged).toBe(true);
    // The published reference gives no standard errors; they must exist and be smaller than the estimates.
    for (const [j, se] of fit.standardErrors.entries()) {
      expect(se).not.toBeNull();
      expect(se as number).toBeGreaterThan(0);
      expect(se as number).toBeLessThan(Math.abs(fit.parameters[j] as number));
    }
  });

  it('LL.5 with f fixed near 1 nests LL.4: its RSS is never worse', () => {
    const four = fitCurve(fourParameterLogLogistic, x, y, curveWeights(y, '1'));
    const five = fitCurve(fiveParameterLogLogistic, x, y, curveWeights(y, '1'));
    expect(five.wrss).toBeLessThanOrEqual(four.wrss + 1e-9);
    expect(five.df).toBe(19);
  });
});

describe('polynomial curves', () => {
  it('a straight line through exact points has zero residual and inverts exactly', () => {
    const x = [0, 125, 250, 500, 1000, 2000];
    const y = x.map((v) => 0.1 + 0.0011 * v);
    const fit = fitCurve(linearCurve, x, y, curveWeights(y, '1/y2'));
    expect(fit.parameters[0]).toBeCloseTo(0.1, 10);
    expect(fit.parameters[1]).toBeCloseTo(0.0011, 12);
    expect(linearCurve.inverse(0.65, fit.parameters, { minX: 0, maxX: 2000 })).toBeCloseTo(500, 8);
  });

  it("a quadratic matches numpy.polyfit's closed form on Pierce BCA-like data", () => {
    // y = 0.095 + 1.2e-3 x − 1.5e-7 x² sampled exactly: the fit must recover the coefficients.
    const x = [0, 25, 125, 250, 500, 750, 1000, 1500, 2000];
    const y = x.map((v) => 0.095 + 1.2e-3 * v - 1.5e-7 * v * v);
    const fit = fitCurve(quadraticCurve, x, y, curveWeights(y, '1'));
    expect(fit.parameters[0]).toBeCloseTo(0.095, 10);
    expect(fit.parameters[1]).toBeCloseTo(1.2e-3, 12);
    expect(fit.parameters[2]).toBeCloseTo(-1.5e-7, 14);
    expect(
      quadraticCurve.inverse(0.095 + 1.2e-3 * 800 - 1.5e-7 * 640000, fit.parameters, { minX: 0, maxX: 2000 }),
    ).toBeCloseTo(800, 6);
  });

  it('standard errors of a straight line equal the textbook closed form s/√Sxx and s·√(1/n + x̄²/Sxx)', () => {
    // Draper & Smith 1998, Applied Regression Analysis, 3rd ed., §1.4.
    const x = [0, 1, 2, 3, 4, 5, 6];
    const y = [0.11, 0.29, 0.52, 0.68, 0.93, 1.08, 1.31];
    const fit = fitCurve(linearCurve, x, y, curveWeights(y, '1'));
    const n = x.length;
    const xBar = x.reduce((s, v) => s + v, 0) / n;
    const sxx = x.reduce((s, v) => s + (v - xBar) ** 2, 0);
    const s = fit.rse as number;
    expect(fit.standardErrors[1]).toBeCloseTo(s / Math.sqrt(sxx), 8);
    expect(fit.standardErrors[0]).toBeCloseTo(s * Math.sqrt(1 / n + xBar ** 2 / sxx), 8);
  });

  it('refuses fewer standards than parameters', () => {
    expect(() => fitCurve(fourParameterLogLogistic, [1, 2, 3], [1, 2, 3], [1, 1, 1])).toThrow(/at least 4/);
  });
});
