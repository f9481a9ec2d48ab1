import { describe, expect, it } from 'vitest';
import { formatCount, formatFixed, formatScientific, Output, renderTable, sparkline } from './output.ts';
import { CapturedStream } from './testing.ts';

describe('formatScientific', () => {
  it('writes ×10 with superscript exponents for people', () => {
    expect(formatScientific(2.16e8)).toBe('2.16×10⁸');
    expect(formatScientific(1.234e10)).toBe('1.23×10¹⁰');
    expect(formatScientific(-4.5e-3)).toBe('-4.50×10⁻³');
    expect(formatScientific(7)).toBe('7.00');
    expect(formatScientific(0)).toBe('0');
  });

  it('writes C-style e notation with a two-digit exponent', () => {
    expect(formatScientific(2.16e8, { style: 'e' })).toBe('2.16e+08');
    expect(formatScientific(3.3e-12, { style: 'e', significant: 2 })).toBe('3.3e-12');
    expect(formatScientific(1.5e123, { style: 'e' })).toBe('1.50e+123');
  });

  it('shows a dash for missing values', () => {
    expect(formatScientific(null)).toBe('–');
    expect(formatScientific(Number.NaN)).toBe('–');
    expect(formatFixed(undefined)).toBe('–');
    expect(formatCount(null)).toBe('–');
  });

  it('rounds mantissas that carry into the next power of ten', () => {
    expect(formatScientific(9.999e7)).toBe('1.00×10⁸');
  });
});

describe('renderTable', () => {
  it('pads columns and right-aligns numbers', () => {
    const text = renderTable(
      ['name', 'value'],
      [
        ['a', '1.0'],
        ['longer', '123.4'],
      ],
      { align: ['left', 'right'] },
    );
    expect(text.split('\n')).toEqual(['name    value', '──────  ─────', 'a         1.0', 'longer  123.4']);
  });
});

describe('sparkline', () => {
  it('draws the tallest group as a full block and empty groups as blanks', () => {
    expect(sparkline([0, 1, 8, 4, 0], 5)).toBe(' ▂█▅ ');
  });
  it('groups long series into the given width', () => {
    expect([...sparkline(new Array(1000).fill(1), 50)]).toHaveLength(50);
  });
  it('is blank for an all-zero series', () => {
    expect(sparkline([0, 0, 0])).toBe('   ');
  });
});

describe('Output', () => {
  it('keeps stdout for the result and sends messages to stderr', () => {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    const out = new Output({ stdout, stderr }, true);
    out.print('human table');
    out.info('status');
    out.warn('careful');
    out.result({ a: 1 });
    expect(stdout.text).toBe('{"a":1}\n');
    expect(stderr.text).toBe('status\nwarning: careful\n');
  });

  it('pretty-prints JSON on a terminal', () => {
    const stdout = new CapturedStream(true);
    new Output({ stdout, stderr: new CapturedStream() }, true).result({ a: 1 });
    expect(stdout.text).toBe('{\n  "a": 1\n}\n');
  });
});

describe('formatCount without Intl', () => {
  it('writes what toLocaleString("en-US") writes', () => {
    for (const x of [
      0,
      -0,
      0.4,
      -0.4,
      7,
      999,
      1000,
      -1000,
      12_345.6,
      999_999.5,
      1_234_567,
      -98_765_432,
      2 ** 53,
      1e21,
      3.2e22,
    ]) {
      expect(formatCount(x)).toBe(Math.round(x).toLocaleString('en-US'));
    }
  });
});
