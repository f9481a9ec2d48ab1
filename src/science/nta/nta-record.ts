/**
 * A neutral, instrument-independent record of one nanoparticle tracking analysis (NTA) measurement:
 * what any NTA instrument (NanoSight, ZetaView, ...) reports — sample metadata, one entry per captured
 * video with its conditions and results, the instrument's own status/warning table, and the size
 * distributions per weighting (bins, per-video values, and the statistics the instrument reported).
 *
 * Readers in src/formats build this; science code (analyseNta, QC flags, statistics) consumes it.
 * Nothing here knows a file format. Missing values are `null`, never NaN.
 */
import type { NtaSizeStats } from './nta-report.ts';

/** How a size distribution is weighted: by particle number, by surface area (∝ d²) or by volume (∝ d³). */
export type NtaWeighting = 'number' | 'surface-area' | 'volume';

export const NTA_WEIGHTINGS: readonly NtaWeighting[] = ['number', 'surface-area', 'volume'];

export interface NtaSampleInfo {
  /** Instrument software and version, e.g. "NTA 3.3 - Sample Assistant Dev Build 3.3.203". */
  software: string | null;
  experimentName: string | null;
  operator: string | null;
  /** Local date-time of capture as ISO 8601 `YYYY-MM-DDTHH:mm:ss` (instruments record no time zone). */
  capturedAt: string | null;
  sampleDescription: string | null;
  pretreatment: string | null;
  diluent: string | null;
  remarks: string | null;
}

/** Acquisition conditions of one video. */
export interface NtaVideoConditions {
  temperatureC: number | null;
  viscosityCP: number | null;
  cameraType: string | null;
  laserType: string | null;
  cameraLevel: number | null;
  shutterMs: number | null;
  frameRateFps: number | null;
}

/** Per-video results. Concentrations are already multiplied by the dilution factor when one was recorded. */
export interface NtaVideoResults {
  dilutionFactor: number | null;
  concentrationPerMl: number | null;
  particlesPerFrame: number | null;
  centresPerFrame: number | null;
  completedTracks: number | null;
  /** Tracks that entered the number-weighted size distribution. */
  validTracks: number | null;
  driftXPixPerFrame: number | null;
  driftYPixPerFrame: number | null;
}

export interface NtaVideo {
  name: string;
  conditions: NtaVideoConditions;
  results: NtaVideoResults;
}

/** A value averaged over the videos by the instrument, with its standard error. */
export interface NtaAveraged {
  value: number | null;
  standardError: number | null;
}

export interface NtaAverageResults {
  concentrationPerMl: NtaAveraged;
  particlesPerFrame: NtaAveraged;
  centresPerFrame: NtaAveraged;
}

/**
 * One row of the instrument's own status table, e.g. group "Concentration Warnings", item
 * "Particles per frame", one text value per video ("OK", "Too Low", ...). Which values are warnings is
 * decided by nta-qc-flags.ts, not here.
 */
export interface NtaStatusRow {
  group: string;
  item: string;
  perVideo: (string | null)[];
}

/** Statistics as the instrument reported them (not recomputed), per video plus average and standard error. */
export interface NtaReportedStats {
  perVideo: NtaSizeStats[];
  average: NtaSizeStats | null;
  standardError: NtaSizeStats | null;
}

export interface NtaSizeDistribution {
  weighting: NtaWeighting;
  /** Unit of the bin values, e.g. "particles/mL", "nm²/mL", "nm³/mL". */
  unit: string;
  /** Bin centres, nm (NanoSight: 1 nm bins 0.5 … 999.5). */
  binCentersNm: number[];
  /** perVideo[video][bin]. */
  perVideo: number[][];
  /** Average over videos per bin as reported by the instrument, or null when it reports none. */
  average: number[] | null;
  standardError: number[] | null;
  reported: NtaReportedStats;
  /** Valid tracks per video that entered this distribution. */
  validTracks: (number | null)[];
}

export interface NtaSizeDistributions {
  number: NtaSizeDistribution;
  surfaceArea: NtaSizeDistribution | null;
  volume: NtaSizeDistribution | null;
}

export interface NtaRecord {
  /** Instrument family, e.g. "NanoSight"; null when unknown. */
  instrument: string | null;
  sample: NtaSampleInfo;
  videos: NtaVideo[];
  average: NtaAverageResults;
  /** The instrument's own warnings/information table (may be empty). */
  status: NtaStatusRow[];
  sizeDistributions: NtaSizeDistributions;
}

export function emptySizeStats(): NtaSizeStats {
  return { meanNm: null, modeNm: null, sdNm: null, d10Nm: null, d50Nm: null, d90Nm: null };
}
