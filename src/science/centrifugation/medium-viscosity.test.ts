import { describe, expect, it } from 'vitest';
import { waterViscosityCP as crcWaterViscosityCP } from '../nta/stokes-einstein.ts';
import {
  iapwsViscosityMicroPaS,
  RELATIVE_VISCOSITY,
  viscosityCp,
  waterDensityKgPerM3,
  waterViscosityCp,
} from './medium-viscosity.ts';

describe('IAPWS 2008 water viscosity (Huber et al. 2009)', () => {
  it('reproduces the check values of IAPWS R12-08 Table 4', () => {
    // [T K, ρ kg/m³, η µPa·s] from the release's computer-program verification table.
    const checks: [number, number, number][] = [
      [298.15, 998, 889.7351],
      [298.15, 1200, 1437.649467],
      [373.15, 1000, 307.883622],
      [433.15, 1, 14.538324],
      [433.15, 1000, 217.685358],
      [873.15, 1, 32.619287],
      [873.15, 600, 77.430195],
      [1173.15, 400, 64.154608],
    ];
    for (const [t, rho, eta] of checks) expect(iapwsViscosityMicroPaS(t, rho)).toBeCloseTo(eta, 5);
  });

  it('Kell 1975 density: maximum near 4 °C, 998.20 kg/m³ at 20 °C', () => {
    // 999.972 kg/m³ at 4 °C and 998.204 kg/m³ at 20 °C (Kell 1975, J Chem Eng Data 20:97, Table).
    expect(waterDensityKgPerM3(4)).toBeCloseTo(999.972, 3);
    expect(waterDensityKgPerM3(20)).toBeCloseTo(998.204, 3);
    expect(waterDensityKgPerM3(4)).toBeGreaterThan(waterDensityKgPerM3(0));
    expect(waterDensityKgPerM3(4)).toBeGreaterThan(waterDensityKgPerM3(8));
  });

  it('water at 1 atm: 1.0016 mPa·s at 20 °C (ISO/TR 3666, IAPWS) and agrees with the CRC correlation within 1 %', () => {
    expect(waterViscosityCp(20)).toBeCloseTo(1.0016, 4);
    for (let t = 0; t <= 40; t += 2) {
      const crc = crcWaterViscosityCP(t, 1.0016);
      expect(Math.abs(waterViscosityCp(t) / crc - 1), `${t} °C`).toBeLessThan(0.01);
    }
  });

  it('media scale water by their relative viscosity; out-of-range temperatures are refused', () => {
    expect(viscosityCp('water', 37)).toBeCloseTo(waterViscosityCp(37), 12);
    expect(viscosityCp('pbs', 4) / viscosityCp('water', 4)).toBeCloseTo(RELATIVE_VISCOSITY.pbs, 12);
    // Bacabac et al. 2005 (J Biomech 38:159): serum-supplemented medium 0.78 mPa·s and water 0.69 mPa·s
    // at 37 °C; the IAPWS water value at 37 °C (0.692 mPa·s) agrees with their water to 0.01 mPa·s.
    expect(Math.abs(waterViscosityCp(37) - 0.69)).toBeLessThan(0.01);
    expect(viscosityCp('culture-medium', 37)).toBeCloseTo(0.78, 2);
    expect(RELATIVE_VISCOSITY['culture-medium']).toBeCloseTo(0.78 / 0.69, 2);
    expect(viscosityCp('culture-medium', 4)).toBeGreaterThan(viscosityCp('pbs', 4));
    expect(() => viscosityCp('water', -5)).toThrow(RangeError);
    expect(() => viscosityCp('water', Number.NaN)).toThrow(RangeError);
  });
});
