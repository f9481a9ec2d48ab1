import { describe, expect, it } from 'vitest';
import { binnedStats, percentileAtBinCentres } from './binned-percentiles.ts';
import { zetaViewConcentrationText, zetaViewRoundedConcentration } from './zetaview-concentration-format.ts';

describe('binned percentiles at bin centres (ZetaView X10/X50/X90)', () => {
  it('interpolates the cumulative count linearly between bin centres (worked by hand)', () => {
    // centres 10, 20, 30, 40 nm; counts 1, 2, 3, 4 → F = 0.1, 0.3, 0.6, 1.0 at the centres.
    // X10: reached at the first centre → 10. X50: 20 + (0.5 − 0.3)/(0.6 − 0.3)·10 = 26.667.
    // X90: 30 + (0.9 − 0.6)/(1.0 − 0.6)·10 = 37.5. Mean = 300/10 = 30; SD = √(1000/10) = 10.
    const s = binnedStats([10, 20, 30, 40], [1, 2, 3, 4]);
    expect(s.d10Nm).toBe(10);
    expect(s.d50Nm).toBeCloseTo(26.6667, 4);
    expect(s.d90Nm).toBeCloseTo(37.5, 10);
    expect(s.meanNm).toBe(30);
    expect(s.sdNm).toBe(10);
  });
  it('skips empty bins: the interpolation runs between populated centres', () => {
    // F = 0.5 at 10 nm, flat through 20 and 30 (empty), 1.0 at 40 → X90 between 30 (F 0.5) and 40.
    expect(percentileAtBinCentres([10, 20, 30, 40], [1, 0, 0, 1], 0.9)).toBeCloseTo(38, 10);
    expect(percentileAtBinCentres([10, 20, 30, 40], [1, 0, 0, 1], 0.5)).toBe(10);
  });
  it('an empty distribution gives nulls, never NaN', () => {
    expect(binnedStats([10, 20], [0, 0])).toEqual({
      d10Nm: null,
      d50Nm: null,
      d90Nm: null,
      meanNm: null,
      sdNm: null,
    });
  });
});

describe('ZetaView concentration rounding', () => {
  it('prints two significant digits in E-notation like the PDF report', () => {
    expect(zetaViewConcentrationText(31_234_567)).toBe('3.1E+7');
    expect(zetaViewConcentrationText(1.5625e10)).toBe('1.6E+10');
    expect(zetaViewConcentrationText(9.96e6)).toBe('1.0E+7');
    expect(zetaViewRoundedConcentration(2.449e8)).toBe(2.4e8);
    expect(zetaViewConcentrationText(null)).toBeNull();
  });
});
