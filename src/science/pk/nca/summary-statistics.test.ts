import { readFileSync } from 'node:fs';
import { geometricMean, mean, median, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../../test/support/environment.ts';
import { summaryStatistics } from './summary-statistics.ts';

describe('summaryStatistics', () => {
  it('matches R for c(1, 2, 4, 8): mean 3.75, sd 3.095696, geomean 2.828427, median 3, geo CV 110.78 % (s² = ln(2)² · 5/3)', () => {
    // R 4.3: mean(x) 3.75; sd(x) 3.095696; exp(mean(log(x))) 2.828427; median(x) 3;
    // 100 * sqrt(exp(sd(log(x))^2) - 1) 110.78
    const s = summaryStatistics([1, 2, 4, 8]);
    expect(s.n).toBe(4);
    expect(s.mean).toBeCloseTo(3.75, 10);
    expect(s.sd).toBeCloseTo(3.095696, 6);
    expect(s.cvPercent).toBeCloseTo((100 * 3.095696) / 3.75, 4);
    expect(s.geometricMean).toBeCloseTo(2.828427, 6);
    expect(s.geometricCvPercent).toBeCloseTo(100 * Math.sqrt(Math.exp((Math.LN2 ** 2 * 5) / 3) - 1), 10);
    expect(s.geometricCvPercent).toBeCloseTo(110.78, 2);
    expect(s.median).toBe(3);
    expect([s.min, s.max]).toEqual([1, 8]);
  });

  it('leaves out missing values and counts them; no geometric statistics with a zero', () => {
    const s = summaryStatistics([0, 2, null, Number.NaN, 4]);
    expect(s.n).toBe(3);
    expect(s.nMissing).toBe(2);
    expect(s.median).toBe(2);
    expect(s.geometricMean).toBeNull();
    expect(s.geometricCvPercent).toBeNull();
  });

  it('has no SD for one value and nothing for none', () => {
    expect(summaryStatistics([5]).sd).toBeNull();
    expect(summaryStatistics([]).mean).toBeNull();
  });
});

describeWithReference('nca', 'summary of the WinNonlin Theoph parameters', () => {
  const lines = readFileSync(referencePath('nca', 'theoph-winnonlin-linuplogdown.csv'), 'utf8')
    .replace(/\r/g, '')
    .trim()
    .split('\n');
  const header = (lines[0] ?? '').split(',');
  const column = (name: string) =>
    lines.slice(1).map((l) => Number(l.split(',')[header.indexOf(name)] ?? Number.NaN));

  for (const name of ['Cmax', 'AUClast', 'AUCINF_obs', 'HL_Lambda_z', 'Tmax']) {
    it(`${name}: agrees with simple-statistics on the 12 subjects`, () => {
      const values = column(name);
      expect(values.length).toBe(12);
      const s = summaryStatistics(values);
      expect(s.n).toBe(12);
      expect(s.mean).toBeCloseTo(mean(values), 10);
      expect(s.sd).toBeCloseTo(sampleStandardDeviation(values), 10);
      expect(s.geometricMean).toBeCloseTo(geometricMean(values), 10);
      expect(s.median).toBeCloseTo(median(values), 10);
      expect(s.min).toBe(Math.min(...values));
      expect(s.max).toBe(Math.max(...values));
    });
  }
});
