import { describe, expect, it } from 'vitest';
import type { Rotor } from './centrifugation-types.ts';
import { kFactor } from './k-factor.ts';
import { viscosityCp } from './medium-viscosity.ts';
import { findRotor } from './rotor-library.ts';
import { rcfAtRadius, rpmForRcf } from './sedimentation.ts';
import {
  computeSpin,
  LIVSHITS_DEFAULTS,
  MAX_RPM_TOLERANCE,
  resolveRotorRun,
  SpinInputError,
} from './spin-calculation.ts';

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

describe('resolveRotorRun (the one rotor/speed check of CLI, API, web and chain steps)', () => {
  it('looks a rotor up by name and names the closest rotors for an unknown one', () => {
    expect(resolveRotorRun({ rotor: 'sw40ti', rpm: 30_000 }).rotor.name).toBe('SW 40 Ti');
    const unknown = errorOf(() => resolveRotorRun({ rotor: 'SW 4O Ti', rpm: 30_000 }));
    expect(unknown.field).toBe('rotor');
    expect(unknown.code).toBe('unknown-rotor');
    expect(unknown.closest[0]).toBe('SW 40 Ti');
    expect(unknown.message).toBe(`unknown rotor "SW 4O Ti"; closest: ${unknown.closest.join(', ')}`);
  });

  it('names the maximum in one wording for an rpm and an RCF above it', () => {
    // Beckman Coulter SW 40 Ti rotor manual: maximum 40,000 rpm.
    const rpm = errorOf(() => resolveRotorRun({ rotor: 'SW 40 Ti', rpm: 45_000 }));
    expect(rpm).toMatchObject({ field: 'rpm', code: 'above-max-rpm', maxRpm: 40_000 });
    expect(rpm.message).toBe('45,000 rpm is above the maximum speed of SW 40 Ti (40,000 rpm)');
    const rcf = errorOf(() => resolveRotorRun({ rotor: 'SW 40 Ti', rcfG: 300_000, at: 'rmax' }));
    expect(rcf).toMatchObject({ field: 'rcf', code: 'above-max-rpm', maxRpm: 40_000 });
    expect(rcf.message).toMatch(
      /^300,000 ×g at Rmax needs [\d,]+ rpm, above the maximum speed of SW 40 Ti \(40,000 rpm, [\d,]+ ×g at Rmax\)$/,
    );
  });

  it('counts a speed within 0.05 % of the maximum as the maximum and refuses anything faster', () => {
    expect(MAX_RPM_TOLERANCE).toBe(5e-4);
    const sw40 = rotor('SW 40 Ti');
    // The maximum RCF at Rav copied to 4 significant figures (1.118e-5 × 11.28 cm × 40,000² = 201,784 ×g
    // → "201,800 ×g") is the maximum, not an error.
    const maxRcf = rcfAtRadius(40_000, sw40.rAvMm);
    const rounded = Number(maxRcf.toPrecision(4));
    expect(rounded).toBeGreaterThan(maxRcf);
    const run = resolveRotorRun({ rotor: sw40, rcfG: rounded });
    expect(run.rpm).toBe(40_000);
    expect(run.rcfAvgG).toBeCloseTo(maxRcf, 6);
    expect(resolveRotorRun({ rotor: sw40, rpm: 40_019 }).rpm).toBe(40_000);
    expect(errorOf(() => resolveRotorRun({ rotor: sw40, rpm: 40_021 })).maxRpm).toBe(40_000);
    expect(errorOf(() => resolveRotorRun({ rotor: sw40, rcfG: maxRcf * 1.0011 })).field).toBe('rcf');
  });

  it('keeps an rpm below the maximum exactly and converts it with RCF = 1.118e-5 · r(cm) · rpm²', () => {
    // SW 40 Ti Rav 112.8 mm (Livshits et al. 2015 Table 1).
    const run = resolveRotorRun({ rotor: 'SW 40 Ti', rpm: 30_000 });
    expect(run.rpm).toBe(30_000);
    expect(run.rcfAvgG).toBeCloseTo(1.118e-5 * 11.28 * 30_000 ** 2, 6);
  });
});
