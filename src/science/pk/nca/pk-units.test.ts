/**
 * Unit labels and time conversions of pk-units.ts, with factors written by hand (1 h = 60 min,
 * 1 d = 24 h = 1440 min; BIPM SI Brochure 9th ed., Table 8).
 */
import { describe, expect, it } from 'vitest';
import { convertTime, convertToReportTime, resolveUnits } from './pk-units.ts';

describe('report time unit', () => {
  it('labels every time-dimensioned unit with the report unit', () => {
    const u = resolveUnits({ time: 'min', reportTime: 'h', conc: 'ng/mL', dose: 'mg/kg' });
    expect(u.dataTime).toBe('min');
    expect(u.reportTime).toBe('h');
    expect(u.labels.time).toBe('h');
    expect(u.labels['per-time']).toBe('1/h');
    expect(u.labels.auc).toBe('h·ng/mL');
    expect(u.labels.aumc).toBe('h²·ng/mL');
    expect(u.labels.clearance).toBe('mL/h/kg');
    expect(u.labels.volume).toBe('mL/kg');
    expect(u.labels['auc-per-dose']).toBe('(h·ng/mL)/(mg/kg)');
    expect(u.doseToConcAmount).toBe(1e6); // mg → ng, unchanged by the time unit
  });
  it('defaults the report unit to the data unit and needs the data unit to convert', () => {
    expect(resolveUnits({ time: 'd' }).reportTime).toBe('d');
    expect(resolveUnits({ time: 'd' }).notes).toEqual([]);
    expect(resolveUnits({ conc: 'ng/mL' }).reportTime).toBeNull();
    expect(() => resolveUnits({ reportTime: 'h' })).toThrow(RangeError);
    expect(() => resolveUnits({ time: 'h', reportTime: 'week' as never })).toThrow(
      /unknown report time unit "week"/,
    );
  });
  it('converts by dimension with hand factors', () => {
    expect(convertToReportTime(90, 'time', 'min', 'h')).toBe(1.5);
    expect(convertToReportTime(0.01, 'per-time', 'min', 'h')).toBeCloseTo(0.6, 15);
    expect(convertToReportTime(120, 'auc', 'min', 'h')).toBe(2);
    expect(convertToReportTime(7200, 'aumc', 'min', 'h')).toBe(2);
    expect(convertToReportTime(1, 'clearance', 'min', 'h')).toBe(60);
    expect(convertToReportTime(3, 'time', 'd', 'h')).toBe(72);
    expect(convertToReportTime(1, 'aumc', 'd', 'min')).toBe(1440 ** 2);
    for (const d of ['conc', 'volume', 'percent', 'ratio', 'count', 'conc-per-dose'] as const) {
      expect(convertToReportTime(4.2, d, 'min', 'd'), d).toBe(4.2);
    }
    for (const t of [5, 7.5, 13, 1e-3, 333.3])
      expect(convertTime(convertTime(t, 'min', 'h'), 'h', 'min')).toBeCloseTo(t, 12);
  });
});
