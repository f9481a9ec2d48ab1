/**
 * The NTA analysis result evlab reports for one NanoSight export. This shape is a public contract:
 * `evlab nta FILE --json` prints an array of these, the API stores it as a measurement's metrics,
 * and the web NTA view draws it. Extend it only by adding keys.
 */

/** Size statistics of one number-weighted distribution, nm. Null when the distribution is empty. */
export interface NtaSizeStats {
  meanNm: number | null;
  modeNm: number | null;
  sdNm: number | null;
  d10Nm: number | null;
  d50Nm: number | null;
  d90Nm: number | null;
}

export interface QcFlag {
  level: 'info' | 'warning' | 'error';
  code: string;
  message: string;
}

export interface NtaVideoReport {
  name: string;
  temperatureC: number | null;
  viscosityCP: number | null;
  concentrationPerMl: number | null;
  particlesPerFrame: number | null;
  validTracks: number | null;
  completedTracks: number | null;
  /** The instrument's own statistics (Size Data, Number weighting). */
  reported: NtaSizeStats;
  /**
   * Recomputed by evlab: size statistics from the 1 nm number-weighted bins, and the water viscosity at the
   * video's temperature by the correlation NTA 3.x uses (stokes-einstein.ts; equals `Viscosity/cP`).
   */
  computed: NtaComputedStats;
}

/** evlab's recomputed values for one video: the size statistics plus the viscosity NTA would use, cP. */
export interface NtaComputedStats extends NtaSizeStats {
  viscosityCp: number | null;
}

export interface NtaReport {
  file: string;
  software: string | null;
  sample: string | null;
  operator: string | null;
  /** ISO 8601 local date-time as captured by the instrument (no time zone in the export). */
  capturedAt: string | null;
  dilutionFactor: number | null;
  videos: NtaVideoReport[];
  average: { concentrationPerMl: number | null; concentrationSE: number | null };
  /** Number-weighted size distribution (particles/mL per 1 nm bin): average, its standard error, per video. */
  distribution: {
    binCentersNm: number[];
    concentrationPerMl: number[];
    standardErrorPerMl: number[];
    perVideoPerMl: number[][];
  };
  flags: QcFlag[];
}
