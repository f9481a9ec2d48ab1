import { describe, expect, it } from 'vitest';
import { scientificUnicode, superscriptNumber, toScientific } from './number-format.ts';

describe('number format', () => {
  it('writes superscript exponents, negative ones with a superscript minus', () => {
    expect(superscriptNumber(8)).toBe('⁸');
    expect(superscriptNumber(-12)).toBe('⁻¹²');
  });
  it('rounds the mantissa across a decade', () => {
    expect(toScientific(9.996e7, 3)).toEqual({ mantissa: '1.00', exponent: 8 });
    expect(toScientific(2.16e8, 3)).toEqual({ mantissa: '2.16', exponent: 8 });
    expect(toScientific(-0.00042, 2)).toEqual({ mantissa: '-4.2', exponent: -4 });
  });
  it('omits ×10⁰', () => {
    expect(scientificUnicode('5.5', 0)).toBe('5.5');
    expect(scientificUnicode('2.16', 8)).toBe('2.16×10⁸');
  });
});
