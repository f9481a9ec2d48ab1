/**
 * Everything a NanoSight NTA 3.x `*-ExperimentSummary.csv` export holds. It extends the neutral NtaRecord
 * (src/science/nta/nta-record.ts), so analyseNta() takes it directly, and adds the NanoSight-specific
 * sections: header lines, raw experiment details, conditions and settings tables, exclusion regions, the
 * two status tables, data-included list, the Size Data and Diffusion Coefficient Data blocks (statistics,
 * Graph Data bins and percentile tables for all three weightings) and every key/value row as text.
 */
import type { NtaRecord, NtaWeighting } from '../../science/nta/nta-record.ts';

/** Statistics of one distribution block as NTA writes them (nm for size, 1e4 nm²/s for diffusion). */
export interface NanoSightStats {
  mean: number | null;
  mode: number | null;
  sd: number | null;
  d10: number | null;
  d50: number | null;
  d90: number | null;
}

/** A table with one text value per video plus, where NTA writes them, Average and Standard Error columns. */
export interface NanoSightTableRow {
  key: string;
  /** 1-based line in the file. */
  line: number;
  perVideo: (string | null)[];
  average: string | null;
  standardError: string | null;
}

export interface NanoSightPercentileTable {
  /** The header row, e.g. ["Percentile", "Size (nm)", ...]. */
  header: string[];
  /** 0 … 100. */
  percent: number[];
  /** perVideo[video][row]. */
  perVideo: (number | null)[][];
}

export interface NanoSightDistributionBlock {
  weighting: NtaWeighting;
  /** As written: "Number", "Surface Area", "Volume". */
  weightingLabel: string;
  /** 1-based line of the `Weighting,...` row. */
  line: number;
  fileNames: string[];
  statistics: {
    perVideo: NanoSightStats[];
    average: NanoSightStats | null;
    standardError: NanoSightStats | null;
  };
  validTracks: (number | null)[];
  /** Header row of the Graph Data table. */
  binHeader: string[];
  /** Unit of the bin centres taken from the header, e.g. "nm" or "E4 nm²/s". */
  binUnit: string;
  binCenters: number[];
  /** perVideo[video][bin]. */
  perVideo: number[][];
  average: number[] | null;
  standardError: number[] | null;
  percentiles: NanoSightPercentileTable | null;
}

export interface NanoSightDistributionSection {
  /** 1-based line of the section header. */
  line: number;
  analysisMethod: string | null;
  number: NanoSightDistributionBlock | null;
  surfaceArea: NanoSightDistributionBlock | null;
  volume: NanoSightDistributionBlock | null;
}

export interface NanoSightSettings {
  detectionThreshold: (number | null)[];
  maxJumpMode: (string | null)[];
  maxJumpDistance: (number | null)[];
  blur: (string | null)[];
  minTrackLength: (string | null)[];
  firstFrame: (number | null)[];
  totalFramesAnalysed: (number | null)[];
  rows: NanoSightTableRow[];
}

export interface NanoSightConditions {
  sliderShutter: (number | null)[];
  sliderGain: (number | null)[];
  histogramUpperLimit: (number | null)[];
  histogramLowerLimit: (number | null)[];
  syringePumpSpeedAU: (number | null)[];
  rows: NanoSightTableRow[];
}

export interface NanoSightExperimentSummary extends NtaRecord {
  instrument: 'NanoSight';
  source: {
    file: string;
    reader: string;
    readerVersion: string;
    /** How the bytes were decoded. */
    encoding: 'latin1' | 'utf-8';
    /** The file carried a UTF-8 byte-order mark (a re-saved export). */
    byteOrderMark: boolean;
    /** Some fields were quoted (a re-saved export). */
    quotedFields: boolean;
    lineCount: number;
  };
  header: { title: string | null; createdWith: string | null };
  /** [Experiment Details] as written, key → value. */
  experimentDetails: Record<string, string>;
  /** `Time Captured` as written, e.g. "15:42:48  01/04/2021" (dd/mm/yyyy). */
  timeCapturedRaw: string | null;
  videoFileNames: string[];
  conditions: NanoSightConditions | null;
  settings: NanoSightSettings | null;
  exclusionRegions: { used: boolean; rows: string[][] } | null;
  results: NanoSightTableRow[];
  concentrationWarnings: NanoSightTableRow[] | null;
  information: NanoSightTableRow[] | null;
  dataIncluded: string[] | null;
  sizeData: NanoSightDistributionSection;
  diffusionCoefficientData: NanoSightDistributionSection | null;
  /** Every key/value row outside the bin and percentile tables: section → key → cells after the key. */
  keyValues: Record<string, Record<string, string[]>>;
  /** Things the reader noticed but tolerated (e.g. an optional block listed in [Data Included] but absent). */
  notes: string[];
}

/** A NanoSight summary as opposed to a plain neutral record (e.g. a synthetic one). */
export function isNanoSightExperimentSummary(record: NtaRecord): record is NanoSightExperimentSummary {
  return (
    record.instrument === 'NanoSight' &&
    'sizeData' in record &&
    typeof (record as Partial<NanoSightExperimentSummary>).sizeData === 'object'
  );
}
