import { describe, expect, it } from 'vitest';
import { A2, A3, B3, B4, c4, D3, D4, d2, d3 } from './control-chart-constants.ts';

// Montgomery, Introduction to Statistical Quality Control, 7th ed., Appendix Table VI (3–4 decimals).
const TABLE_VI = [
  { n: 2, d2: 1.128, d3: 0.853, c4: 0.7979, A2: 1.88, A3: 2.659, B3: 0, B4: 3.267, D3: 0, D4: 3.267 },
  { n: 5, d2: 2.326, d3: 0.864, c4: 0.94, A2: 0.577, A3: 1.427, B3: 0, B4: 2.089, D3: 0, D4: 2.114 },
  {
    n: 10,
    d2: 3.078,
    d3: 0.797,
    c4: 0.9727,
    A2: 0.308,
    A3: 0.975,
    B3: 0.284,
    B4: 1.716,
    D3: 0.223,
    D4: 1.777,
  },
  {
    n: 25,
    d2: 3.931,
    d3: 0.708,
    c4: 0.9896,
    A2: 0.153,
    A3: 0.606,
    B3: 0.565,
    B4: 1.435,
    D3: 0.459,
    D4: 1.541,
  },
];

describe('control-chart constants', () => {
  it('has the closed forms for n = 2', () => {
    expect(d2(2)).toBe(2 / Math.sqrt(Math.PI));
    expect(d3(2)).toBeCloseTo(Math.sqrt(2 - 4 / Math.PI), 14);
    expect(c4(2)).toBeCloseTo(Math.sqrt(2 / Math.PI), 14);
  });

  it('integrates d2 to the exact value for n = 3 (3/√π)', () => {
    expect(d2(3)).toBeCloseTo(3 / Math.sqrt(Math.PI), 9);
  });

  it('matches Montgomery Appendix VI to its printed digits', () => {
    for (const row of TABLE_VI) {
      expect(d2(row.n)).toBeCloseTo(row.d2, 3);
      expect(d3(row.n)).toBeCloseTo(row.d3, 3);
      expect(c4(row.n)).toBeCloseTo(row.c4, 4);
      expect(A2(row.n)).toBeCloseTo(row.A2, 3);
      expect(A3(row.n)).toBeCloseTo(row.A3, 3);
      expect(B3(row.n)).toBeCloseTo(row.B3, 3);
      expect(B4(row.n)).toBeCloseTo(row.B4, 3);
      expect(D3(row.n)).toBeCloseTo(row.D3, 3);
      expect(D4(row.n)).toBeCloseTo(row.D4, 3);
    }
  });

  it('refuses sizes it cannot tabulate', () => {
    expect(() => d2(1)).toThrow(RangeError);
    expect(() => d3(2.5)).toThrow(RangeError);
  });
});
