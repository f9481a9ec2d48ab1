import { describe, expect, it } from 'vitest';
import { sizeDistributionStats } from '../nta/size-distribution-stats.ts';
import {
  defaultBinsNm,
  initialChainState,
  logNormalBins,
  resolvePopulation,
  sizeDistributionFromNtaReport,
} from './input-population.ts';
import { erf, normalCdf } from './normal-distribution.ts';

describe('normal helpers', () => {
  it('erf matches tabulated values (Abramowitz & Stegun 1964, Table 7.1)', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 6);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
});

describe('input population', () => {
  it('puts the median and mode of a log-normal where the formulas say (mode = median·exp(−ln²σ))', () => {
    const bins = defaultBinsNm();
    const particles = logNormalBins(bins, 120, 1.45, 1e9);
    const stats = sizeDistributionStats(Array.from(bins), Array.from(particles));
    expect(stats.d50Nm).toBeCloseTo(120, 0);
    expect(Math.abs((stats.modeNm ?? 0) - 120 * Math.exp(-(Math.log(1.45) ** 2)))).toBeLessThanOrEqual(1);
    expect(particles.reduce((a, b) => a + b, 0)).toBeCloseTo(1e9, -1);
  });

  it('fills unstated values from the serum-free MSC preset and marks them as assumptions', () => {
    const population = resolvePopulation({ volumeMl: 250 });
    expect(population.volumeMl).toBe(250);
    expect(population.proteinUgPerMl).toBe(50);
    const byKey = Object.fromEntries(population.assumptions.map((a) => [a.key, a]));
    expect(byKey['input.volumeMl']?.assumption).toBe(false);
    expect(byKey['input.proteinUgPerMl']?.assumption).toBe(true);
    expect(byKey['input.particlesPerMl']?.source).toMatch(/Haraszti/);
    const state = initialChainState(population);
    expect(state.proteinUg).toBe(50 * 250);
    expect(state.particles.reduce((a, b) => a + b, 0)).toBeCloseTo(2e9 * 250, -3);
  });

  it('uses measured bins, rescaled to the stated concentration', () => {
    const bins = sizeDistributionFromNtaReport({
      distribution: {
        binCentersNm: [0.5, 50.5, 100.5, 150.5],
        concentrationPerMl: [0, 1e6, 3e6, 0],
        standardErrorPerMl: [],
        perVideoPerMl: [],
      },
    });
    expect(bins).not.toBeNull();
    const population = resolvePopulation({ sizeDistribution: bins ?? undefined, volumeMl: 2 });
    expect(population.particlesPerMl).toBe(4e6);
    const state = initialChainState(population);
    expect(Array.from(state.particles)).toEqual([0, 2e6, 6e6, 0]);
  });

  it('rejects bins whose arrays differ in length', () => {
    expect(() =>
      resolvePopulation({ sizeDistribution: { kind: 'bins', diametersNm: [1, 2], particlesPerMl: [1] } }),
    ).toThrow(/same length/);
  });
});
