import { describe, expect, it } from 'vitest';
import { simulateProtocol } from './simulate-protocol.ts';
import {
  elutionVolumeMl,
  fractionShares,
  partitionCoefficient,
  peakFraction,
  RESINS,
  type SecColumn,
} from './size-exclusion-step.ts';

/**
 * Böing AN, van der Pol E, Grootemaat AE, Coumans FAW, Sturk A, Nieuwland R (2014) Single-step isolation of
 * extracellular vesicles by size-exclusion chromatography. J Extracell Vesicles 3:23430.
 * Set-up: 10 mL Sepharose CL-2B in a 10 mL syringe, 1 mL platelet-free supernatant loaded, 0.5 mL fractions
 * collected from sample application. Results (abstract): fractions 9–12 held the most particles > 70 nm and
 * platelet EVs, but < 5 % of HDL (4.8 %) and < 1 % of protein (0.65 %); HDL mainly in fractions 18–20,
 * protein in fractions 19–21.
 */
const BOING_COLUMN: SecColumn = {
  bedVolumeMl: 10,
  voidFraction: 0.38,
  deadVolumeMl: RESINS['sepharose-cl-2b'].deadVolumeMl,
  poreDiameterNm: RESINS['sepharose-cl-2b'].poreDiameterNm,
  plateCount: 100,
  sampleVolumeMl: 1,
};
const FRACTIONS = 26;

function sumOver(shares: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let f = from; f <= to; f++) s += shares[f - 1] as number;
  return s;
}

describe('size-exclusion chromatography against Böing et al. 2014 (Sepharose CL-2B, 10 mL, 0.5 mL fractions)', () => {
  const ev = fractionShares(BOING_COLUMN, 150, 0.5, FRACTIONS);
  const hdl = fractionShares(BOING_COLUMN, 10, 0.5, FRACTIONS);
  const albumin = fractionShares(BOING_COLUMN, 7.1, 0.5, FRACTIONS);

  it('puts the EV peak in fractions 9–12', () => {
    expect(peakFraction(ev)).toBeGreaterThanOrEqual(9);
    expect(peakFraction(ev)).toBeLessThanOrEqual(12);
    expect(sumOver(ev, 9, 12)).toBeGreaterThan(0.6);
  });

  it('puts the HDL peak in fractions 18–20 and the protein (albumin) peak in fractions 19–21', () => {
    expect(peakFraction(hdl)).toBeGreaterThanOrEqual(18);
    expect(peakFraction(hdl)).toBeLessThanOrEqual(20);
    expect(peakFraction(albumin)).toBeGreaterThanOrEqual(19);
    expect(peakFraction(albumin)).toBeLessThanOrEqual(21);
  });

  it('leaves < 5 % of HDL and < 1 % of protein in fractions 9–12', () => {
    expect(sumOver(hdl, 9, 12)).toBeLessThan(0.05);
    expect(sumOver(albumin, 9, 12)).toBeLessThan(0.01);
  });

  it('does the same through the chain simulator with the default CL-2B column', () => {
    const result = simulateProtocol({
      input: { preset: 'human-plasma', volumeMl: 1 },
      protocol: {
        version: 1,
        name: 'Böing 2014',
        steps: [
          {
            method: 'size-exclusion-chromatography',
            parameters: {
              resin: 'sepharose-cl-2b',
              bedVolumeMl: 10,
              fractionVolumeMl: 0.5,
              collectFractions: '9-12',
            },
            notes: '',
          },
        ],
      },
    });
    const step = result.steps[0];
    const cut = Object.fromEntries((step?.cutoffs ?? []).map((c) => [c.name, c.value]));
    expect(cut.evPeakFraction).toBeGreaterThanOrEqual(9);
    expect(cut.evPeakFraction).toBeLessThanOrEqual(12);
    expect(cut.proteinPeakFraction).toBeGreaterThanOrEqual(19);
    expect(cut.proteinPeakFraction).toBeLessThanOrEqual(21);
    // Böing: < 5 % of HDL and < 1 % of protein in fractions 9–12.
    expect((step?.lipoproteins.hdl ?? 1) / (result.input.lipoproteins.hdl ?? 1)).toBeLessThan(0.05);
    expect((step?.proteinUg ?? 1) / result.input.proteinUg).toBeLessThan(0.01);
    // Böing: 43 % of platelet EVs recovered in fractions 9–12 (± 23 %).
    expect(step?.recoveryPercent).toBeGreaterThan(20);
    expect(step?.recoveryPercent).toBeLessThan(66);
    expect(step?.fractions?.filter((f) => f.collected).map((f) => f.number)).toEqual([9, 10, 11, 12]);
  });
});

describe('SEC partition model', () => {
  it('excludes particles at or above the pore diameter and follows (1 − λ)² below it', () => {
    expect(partitionCoefficient(75, 75)).toBe(0);
    expect(partitionCoefficient(200, 75)).toBe(0);
    expect(partitionCoefficient(37.5, 75)).toBeCloseTo(0.25, 12);
    expect(partitionCoefficient(0, 75)).toBe(1);
  });

  it('elutes an excluded particle at the void volume and a fully included one at the total volume', () => {
    const column = { ...BOING_COLUMN, deadVolumeMl: 0 };
    expect(elutionVolumeMl(column, 500)).toBeCloseTo(3.8, 12);
    expect(elutionVolumeMl(column, 0)).toBeCloseTo(10, 12);
  });

  it('conserves mass over the fractions', () => {
    const shares = fractionShares(BOING_COLUMN, 20, 0.5, 60);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('collects qEV legacy fractions 7–9 around the excluded peak of a 0.5 mL load', () => {
    const column: SecColumn = { ...BOING_COLUMN, deadVolumeMl: 0, poreDiameterNm: 70, sampleVolumeMl: 0.5 };
    const peak = peakFraction(fractionShares(column, 150, 0.5, 40));
    expect(peak).toBeGreaterThanOrEqual(7);
    expect(peak).toBeLessThanOrEqual(9);
  });
});
