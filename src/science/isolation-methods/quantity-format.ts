/**
 * How the recommender, `evlab recommend` and the method comparison write volumes and times: three
 * significant digits, in the unit that keeps the number readable (µL / mL / L, min / h).
 */

/** `x` to three significant digits, without trailing zeros (1.50 → "1.5"). */
export function threeSignificant(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

export function formatMl(ml: number): string {
  if (ml >= 1000) return `${threeSignificant(ml / 1000)} L`;
  if (ml < 1) return `${threeSignificant(ml * 1000)} µL`;
  return `${threeSignificant(ml)} mL`;
}

export function formatHours(h: number): string {
  return h < 1 ? `${Math.round(h * 60)} min` : `${threeSignificant(h)} h`;
}
