import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from './student-t.ts';

describe('Student t quantiles', () => {
  // Two-sided 95 % critical values t₀.₉₇₅ tabulated in Abramowitz & Stegun 1964, Table 26.10.
  const table: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [5, 2.571],
    [10, 2.228],
    [20, 2.086],
    [30, 2.042],
    [120, 1.98],
  ];
  for (const [df, t] of table) {
    it(`t(0.975, ${df}) = ${t}`, () => expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3));
  }
  it('CDF of 1 df is the Cauchy distribution 1/2 + atan(t)/π', () => {
    for (const t of [-3, -0.5, 0, 0.7, 4])
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
  });
  it('approaches the normal quantile 1.959964 for large df', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
  });
});
