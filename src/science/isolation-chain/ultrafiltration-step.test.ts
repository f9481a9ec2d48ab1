import { describe, expect, it } from 'vitest';
import { filterPassage } from './filtration-step.ts';
import { globularProteinRadiusNm } from './globular-protein-size.ts';
import {
  LAMBDA_90_PERCENT_RETENTION,
  poreDiameterFromMwcoNm,
  retainedShare,
  sievingCoefficient,
  sievingForDiameter,
} from './membrane-sieving.ts';
import { simulateProtocol } from './simulate-protocol.ts';

describe('membrane sieving (Zeman & Wales 1981)', () => {
  it('matches the formula by hand at λ = 0.5 and its limits', () => {
    // (1−0.5)² = 0.25; 0.25·(2 − 0.25) = 0.4375; × exp(−0.7146·0.25) = 0.83640 → 0.36593
    expect(sievingCoefficient(0.5)).toBeCloseTo(0.4375 * Math.exp(-0.7146 * 0.25), 12);
    expect(sievingCoefficient(0)).toBe(1);
    expect(sievingCoefficient(1)).toBe(0);
    expect(sievingCoefficient(2)).toBe(0);
  });

  it('retains a globular protein of the MWCO mass to 90 % (definition of the nominal MWCO)', () => {
    for (const mwco of [10, 100, 300]) {
      const d = 2 * globularProteinRadiusNm(mwco);
      expect(sievingForDiameter(d, poreDiameterFromMwcoNm(mwco))).toBeCloseTo(0.1, 6);
    }
    expect(LAMBDA_90_PERCENT_RETENTION).toBeGreaterThan(0.7);
    expect(LAMBDA_90_PERCENT_RETENTION).toBeLessThan(0.75);
  });

  it('gives Stokes radii of folded proteins as Wilkins et al. 1999 (Rh = 4.75·N^0.29 Å)', () => {
    // 110 residues (12.1 kDa): 4.75 × 110^0.29 Å = 18.3 Å.
    expect(globularProteinRadiusNm(12.1)).toBeCloseTo(0.475 * 110 ** 0.29, 9);
  });

  it('keeps CF^−S of a species when concentrating and e^−S per diavolume', () => {
    expect(retainedShare(0.5, 4, 0)).toBeCloseTo(0.5, 12);
    expect(retainedShare(1, 10, 0)).toBeCloseTo(0.1, 12);
    expect(retainedShare(0, 50, 5)).toBe(1);
    expect(retainedShare(1, 1, 3)).toBeCloseTo(Math.exp(-3), 12);
  });
});

describe('ultrafiltration / TFF steps', () => {
  const run = (
    method: 'ultrafiltration' | 'tangential-flow-filtration',
    parameters: Record<string, number>,
  ) =>
    simulateProtocol({
      input: { volumeMl: 100, proteinUgPerMl: 50 },
      protocol: { version: 1, name: '', steps: [{ method, parameters, notes: '' }] },
    });

  it('retains EVs (minus membrane losses), concentrates the volume and loses part of the free protein', () => {
    const result = run('ultrafiltration', { mwcoKda: 100, concentrationFactor: 50, evRecoveryPercent: 80 });
    const step = result.steps[0];
    expect(step?.volumeMl).toBeCloseTo(2, 9);
    expect(step?.recoveryPercent).toBeGreaterThan(79);
    expect(step?.recoveryPercent).toBeLessThanOrEqual(80);
    expect(step?.proteinUg).toBeLessThan(result.input.proteinUg);
    expect(step?.proteinUg).toBeGreaterThan(0);
  });

  it('removes more protein with diafiltration and a wider pore', () => {
    const plain = run('tangential-flow-filtration', { mwcoKda: 300, concentrationFactor: 10 }).steps[0];
    const washed = run('tangential-flow-filtration', { mwcoKda: 300, concentrationFactor: 10, diavolumes: 5 })
      .steps[0];
    expect(washed?.proteinUg).toBeLessThan((plain?.proteinUg ?? 0) / 2);
  });

  it('estimates the time as permeate / (flux × area)', () => {
    // 100 mL → 10 mL: 90 mL permeate at 30 L/m²/h over 50 cm² (0.005 m²) = 0.09 L / 0.15 L/h = 0.6 h.
    const step = run('tangential-flow-filtration', {
      concentrationFactor: 10,
      fluxLmh: 30,
      membraneAreaCm2: 50,
    }).steps[0];
    expect(step?.timeMinutes).toBeCloseTo(36, 9);
  });
});

describe('dead-end filtration', () => {
  it('passes half of the particles at the rated size and few well above it', () => {
    expect(filterPassage(220, 220, 0.25)).toBeCloseTo(0.5, 6);
    expect(filterPassage(100, 220, 0.25)).toBeGreaterThan(0.99);
    expect(filterPassage(500, 220, 0.25)).toBeLessThan(0.001);
  });
});
