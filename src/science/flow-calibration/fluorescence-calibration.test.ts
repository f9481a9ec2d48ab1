import { describe, expect, it } from 'vitest';
import { fitFluorescenceCalibration, toCalibratedFluorescence } from './fluorescence-calibration.ts';

describe('fluorescence (MESF/ERF) calibration', () => {
  it('reproduces the FCMPASS documentation example: slope 1.025836, intercept 1.145990, R² 0.999639', () => {
    const c = fitFluorescenceCalibration([
      { mfi: 16, assigned: 0 },
      { mfi: 2701.9, assigned: 44922 },
      { mfi: 8846.75, assigned: 163832 },
      { mfi: 150763, assigned: 2833170 },
    ]);
    expect(c.used).toBe(3);
    expect(c.excluded).toEqual([{ index: 0, reason: expect.stringContaining('blank') }]);
    expect(Math.abs(c.slope - 1.025836)).toBeLessThan(5e-7);
    expect(Math.abs(c.intercept - 1.14599)).toBeLessThan(5e-7);
    expect(Math.abs(c.rSquared - 0.999639)).toBeLessThan(5e-7);
    expect(toCalibratedFluorescence(c, 10_000)).toBeCloseTo(10 ** (1.14599 + 1.025836 * 4), -1);
    expect(Number.isNaN(toCalibratedFluorescence(c, 0))).toBe(true);
  });

  it('needs two usable beads', () => {
    expect(() =>
      fitFluorescenceCalibration([
        { mfi: 10, assigned: 0 },
        { mfi: 100, assigned: 1000 },
      ]),
    ).toThrow(/two beads/);
  });
});
