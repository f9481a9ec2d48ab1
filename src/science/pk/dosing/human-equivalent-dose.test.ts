import { describe, expect, it } from 'vitest';
import { DosingInputError, humanEquivalentDose } from './human-equivalent-dose.ts';
import { FDA_KM_TABLE, KM_SPECIES } from './km-factors.ts';

describe('FDA (2005) Table 1 Km factors', () => {
  it('holds the guidance Km values', () => {
    // FDA 2005 guidance, Table 1 (and this project's issue text).
    const expected: Record<string, number> = {
      mouse: 3,
      hamster: 5,
      rat: 6,
      ferret: 7,
      'guinea-pig': 8,
      rabbit: 12,
      dog: 20,
      monkey: 12,
      marmoset: 6,
      'squirrel-monkey': 7,
      baboon: 20,
      'micro-pig': 27,
      'mini-pig': 35,
      human: 37,
    };
    for (const [species, km] of Object.entries(expected)) {
      expect(FDA_KM_TABLE[species as keyof typeof FDA_KM_TABLE].km, species).toBe(km);
    }
  });

  it('reproduces the printed "divide animal dose by" and "multiply by" columns to their rounding', () => {
    for (const species of KM_SPECIES) {
      const row = FDA_KM_TABLE[species];
      const hed = humanEquivalentDose({ species, dosePerKg: 1, unit: 'mg' });
      // Table 1 prints 37/Km and Km/37 to 2–3 significant digits (e.g. mouse 12.3 and 0.08, dog 1.8 and 0.54).
      expect(Math.abs(1 / hed.factor - row.divideBy), species).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(hed.factor - row.multiplyBy), species).toBeLessThanOrEqual(0.006);
    }
  });

  it('is internally consistent: Km ≈ reference weight / body surface area', () => {
    for (const species of [...KM_SPECIES, 'human' as const]) {
      const row = FDA_KM_TABLE[species];
      const ratio = row.referenceWeightKg / row.bodySurfaceAreaM2;
      expect(Math.abs(ratio - row.km) / row.km, species).toBeLessThan(0.06);
    }
  });
});

describe('humanEquivalentDose', () => {
  it('converts a 50 mg/kg mouse dose to 50 × 3/37 = 4.05 mg/kg (FDA 2005 worked example)', () => {
    const hed = humanEquivalentDose({ species: 'mouse', dosePerKg: 50, unit: 'mg' });
    expect(hed.method).toBe('bsa');
    expect(hed.km).toEqual({ animal: 3, human: 37 });
    expect(hed.hedPerKg).toBeCloseTo(4.054, 3);
    // Dividing by the table's 12.3 gives the same to the table's rounding.
    expect(hed.hedPerKg).toBeCloseTo(50 / 12.3, 1);
    expect(hed.hedFor60Kg).toBeCloseTo(243.24, 2);
  });

  it('converts a rat dose by dividing by 6.2 (Table 1)', () => {
    const hed = humanEquivalentDose({ species: 'rat', dosePerKg: 1e11, unit: 'particles' });
    expect(hed.hedPerKg).toBeCloseTo((1e11 * 6) / 37, -6);
    // Table 1's divisor 6.2 is 37/6 = 6.17 rounded: within 1 %.
    expect(Math.abs(hed.hedPerKg / (1e11 / 6.2) - 1)).toBeLessThan(0.01);
    expect(hed.unit).toBe('particles');
  });

  it('scales by (Wa/Wh)^(1-b) with b = 0.67 by default and 0.75 on request', () => {
    // ln(0.02/60) = −8.00637; × 0.33 = −2.64210; e^… = 0.071211  → 50 mg/kg → 3.5606 mg/kg
    const fda = humanEquivalentDose({ species: 'mouse', dosePerKg: 50, unit: 'mg', method: 'allometry' });
    expect(fda.exponent).toBe(0.67);
    expect(fda.factor).toBeCloseTo(0.071211, 5);
    expect(fda.hedPerKg).toBeCloseTo(3.5606, 3);
    // b = 0.75: e^(−8.00637 × 0.25) = e^−2.00159 = 0.135120
    const kleiber = humanEquivalentDose({
      species: 'mouse',
      dosePerKg: 50,
      unit: 'mg',
      method: 'allometry',
      exponent: 0.75,
      animalWeightKg: 0.02,
      humanWeightKg: 60,
    });
    expect(kleiber.factor).toBeCloseTo(0.13512, 5);
  });

  it('uses the given weights in allometry and reports the total for the human weight', () => {
    // (0.25/70)^0.33: ln = −5.63479; × 0.33 = −1.85948; e^… = 0.155754
    const hed = humanEquivalentDose({
      species: 'rat',
      dosePerKg: 10,
      unit: 'ug-protein',
      method: 'allometry',
      animalWeightKg: 0.25,
      humanWeightKg: 70,
    });
    expect(hed.factor).toBeCloseTo(0.155754, 5);
    expect(hed.hedTotal).toBeCloseTo(hed.hedPerKg * 70, 9);
    expect(hed.hedFor60Kg).toBeCloseTo(hed.hedPerKg * 60, 9);
  });

  it('warns when the animal is outside the working weight range of Table 1', () => {
    const hed = humanEquivalentDose({ species: 'mouse', dosePerKg: 1, unit: 'mg', animalWeightKg: 0.05 });
    expect(hed.notes.map((n) => n.code)).toContain('outside-working-range');
    const ok = humanEquivalentDose({ species: 'mouse', dosePerKg: 1, unit: 'mg', animalWeightKg: 0.025 });
    expect(ok.notes.map((n) => n.code)).not.toContain('outside-working-range');
  });

  it('notes the guidance exceptions for IV macromolecules and compartment routes', () => {
    const iv = humanEquivalentDose({
      species: 'mouse',
      dosePerKg: 1,
      unit: 'particles',
      route: 'intravenous',
    });
    expect(iv.notes.map((n) => n.code)).toContain('large-molecule-iv');
    const it = humanEquivalentDose({ species: 'rat', dosePerKg: 1, unit: 'particles', route: 'intrathecal' });
    expect(it.notes.map((n) => n.code)).toContain('compartment-route');
    const perKg = humanEquivalentDose({ species: 'rat', dosePerKg: 7, unit: 'mg', method: 'per-kg' });
    expect(perKg.hedPerKg).toBe(7);
  });

  it('refuses non-positive doses and exponents outside (0, 1]', () => {
    expect(() => humanEquivalentDose({ species: 'mouse', dosePerKg: 0, unit: 'mg' })).toThrow(
      DosingInputError,
    );
    expect(() =>
      humanEquivalentDose({ species: 'mouse', dosePerKg: 1, unit: 'mg', method: 'allometry', exponent: 1.2 }),
    ).toThrow(/exponent/);
  });
});
