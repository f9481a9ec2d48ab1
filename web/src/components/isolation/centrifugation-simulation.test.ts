import { describe, expect, it } from 'vitest';
import { INITIAL_SIMULATOR_STATE, rotorsByType, simulate } from './centrifugation-simulation.ts';

describe('centrifugation simulator state', () => {
  it('reproduces Livshits et al. 2015 Table 2 for MLS-50 (30 min, 10,000 ×g: d* 230 nm, 51 % of 150 nm)', () => {
    const sim = simulate({ ...INITIAL_SIMULATOR_STATE, rotorName: 'MLS-50', rcfG: 10_000, minutes: 30 });
    expect(sim.ok).toBe(true);
    if (!sim.ok) return;
    expect(Math.abs(sim.result.cutoffDiameterNm - 230)).toBeLessThanOrEqual(2);
    const p150 = sim.result.pelleted.find((p) => p.diameterNm === 150);
    expect(Math.abs((p150?.fraction ?? 0) * 100 - 51)).toBeLessThanOrEqual(1);
    expect(sim.curve[0]?.diameterNm).toBeCloseTo(20, 9);
    expect(sim.curve.at(-1)?.diameterNm).toBeCloseTo(500, 9);
  });

  it('reports an rpm above the maximum as an inline error on the speed field', () => {
    const sim = simulate({ ...INITIAL_SIMULATOR_STATE, speedMode: 'rpm', rpm: 50_000 });
    expect(sim.ok).toBe(false);
    if (sim.ok) return;
    expect(sim.field).toBe('rpm');
    expect(sim.message).toContain('40,000 rpm');
  });

  it('reports an empty time box and a vesicle lighter than the medium on their fields', () => {
    const noTime = simulate({ ...INITIAL_SIMULATOR_STATE, minutes: Number.NaN });
    expect(noTime.ok || noTime.field).toBe('minutes');
    const light = simulate({ ...INITIAL_SIMULATOR_STATE, evDensity: 1.0 });
    expect(light.ok || light.field).toBe('evDensity');
  });

  it('converts the time to another rotor with the k-factor ratio and flags rotors that cannot reach the RCF', () => {
    const sim = simulate({ ...INITIAL_SIMULATOR_STATE, compareRotorName: 'SW 41 Ti' });
    expect(sim.ok).toBe(true);
    if (!sim.ok || !sim.equivalence || 'error' in sim.equivalence) throw new Error('expected an equivalence');
    expect(sim.equivalence.minutes).toBeCloseTo(
      (sim.result.minutes * sim.equivalence.result.kFactor) / sim.result.kFactor,
      9,
    );
    const slow = simulate({ ...INITIAL_SIMULATOR_STATE, compareRotorName: 'A-4-62' });
    expect(slow.ok && slow.equivalence && 'error' in slow.equivalence).toBe(true);
  });

  it('derives the viscosity from the temperature when a medium is chosen', () => {
    const cold = simulate({ ...INITIAL_SIMULATOR_STATE, medium: 'water', temperatureC: 4 });
    const warm = simulate({ ...INITIAL_SIMULATOR_STATE, medium: 'water', temperatureC: 25 });
    if (!cold.ok || !warm.ok) throw new Error('expected results');
    expect(cold.result.viscosityCp).toBeCloseTo(1.567, 3);
    expect(warm.result.cutoffDiameterNm).toBeLessThan(cold.result.cutoffDiameterNm);
  });

  it('groups the rotor picker by type', () => {
    const groups = rotorsByType();
    expect(groups.map((g) => g.label)).toEqual(['Swinging-bucket', 'Fixed-angle']);
    expect(groups.every((g) => g.rotors.length > 3)).toBe(true);
  });
});

describe('k-factor comparison and estimate (issue 9 item 3)', () => {
  it('compares with the simulated rotor by default and shows the k-factor estimate with its reason', () => {
    expect(INITIAL_SIMULATOR_STATE.compareRotorName).toBe(INITIAL_SIMULATOR_STATE.rotorName);
    const sim = simulate({
      ...INITIAL_SIMULATOR_STATE,
      rotorName: 'Type 45 Ti',
      compareRotorName: 'Type 45 Ti',
    });
    if (!sim.ok) throw new Error('expected a result');
    expect(sim.result.kFactorEstimate.cutoffDiameterNm).toBeGreaterThan(sim.result.cutoffDiameterNm);
    expect(sim.result.kFactorEstimate.explanation).toMatch(/fixed-angle/);
  });
});
