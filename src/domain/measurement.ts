/** Kinds of measurement evlab can read. Later issues add flow cytometry, plate readers, blots, proteomics, TEM. */
export const MEASUREMENT_KINDS = [
  'nta',
  'zetaview',
  'tem',
  'tem-image',
  'protein-assay',
  'western-blot',
  'proteomics',
  'flow',
  'nta-tracks',
] as const;
/** Kind recorded for an upload no reader recognised: the raw file is kept, the measurement is unparsed. */
export const UNRECOGNISED_KIND = 'unrecognised' as const;
/** Every kind a stored measurement can have: a readable kind, or unrecognised. */
export const STORED_MEASUREMENT_KINDS = [...MEASUREMENT_KINDS, UNRECOGNISED_KIND] as const;
export type MeasurementKind = (typeof STORED_MEASUREMENT_KINDS)[number];

export interface RawFile {
  id: string;
  batchId: string | null;
  sha256: string;
  originalName: string;
  sizeBytes: number;
  mediaType: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ParseErrorInfo {
  code: string;
  message: string;
  line: number | null;
  byteOffset: number | null;
}

export type MeasurementStatus = 'parsed' | 'unparsed';

export interface MeasurementSummary {
  id: string;
  batchId: string;
  kind: MeasurementKind;
  instrument: string;
  rawFileId: string;
  readerName: string;
  readerVersion: string;
  status: MeasurementStatus;
  error: ParseErrorInfo | null;
  createdAt: string;
  /** Set when a user retracted the measurement (migration 0004); raw bytes and the row are kept. */
  retraction?: MeasurementRetraction | null;
  /** Dilution of the sample as measured, entered by a user when the file does not record it. */
  dilutionFactor?: number | null;
  /** In lists (GET /api/measurements): the raw file's name, and the sample and capture time the file records. */
  fileName?: string | null;
  sample?: string | null;
  capturedAt?: string | null;
  /** In lists: the dilution factor the file itself records (NanoSight, ZetaView); null when it records none. */
  fileDilutionFactor?: number | null;
}

export interface MeasurementRetraction {
  at: string;
  by: string;
  reason: string;
}

/** A measurement with its parsed record (the reader's full output) and derived metrics (evlab's analysis). */
export interface Measurement extends MeasurementSummary {
  parsed: unknown | null;
  metrics: unknown | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  entityType:
    | 'project'
    | 'source'
    | 'batch'
    | 'raw-file'
    | 'measurement'
    | 'pk-study'
    | 'trial'
    | 'user'
    | 'api-token'
    // Sign-in history (category access): successes, failures, lockouts, sign-outs.
    | 'sign-in'
    // QC and release (src/store/kysely-qc-store.ts)
    | 'specification'
    | 'qc-result'
    | 'qc-evaluation'
    | 'deviation'
    | 'signature'
    // Background jobs (src/jobs/queue): cancellation, expiry of a result file.
    | 'job';
  entityId: string;
  /** The batch the event concerns (the batch itself, one of its raw files or measurements); null otherwise. */
  batchId: string | null;
  action:
    | 'create'
    | 'update'
    | 'delete'
    | 'status-change'
    | 'upload'
    | 'parse'
    | 'sign'
    // Sign-in history (entity type sign-in).
    | 'sign-in'
    | 'sign-in-failed'
    | 'lockout'
    | 'sign-out';
  before: unknown | null;
  after: unknown | null;
  /** Why (ALCOA+): the reason given, when one was asked for (e.g. at signing); null otherwise. */
  reason?: string | null;
}
