import { describe, expect, it } from 'vitest';
import { Complex } from '../mie/complex.ts';
import { refractiveIndex } from '../mie/refractive-index.ts';
import {
  DEFAULT_EV_MODEL,
  evCrossSectionNm2,
  evDiameterLookup,
  fitScatterCalibration,
  sphereCrossSectionNm2,
} from './scatter-calibration.ts';

const setup = {
  wavelengthNm: 488,
  aperture: { centreDeg: 90, halfAngleDeg: 53, polarisation: 'unpolarised' as const },
};

describe('scatter calibration', () => {
  it('recovers the instrument factor from beads whose a.u. were made with a known factor', () => {
    const k = 3.7; // a.u. per nm², synthetic
    const diameters = [100, 152, 203, 303, 401];
    const beads = diameters.map((d) => ({
      diameterNm: d,
      material: 'polystyrene' as const,
      au: k * sphereCrossSectionNm2(d, new Complex(refractiveIndex('polystyrene', 488), 0), setup),
    }));
    const c = fitScatterCalibration(beads, setup);
    expect(c.auPerNm2).toBeCloseTo(k, 10);
    expect(c.rSquaredLog).toBeCloseTo(1, 12);
    expect(c.mediumIndex).toBeCloseTo(refractiveIndex('water', 488), 12);
  });

  it('small particles scatter as d⁶ (Rayleigh limit) and EVs less than polystyrene of the same size', () => {
    const m = new Complex(1.45, 0);
    const s20 = sphereCrossSectionNm2(20, m, setup);
    const s40 = sphereCrossSectionNm2(40, m, setup);
    expect(Math.log2(s40 / s20)).toBeCloseTo(6, 1);
    const s100 = evCrossSectionNm2(100, DEFAULT_EV_MODEL, setup);
    const ps = sphereCrossSectionNm2(100, new Complex(1.605, 0), setup);
    expect(s100).toBeLessThan(ps / 10);
  });

  it('EV diameter lookup inverts σ(d) on its monotonic branch', () => {
    const lookup = evDiameterLookup(DEFAULT_EV_MODEL, setup, { minNm: 40, maxNm: 400, points: 200 });
    for (const d of [61, 97, 150, 233]) {
      const sigma = evCrossSectionNm2(d, DEFAULT_EV_MODEL, setup);
      expect(lookup.diameterForCrossSection(sigma)).toBeCloseTo(d, 0);
    }
    expect(Number.isNaN(lookup.diameterForCrossSection(0))).toBe(true);
  });
});
