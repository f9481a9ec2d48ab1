/**
 * Neutral types for a Particle Metrix ZetaView export, as read by src/formats/zetaview/. Three kinds of
 * `.txt` file come out of ZetaView 8.05/8.06: the size distribution of a measurement (`size`), the table
 * of the (usually 11) scanned cell positions (`positions`, file names with `_11pos`) and zeta-potential
 * profiles (`zeta`, file names with `_prof_`). Each kind is reported as itself, never read as another.
 */

export type ZetaViewKind = 'size' | 'positions' | 'zeta';

/** One bin of a ZetaView size table (the `Size / nm, Number, Concentration / cm-3, Volume / nm^3, Area / nm^2` columns). */
export interface ZetaViewBin {
  /** Bin centre, nm. */
  sizeNm: number;
  /** Traced particles in the bin (ZetaView writes it as a real number). */
  number: number;
  /** Particles per cm³ (= per mL) in the bin, in the measured (diluted) sample. */
  concentrationPerMl: number;
  /** Total volume of the bin's particles, nm³. */
  volumeNm3: number | null;
  /** Total surface of the bin's particles, nm². */
  areaNm2: number | null;
}

/** One row of the position table (`_11pos`). */
export interface ZetaViewPosition {
  position: number;
  /** Particles per mL measured at this position (diluted sample). */
  concentrationPerMl: number | null;
  /** Number-weighted median size at this position, nm. */
  x50Nm: number | null;
  /** Particles counted at this position, when the table says. */
  particles: number | null;
  /** True when ZetaView removed the position from the result (outlier or invalid). */
  removed: boolean;
}

/** The header facts every kind shares (null when the file does not say). */
export interface ZetaViewHeader {
  /** The software line as written, e.g. "ZetaView (version 8.05.12 SP2)". */
  software: string | null;
  /** The version number, e.g. "8.05.12". */
  softwareVersion: string | null;
  sample: string | null;
  operator: string | null;
  /** Date and time as written (ZetaView writes no time zone). */
  date: string | null;
  time: string | null;
  /** Sensed cell temperature, °C. */
  temperatureC: number | null;
  /** Viscosity ZetaView used, cP (mPa·s). */
  viscosityCp: number | null;
  /** Dilution factor (`Dilution::`). */
  dilution: number | null;
  /** Number of traces (`Number of Traces:`), i.e. tracked particles used for sizing. */
  numberOfTraces: number | null;
  averageParticlesPerFrame: number | null;
  laserWavelengthNm: number | null;
  positions: number | null;
  /** The instrument's own medians from the header (`Median Number (D50)` …), nm, when written. */
  reportedMedianNumberNm: number | null;
  reportedMedianVolumeNm: number | null;
  /** True when the file uses decimal commas (ZetaView 8.05 in some locales). */
  decimalComma: boolean;
  /** Every `Key: value` pair of the header, in file order (keys without the trailing colon). */
  keyValues: { key: string; value: string; line: number }[];
}

export interface ZetaViewFileRecord {
  kind: ZetaViewKind;
  header: ZetaViewHeader;
  /** Linear-bin size table (kind `size`). */
  linearBins: ZetaViewBin[];
  /** Logarithmic-bin size table after the `-1.000E+0` separator (kind `size`). */
  logBins: ZetaViewBin[];
  /** Position table (kind `positions`, or a size file that carries one). */
  positions: ZetaViewPosition[];
  /** Zeta potential values found in a `_prof_` file, mV (kind `zeta`). */
  zetaPotentialMv: number[];
  /** Notes the reader raised (unrecognised but harmless layout). */
  notes: string[];
}
