import { describe, expect, it } from 'vitest';
import type { Rotor } from './centrifugation-types.ts';
import { kFactor } from './k-factor.ts';
import { viscosityCp } from './medium-viscosity.ts';
import { findRotor } from './rotor-library.ts';
import { rpmForRcf } from './sedimentation.ts';
import { computeSpin, LIVSHITS_DEFAULTS, SpinInputError } from './spin-calculation.ts';

const rotor = (name: string) => findRotor(name) as Rotor;

function errorOf(fn: () => unknown): SpinInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpinInputError) return error;
    throw error;
  }
  throw new Error('expected a SpinInputError');
}

describe('computeSpin', () => {
  it('uses the Livshits et al. 2015 defaults and reports the four Table 2 diameters', () => {
    const r = computeSpin({ rotor: rotor('SW 40 Ti'), rcfG: 10_000, minutes: 30 });
    expect(r).toMatchObject({ rotor: 'SW 40 Ti', type: 'swinging-bucket', minutes: 30, viscosityCp: 1.55 });
    expect(r.evDensity).toBe(LIVSHITS_DEFAULTS.evDensityGPerMl);
    expect(r.pelleted.map((p) => p.diameterNm)).toEqual([70, 100, 120, 150]);
    expect(r.rcfAvg).toBeCloseTo(10_000, 6);
    expect(r.rpm).toBeCloseTo(rpmForRcf(10_000, 112.8), 9);
    expect(r.rcfMax).toBeGreaterThan(r.rcfAvg);
    expect(r.rcfMin).toBeLessThan(r.rcfAvg);
    // Fractions < 1 need more time than the run; the time to pellet scales as 1/d².
    const t = r.minutesToPellet;
    expect(t.map((x) => x.diameterNm)).toEqual([70, 100, 120, 150]);
    expect(t[3]?.minutes).toBeGreaterThan(30);
    expect((t[0]?.minutes ?? 0) / (t[3]?.minutes ?? 1)).toBeCloseTo((150 / 70) ** 2, 9);
  });

  it('RCF at Rmax gives the same rpm as the equivalent RCF at Rav', () => {
    const atMax = computeSpin({ rotor: rotor('Type 70 Ti'), rcfG: 100_000, rcfAt: 'rmax', minutes: 60 });
    expect(atMax.rcfMax).toBeCloseTo(100_000, 6);
    const atAv = computeSpin({ rotor: rotor('Type 70 Ti'), rcfG: atMax.rcfAvg, minutes: 60 });
    expect(atAv.rpm).toBeCloseTo(atMax.rpm, 6);
  });

  it('k-adjusts the time between rotors at the same RCF at Rav', () => {
    const r = computeSpin({
      rotor: rotor('SW 41 Ti'),
      rcfG: 100_000,
      minutes: 70,
      kAdjustFrom: rotor('SW 40 Ti'),
    });
    const kSource = kFactor(rotor('SW 40 Ti'), rpmForRcf(100_000, 112.8));
    const kTarget = kFactor(rotor('SW 41 Ti'), rpmForRcf(100_000, 110.2));
    expect(r.minutes).toBeCloseTo((70 * kTarget) / kSource, 9);
    expect(r.kAdjustedFrom).toMatchObject({ rotor: 'SW 40 Ti', minutes: 70 });
  });

  it('derives viscosity from temperature and medium when no viscosity is given', () => {
    const r = computeSpin({
      rotor: rotor('SW 28'),
      rcfG: 100_000,
      minutes: 60,
      temperatureC: 20,
      medium: 'pbs',
    });
    expect(r.viscosityCp).toBeCloseTo(viscosityCp('pbs', 20), 12);
    expect(r.medium).toBe('pbs');
    const explicit = computeSpin({
      rotor: rotor('SW 28'),
      rcfG: 100_000,
      minutes: 60,
      viscosityCp: 1.2,
      temperatureC: 20,
    });
    expect(explicit.viscosityCp).toBe(1.2);
    expect(explicit.warnings.join(' ')).toMatch(/explicit viscosity/);
  });

  it('adds a 20–500 nm curve on request', () => {
    const r = computeSpin({ rotor: rotor('TLA-110'), rcfG: 100_000, minutes: 30, curvePoints: 50 });
    expect(r.curve).toHaveLength(50);
    expect(r.curve?.[0]?.diameterNm).toBeCloseTo(20, 9);
    expect(r.curve?.[49]?.diameterNm).toBeCloseTo(500, 9);
  });

  it('refuses bad input, naming the field', () => {
    const sw40 = rotor('SW 40 Ti');
    expect(errorOf(() => computeSpin({ rotor: sw40, rcfG: 10_000, minutes: 0 })).field).toBe('minutes');
    expect(errorOf(() => computeSpin({ rotor: sw40, rcfG: 10_000, minutes: -5 })).field).toBe('minutes');
    const tooFast = errorOf(() => computeSpin({ rotor: sw40, rpm: 45_000, minutes: 10 }));
    expect(tooFast.field).toBe('rpm');
    expect(tooFast.message).toContain('40,000 rpm');
    const tooHard = errorOf(() => computeSpin({ rotor: sw40, rcfG: 500_000, minutes: 10 }));
    expect(tooHard.field).toBe('rcf');
    expect(tooHard.message).toContain('40,000 rpm');
    const light = errorOf(() =>
      computeSpin({ rotor: sw40, rcfG: 10_000, minutes: 10, evDensityGPerMl: 1.0, mediumDensityGPerMl: 1.0 }),
    );
    expect(light.field).toBe('evDensity');
    expect(errorOf(() => computeSpin({ rotor: sw40, minutes: 10 })).field).toBe('rcf');
    expect(errorOf(() => computeSpin({ rotor: sw40, rcfG: 1, rpm: 1, minutes: 10 })).field).toBe('rpm');
    expect(errorOf(() => computeSpin({ rotor: sw40, rcfG: 1000, minutes: 10, temperatureC: 80 })).field).toBe(
      'temperature',
    );
    expect(errorOf(() => computeSpin({ rotor: sw40, rcfG: 1000, minutes: 10, diametersNm: [0] })).field).toBe(
      'diameters',
    );
    // The k-adjust source must be able to reach the RCF.
    const low = errorOf(() =>
      computeSpin({ rotor: sw40, rcfG: 100_000, minutes: 10, kAdjustFrom: rotor('A-4-62') }),
    );
    expect(low.field).toBe('kAdjustFrom');
  });
});
