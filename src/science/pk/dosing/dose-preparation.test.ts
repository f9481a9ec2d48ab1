import { describe, expect, it } from 'vitest';
import { prepareDose, roundUpVolume } from './dose-preparation.ts';
import { DosingInputError } from './human-equivalent-dose.ts';

const codes = (notes: { code: string }[]) => notes.map((n) => n.code);

describe('prepareDose', () => {
  it('draws dose / concentration: 1×10¹⁰ particles from 2.5×10¹¹/mL is 40 µL', () => {
    const plan = prepareDose({
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10,
      unit: 'particles',
      perKg: false,
    });
    expect(plan.stockVolumePerAnimalUl).toBeCloseTo(40, 9);
    expect(plan.injectionVolumeUl).toBeCloseTo(40, 9);
    expect(plan.dilutionFactor).toBeCloseTo(1, 12);
    expect(plan.intermediateSteps).toEqual([]);
    expect(plan.finalMix).toMatchObject({ from: 'stock', totalUl: 40, diluentUl: 0 });
  });

  it('dilutes to the injection volume and scales the mix to the animals and overage', () => {
    // 1×10¹⁰ /kg × 0.025 kg = 2.5×10⁸ per mouse = 1 µL of stock; 100 µL injections → 1:100.
    const plan = prepareDose({
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10,
      unit: 'particles',
      perKg: true,
      bodyWeightKg: 0.025,
      injectionVolumeUl: 100,
      animals: 10,
      overagePercent: 20,
    });
    expect(plan.dosePerAnimal).toBeCloseTo(2.5e8, 0);
    expect(plan.stockVolumePerAnimalUl).toBeCloseTo(1, 12);
    expect(plan.dilutionFactor).toBeCloseTo(100, 9);
    expect(plan.finalConcentrationPerMl).toBeCloseTo(2.5e9, 0);
    // 10 × 100 µL × 1.2 = 1200 µL of which 12 µL stock: pipettable, no intermediate step.
    expect(plan.intermediateSteps).toEqual([]);
    expect(plan.finalMix.totalUl).toBeCloseTo(1200, 9);
    expect(plan.finalMix.transferUl).toBeCloseTo(12, 9);
    expect(plan.finalMix.diluentUl).toBeCloseTo(1188, 9);
  });

  it('plans an intermediate 1:10 dilution when the stock transfer is below 2 µL', () => {
    const plan = prepareDose({
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10,
      unit: 'particles',
      perKg: true,
      bodyWeightKg: 0.025,
      injectionVolumeUl: 100,
    });
    // 1 µL of stock → 10 µL of a 1:10 intermediate (2.5×10¹⁰/mL) + 90 µL diluent.
    expect(plan.intermediateSteps).toHaveLength(1);
    const step = plan.intermediateSteps[0];
    expect(step?.from).toBe('stock');
    expect(step?.factor).toBe(10);
    expect(step?.concentrationPerMl).toBeCloseTo(2.5e10, 0);
    expect(step?.transferUl).toBeGreaterThanOrEqual(2);
    expect(step?.totalUl).toBeGreaterThanOrEqual(11); // 10 µL needed + 10 % spare
    expect(plan.finalMix.from).toBe(1);
    expect(plan.finalMix.transferUl).toBeCloseTo(10, 9);
    expect(plan.finalMix.diluentUl).toBeCloseTo(90, 9);
    // The dose delivered: 100 µL × 2.5×10⁹/mL = 2.5×10⁸.
    expect((plan.finalMix.transferUl * (step?.concentrationPerMl ?? 0)) / 1000).toBeCloseTo(2.5e8, 0);
    expect(codes(plan.notes)).toContain('intermediate-dilution');
  });

  it('warns above the Diehl et al. (2001) IV bolus volume (5 mL/kg → 125 µL for a 25 g mouse)', () => {
    const plan = prepareDose({
      stockConcentrationPerMl: 1e11,
      dose: 2e10,
      unit: 'particles',
      perKg: false,
      bodyWeightKg: 0.025,
      route: 'intravenous',
      species: 'mouse',
    });
    expect(plan.maxVolume?.goodPracticeUl).toBeCloseTo(125, 9);
    expect(plan.injectionVolumeUl).toBeCloseTo(200, 9);
    expect(codes(plan.notes)).toEqual(
      expect.arrayContaining(['volume-above-good-practice', 'dose-does-not-fit']),
    );
    const fit = plan.notes.find((n) => n.code === 'dose-does-not-fit');
    // 2×10¹⁰ in 125 µL needs 1.6×10¹¹/mL.
    expect(fit?.message).toContain('1.60e+11');
  });

  it('uses the IP possible maximum (80 mL/kg) and an explicit maximum volume', () => {
    const ip = prepareDose({
      stockConcentrationPerMl: 1e9,
      dose: 2.5e9,
      unit: 'particles',
      perKg: false,
      bodyWeightKg: 0.025,
      route: 'intraperitoneal',
      species: 'mouse',
    });
    // 2500 µL > 80 mL/kg × 0.025 kg = 2000 µL
    expect(ip.maxVolume?.possibleMaxUl).toBeCloseTo(2000, 9);
    expect(codes(ip.notes)).toContain('volume-above-maximum');
    const explicit = prepareDose({
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10,
      unit: 'particles',
      perKg: false,
      maxVolumeUl: 30,
    });
    expect(codes(explicit.notes)).toContain('volume-above-good-practice');
  });

  it('says when the stock is too dilute for the injection volume', () => {
    const plan = prepareDose({
      stockConcentrationPerMl: 1e10,
      dose: 1e9,
      unit: 'particles',
      perKg: false,
      injectionVolumeUl: 50,
    });
    expect(codes(plan.notes)).toContain('stock-too-dilute');
    expect(plan.injectionVolumeUl).toBeCloseTo(100, 9);
  });

  it('needs a body weight for per-kg doses', () => {
    expect(() =>
      prepareDose({ stockConcentrationPerMl: 1e11, dose: 1e10, unit: 'particles', perKg: true }),
    ).toThrow(DosingInputError);
  });

  it('rounds intermediate volumes up to two significant digits', () => {
    expect(roundUpVolume(1.1)).toBeCloseTo(1.1, 12);
    expect(roundUpVolume(12.34)).toBe(13);
    expect(roundUpVolume(101)).toBe(110);
  });
});
