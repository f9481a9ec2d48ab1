import { describe, expect, it } from 'vitest';
import {
  averageSizeStats,
  binEdges,
  distributionPercentiles,
  isEmptyDistribution,
  meanAndStandardError,
  roundSizeStats,
  sizeDistributionStats,
} from './size-distribution-stats.ts';

// Statistics agreement with NanoSight NTA 3.3 itself (45 real videos) is tested on the reference exports
// in src/formats/nanosight/read-nta-report.test.ts; these are hand-computable cases.

describe('binEdges', () => {
  it('uses the spacing between centres, also for the first and last bin', () => {
    expect(binEdges([0.5, 1.5, 2.5])).toEqual({ lower: [0, 1, 2], upper: [1, 2, 3] });
    expect(binEdges([2, 6, 10])).toEqual({ lower: [0, 4, 8], upper: [4, 8, 12] });
  });
  it('handles non-uniform bins by midpoints', () => {
    expect(binEdges([1, 2, 4])).toEqual({ lower: [0.5, 1.5, 3], upper: [1.5, 3, 5] });
  });
});

describe('sizeDistributionStats', () => {
  const centers = [0.5, 1.5, 2.5, 3.5, 4.5];

  it('computes mean, population SD and mode of a symmetric distribution', () => {
    // weights 1,2,4,2,1 around 2.5: mean 2.5; variance = (2·2²·1 + 2·1²·2)/10 = (8+4)/10 = 1.2
    const s = sizeDistributionStats(centers, [1, 2, 4, 2, 1]);
    expect(s.meanNm).toBeCloseTo(2.5, 12);
    expect(s.sdNm).toBeCloseTo(Math.sqrt(1.2), 12);
    expect(s.modeNm).toBe(2.5);
  });

  it('interpolates percentiles linearly inside the bin', () => {
    // total 10. D10: target 1 → first bin (cum 1) reaches it: 0 + (1 − 0)/1 × 1 = 1.0
    // D50: target 5 → bin 2.5 (cum before 3, weight 4): 2 + (5 − 3)/4 = 2.5
    // D90: target 9 → bin 3.5 (cum before 7, weight 2, cum 9): 3 + (9 − 7)/2 = 4.0
    const s = sizeDistributionStats(centers, [1, 2, 4, 2, 1]);
    expect(s.d10Nm).toBeCloseTo(1.0, 12);
    expect(s.d50Nm).toBeCloseTo(2.5, 12);
    expect(s.d90Nm).toBeCloseTo(4.0, 12);
  });

  it('a single occupied bin: mean and mode at the centre, SD 0, percentiles spread across the bin', () => {
    const s = sizeDistributionStats([99.5, 100.5, 101.5], [0, 10, 0]);
    expect(s.meanNm).toBe(100.5);
    expect(s.modeNm).toBe(100.5);
    expect(s.sdNm).toBe(0);
    expect(s.d10Nm).toBeCloseTo(100.1, 12);
    expect(s.d50Nm).toBeCloseTo(100.5, 12);
    expect(s.d90Nm).toBeCloseTo(100.9, 12);
  });

  it('general bin widths (4-unit diffusion bins)', () => {
    // centres 2, 6, 10 → edges 0,4,8,12; weights 1,1,2: D50 target 2 → bin 6 reaches cum 2: 4 + (2−1)/1 × 4 = 8
    const s = sizeDistributionStats([2, 6, 10], [1, 1, 2]);
    expect(s.meanNm).toBeCloseTo((2 + 6 + 20) / 4, 12);
    expect(s.d50Nm).toBeCloseTo(8, 12);
    expect(s.d10Nm).toBeCloseTo(0.4 * 4, 12); // target 0.4 in the first bin: 0 + 0.4/1 × 4
    expect(s.modeNm).toBe(10);
  });

  it('all-zero distribution gives nulls, never NaN', () => {
    const s = sizeDistributionStats(centers, [0, 0, 0, 0, 0]);
    expect(s).toEqual({ meanNm: null, modeNm: null, sdNm: null, d10Nm: null, d50Nm: null, d90Nm: null });
    expect(isEmptyDistribution([0, 0])).toBe(true);
    expect(sizeDistributionStats([], [])).toEqual(s);
  });

  it('ignores negative and non-finite bin values', () => {
    const s = sizeDistributionStats(centers, [Number.NaN, -5, 4, 0, 0]);
    expect(s.meanNm).toBe(2.5);
    expect(s.sdNm).toBe(0);
  });

  it('mode is the first of equal maxima', () => {
    expect(sizeDistributionStats(centers, [0, 3, 1, 3, 0]).modeNm).toBe(1.5);
  });
});

describe('distributionPercentiles', () => {
  it('0 % is the lower edge of the first occupied bin and 100 % the upper edge of the last', () => {
    expect(distributionPercentiles([0.5, 1.5, 2.5, 3.5], [0, 2, 2, 0], [0, 0.25, 1])).toEqual([1, 1.5, 3]);
  });
  it('rejects fractions outside [0, 1]', () => {
    expect(() => distributionPercentiles([0.5], [1], [1.5])).toThrow(RangeError);
  });
  it('returns nulls for an empty distribution', () => {
    expect(distributionPercentiles([0.5, 1.5], [0, 0], [0.1, 0.9])).toEqual([null, null]);
  });
});

describe('averages over videos', () => {
  it('mean and standard error (sample SD / √n) as NTA reports them', () => {
    // NTA EMT1 d200 export: Mean row 92.0, 86.0, 91.9, 84.4, 85.4 → Average 87.9, Standard Error 1.7
    const { mean, standardError } = meanAndStandardError([92.0, 86.0, 91.9, 84.4, 85.4]);
    expect(mean).toBeCloseTo(87.94, 10);
    expect(standardError).toBeCloseTo(1.657, 3); // sample SD 3.705 / √5
    const stat = (meanNm: number) => ({ meanNm, modeNm: 1, sdNm: 1, d10Nm: 1, d50Nm: 1, d90Nm: 1 });
    const averaged = averageSizeStats([92.0, 86.0, 91.9, 84.4, 85.4].map(stat));
    expect(averaged.average.meanNm).toBe(87.9);
    expect(averaged.standardError.meanNm).toBe(1.7);
    expect(averaged.standardError.modeNm).toBe(0);
  });
  it('rounds statistics to one decimal', () => {
    expect(
      roundSizeStats({ meanNm: 1.26, modeNm: null, sdNm: 0.04, d10Nm: 2, d50Nm: 3.06, d90Nm: 9.99 }),
    ).toEqual({
      meanNm: 1.3,
      modeNm: null,
      sdNm: 0,
      d10Nm: 2,
      d50Nm: 3.1,
      d90Nm: 10,
    });
  });
});
