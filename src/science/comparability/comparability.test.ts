import { describe, expect, it } from 'vitest';
import { compareMetric } from './compare-metric.ts';
import { poolSizeDistributions } from './pooled-size-distribution.ts';
import { sizeDistributionDistance } from './size-distribution-distance.ts';
import { tostEquivalence } from './tost-equivalence.ts';
import { welchTTest } from './welch-t-test.ts';

// Student's sleep data (Cushny & Peebles 1905), R datasets::sleep, `extra` by group.
const GROUP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const GROUP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('Welch t-test', () => {
  it('matches R t.test(extra ~ group, data = sleep)', () => {
    // R 4.x documented output: t = -1.8608, df = 17.776, p-value = 0.07939,
    // 95 percent confidence interval: -3.3654832  0.2054832
    const r = welchTTest(GROUP1, GROUP2);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.ciLow).toBeCloseTo(-3.3654832, 6);
    expect(r.ciHigh).toBeCloseTo(0.2054832, 6);
    expect(r.difference).toBeCloseTo(0.75 - 2.33, 12);
  });

  it('refuses groups it cannot test', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
    expect(() => welchTTest([1, 1], [2, 2])).toThrow(/zero variance/);
    expect(() => welchTTest([1, Number.NaN], [2, 3])).toThrow(/non-finite/);
  });
});

describe('TOST equivalence', () => {
  // Peer: TOSTER t_TOST(extra ~ group, data = sleep, eqb = 0.5) (Welch; vignette "IntroTOSTt") and SciPy 1.17
  // stats.ttest_ind(g1 + 0.5, g2, equal_var=False, alternative='greater') → t = -1.2719484, p = 0.8901100;
  // stats.ttest_ind(g1 - 0.5, g2, equal_var=False, alternative='less') → t = -2.4496785, p = 0.0124513;
  // 90 % CI of the difference (ttest_ind(...).confidence_interval(0.90)): -3.0533815 / -0.1066185.
  const marginPct = (0.5 / 2.33) * 100; // Δ = 0.5 h as a % of the reference (group 2) mean 2.33 h
  const r = tostEquivalence(GROUP1, GROUP2, marginPct);

  it('gives the two one-sided tests of the peers', () => {
    expect(r.margin).toBeCloseTo(0.5, 12);
    expect(r.lower.t).toBeCloseTo(-1.2719484, 6);
    expect(r.lower.pValue).toBeCloseTo(0.89011, 6);
    expect(r.upper.t).toBeCloseTo(-2.4496785, 6);
    expect(r.upper.pValue).toBeCloseTo(0.0124513, 6);
    expect(r.pValue).toBeCloseTo(0.89011, 6);
    expect(r.ciLow).toBeCloseTo(-3.0533815, 6);
    expect(r.ciHigh).toBeCloseTo(-0.1066185, 6);
    expect(r.equivalent).toBe(false);
  });

  it('finds equivalence when the 90 % CI lies inside the margin', () => {
    // Same spread, means 100 and 101: difference 1 with a 90 % CI well inside ±10 % of 100.
    const b = [98, 99, 100, 101, 102, 100];
    const a = b.map((v) => v + 1);
    const wide = tostEquivalence(a, b, 10);
    expect(wide.equivalent).toBe(true);
    expect(wide.ciLow).toBeGreaterThan(-wide.margin);
    expect(wide.ciHigh).toBeLessThan(wide.margin);
    expect(tostEquivalence(a, b, 0.5).equivalent).toBe(false);
    expect(() => tostEquivalence(a, b, 0)).toThrow(RangeError);
  });
});

describe('compareMetric', () => {
  it('says when there are too few batches', () => {
    const c = compareMetric('nta.modeNm', [120], [110, 115], 10);
    expect(c.verdict).toBe('insufficient-data');
    expect(c.note).toMatch(/at least 2/);
  });
  it('reports the TOST verdict', () => {
    expect(compareMetric('x', GROUP1, GROUP2, 21.459).verdict).toBe('not-equivalent');
  });
});

describe('pooled size distributions', () => {
  const a1 = { centresNm: [50, 100, 150], weights: [1, 2, 1] };
  const a2 = { centresNm: [100, 150], weights: [30, 10] }; // scale does not matter: each batch weighs 1/2
  const b = { centresNm: [100, 200], weights: [1, 1] };

  it('weighs every batch equally', () => {
    const p = poolSizeDistributions([a1, a2]);
    expect(p.centresNm).toEqual([50, 100, 150]);
    expect(p.weights[0]).toBeCloseTo(0.125, 12);
    expect(p.weights[1]).toBeCloseTo(0.625, 12);
    expect(p.weights[2]).toBeCloseTo(0.25, 12);
    expect(() => poolSizeDistributions([{ centresNm: [1], weights: [0] }])).toThrow(RangeError);
  });

  it('gives SciPy wasserstein_distance and the KS statistic of the pooled CDFs', () => {
    // SciPy 1.17: wasserstein_distance([50,100,150], [100,200], [.125,.625,.25], [1,1]) = 43.75.
    const d = sizeDistributionDistance([a1, a2], [b]);
    expect(d.wassersteinNm).toBeCloseTo(43.75, 9);
    // CDFs at 50/100/150/200 nm: A .125/.75/1/1, B 0/.5/.5/1 → D = 0.5 at 150 nm (by hand).
    expect(d.ksStatistic).toBeCloseTo(0.5, 12);
    expect(d.ksLocationNm).toBe(150);
  });
});
