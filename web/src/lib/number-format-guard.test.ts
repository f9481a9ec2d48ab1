/**
 * One number format in the UI (issue 9 item 12): numbers are written by the helpers of lib/format.ts
 * (formatSignificant, formatSci, formatDecimals, formatPercent, formatCount, formatVolumeUl, plotTickFormat…),
 * never by an ad-hoc toFixed/toPrecision/toExponential/toLocaleString or Intl.NumberFormat elsewhere in
 * web/src. This test fails when such a call appears, naming the file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatDecimals,
  formatFractionPercent,
  formatInputNumber,
  formatPercent,
  formatPercentTick,
  formatSignificant,
  plotTickFormat,
} from './format.ts';

const WEB_SRC = join(import.meta.dirname, '..');
const ALLOWED = new Set(['lib/format.ts']);
const AD_HOC = /\.(toFixed|toPrecision|toExponential|toLocaleString)\s*\(|\bIntl\.NumberFormat\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `file:line: text` of every ad-hoc number-format call outside lib/format.ts. */
function adHocFormatCalls(root: string): string[] {
  return sourceFiles(root).flatMap((file) => {
    const name = relative(root, file).split('\\').join('/');
    if (ALLOWED.has(name)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (AD_HOC.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : []));
  });
}

describe('one number format in web/src', () => {
  it('has no toFixed/toPrecision/toExponential/toLocaleString outside lib/format.ts', () => {
    expect(sourceFiles(WEB_SRC).length).toBeGreaterThan(100);
    expect(adHocFormatCalls(WEB_SRC)).toEqual([]);
  });

  it('the guard catches each kind of call (so an empty list means something)', () => {
    for (const call of [
      'x.toFixed(2)',
      'x.toPrecision(3)',
      'x.toExponential(1)',
      'n.toLocaleString("en")',
      'new Intl.NumberFormat()',
    ])
      expect(AD_HOC.test(call), call).toBe(true);
    expect(AD_HOC.test('formatSignificant(x, 3)')).toBe(false);
  });
});

describe('the shared helpers', () => {
  it('write computed values to significant digits with ×10ⁿ outside 0.01…10 000', () => {
    expect(formatSignificant(0.123456, 3)).toBe('0.123');
    expect(formatSignificant(1234.5, 4)).toBe('1235');
    expect(formatSignificant(2.1e8, 3)).toBe('2.1×10⁸');
    expect(formatSignificant(-3.2e-5, 2)).toBe('-3.2×10⁻⁵');
    expect(formatSignificant(null)).toBe('—');
  });
  it('fixed decimals with a true minus and no negative zero', () => {
    expect(formatDecimals(-12.345, 2)).toBe('−12.35');
    expect(formatDecimals(-0.0001, 2)).toBe('0.00');
    expect(formatDecimals(Number.NaN)).toBe('—');
  });
  it('percentages and percent ticks', () => {
    expect(formatPercent(23.456)).toBe('23.5 %');
    expect(formatFractionPercent(0.5)).toBe('50.0 %');
    expect(formatPercentTick(0.005)).toBe('0.5 %');
    expect(formatPercentTick(0.12)).toBe('12 %');
    expect(plotTickFormat(1.5e8)).toBe('1.5×10⁸');
  });
  it('input values Number() reads back', () => {
    for (const v of [1.234e10, 0.0833333333, 70, 2.5e-6]) {
      const text = formatInputNumber(v, 6);
      expect(Math.abs(Number(text) / v - 1)).toBeLessThan(1e-5);
      expect(text).not.toMatch(/×|,/);
    }
    expect(formatInputNumber(1.234e10, 4)).toBe('1.234e10');
    expect(formatInputNumber(25.000000000001, 12)).toBe('25');
  });
});
