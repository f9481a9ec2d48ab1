import { describe, expect, it } from 'vitest';
import type { Rotor } from './centrifugation-types.ts';
import { kEquivalentMinutes, kFactor } from './k-factor.ts';
import { findRotor } from './rotor-library.ts';

describe('k-factor (Beckman Coulter definition)', () => {
  it('SW 40 Ti at 40,000 rpm has k ≈ 137 and k scales with 1/rpm²', () => {
    // k = 137 at 40,000 rpm is the value printed in the Beckman Coulter SW 40 Ti rotor manual.
    const r = findRotor('SW 40 Ti') as Rotor;
    expect(kFactor(r, 40_000)).toBeCloseTo(137, 0);
    expect(kFactor(r, 20_000) / kFactor(r, 40_000)).toBeCloseTo(4, 12);
  });

  it('k-equivalent time: t₂ = t₁·k₂/k₁ (Beckman example: same particle, run time ∝ k)', () => {
    // 3 h at k = 240 → 1.5 h at k = 120.
    expect(kEquivalentMinutes(180, 240, 120)).toBe(90);
  });
});
