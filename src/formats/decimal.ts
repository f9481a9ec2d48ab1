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
