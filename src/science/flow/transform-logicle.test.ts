import { describe, expect, it } from 'vitest';
import { fasinh } from './transform-fasinh.ts';
import { flin } from './transform-flin.ts';
import { flog } from './transform-flog.ts';
import { hyperlogScale } from './transform-hyperlog.ts';
import { logicleScale } from './transform-logicle.ts';

describe('Gating-ML 2.0 transforms', () => {
  it('logicle(T=1000, W=1, M=4, A=0) matches Gating-ML 2.0 Table 8 to 6 decimals', () => {
    const f = logicleScale(1000, 1, 4, 0);
    const table: [number, number][] = [
      [-10, 0.067574],
      [-5, 0.147986],
      [-1, 0.228752],
      [0, 0.25],
      [0.3, 0.256384],
      [1, 0.271248],
      [3, 0.312897],
      [10, 0.432426],
      [100, 0.739548],
      [1000, 1.0],
    ];
    for (const [x, y] of table) expect(Math.abs(f(x) - y), `x=${x}`).toBeLessThan(5e-7);
  });

  it('logicle and hyperlog are odd about the data zero and exact at the top of scale', () => {
    for (const make of [logicleScale, hyperlogScale]) {
      const f = make(10000, 0.5, 4.5, 0);
      const zero = f(0);
      expect(zero).toBeCloseTo(0.5 / 4.5, 14);
      expect(f(10000)).toBeCloseTo(1, 12);
      expect(f(-37) - zero).toBeCloseTo(zero - f(37), 12);
    }
  });

  it('flin, flog and fasinh follow the spec formulas (Gating-ML 2.0 Table 4, 5, 6 examples)', () => {
    expect(flin(1000, 1000, 0)).toBe(1);
    expect(flin(-100, 1000, 100)).toBe(0);
    expect(flog(10000, 10000, 4.5)).toBe(1);
    expect(flog(1, 10000, 4)).toBeCloseTo(0, 14);
    expect(Number.isNaN(flog(0, 10000, 4))).toBe(true);
    expect(fasinh(0, 1000, 4, 1)).toBeCloseTo(1 / 5, 14);
    expect(fasinh(1000, 1000, 4, 0)).toBeCloseTo(Math.asinh(Math.sinh(4 * Math.LN10)) / (4 * Math.LN10), 14);
  });
});
