/**
 * Linear-time decimal syntax for the text readers (issue 10: the former regex
 * `^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$` backtracked quadratically, so a 100,000-digit cell blocked the
 * server for seconds). One pass, no regex, and a length bound: the longest meaningful decimal is a
 * double written out in full (1.8e308 has 309 integer digits), so 400 characters is ample.
 */
export const MAX_NUMBER_CHARS = 400;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True when `s` is `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`, at most MAX_NUMBER_CHARS long. */
export function isDecimalSyntax(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > MAX_NUMBER_CHARS) return false;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n) {
    c = s.charCodeAt(i);
    if (c !== 101 && c !== 69) return false;
    i++;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    let exponent = 0;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      exponent++;
    }
    if (exponent === 0) return false;
  }
  return i === n;
}

/**
 * The number, 'not-a-number' (bad syntax or longer than MAX_NUMBER_CHARS), or 'overflow' when the text is
 * a decimal whose value is beyond a double (e.g. 1e309): never Infinity or NaN.
 */
export function scanDecimal(s: string): number | 'not-a-number' | 'overflow' {
  if (!isDecimalSyntax(s)) return 'not-a-number';
  const value = Number(s);
  return Number.isFinite(value) ? value : 'overflow';
}

/**
 * Powers of ten exactly representable as doubles (10^0 … 10^22: 5^22 < 2^53), for decimalAt's fast path.
 */
const EXACT_POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * Largest mantissa digit count of the fast path: 10^15 − 1 < 2^53, so a mantissa of at most 15 significant
 * digits is an exact integer double.
 */
const FAST_MANTISSA_DIGITS = 15;

/**
 * The decimal number written in `text` from `start` (inclusive) to `end` (exclusive), read in place without
 * slicing the text into a cell string (the Graph Data tables of an NTA export hold ~60,000 numbers per
 * file). Same syntax and bounds as scanDecimal, but no blanks are skipped: returns NaN for anything that
 * is not a decimal (including surrounding blanks or an empty range) or whose value is beyond a double, so a
 * caller can take a checked path that names the problem.
 *
 * The value is Number()'s, correctly rounded: with at most 15 significant digits and a decimal exponent
 * within ±22, mantissa and power of ten are both exact doubles and one multiplication or division rounds
 * correctly (Clinger, "How to read floating point numbers accurately", PLDI 1990, the fast path every
 * strtod uses). Anything else (long mantissas, large exponents) goes to Number() on the slice.
 */
export function decimalAt(text: string, start: number, end: number): number {
  const n = end - start;
  if (n <= 0 || n > MAX_NUMBER_CHARS) return Number.NaN;
  let i = start;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let significant = 0; // digits counted in the mantissa, leading zeros excluded
  let digits = 0;
  let scale = 0; // decimal exponent contributed by the fraction digits
  while (i < end) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (mantissa !== 0 || c !== 48) {
      mantissa = mantissa * 10 + (c - 48);
      significant++;
    }
    digits++;
    i++;
  }
  if (i < end && c === 46) {
    i++;
    while (i < end) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (mantissa !== 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        significant++;
      }
      scale--;
      digits++;
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  let exponent = 0;
  if (i < end) {
    if (c !== 101 && c !== 69) return Number.NaN;
    i++;
    let expNegative = false;
    c = text.charCodeAt(i);
    if (i < end && (c === 43 || c === 45)) {
      expNegative = c === 45;
      i++;
    }
    let expDigits = 0;
    while (i < end) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      // Saturate: any exponent beyond 10^6 is out of the fast path's range either way.
      if (exponent < 1_000_000) exponent = exponent * 10 + (c - 48);
      expDigits++;
      i++;
    }
    if (expDigits === 0) return Number.NaN;
    if (expNegative) exponent = -exponent;
  }
  const power = exponent + scale;
  let value: number;
  if (significant <= FAST_MANTISSA_DIGITS && power >= -22 && power <= 22) {
    value =
      power >= 0
        ? mantissa * (EXACT_POWERS_OF_TEN[power] as number)
        : mantissa / (EXACT_POWERS_OF_TEN[-power] as number);
    return negative ? -value : value;
  }
  value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : Number.NaN;
}
