/**
 * decimalAt (in-place decimal reading for the NTA Graph Data fast path) against the JavaScript engine's own
 * Number() — the ECMAScript StringToNumber conversion, correctly rounded to the nearest double (ECMA-262
 * §7.1.4.1.1) — and against scanDecimal's syntax. Inputs are generated, not evlab results.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAt, MAX_NUMBER_CHARS, scanDecimal } from './decimal.ts';

/** What decimalAt must return for `s`: scanDecimal's number, NaN where scanDecimal refuses it. */
function expected(s: string): number {
  const value = scanDecimal(s);
  return typeof value === 'number' ? value : Number.NaN;
}

describe('decimalAt', () => {
  it('reads the value Number() gives for any decimal text (fast path and fallback)', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '7', '9'), maxLength: 20 });
    const decimalText = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.boolean(),
        digits,
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.nat(340))),
      )
      .map(
        ([sign, int, dot, frac, exp]) =>
          `${sign}${int}${dot ? '.' : ''}${dot ? frac : ''}${exp ? `${exp[0]}${exp[1]}${exp[2]}` : ''}`,
      );
    fc.assert(
      fc.property(decimalText, (s) => {
        expect(Object.is(decimalAt(s, 0, s.length), expected(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads every double as String() writes it, exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = String(x); // String(-0) is "0": compare with what the text says
        expect(Object.is(decimalAt(s, 0, s.length), Object.is(x, -0) ? 0 : x)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what scanDecimal refuses: blanks, signs or exponents alone, other characters', () => {
    const chars = fc.constantFrom('0', '1', '9', '.', 'e', 'E', '+', '-', 'x', ' ', ',');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (cs) => {
        const s = cs.join('');
        expect(Object.is(decimalAt(s, 0, s.length), expected(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const s of ['', ' 1', '1 ', '+', '-.', '.', '1e', '1e+', 'e5', '1..2', '0x10', 'Infinity', '1,5'])
      expect(decimalAt(s, 0, s.length)).toBeNaN();
  });

  it('reads a range inside a longer line without the neighbouring cells', () => {
    const line = '206.5,236737,-1.5e-3,,7';
    expect(decimalAt(line, 0, 5)).toBe(206.5);
    expect(decimalAt(line, 6, 12)).toBe(236737);
    expect(decimalAt(line, 13, 20)).toBe(-0.0015);
    expect(decimalAt(line, 21, 21)).toBeNaN();
    expect(decimalAt(line, 22, 23)).toBe(7);
  });

  it('refuses values beyond a double and text beyond the length bound, as scanDecimal does', () => {
    expect(decimalAt('1e309', 0, 5)).toBeNaN();
    expect(decimalAt('-1e309', 0, 6)).toBeNaN();
    expect(decimalAt('1e-400', 0, 6)).toBe(0);
    const long = `0.${'1'.repeat(MAX_NUMBER_CHARS)}`;
    expect(decimalAt(long, 0, long.length)).toBeNaN();
    const atBound = `0.${'1'.repeat(MAX_NUMBER_CHARS - 2)}`;
    expect(decimalAt(atBound, 0, atBound.length)).toBe(Number(atBound));
  });

  it('is exact on the cases a naive digit-by-digit reader gets wrong', () => {
    // 0.1 + 0.2-style rounding: each must be the nearest double, as Number() gives.
    for (const s of ['0.1', '0.3', '2.675', '1.005', '9007199254740993', '123456789012345.6', '1e23'])
      expect(decimalAt(s, 0, s.length)).toBe(Number(s));
    expect(Object.is(decimalAt('-0', 0, 2), -0)).toBe(true);
  });
});
