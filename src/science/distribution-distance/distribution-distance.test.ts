/**
 * References: the examples of the scipy.stats.wasserstein_distance docstring (SciPy 1.x) and
 * scipy.stats.ks_2samp's statistic definition; the Kolmogorov distribution's published critical values
 * (Smirnov 1948, Ann Math Stat 19:279, Table: P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01).
 */
import { describe, expect, it } from 'vitest';
import { binnedKolmogorovSmirnov, kolmogorovSurvival, ksTwoSample } from './kolmogorov-smirnov.ts';
import { binnedWassersteinDistance, wassersteinDistance } from './wasserstein-distance.ts';

describe('wassersteinDistance (scipy.stats.wasserstein_distance docstring examples)', () => {
  it('wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5.0, 12);
  });
  it('wasserstein_distance([0, 1], [0, 1], [3, 1], [2, 2]) = 0.25', () => {
    expect(wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 12);
  });
  it('wasserstein_distance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]) = 4.0781331438047861', () => {
    expect(
      wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]),
    ).toBeCloseTo(4.0781331438047861, 12);
  });
  it('binned: a shift of a whole distribution by 10 nm is 10 nm; identical distributions are 0', () => {
    const a = { centresNm: [95, 100, 105], weights: [1e8, 3e8, 1e8] };
    const b = { centresNm: [105, 110, 115], weights: [2, 6, 2] }; // other units: only shapes count
    expect(binnedWassersteinDistance(a, b)).toBeCloseTo(10, 12);
    expect(binnedWassersteinDistance(a, a)).toBe(0);
  });
  it('rejects empty input and zero weights', () => {
    expect(() => wassersteinDistance([], [1])).toThrow(RangeError);
    expect(() => wassersteinDistance([1], [2], [0], [1])).toThrow(RangeError);
  });
});

describe('Kolmogorov–Smirnov', () => {
  it('two-sample statistic: sup |U − V| (scipy.stats.ks_2samp definition), worked by hand', () => {
    // U steps at 1,2,3,4 (¼ each); V at 3,4,5,6: at x = 2, U = 0.5 and V = 0 → D = 0.5
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
    expect(r.statistic).toBe(0.5);
    expect(r.locationNm).toBe(2);
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).statistic).toBe(0);
    expect(ksTwoSample([1, 2], [5, 6]).statistic).toBe(1);
  });
  it('Kolmogorov distribution: published critical values λ0.05 = 1.3581, λ0.01 = 1.6276', () => {
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    expect(kolmogorovSurvival(0)).toBe(1);
  });
  it('binned KS: the statistic of 1 nm bins equals the raw-sample statistic; p-value needs sample sizes', () => {
    const a = { centresNm: [1, 2, 3, 4], weights: [1, 1, 1, 1] };
    const b = { centresNm: [3, 4, 5, 6], weights: [1, 1, 1, 1] };
    expect(binnedKolmogorovSmirnov(a, b).statistic).toBe(0.5);
    expect(binnedKolmogorovSmirnov(a, b).pValue).toBeNull();
    const withN = binnedKolmogorovSmirnov(a, b, { a: 1000, b: 1000 });
    expect(withN.pValue as number).toBeLessThan(1e-10);
  });
});
