/**
 * Ingest of one instrument file into a batch, the same for API uploads, `evlab import` and demo seeding:
 *   1. the batch must exist (StoreError not-found, before anything is stored);
 *   2. the bytes go to the blob store first (content-addressed, byte-identical, kept whatever happens next);
 *   3. a raw_files row records them;
 *   4. the reader for the file's kind parses them: success → measurement 'parsed' with parsed + metrics;
 *      FormatError → 'unparsed' with { code, message, line, byteOffset }; a crash inside a reader →
 *      'unparsed' with code 'reader-crashed'; a file no reader claims → 'unparsed' with 'unknown-format'.
 * Reading a file never throws for bad content: the caller always gets { rawFile, measurement }.
 */
import {
  MEASUREMENT_KINDS,
  type Measurement,
  type ParseErrorInfo,
  type RawFile,
  UNRECOGNISED_KIND,
} from '../domain/measurement.ts';
import { FormatError } from '../formats/format-error.ts';
import { StoreError } from '../store/evlab-store.ts';
import { detectKind, type MeasurementReader, type ReaderOptions, readerFor } from './measurement-readers.ts';
import {
  type AcquisitionParameterName,
  type AcquisitionParameters,
  MissingAcquisitionParametersError,
} from './track-readers.ts';
import type { Workbench } from './workbench.ts';

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
}

export interface IngestRequest {
  batchId: string;
  /** Original file name as the user knows it (path components are dropped). */
  fileName: string;
  /** The file's bytes: exactly one of bytes, stream, or blob (already in the blob store). */
  bytes?: Uint8Array;
  stream?: AsyncIterable<Uint8Array>;
  blob?: StoredBlob;
  /** Media type as uploaded; defaults to application/octet-stream. */
  mediaType?: string;
  /** Acting user, recorded in the audit trail. */
  actor: string;
  /** Measurement kind; detected from content and file name when absent. */
  kind?: string;
  /** Acquisition parameters stated with the upload (track tables: µm/px, fps, temperature, viscosity). */
  acquisition?: AcquisitionParameters;
}

export interface IngestResult {
  rawFile: RawFile;
  measurement: Measurement;
}

/** An upload beyond the workbench's size limit. Nothing of it is kept. */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
  readonly code = 'too-large';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the upload limit of ${formatBytes(maxBytes)}.`);
  }
}

/** True for our own UploadTooLargeError and for the blob store's size-limit error (code 'too-large'). */
export function isUploadTooLarge(error: unknown): boolean {
  if (error instanceof UploadTooLargeError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return code === 'too-large' || code === 'blob-too-large' || name === 'BlobTooLargeError';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** Kind recorded for a file no reader claims: the domain has no 'unknown' kind yet (see CONTEXT.md). */
const FALLBACK_KIND = UNRECOGNISED_KIND;
const DETECT_READER = { name: 'evlab-detect-kind', version: '1', instrument: 'unknown' };

/** The base name of an uploaded file (browsers may send `C:\fakepath\x.csv`), at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned === '' ? 'upload' : cleaned).slice(0, 255);
}

/** A syntactically valid media type (`type/subtype`, optional parameters), else application/octet-stream. */
export function cleanMediaType(mediaType: string | undefined): string {
  const value = (mediaType ?? '').trim();
  if (value.length > 0 && value.length <= 255 && /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/.test(value))
    return value;
  return 'application/octet-stream';
}

/** Stores a file's bytes in the blob store, enforcing the workbench's upload limit. */
export async function storeUpload(
  wb: Workbench,
  source: { bytes: Uint8Array } | { stream: AsyncIterable<Uint8Array> },
): Promise<StoredBlob> {
  if ('bytes' in source) {
    if (source.bytes.byteLength > wb.maxUploadBytes) throw new UploadTooLargeError(wb.maxUploadBytes);
    return wb.blobs.put(source.bytes);
  }
  try {
    return await wb.blobs.putStream(source.stream, wb.maxUploadBytes);
  } catch (error) {
    if (isUploadTooLarge(error) && !(error instanceof UploadTooLargeError)) {
      throw new UploadTooLargeError(wb.maxUploadBytes);
    }
    throw error;
  }
}

async function requireBatch(wb: Workbench, batchId: string): Promise<void> {
  const batch = await wb.store.getBatch(batchId);
  if (!batch) throw new StoreError('not-found', `Batch ${batchId} does not exist`, ['batchId']);
}

/** Stores, records and reads one file. Throws only for a missing batch, an oversize file or I/O errors. */
export async function ingestRawFile(wb: Workbench, request: IngestRequest): Promise<IngestResult> {
  const sources = [request.bytes, request.stream, request.blob].filter((s) => s !== undefined).length;
  if (sources !== 1) throw new TypeError('ingestRawFile needs exactly one of bytes, stream or blob');
  await requireBatch(wb, request.batchId);

  let blob: StoredBlob;
  if (request.blob) blob = request.blob;
  else if (request.bytes) blob = await storeUpload(wb, { bytes: request.bytes });
  else blob = await storeUpload(wb, { stream: request.stream as AsyncIterable<Uint8Array> });

  return recordStoredFile(wb, { ...request, blob, bytes: request.bytes }, true);
}

/**
 * Records and reads a file whose bytes are already in the blob store (the API stores every part of a
 * multipart upload first, then records them, so an oversize part leaves no rows behind).
 */
export async function ingestStoredBlob(
  wb: Workbench,
  request: Omit<IngestRequest, 'bytes' | 'stream' | 'blob'> & { blob: StoredBlob },
): Promise<IngestResult> {
  return recordStoredFile(wb, request, false);
}

async function recordStoredFile(
  wb: Workbench,
  request: Omit<IngestRequest, 'stream'> & { blob: StoredBlob },
  batchChecked: boolean,
): Promise<IngestResult> {
  if (!batchChecked) await requireBatch(wb, request.batchId);
  const fileName = cleanFileName(request.fileName);
  const bytes = request.bytes ?? (await wb.blobs.get(request.blob.sha256));
  if (!bytes) throw new Error(`blob ${request.blob.sha256} is missing from the blob store`);

  const fileData = {
    batchId: request.batchId,
    sha256: request.blob.sha256,
    originalName: fileName,
    sizeBytes: request.blob.sizeBytes,
    mediaType: cleanMediaType(request.mediaType),
  };

  // Read first, then write the raw file row and its measurement in ONE transaction: a crash (kill -9)
  // never leaves a raw file without its measurement (issue 10).
  const kind = request.kind ?? detectKind(bytes, fileName);
  const reader = kind ? readerFor(kind) : undefined;
  if (!reader) {
    const message =
      kind === null
        ? `${fileName}: no reader recognises this file (known kinds: ${MEASUREMENT_KINDS.join(', ')}); name the kind explicitly if it is one of them`
        : `${fileName}: unknown measurement kind "${kind}" (known kinds: ${MEASUREMENT_KINDS.join(', ')})`;
    return wb.store.createRawFileWithMeasurement(
      fileData,
      {
        kind: FALLBACK_KIND,
        instrument: DETECT_READER.instrument,
        readerName: DETECT_READER.name,
        readerVersion: DETECT_READER.version,
        status: 'unparsed',
        error: { code: 'unknown-format', message, line: null, byteOffset: null },
        parsed: null,
        metrics: null,
      },
      request.actor,
    );
  }

  const options = request.acquisition ? { acquisition: request.acquisition } : undefined;
  // Bytes read back from the blob store are a fresh buffer of this call's own (BlobStore.get): the reader may
  // decode over them. Bytes the caller passed are never written.
  const readOptions = request.bytes ? options : { ...options, ownsBytes: true };
  // A file that needs parameters the upload does not give is refused before anything is recorded, so the
  // user can upload it again with them (the content-addressed blob may stay; no row refers to it).
  const missing = reader.missingParameters?.(bytes, fileName, options) ?? [];
  if (missing.length > 0)
    throw new MissingAcquisitionParametersError(fileName, missing as AcquisitionParameterName[]);
  const outcome = runReader(reader, bytes, fileName, readOptions);
  return wb.store.createRawFileWithMeasurement(
    fileData,
    {
      kind: reader.kind,
      instrument: reader.instrument,
      readerName: reader.readerName,
      readerVersion: reader.readerVersion,
      ...(outcome.ok
        ? { status: 'parsed' as const, error: null, parsed: outcome.parsed, metrics: outcome.metrics }
        : { status: 'unparsed' as const, error: outcome.error, parsed: null, metrics: null }),
    },
    request.actor,
  );
}

type ReaderOutcome = { ok: true; parsed: unknown; metrics: unknown } | { ok: false; error: ParseErrorInfo };

/** Runs a reader; FormatError and any other exception become a ParseErrorInfo, never an exception. */
export function runReader(
  reader: MeasurementReader,
  bytes: Uint8Array,
  fileName: string,
  options?: ReaderOptions,
): ReaderOutcome {
  try {
    const { parsed, metrics } = reader.read(bytes, fileName, options);
    // Round-trip through JSON now, so what is stored is exactly what a client will read back.
    return { ok: true, parsed: toJsonValue(parsed), metrics: toJsonValue(metrics) };
  } catch (error) {
    if (error instanceof FormatError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, line: error.line, byteOffset: error.byteOffset },
      };
    }
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ok: false,
      error: {
        code: 'reader-crashed',
        message: `${fileName}: the ${reader.readerName} reader failed unexpectedly (${detail.slice(0, 300)}). The file is stored; please report this.`,
        line: null,
        byteOffset: null,
      },
    };
  }
}

function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
