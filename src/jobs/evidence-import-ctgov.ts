/**
 * ClinicalTrials.gov import: files, URLs or NCT ids → the CT.gov v2 reader (src/formats/ctgov) → the
 * evidence store. A search URL is followed page by page through `nextPageToken` up to a page limit.
 * Nothing here needs the network unless a URL or NCT id is given; the fetch function is injectable (tests
 * never touch the network).
 *
 * Outcome: `{ imported, updated, unchanged, errors }`. A study that cannot be read is an error naming its
 * JSON path; the other studies of the page are imported all the same. A file or page that cannot be read at
 * all is one error naming the file or URL.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CtgovDocument, readCtgovJson } from '../formats/ctgov/read-ctgov.ts';
import { FormatError } from '../formats/format-error.ts';
import { NCT_ID_PATTERN } from '../science/evidence/trial-facts.ts';
import type { UpsertResult } from '../store/evidence-store.ts';
import { UploadTooLargeError } from './ingest-raw-file.ts';
import type { Workbench } from './workbench.ts';

/** CT.gov API v2 base (https://clinicaltrials.gov/data-api/api). */
export const CTGOV_API_BASE = 'https://clinicaltrials.gov/api/v2/studies';
/** Seconds to wait for one CT.gov response before giving up. */
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
/**
 * Search pages followed per URL. CT.gov returns at most 1000 studies a page (`pageSize` max, API v2
 * docs), so 20 pages cover 20,000 studies, far more than the MSC-EV registrations (28 in Li et al. 2025
 * Table 5).
 */
export const DEFAULT_MAX_PAGES = 20;

export interface ImportError {
  /** File, URL or NCT id the error is about. */
  source: string;
  /** JSON path of the offending value (`studies[3].protocolSection…`), or '' for a whole document. */
  path: string;
  message: string;
  /** FormatError code, `fetch-failed`, `http-<status>`, `not-found` or `invalid-study`. */
  code: string;
  nctId: string | null;
}

/** A document kept in the blob store before it was parsed (content-addressed, never changed). */
export interface KeptDocument {
  /** File, URL or "request body" it came from. */
  source: string;
  rawFileId: string;
  sha256: string;
  sizeBytes: number;
}

export interface ImportSummary {
  /** Every document read, stored unchanged (raw_files, batch null) before parsing. */
  rawFiles: KeptDocument[];
  imported: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  /** Documents (files or pages) read. */
  documents: number;
  /** NCT ids read, in order, with what happened to each. */
  studies: UpsertResult['results'];
}

export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
}>;

export interface ImportOptions {
  actor: string;
  /** Where relative file names are resolved. */
  cwd?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  maxPages?: number;
  /** Called after each document (file or page) with its label. */
  onDocument?: (label: string) => void;
}

function emptySummary(): ImportSummary {
  return { rawFiles: [], imported: 0, updated: 0, unchanged: 0, errors: [], documents: 0, studies: [] };
}

/** What an argument names: a URL, an NCT id (fetched from the API) or a file. */
export function classifySource(arg: string): { kind: 'url' | 'nct' | 'file'; value: string } {
  const t = arg.trim();
  if (/^https?:\/\//i.test(t)) return { kind: 'url', value: t };
  if (NCT_ID_PATTERN.test(t.toUpperCase()))
    return { kind: 'nct', value: `${CTGOV_API_BASE}/${t.toUpperCase()}` };
  return { kind: 'file', value: t };
}

/** The URL of the next search page: the same query with `pageToken` set. */
export function nextPageUrl(url: string, token: string): string {
  const u = new URL(url);
  u.searchParams.set('pageToken', token);
  return u.toString();
}

/** Stores the studies of one read document and adds the outcome (and its issues) to `summary`. */
export async function importDocument(
  wb: Workbench,
  doc: CtgovDocument,
  source: string,
  actor: string,
  summary: ImportSummary = emptySummary(),
): Promise<ImportSummary> {
  summary.documents += 1;
  for (const issue of doc.issues) {
    summary.errors.push({
      source,
      path: issue.path,
      message: issue.message,
      code: 'invalid-study',
      nctId: issue.nctId,
    });
  }
  const result = await wb.store.evidence.upsertCtgovStudies(
    doc.studies.map((s) => ({ facts: s.facts, raw: s.raw })),
    actor,
  );
  summary.imported += result.imported;
  summary.updated += result.updated;
  summary.unchanged += result.unchanged;
  summary.studies.push(...result.results);
  return summary;
}

/** Largest CT.gov document name kept in raw_files (the store's original_name column). */
const MAX_SOURCE_NAME = 200;

/**
 * Stores the bytes of one document in the blob store and records it as a raw file (no batch) before it is
 * parsed, so what the user gave (or the registry answered) is kept even when it cannot be read.
 */
export async function keepRawDocument(
  wb: Workbench,
  bytes: Uint8Array,
  source: string,
  actor: string,
  summary: ImportSummary,
): Promise<void> {
  const { sha256, sizeBytes } = await wb.blobs.put(bytes);
  const name = source.length > MAX_SOURCE_NAME ? `…${source.slice(-(MAX_SOURCE_NAME - 1))}` : source;
  const raw = await wb.store.createRawFile(
    { batchId: null, sha256, originalName: name, sizeBytes, mediaType: 'application/json' },
    actor,
  );
  summary.rawFiles.push({ source, rawFileId: raw.id, sha256, sizeBytes });
}

/**
 * Imports the bytes of a request body (POST /api/evidence/import-ctgov): kept in the blob store first,
 * then read. FormatError (not JSON, not CT.gov) after the bytes are stored.
 */
export async function importCtgovBytes(
  wb: Workbench,
  bytes: Uint8Array,
  source: string,
  actor: string,
): Promise<ImportSummary> {
  if (bytes.byteLength > wb.maxUploadBytes) throw new UploadTooLargeError(wb.maxUploadBytes);
  const summary = emptySummary();
  await keepRawDocument(wb, bytes, source, actor, summary);
  return importDocument(wb, readCtgovJson(bytes, source), source, actor, summary);
}

function documentError(source: string, error: unknown): ImportError {
  if (error instanceof FormatError) {
    return { source, path: '', message: error.message, code: error.code, nctId: null };
  }
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === 'ENOENT')
    return { source, path: '', message: `${source}: no such file`, code: 'not-found', nctId: null };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return { source, path: '', message: `${source}: ${message}`, code: code || 'failed', nctId: null };
}

async function fetchText(url: string, options: ImportOptions): Promise<string> {
  const fetchImpl: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const name = (error as { name?: string })?.name;
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : `could not reach the server (${(error as Error)?.message ?? String(error)})`;
    throw Object.assign(new Error(reason), { code: 'fetch-failed' });
  }
  if (!response.ok) {
    throw Object.assign(new Error(`HTTP ${response.status} ${response.statusText}`.trim()), {
      code: `http-${response.status}`,
    });
  }
  return response.text();
}

/**
 * Imports each file, URL or NCT id in turn. Never throws for bad input: unreadable files, failed
 * requests and malformed studies become errors; only a store failure throws.
 */
export async function importCtgovSources(
  wb: Workbench,
  sources: readonly string[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary = emptySummary();
  const maxPages = Math.max(1, Math.trunc(options.maxPages ?? DEFAULT_MAX_PAGES));
  for (const arg of sources) {
    const target = classifySource(arg);
    if (target.kind === 'file') {
      try {
        const bytes = await readFile(resolve(options.cwd ?? process.cwd(), target.value));
        await keepRawDocument(wb, bytes, target.value, options.actor, summary);
        const doc = readCtgovJson(bytes, target.value);
        await importDocument(wb, doc, target.value, options.actor, summary);
      } catch (error) {
        if (isStoreFailure(error)) throw error;
        summary.errors.push(documentError(target.value, error));
      }
      options.onDocument?.(target.value);
      continue;
    }
    let url: string | null = target.value;
    for (let page = 1; url !== null; page += 1) {
      try {
        const text = await fetchText(url, options);
        await keepRawDocument(wb, new TextEncoder().encode(text), url, options.actor, summary);
        const doc = readCtgovJson(text, url);
        await importDocument(wb, doc, url, options.actor, summary);
        options.onDocument?.(page === 1 ? arg : `${arg} (page ${page})`);
        if (doc.nextPageToken === null) break;
        if (page >= maxPages) {
          summary.errors.push({
            source: arg,
            path: '',
            message: `stopped after ${maxPages} pages; more results remain (raise the page limit to read them)`,
            code: 'page-limit',
            nctId: null,
          });
          break;
        }
        url = nextPageUrl(url, doc.nextPageToken);
      } catch (error) {
        if (isStoreFailure(error)) throw error;
        summary.errors.push(documentError(url, error));
        options.onDocument?.(arg);
        url = null;
      }
    }
  }
  return summary;
}

/** Errors from the database are failures of evlab, not of the input: they propagate. */
function isStoreFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'StoreError';
}
