/**
 * The registry of measurement readers, one entry per measurement kind. Ingest (API upload, CLI import,
 * demo seeding) looks readers up here, so a new instrument plugs in by adding one entry: a sniffer that
 * recognises its files, and a read function that returns the reader's record (`parsed`) and evlab's
 * analysis of it (`metrics`), or throws FormatError.
 */
import type { MeasurementKind } from '../domain/measurement.ts';
import {
  READER_NAME as FCS_READER_NAME,
  READER_VERSION as FCS_READER_VERSION,
  sniffFcs,
} from '../formats/fcs/read-fcs.ts';
import { readFlowMeasurement } from '../formats/fcs/read-flow-measurement.ts';
import { READER_NAME, READER_VERSION, sniffNanoSight } from '../formats/nanosight/read-experiment-summary.ts';
import { readNtaReport } from '../formats/nanosight/read-nta-report.ts';
import {
  readZetaViewTxt,
  sniffZetaView,
  ZETAVIEW_READER_NAME,
  ZETAVIEW_READER_VERSION,
} from '../formats/zetaview/read-zetaview-txt.ts';
import { analyseZetaView } from '../science/zetaview/analyse-zetaview.ts';
import { CHARACTERIZATION_READERS } from './characterization-readers.ts';
import { temImageReader, temTableReader } from './tem-readers.ts';
import { type AcquisitionParameters, trackTableReader } from './track-readers.ts';

export interface ReaderOutput {
  /** The reader's full typed record (stored as the measurement's `parsed`). */
  parsed: unknown;
  /** evlab's analysis of that record (stored as `metrics`); for NTA an NtaReport. */
  metrics: unknown;
}

/** What the uploader states beside the file (track tables need the camera's pixel size, frame rate…). */
export interface ReaderOptions {
  acquisition?: AcquisitionParameters;
  /**
   * The bytes are the caller's own copy, read only to be parsed (ingest of a blob: BlobStore.get gives a fresh
   * buffer per call): a reader may decode over them (FCS: `readFcs` in place, no copy of DATA).
   */
  ownsBytes?: boolean;
}

export interface MeasurementReader {
  kind: MeasurementKind;
  /** Instrument family, recorded on the measurement. */
  instrument: string;
  readerName: string;
  readerVersion: string;
  /** File names this reader's instrument writes; used when the content alone does not tell. */
  fileNamePattern: RegExp;
  /** True when the bytes look like this instrument's export (cheap: looks at the first bytes only). */
  sniff(bytes: Uint8Array): boolean;
  /** Reads the file; throws FormatError for malformed input. */
  read(bytes: Uint8Array, fileName: string, options?: ReaderOptions): ReaderOutput;
  /**
   * Parameters the file needs from the uploader and lacks (checked before anything is recorded); absent
   * for readers that need none.
   */
  missingParameters?(bytes: Uint8Array, fileName: string, options?: ReaderOptions): string[];
}

const nanoSightReader: MeasurementReader = {
  kind: 'nta',
  instrument: 'NanoSight NTA',
  readerName: READER_NAME,
  readerVersion: READER_VERSION,
  // NTA 3.x writes "<experiment> <date> <time>-ExperimentSummary.csv"; users rename, so any .csv/.txt counts.
  fileNamePattern: /(ExperimentSummary|\.csv|\.txt)$/i,
  sniff: (bytes) => sniffNanoSight(bytes),
  read(bytes, fileName) {
    const { summary, report } = readNtaReport(bytes, fileName);
    return { parsed: summary, metrics: report };
  },
};

const zetaViewReader: MeasurementReader = {
  kind: 'zetaview',
  instrument: 'Particle Metrix ZetaView',
  readerName: ZETAVIEW_READER_NAME,
  readerVersion: ZETAVIEW_READER_VERSION,
  // ZetaView names its exports "<date>_<time>_<sample>_size_488.txt", "…_11pos…", "…_prof_…".
  fileNamePattern: /(_size_|_11pos|_prof_)[^/\\]*\.txt$/i,
  sniff: (bytes) => sniffZetaView(bytes),
  read(bytes, fileName) {
    const parsed = readZetaViewTxt(bytes, fileName);
    return { parsed, metrics: analyseZetaView(parsed, fileName) };
  },
};

const fcsReader: MeasurementReader = {
  kind: 'flow',
  instrument: 'Flow cytometer (FCS)',
  readerName: FCS_READER_NAME,
  readerVersion: FCS_READER_VERSION,
  fileNamePattern: /\.(fcs|lmd)$/i,
  sniff: (bytes) => sniffFcs(bytes),
  read(bytes, fileName, options) {
    const { summary, metrics } = readFlowMeasurement(bytes, fileName, {
      inPlace: options?.ownsBytes === true,
    });
    return { parsed: summary, metrics };
  },
};

/** Order matters for the file-name fallback: specific patterns first, NanoSight's any-.csv/.txt late. */
export const MEASUREMENT_READERS: readonly MeasurementReader[] = [
  zetaViewReader,
  temTableReader,
  temImageReader,
  fcsReader,
  trackTableReader,
  nanoSightReader,
  ...CHARACTERIZATION_READERS,
];

export function readerFor(kind: string): MeasurementReader | undefined {
  return MEASUREMENT_READERS.find((r) => r.kind === kind);
}

/**
 * Which kind of measurement a file holds: first by content (a reader's sniffer), then by file name (so a
 * damaged export named like the instrument's files still reaches its reader, which then explains exactly
 * what is wrong: encoding, truncation, line). Null when nothing claims the file.
 */
export function detectKind(bytes: Uint8Array, fileName: string): MeasurementKind | null {
  for (const reader of MEASUREMENT_READERS) {
    if (safeSniff(reader, bytes)) return reader.kind;
  }
  for (const reader of MEASUREMENT_READERS) {
    if (reader.fileNamePattern.test(fileName)) return reader.kind;
  }
  return null;
}

function safeSniff(reader: MeasurementReader, bytes: Uint8Array): boolean {
  try {
    return reader.sniff(bytes);
  } catch {
    return false;
  }
}
