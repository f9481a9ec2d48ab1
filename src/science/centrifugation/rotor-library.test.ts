import { describe, expect, it } from 'vitest';
import type { Rotor } from './centrifugation-types.ts';
import { kFactorAtMaxRpm } from './k-factor.ts';
import { closestRotorNames, findRotor, normalizeRotorName, ROTORS } from './rotor-library.ts';
import { rcfAtRadius } from './sedimentation.ts';

describe('rotor library', () => {
  it('holds at least 15 rotors with unique names, sane geometry and a source', () => {
    expect(ROTORS.length).toBeGreaterThanOrEqual(15);
    const keys = new Set(ROTORS.map((r) => normalizeRotorName(r.name)));
    expect(keys.size).toBe(ROTORS.length);
    for (const r of ROTORS) {
      expect(r.rMinMm, r.name).toBeLessThan(r.rAvMm);
      expect(r.rAvMm, r.name).toBeLessThan(r.rMaxMm);
      expect(r.maxRpm, r.name).toBeGreaterThan(0);
      expect(r.source.length, r.name).toBeGreaterThan(10);
      if (r.type === 'fixed-angle') {
        expect(r.tubeDiameterMm, r.name).toBeGreaterThan(0);
        expect(r.angleDeg, r.name).toBeGreaterThan(0);
      } else {
        expect(r.tubeDiameterMm, r.name).toBeNull();
        expect(r.angleDeg, r.name).toBeNull();
      }
    }
    // Both rotor types and the low-speed clearing rotors are represented.
    expect(ROTORS.some((r) => r.type === 'swinging-bucket' && r.maxRpm <= 5000)).toBe(true);
    expect(ROTORS.filter((r) => r.type === 'fixed-angle').length).toBeGreaterThanOrEqual(6);
  });

  it("each printed k-factor matches the one computed from the rotor's radii to ±2 (manufacturer tables)", () => {
    const withK = ROTORS.filter((r) => r.kFactorAtMaxRpm !== null);
    expect(withK.length).toBeGreaterThanOrEqual(12);
    for (const r of withK) {
      expect(Math.abs(kFactorAtMaxRpm(r) - (r.kFactorAtMaxRpm as number)), r.name).toBeLessThanOrEqual(2);
    }
  });

  it('published maximum RCFs follow from Rmax and the maximum speed (Beckman manuals)', () => {
    // Maximum RCF at Rmax as printed by Beckman Coulter (rotor manuals / "Rotors and Tubes" tables):
    // SW 40 Ti 285,000 ×g; SW 41 Ti 288,000 ×g; SW 28 141,000 ×g; SW 32 Ti 175,000 ×g; SW 55 Ti
    // 368,000 ×g; MLS-50 268,000 ×g; TLS-55 259,000 ×g; Type 70 Ti 504,000 ×g; Type 70.1 Ti 450,000 ×g;
    // Type 50.2 Ti 302,000 ×g; TLA-110 657,000 ×g; TLA-100.3 541,000 ×g; TLA-120.2 627,000 ×g;
    // MLA-80 444,000 ×g. Eppendorf 5810 R manual: A-4-62 3,220 ×g at 4,000 rpm.
    const printed: [string, number][] = [
      ['SW 40 Ti', 285_000],
      ['SW 41 Ti', 288_000],
      ['SW 28', 141_000],
      ['SW 32 Ti', 175_000],
      ['SW 55 Ti', 368_000],
      ['MLS-50', 268_000],
      ['TLS-55', 259_000],
      ['Type 70 Ti', 504_000],
      ['Type 70.1 Ti', 450_000],
      ['Type 50.2 Ti', 302_000],
      ['TLA-110', 657_000],
      ['TLA-100.3', 541_000],
      ['TLA-120.2', 627_000],
      ['MLA-80', 444_000],
      ['A-4-62', 3_220],
    ];
    for (const [name, rcf] of printed) {
      const r = findRotor(name) as Rotor;
      expect(Math.abs(rcfAtRadius(r.maxRpm, r.rMaxMm) / rcf - 1), name).toBeLessThan(0.01);
    }
  });

  it('radii corrected against the cross-check table stay corrected (Rmin/Rav/Rmax, mm)', () => {
    // Independent public rotor table (see CROSS_CHECK_TABLE in rotor-library.ts); the earlier values were
    // derived from k-factor/max RCF with Rav taken as the midpoint.
    const table: [string, number, number, number][] = [
      ['TLA-100.3', 27.5, 37.9, 48.3],
      ['TLA-120.2', 24.5, 31.8, 38.9],
      ['MLA-80', 29.5, 45.7, 61.9],
      ['Type 50.2 Ti', 54.4, 81.2, 107.9],
      ['Type 70.1 Ti', 40.5, 61.2, 82.0],
      ['TLS-55', 42.2, 59.4, 76.5],
      ['SS-34', 32.7, 69.9, 107.0],
    ];
    for (const [name, rMin, rAv, rMax] of table) {
      const r = findRotor(name) as Rotor;
      expect([r.rMinMm, r.rAvMm, r.rMaxMm], name).toEqual([rMin, rAv, rMax]);
    }
  });

  it('matches names loosely', () => {
    const sw40 = findRotor('SW 40 Ti');
    expect(sw40?.name).toBe('SW 40 Ti');
    for (const variant of ['sw40ti', 'SW 40Ti', 'SW40Ti', ' sw-40-ti ', 'SW 40 TI'])
      expect(findRotor(variant)?.name, variant).toBe('SW 40 Ti');
    expect(findRotor('Type 45 Ti')?.name).toBe('Type 45 Ti');
    expect(findRotor('45Ti')?.name).toBe('Type 45 Ti');
    expect(findRotor('TLA 110')?.name).toBe('TLA-110');
    expect(findRotor('tla-100.3')?.name).toBe('TLA-100.3');
    expect(findRotor('Type 70.1 Ti')?.name).toBe('Type 70.1 Ti');
    expect(findRotor('Type 70 Ti')?.name).toBe('Type 70 Ti');
    expect(findRotor('sw41')?.name).toBe('SW 41 Ti');
    expect(findRotor('Type 45')?.name).toBe('Type 45 Ti');
    expect(findRotor('SW 99 Ti')).toBeNull();
    expect(findRotor('')).toBeNull();
  });

  it('user-defined rotors are found first and may override a built-in name', () => {
    const mine: Rotor = { ...(findRotor('SW 28') as Rotor), rMinMm: 80, userDefined: true };
    expect(findRotor('sw28', [mine])?.rMinMm).toBe(80);
    expect(findRotor('sw28')?.rMinMm).toBe(75.3);
  });

  it('suggests the closest names for an unknown rotor', () => {
    expect(closestRotorNames('SW 40')).toContain('SW 40 Ti');
    expect(closestRotorNames('SW 4O Ti')[0]).toBe('SW 40 Ti');
    expect(closestRotorNames('TLA110x', 2)[0]).toBe('TLA-110');
    expect(closestRotorNames('anything', 5)).toHaveLength(5);
  });
});
