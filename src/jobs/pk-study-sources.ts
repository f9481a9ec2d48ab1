/**
 * Creating and changing PK studies with the raw tables their rows were read from. The order is the ingest
 * order of ingest-raw-file.ts: the batch exists → every source fits the size limit → each source's text
 * goes into the blob store (content-addressed, immutable) and becomes a raw file of the study's batch
 * (so it shows in the batch's files and audit trail) → only then is the rest of the request validated and
 * the study saved, recording `sourceFiles`. A request whose study part is invalid therefore still leaves
 * its sources stored, and the error (PkStudyRequestInvalidError) lists them.
 *
 * Nothing is stored when the sources themselves are malformed (not a list of { kind, name, text }), when
 * one is too large (PkStudySourceTooLargeError, nothing of any source kept, like an oversize upload), or
 * when the batch / study does not exist (there is no batch the raw file could belong to).
 */
import { z } from 'zod';
import {
  MAX_SOURCE_TEXT_BYTES,
  type PkStudy,
  type PkStudySourceFile,
  type PkStudySourceInput,
  pkStudyCreateRequestSchema,
  pkStudyPatchRequestSchema,
  pkStudySourcesSchema,
} from '../domain/pk-study.ts';
import { StoreError } from '../store/evlab-store.ts';
import { cleanFileName, cleanMediaType, formatBytes } from './ingest-raw-file.ts';
import type { Workbench } from './workbench.ts';

/** Media type of a source sent without one: the text is stored as the UTF-8 bytes of what was given. */
export const DEFAULT_SOURCE_MEDIA_TYPE = 'text/plain; charset=utf-8';

export type FieldPath = (string | number)[];

export interface FieldIssue {
  path: FieldPath;
  message: string;
}

/** A source text above the limit. Nothing of the request was stored. */
export class PkStudySourceTooLargeError extends Error {
  override readonly name = 'PkStudySourceTooLargeError';
  readonly code = 'too-large';
  constructor(
    readonly path: FieldPath,
    readonly sizeBytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `${path.join('.')} is ${formatBytes(sizeBytes)} as UTF-8, above the limit of ${formatBytes(maxBytes)}; nothing was stored.`,
    );
  }
}

/** The request is invalid. `sourceFiles` are the sources that were stored all the same (maybe none). */
export class PkStudyRequestInvalidError extends Error {
  override readonly name = 'PkStudyRequestInvalidError';
  readonly code = 'validation-error';
  constructor(
    readonly issues: FieldIssue[],
    readonly sourceFiles: PkStudySourceFile[],
  ) {
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    const kept =
      sourceFiles.length === 0
        ? ''
        : `; the ${sourceFiles.length === 1 ? 'source table was' : `${sourceFiles.length} source tables were`} kept as raw files of the batch (sourceFiles)`;
    super(`The request body is invalid${where}: ${first?.message ?? 'invalid value'}${kept}`);
  }
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
  }));
}

/** The sources of a request body (none when absent), or PkStudyRequestInvalidError naming the field. */
function sourcesOf(body: unknown): PkStudySourceInput[] {
  const raw = typeof body === 'object' && body !== null ? (body as { sources?: unknown }).sources : undefined;
  if (raw === undefined) return [];
  const parsed = pkStudySourcesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PkStudyRequestInvalidError(
      issuesOf(parsed.error).map((i) => ({ ...i, path: ['sources', ...i.path] })),
      [],
    );
  }
  return parsed.data;
}

/** The largest source text this workbench accepts: 5 MiB, or the upload limit when that is smaller. */
export function maxSourceBytes(wb: Workbench): number {
  return Math.min(MAX_SOURCE_TEXT_BYTES, wb.maxUploadBytes);
}

interface EncodedSource {
  source: PkStudySourceInput;
  bytes: Uint8Array;
}

/** Encodes every source as UTF-8 and checks its size before anything is written. */
function encodeSources(wb: Workbench, sources: readonly PkStudySourceInput[]): EncodedSource[] {
  const limit = maxSourceBytes(wb);
  const encoder = new TextEncoder();
  return sources.map((source, i) => {
    const bytes = encoder.encode(source.text);
    if (bytes.byteLength > limit)
      throw new PkStudySourceTooLargeError(['sources', i, 'text'], bytes.byteLength, limit);
    return { source, bytes };
  });
}

const sameSource = (a: Pick<PkStudySourceFile, 'kind' | 'sha256' | 'name'>, b: typeof a) =>
  a.kind === b.kind && a.sha256 === b.sha256 && a.name === b.name;

/**
 * Stores each source's bytes in the blob store and as a raw file of `batchId` (audited in the batch's trail).
 * A source equal (kind, content, name) to one in `known` or earlier in the list is not stored again.
 * Returns the new source files in request order.
 */
export async function keepPkStudySources(
  wb: Workbench,
  batchId: string,
  sources: readonly PkStudySourceInput[],
  actor: string,
  known: readonly PkStudySourceFile[] = [],
): Promise<PkStudySourceFile[]> {
  return storeEncoded(wb, batchId, encodeSources(wb, sources), actor, known);
}

async function storeEncoded(
  wb: Workbench,
  batchId: string,
  encoded: readonly EncodedSource[],
  actor: string,
  known: readonly PkStudySourceFile[],
): Promise<PkStudySourceFile[]> {
  const seen = [...known];
  const kept: PkStudySourceFile[] = [];
  for (const { source, bytes } of encoded) {
    const { sha256, sizeBytes } = await wb.blobs.put(bytes);
    const name = cleanFileName(source.name);
    if (seen.some((f) => sameSource(f, { kind: source.kind, sha256, name }))) continue;
    const mediaType =
      source.mediaType === undefined || source.mediaType === ''
        ? DEFAULT_SOURCE_MEDIA_TYPE
        : cleanMediaType(source.mediaType);
    const raw = await wb.store.createRawFile(
      { batchId, sha256, originalName: name, sizeBytes, mediaType },
      actor,
      { use: 'pk-study' },
    );
    const file: PkStudySourceFile = { kind: source.kind, rawFileId: raw.id, sha256, name, sizeBytes };
    seen.push(file);
    kept.push(file);
  }
  return kept;
}

/** POST /api/pk-studies: keeps the sources as raw files of the batch, then validates and creates the study. */
export async function createPkStudyWithSources(
  wb: Workbench,
  body: unknown,
  actor: string,
): Promise<PkStudy> {
  const sources = sourcesOf(body);
  let sourceFiles: PkStudySourceFile[] = [];
  if (sources.length > 0) {
    const encoded = encodeSources(wb, sources); // sizes first: an oversize source leaves nothing behind
    const batchId = z
      .string()
      .min(1)
      .max(200)
      .safeParse((body as { batchId?: unknown }).batchId);
    if (!batchId.success) {
      throw new PkStudyRequestInvalidError(
        issuesOf(batchId.error).map((i) => ({ ...i, path: ['batchId', ...i.path] })),
        [],
      );
    }
    if (!(await wb.store.getBatch(batchId.data)))
      throw new StoreError('invalid-reference', `batch ${batchId.data} does not exist`, ['batchId']);
    sourceFiles = await storeEncoded(wb, batchId.data, encoded, actor, []);
  }
  const parsed = pkStudyCreateRequestSchema.safeParse(body);
  if (!parsed.success) throw new PkStudyRequestInvalidError(issuesOf(parsed.error), sourceFiles);
  const { sources: _sources, ...data } = parsed.data;
  return wb.store.pkStudies.create(data, actor, sourceFiles);
}

/**
 * PATCH /api/pk-studies/:id: keeps new sources as raw files of the study's batch, then validates the patch
 * and appends them to the study's source files (a source already listed with the same kind, content and
 * name is not stored or listed twice). Stored sources are never removed.
 */
export async function updatePkStudyWithSources(
  wb: Workbench,
  id: string,
  body: unknown,
  actor: string,
): Promise<PkStudy> {
  const sources = sourcesOf(body);
  let sourceFiles: PkStudySourceFile[] = [];
  if (sources.length > 0) {
    const encoded = encodeSources(wb, sources);
    const study = await wb.store.pkStudies.get(id);
    if (!study) throw new StoreError('not-found', `PK study ${id} not found`);
    sourceFiles = await storeEncoded(wb, study.batchId, encoded, actor, study.sourceFiles);
  }
  const parsed = pkStudyPatchRequestSchema.safeParse(body);
  if (!parsed.success) throw new PkStudyRequestInvalidError(issuesOf(parsed.error), sourceFiles);
  const { sources: _sources, ...patch } = parsed.data as typeof parsed.data & { sources?: unknown };
  return wb.store.pkStudies.update(id, patch, actor, sourceFiles);
}
