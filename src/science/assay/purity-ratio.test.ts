import { describe, expect, it } from 'vitest';
import { purityRatio, toUgPerMlFactor } from './purity-ratio.ts';

describe('particles per µg protein (Webber & Clayton 2013)', () => {
  it('classes at the paper’s thresholds: 3×10¹⁰ high, 2×10⁹–2×10¹⁰ low, < 1.5×10⁹ impure', () => {
    expect(purityRatio(3e12, 100)).toEqual({ particlesPerUg: 3e10, purityClass: 'high' });
    expect(purityRatio(1e12, 100)?.purityClass).toBe('low');
    expect(purityRatio(1e11, 100)?.purityClass).toBe('impure');
    expect(purityRatio(2.5e12, 100)?.purityClass).toBe('intermediate');
    expect(purityRatio(null, 100)).toBeNull();
    expect(purityRatio(1e12, 0)).toBeNull();
  });

  it('converts protein units to µg/mL', () => {
    expect(toUgPerMlFactor('mg/mL')).toBe(1000);
    expect(toUgPerMlFactor('ug/ml')).toBe(1);
    expect(toUgPerMlFactor('µg/mL')).toBe(1);
    expect(toUgPerMlFactor('pg/mL')).toBe(1e-6);
    expect(toUgPerMlFactor('OD')).toBeNull();
  });
});
