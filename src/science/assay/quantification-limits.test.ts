import { describe, expect, it } from 'vitest';
import { calibrationLevel, quantificationLimits } from './quantification-limits.ts';

describe('ICH M10 calibration acceptance (LBA: ±20 %, ±25 % at LLOQ/ULOQ, ≥ 75 %, ≥ 6 levels)', () => {
  it('bias and CV of a level by hand', () => {
    const l = calibrationLevel(100, [110, 90, 100]);
    expect(l.meanBackCalculated).toBe(100);
    expect(l.biasPct).toBe(0);
    expect(l.cvPct).toBeCloseTo(10, 10);
    expect(l.passInner).toBe(true);
    const edge = calibrationLevel(100, [122, 124]);
    expect(edge.biasPct).toBeCloseTo(23, 10);
    expect(edge.passInner).toBe(false);
    expect(edge.passAtLimit).toBe(true);
  });

  it('LLOQ and ULOQ are the extreme levels within ±25 %; the anchor at 0 is not judged', () => {
    const levels = [
      calibrationLevel(0, [0.5]),
      calibrationLevel(5, [9, 9.5]), // +85 %: below the LLOQ
      calibrationLevel(10, [12.3, 12.2]), // +22.5 %: passes only as a limit
      ...[20, 40, 80, 160, 320].map((c) => calibrationLevel(c, [c * 1.05, c * 0.97])),
      calibrationLevel(640, [600, 610]), // −5.5 %
      calibrationLevel(1280, [700, 720]), // −44.5 %: above the ULOQ
    ];
    const limits = quantificationLimits(levels);
    expect(limits.lloq).toBe(10);
    expect(limits.uloq).toBe(640);
    expect(limits.passingFraction).toBe(1);
    expect(limits.accepted).toBe(true);
  });

  it('fails acceptance when fewer than 75 % pass between the limits or fewer than 6 levels remain', () => {
    const levels = [10, 20, 40, 80].map((c, i) => calibrationLevel(c, i === 1 || i === 2 ? [c * 1.3] : [c]));
    const limits = quantificationLimits(levels);
    expect(limits.lloq).toBe(10);
    expect(limits.uloq).toBe(80);
    expect(limits.passingFraction).toBe(0.5);
    expect(limits.accepted).toBe(false);
    expect(limits.reasons.join(' ')).toMatch(/75 %.*at least 6/s);
  });

  it('a level with a replicate off the curve fails', () => {
    expect(calibrationLevel(50, [50, null]).passAtLimit).toBe(false);
  });
});
