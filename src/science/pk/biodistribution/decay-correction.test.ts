import { describe, expect, it } from 'vitest';
import { decayCorrect, decayCorrectionFactor, decayFactor } from './decay-correction.ts';
import { halfLifeHours, RADIONUCLIDE_HALF_LIVES } from './radionuclide-half-lives.ts';

describe('radionuclide half-lives (ENSDF via NuDat 3)', () => {
  // Expected values: parent half-lives of the ENSDF decay data sets (NuDat 3; ⁹⁹ᵐTc from Browne & Tuli,
  // Nucl. Data Sheets 145, 25 (2017); the others as extracted in paceENSDF, Hurst et al. 2022). Sources are
  // listed in radionuclide-half-lives.ts.
  it('holds the evaluated values, converted to hours', () => {
    expect(halfLifeHours('99mTc')).toBe(6.0072);
    expect(halfLifeHours('111In')).toBeCloseTo(2.8047 * 24, 10); // 67.3128 h
    expect(halfLifeHours('125I')).toBeCloseTo(59.4 * 24, 10); // 1425.6 h
    expect(halfLifeHours('89Zr')).toBe(78.41);
    expect(halfLifeHours('64Cu')).toBe(12.7006);
    expect(halfLifeHours('124I')).toBeCloseTo(4.176 * 24, 10);
    expect(halfLifeHours('131I')).toBeCloseTo(8.0252 * 24, 10);
    expect(halfLifeHours('DiR')).toBeNull();
    expect(Object.keys(RADIONUCLIDE_HALF_LIVES)).toHaveLength(7);
  });
});

describe('decay correction', () => {
  it('halves per half-life and doubles back', () => {
    expect(decayFactor(6.0067, 6.0067)).toBeCloseTo(0.5, 15);
    expect(decayFactor(3 * 78.41, 78.41)).toBeCloseTo(0.125, 15);
    expect(decayCorrectionFactor(0, 6.0067)).toBe(1);
    expect(decayCorrect(10, 2 * 12.701, 12.701)).toBeCloseTo(40, 12);
  });

  it('matches hand-computed corrections', () => {
    // ⁹⁹ᵐTc, 24 h: 24 / 6.0067 = 3.99554 half-lives; 2^3.99554 = 16 × 2^−0.00446 = 16 × 0.996913 = 15.9506
    expect(decayCorrectionFactor(24, 6.0067)).toBeCloseTo(15.9506, 3);
    // ⁹⁹ᵐTc, 4 h: 4 / 6.0067 = 0.665923; 2^0.665923 = e^(0.665923 × 0.693147) = e^0.461583 = 1.58658
    expect(decayCorrectionFactor(4, 6.0067)).toBeCloseTo(1.58658, 4);
    // ⁸⁹Zr, 24 h: 24 / 78.41 = 0.306083; e^(0.306083 × 0.693147) = e^0.212161 = 1.23635
    expect(decayCorrectionFactor(24, 78.41)).toBeCloseTo(1.23635, 4);
    // ¹¹¹In, 48 h: T½ = 67.3128 h; 48 / 67.3128 = 0.713089; e^(0.494275) = 1.63931
    expect(decayCorrectionFactor(48, 2.8047 * 24)).toBeCloseTo(1.63931, 4);
    // 2.0 %ID/g counted 24 h after a ⁹⁹ᵐTc injection without a co-counted standard → 31.90 %ID/g
    expect(decayCorrect(2, 24, 6.0067)).toBeCloseTo(31.901, 2);
  });

  it('refuses a non-positive half-life', () => {
    expect(() => decayFactor(1, 0)).toThrow(RangeError);
  });
});
