/**
 * Typed access to the evlab HTTP API (docs/api.md). Every failed call becomes an ApiError carrying the
 * RFC 9457 problem+json fields (status, title, detail, errors[path, message]) so views can show them.
 * The browser's session cookie authenticates; writes carry the session's CSRF token (X-CSRF-Token). A 401
 * answer ends the session in the UI (the sign-in page shows).
 */
import type { Batch, BatchInput, BatchPatch, BatchStatus } from '../../../src/domain/batch.ts';
import type {
  AuditEvent,
  Measurement,
  MeasurementKind,
  MeasurementSummary,
  RawFile,
} from '../../../src/domain/measurement.ts';
import type { MscSource, MscSourceInput, MscSourcePatch } from '../../../src/domain/msc-source.ts';
import type { Project, ProjectInput, ProjectPatch } from '../../../src/domain/project.ts';
import { csrfHeader, sessionEnded } from './user.ts';

/** One page of a list answer (same shape as the store's Page<T>). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Health {
  status: 'ok';
  version: string;
  dialect: string;
}

export interface RecentMeasurement extends MeasurementSummary {
  batchCode: string;
  fileName?: string | null;
  sample?: string | null;
  capturedAt?: string | null;
}

export interface Dashboard {
  projectCount: number;
  batchCount: number;
  batchesByStatus: Record<BatchStatus, number>;
  recentMeasurements: RecentMeasurement[];
}

export interface UploadResult {
  rawFile: RawFile;
  measurement: MeasurementSummary;
}

export interface ProblemFieldError {
  path: (string | number)[];
  message: string;
}

/** A failed API call, as the server described it (problem+json) or as the browser saw it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string | null;
  readonly errors: ProblemFieldError[];
  /** The whole problem document, for extensions such as the upload `results`. */
  readonly problem: Record<string, unknown> | null;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | null;
    type?: string | null;
    errors?: ProblemFieldError[];
    problem?: Record<string, unknown> | null;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.type = init.type ?? null;
    this.errors = init.errors ?? [];
    this.problem = init.problem ?? null;
  }

  /** The message for one form field, e.g. fieldError(['code']). */
  fieldError(path: (string | number)[]): string | null {
    const key = path.join('.');
    return this.errors.find((e) => e.path.join('.') === key)?.message ?? null;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error)
    return new ApiError({ status: 0, title: 'Unexpected error', detail: error.message });
  return new ApiError({ status: 0, title: 'Unexpected error', detail: String(error) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    path: Array.isArray(e.path)
      ? (e.path.filter((p) => typeof p === 'string' || typeof p === 'number') as (string | number)[])
      : [],
    message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
  }));
}

/** Turns an error answer (problem+json, other JSON or plain text) into an ApiError. */
export function problemToError(
  status: number,
  statusText: string,
  body: string,
  contentType: string | null,
): ApiError {
  let parsed: unknown = null;
  if (body && (contentType?.includes('json') ?? false)) {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
  }
  if (isRecord(parsed)) {
    const title =
      typeof parsed.title === 'string'
        ? parsed.title
        : typeof parsed.error === 'string'
          ? parsed.error
          : statusText;
    const detail =
      typeof parsed.detail === 'string'
        ? parsed.detail
        : typeof parsed.message === 'string'
          ? parsed.message
          : null;
    return new ApiError({
      status: typeof parsed.status === 'number' ? parsed.status : status,
      title: title || `HTTP ${status}`,
      detail,
      type: typeof parsed.type === 'string' ? parsed.type : null,
      errors: readFieldErrors(parsed.errors),
      problem: parsed,
    });
  }
  const text = body.trim().slice(0, 300);
  return new ApiError({
    status,
    title: statusText || `HTTP ${status}`,
    detail:
      text && !text.startsWith('<') ? text : status >= 500 ? 'The evlab server failed to answer.' : null,
  });
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(method === 'GET' ? {} : csrfHeader()),
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      title: 'Cannot reach the evlab server',
      detail: `${method} ${path} failed before an answer arrived. Is \`evlab serve\` running?`,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 401) sessionEnded();
    throw problemToError(response.status, response.statusText, text, response.headers.get('content-type'));
  }
  if (response.status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      title: 'Unreadable answer',
      detail: `${method} ${path} did not return JSON`,
    });
  }
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export type UploadOutcome =
  | { ok: true; results: UploadResult[] }
  | { ok: false; error: ApiError; results: UploadResult[] };

/**
 * Uploads one file to a batch with XMLHttpRequest (fetch cannot report upload progress). A 422 answer is
 * not thrown: it comes back with the stored raw file and the unparsed measurement carrying the reader's
 * error code, message and line.
 */
export function uploadBatchFile(
  batchId: string,
  file: File,
  options: {
    kind?: MeasurementKind;
    onProgress?: (p: UploadProgress) => void;
    signal?: AbortSignal;
    /** Track tables (nta-tracks): µm/px, frames/s, °C, cP, sent as form fields of these names. */
    acquisition?: { umPerPx?: number; fps?: number; temperatureC?: number; viscosityCp?: number };
  } = {},
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/batches/${encodeURIComponent(batchId)}/files`);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      const contentType = xhr.getResponseHeader('content-type');
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      const results = isRecord(body) && Array.isArray(body.results) ? (body.results as UploadResult[]) : [];
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ ok: true, results });
      } else {
        resolve({
          ok: false,
          error: problemToError(xhr.status, xhr.statusText, xhr.responseText, contentType),
          results,
        });
      }
    };
    xhr.onerror = () =>
      resolve({
        ok: false,
        results: [],
        error: new ApiError({
          status: 0,
          title: 'Upload failed',
          detail: 'The connection to the evlab server broke.',
        }),
      });
    xhr.onabort = () =>
      resolve({ ok: false, results: [], error: new ApiError({ status: 0, title: 'Upload cancelled' }) });
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    if (options.kind) form.append('kind', options.kind);
    for (const [name, value] of Object.entries(options.acquisition ?? {}))
      if (value !== undefined && Number.isFinite(value)) form.append(name, String(value));
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export interface BatchQuery {
  projectId?: string;
  sourceId?: string;
  status?: BatchStatus;
  q?: string;
  limit?: number;
  offset?: number;
}

const id = (value: string) => encodeURIComponent(value);

/** One function per endpoint of docs/api.md. */
export const api = {
  health: (signal?: AbortSignal) => request<Health>('GET', '/api/health', { signal }),
  dashboard: (signal?: AbortSignal) => request<Dashboard>('GET', '/api/dashboard', { signal }),

  listProjects: (query: { limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    request<Page<Project>>('GET', '/api/projects', { query: { ...query }, signal }),
  getProject: (projectId: string, signal?: AbortSignal) =>
    request<Project>('GET', `/api/projects/${id(projectId)}`, { signal }),
  createProject: (input: ProjectInput) => request<Project>('POST', '/api/projects', { body: input }),
  updateProject: (projectId: string, patch: ProjectPatch) =>
    request<Project>('PATCH', `/api/projects/${id(projectId)}`, { body: patch }),
  deleteProject: (projectId: string) => request<void>('DELETE', `/api/projects/${id(projectId)}`),

  listSources: (query: { projectId?: string; limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    request<Page<MscSource>>('GET', '/api/sources', { query: { ...query }, signal }),
  getSource: (sourceId: string, signal?: AbortSignal) =>
    request<MscSource>('GET', `/api/sources/${id(sourceId)}`, { signal }),
  createSource: (input: MscSourceInput) => request<MscSource>('POST', '/api/sources', { body: input }),
  updateSource: (sourceId: string, patch: MscSourcePatch) =>
    request<MscSource>('PATCH', `/api/sources/${id(sourceId)}`, { body: patch }),
  deleteSource: (sourceId: string) => request<void>('DELETE', `/api/sources/${id(sourceId)}`),

  listBatches: (query: BatchQuery = {}, signal?: AbortSignal) =>
    request<Page<Batch>>('GET', '/api/batches', { query: { ...query }, signal }),
  getBatch: (batchId: string, signal?: AbortSignal) =>
    request<Batch>('GET', `/api/batches/${id(batchId)}`, { signal }),
  createBatch: (input: BatchInput) => request<Batch>('POST', '/api/batches', { body: input }),
  updateBatch: (batchId: string, patch: BatchPatch) =>
    request<Batch>('PATCH', `/api/batches/${id(batchId)}`, { body: patch }),
  deleteBatch: (batchId: string) => request<void>('DELETE', `/api/batches/${id(batchId)}`),
  batchAudit: (batchId: string, query: { limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    request<Page<AuditEvent>>('GET', `/api/batches/${id(batchId)}/audit`, { query: { ...query }, signal }),
  batchFiles: (batchId: string, signal?: AbortSignal) =>
    request<Page<RawFile>>('GET', `/api/batches/${id(batchId)}/files`, { signal }),

  getRawFile: (rawFileId: string, signal?: AbortSignal) =>
    request<RawFile>('GET', `/api/raw-files/${id(rawFileId)}`, { signal }),
  rawFileContentUrl: (rawFileId: string) => `/api/raw-files/${id(rawFileId)}/content`,

  listMeasurements: (
    query: {
      batchId?: string;
      kind?: MeasurementKind;
      retracted?: 'include' | 'exclude' | 'only';
      limit?: number;
      offset?: number;
    } = {},
    signal?: AbortSignal,
  ) => request<Page<MeasurementSummary>>('GET', '/api/measurements', { query: { ...query }, signal }),
  /** Compact view: `parsed` is null; the views use `metrics` (src/api/routes/measurements.ts). */
  getMeasurement: (measurementId: string, signal?: AbortSignal) =>
    request<Measurement>('GET', `/api/measurements/${id(measurementId)}`, {
      query: { view: 'compact' },
      signal,
    }),
};
