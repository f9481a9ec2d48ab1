import { describe, expect, it } from 'vitest';
import type { Rotor } from './centrifugation-types.ts';
import { kFactor } from './k-factor.ts';
import { findRotor } from './rotor-library.ts';
import { sedimentationCoefficientSvedberg } from './sedimentation.ts';
import { computeSpin } from './spin-calculation.ts';

const rotor = (name: string) => findRotor(name) as Rotor;

describe('k-factor (Stokes) estimate beside the Livshits result', () => {
  it('pellets a diameter in t = k/S (Beckman definition, S from Stokes) on any rotor', () => {
    for (const name of ['SW 40 Ti', 'Type 45 Ti', 'TLA-100.3']) {
      const r = computeSpin({ rotor: rotor(name), rcfG: 100_000, minutes: 70, diametersNm: [100] });
      // Livshits defaults: 1.15 g/mL vesicles in a 1.00 g/mL medium of 1.55 cP (Sci Rep 5:17319).
      const s = sedimentationCoefficientSvedberg(100, 1.15, 1.0, 1.55);
      const expectedMinutes = (kFactor(rotor(name), r.rpm) / s) * 60;
      const got = r.kFactorEstimate.minutesToPellet[0]?.minutes as number;
      // Both constants are rounded: 2.53e11 vs 1e13/3600·(60/2π)² = 2.533e11 (0.13 %), 1.118e-5 vs 1.11824e-5
      // (0.02 %): agree to 0.2 %.
      expect(Math.abs(got / expectedMinutes - 1)).toBeLessThan(2e-3);
    }
  });

  it('agrees with Livshits for a swinging bucket and says so', () => {
    const r = computeSpin({ rotor: rotor('SW 40 Ti'), rcfG: 100_000, minutes: 70 });
    expect(r.kFactorEstimate.cutoffDiameterNm).toBeCloseTo(r.cutoffDiameterNm, 9);
    expect(r.kFactorEstimate.explanation).toMatch(/agree/);
  });

  it('needs longer and pellets less than Livshits for a fixed-angle rotor, and says why', () => {
    const r = computeSpin({ rotor: rotor('Type 45 Ti'), rcfG: 100_000, minutes: 70 });
    expect(r.kFactorEstimate.cutoffDiameterNm).toBeGreaterThan(r.cutoffDiameterNm);
    for (const [i, p] of r.pelleted.entries()) {
      expect(r.kFactorEstimate.pelleted[i]?.fraction as number).toBeLessThanOrEqual(p.fraction);
    }
    expect(r.kFactorEstimate.explanation).toMatch(/^The k-factor assumes .* fixed-angle tube/);
    // One sentence: no full stop followed by a capital inside it.
    expect(r.kFactorEstimate.explanation).not.toMatch(/[a-z]\. [A-Z]/);
  });
});
