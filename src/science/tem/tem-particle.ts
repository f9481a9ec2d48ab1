/** One particle of an ImageJ "Analyze Particles" Results table, in the table's own unit (px or calibrated). */
export interface ParticleMeasurement {
  /** ImageJ's row number (1-based). */
  index: number;
  /** Area (unit²). */
  area: number | null;
  /** Perim. (unit). */
  perimeter: number | null;
  /** Major and minor axes of the fitted ellipse (unit). */
  major: number | null;
  minor: number | null;
  /** Feret's diameter (maximum caliper) and MinFeret (minimum caliper) (unit). */
  feret: number | null;
  minFeret: number | null;
  /** Circ. = 4π·area/perimeter² (0–1). */
  circularity: number | null;
  /** AR = major/minor. */
  aspectRatio: number | null;
  /** Round = 4·area/(π·major²). */
  roundness: number | null;
  /** Solidity = area/convex-hull area. */
  solidity: number | null;
}

/** The unit of the table's lengths: pixels (converted with nm/px) or a calibrated length unit. */
export type TableUnit = 'px' | 'nm' | 'um';
