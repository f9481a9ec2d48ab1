/**
 * Number formatting shared by the CLI and the web UI, so a concentration reads the same everywhere:
 * 2.16×10⁸ particles/mL. Pure; callers add units and choose the placeholder for missing values.
 */

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** An integer in superscript digits: -3 → "⁻³". */
export function superscriptNumber(n: number): string {
  return [...String(n)].map((c) => SUPERSCRIPT_DIGITS[c] ?? c).join('');
}

/**
 * Splits a finite number into a decimal mantissa with `significant` digits and a power of ten, rounding
 * correctly across a decade (9.996e7 at 3 digits → "1.00", 8).
 */
export function toScientific(value: number, significant: number): { mantissa: string; exponent: number } {
  const [mantissa = '0', exponentText = '0'] = value.toExponential(Math.max(0, significant - 1)).split('e');
  return { mantissa, exponent: Number(exponentText) };
}

/** "2.16×10⁸"; an exponent of 0 is written without the power of ten. */
export function scientificUnicode(mantissa: string, exponent: number): string {
  return exponent === 0 ? mantissa : `${mantissa}×10${superscriptNumber(exponent)}`;
}
