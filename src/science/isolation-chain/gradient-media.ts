/**
 * Density of the two common gradient media as a function of concentration.
 */

/**
 * Iodixanol (OptiPrep): 60 % (w/v) stock has a density of 1.320 g/mL; dilutions with water or buffer are
 * linear in concentration to within ~0.002 g/mL (Ford, Graham & Rickwood 1994, Anal Biochem 220:360;
 * Axis-Shield OptiPrep application sheet C01). ρ = 1.000 + 0.00533·c (c in % w/v).
 */
export function iodixanolDensityGPerMl(percentWv: number): number {
  return 1.0 + ((1.32 - 1.0) / 60) * percentWv;
}

/**
 * Sucrose solutions at 20 °C, % (w/w) → g/mL (CRC Handbook of Chemistry and Physics, "Concentrative
 * properties of aqueous solutions: sucrose"); linear interpolation between the tabulated points.
 */
const SUCROSE_TABLE: readonly (readonly [number, number])[] = [
  [0, 0.9982],
  [10, 1.0381],
  [20, 1.081],
  [30, 1.127],
  [40, 1.1765],
  [50, 1.2295],
  [60, 1.2864],
  [65, 1.3163],
];

export const SUCROSE_MAX_PERCENT = 65;
export const IODIXANOL_MAX_PERCENT = 60;

export function sucroseDensityGPerMl(percentWw: number): number {
  const table = SUCROSE_TABLE;
  if (percentWw <= 0) return table[0]?.[1] ?? 0.9982;
  for (let i = 1; i < table.length; i++) {
    const [c1, r1] = table[i] as readonly [number, number];
    const [c0, r0] = table[i - 1] as readonly [number, number];
    if (percentWw <= c1) return r0 + ((percentWw - c0) / (c1 - c0)) * (r1 - r0);
  }
  return table[table.length - 1]?.[1] ?? 1.3163;
}

export type GradientMedium = 'iodixanol' | 'sucrose';

export function gradientDensityGPerMl(medium: GradientMedium, percent: number): number {
  return medium === 'iodixanol' ? iodixanolDensityGPerMl(percent) : sucroseDensityGPerMl(percent);
}
