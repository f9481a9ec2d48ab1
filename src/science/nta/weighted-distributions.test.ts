import { describe, expect, it } from 'vitest';
import { diffusionCoefficientE4Nm2PerS } from './stokes-einstein.ts';
import {
  sizeToDiffusionDistribution,
  surfaceAreaWeighted,
  volumeWeighted,
} from './weighted-distributions.ts';

// The NanoSight lower-edge convention is checked against all reference exports in
// src/formats/nanosight/read-nta-report.test.ts; these are hand-computed values.
describe('surface-area and volume weightings', () => {
  it('use the lower bin edge as NTA 3.3 does (bin 81.5 nm → d = 81 nm)', () => {
    expect(surfaceAreaWeighted([80.5, 81.5], [0, 2])[1]).toBeCloseTo(2 * Math.PI * 81 * 81, 6);
    expect(volumeWeighted([80.5, 81.5], [0, 2])[1]).toBeCloseTo((2 * Math.PI * 81 ** 3) / 6, 3);
  });
  it('bin 0.5 nm (lower edge 0) carries no area or volume', () => {
    expect(surfaceAreaWeighted([0.5, 1.5], [5, 0])).toEqual([0, 0]);
  });
});

describe('sizeToDiffusionDistribution', () => {
  const centers = Array.from({ length: 1000 }, (_, i) => 2 + 4 * i);
  it('keeps the total weight when the whole range maps inside the diffusion axis', () => {
    const out = sizeToDiffusionDistribution([99.5, 100.5, 150.5], [10, 20, 5], 25, 0.89, centers);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(35, 9);
  });
  it('places a size bin between D(upper edge) and D(lower edge)', () => {
    const out = sizeToDiffusionDistribution([100.5], [1], 25, 0.89, centers);
    const lo = diffusionCoefficientE4Nm2PerS(101, 25, 0.89);
    const hi = diffusionCoefficientE4Nm2PerS(100, 25, 0.89);
    out.forEach((w, j) => {
      if (w > 0) {
        const c = centers[j] as number;
        expect(c + 2).toBeGreaterThan(lo);
        expect(c - 2).toBeLessThan(hi);
      }
    });
    expect(out.filter((w) => w > 0).length).toBeGreaterThan(0);
  });
});
