/**
 * Concentrations the way the ZetaView 8.05/8.06 PDF report prints them: two significant digits in
 * E-notation, mantissa with one decimal, exponent without padding ("3.1E+7 Particles / mL"). evlab keeps
 * the unrounded value and offers this text (and its numeric value) for comparison with the report.
 */

/** "3.1E+7" for 31,234,567; null for a missing or non-finite value. */
export function zetaViewConcentrationText(perMl: number | null): string | null {
  if (perMl === null || !Number.isFinite(perMl)) return null;
  if (perMl === 0) return '0.0E+0';
  const [mantissa, exponent] = perMl.toExponential(1).split('e') as [string, string];
  const e = Number(exponent);
  return `${mantissa}E${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}

/** The value the report shows, as a number (the text above parsed back). */
export function zetaViewRoundedConcentration(perMl: number | null): number | null {
  const text = zetaViewConcentrationText(perMl);
  return text === null ? null : Number(text);
}
