import { describe, expect, it } from 'vitest';
import {
  omegaSquaredForRcf,
  RCF_PER_CM_RPM2,
  rcfAtRadius,
  rpmForRcf,
  STANDARD_GRAVITY_M_PER_S2,
  sedimentationCoefficientS,
  sedimentationCoefficientSvedberg,
} from './sedimentation.ts';

describe('sedimentation and speed conversions (values derived by hand)', () => {
  it('the rotor-manual constant 1.118e-5 is (2π/60)²/g · 0.01 m/cm to 0.02 %', () => {
    // (2π/60)² = 0.0109662271 s⁻²·min²; / 9.80665 m/s² · 0.01 m/cm = 1.11824e-5 (cm⁻¹·rpm⁻²).
    expect(RCF_PER_CM_RPM2 / 1.11824e-5).toBeCloseTo(1, 3);
  });

  it('RCF = 1.118e-5 · r(cm) · rpm²: 10,000 rpm at 100 mm is 11,180 ×g, and rpmForRcf inverts it', () => {
    expect(rcfAtRadius(10_000, 100)).toBeCloseTo(11_180, 6);
    expect(rpmForRcf(11_180, 100)).toBeCloseTo(10_000, 6);
  });

  it('ω² from an RCF matches (2π·rpm/60)² of the speed giving that RCF, to the constant’s rounding', () => {
    // 30,000 rpm: ω = 3141.59 s⁻¹, ω² = 9.8696e6 s⁻².
    const rcf = rcfAtRadius(30_000, 80);
    const omegaSquared = ((2 * Math.PI * 30_000) / 60) ** 2;
    expect(omegaSquaredForRcf(rcf, 80) / omegaSquared).toBeCloseTo(1, 3);
    expect(STANDARD_GRAVITY_M_PER_S2).toBe(9.80665);
  });

  it('Stokes: a 100 nm vesicle of 1.15 g/mL in 1.00 g/mL at 1.55 cP has s = 5.376e-11 s (537.6 S)', () => {
    // s = d²·Δρ/(18·η) = (1e-7 m)² · 150 kg/m³ / (18 · 1.55e-3 Pa·s) = 1.5e-12 / 0.0279 = 5.3763e-11 s.
    expect(sedimentationCoefficientS(100, 1.15, 1.0, 1.55)).toBeCloseTo(5.3763e-11, 14);
    expect(sedimentationCoefficientSvedberg(100, 1.15, 1.0, 1.55)).toBeCloseTo(537.63, 1);
    // s ∝ d²: 200 nm sediments four times faster.
    expect(
      sedimentationCoefficientS(200, 1.15, 1.0, 1.55) / sedimentationCoefficientS(100, 1.15, 1.0, 1.55),
    ).toBeCloseTo(4, 12);
  });
});
