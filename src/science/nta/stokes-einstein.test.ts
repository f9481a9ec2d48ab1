import { describe, expect, it } from 'vitest';
import {
  diffusionCoefficientE4Nm2PerS,
  stokesEinsteinDiameterNm,
  waterViscosityCP,
} from './stokes-einstein.ts';

describe('waterViscosityCP', () => {
  it('reproduces NanoSight NTA 3.3 viscosities (Temperature/C → Viscosity/cP rows of the reference exports)', () => {
    // Values as exported by NTA 3.3 in ../shared/reference/nanosight/20210401 (EMT1 d200 and MPC 28 Stretch d200);
    // the full 45-video check runs in src/formats/nanosight/read-nta-report.test.ts.
    const pairs: [number, number][] = [
      [26.677, 0.855745],
      [26.747, 0.854413],
      [26.845, 0.852553],
      [25.572, 0.877229],
      [25.604, 0.876595],
    ];
    for (const [t, eta] of pairs) expect(Math.abs(waterViscosityCP(t) / eta - 1)).toBeLessThan(2e-6);
  });
  it('gives the measured 1.0016 cP at 20 °C when told so (Kestin et al. 1978)', () => {
    expect(waterViscosityCP(20, 1.0016)).toBeCloseTo(1.0016, 10);
    // CRC: 0.8900 cP at 25 °C with η20 = 1.0016 cP
    expect(waterViscosityCP(25, 1.0016)).toBeCloseTo(0.89, 3);
  });
});

describe('Stokes–Einstein', () => {
  it('D of a 100 nm sphere in water at 25 °C is ≈ 4.9 µm²/s', () => {
    // k·T/(3πηd) = 1.380649e-23 · 298.15 / (3π · 0.89e-3 · 100e-9) = 4.907e-12 m²/s = 490.7 × 1e4 nm²/s
    expect(diffusionCoefficientE4Nm2PerS(100, 25, 0.89)).toBeCloseTo(490.7, 1);
  });
  it('diameter and diffusion coefficient are inverse', () => {
    const d = diffusionCoefficientE4Nm2PerS(72.7, 26.677, 0.855745);
    expect(stokesEinsteinDiameterNm(d, 26.677, 0.855745)).toBeCloseTo(72.7, 10);
  });
});
