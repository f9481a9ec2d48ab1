import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEASUREMENT_KINDS } from '../../domain/measurement.ts';
import {
  type IngestResult,
  ingestStoredBlob,
  type StoredBlob,
  storeUpload,
  UploadTooLargeError,
} from '../../jobs/ingest-raw-file.ts';
import { detectKind, readerFor } from '../../jobs/measurement-readers.ts';
import type { AcquisitionParameters } from '../../jobs/track-readers.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { ApiProblem, notFoundProblem, PROBLEM_TYPES, type Problem } from '../problem.ts';
import { actorOf } from '../request-context.ts';
import {
  idParams,
  pageOf,
  pageQuery,
  problemModel,
  problemResponses,
  rawFileModel,
  uploadResultModel,
} from '../schemas.ts';

const tags = ['files'];

/** Field names accepted for file parts (docs/api.md: `file`; `files` is tolerated). */
const FILE_FIELDS = new Set(['file', 'files']);
/** Form fields with acquisition parameters (track tables: µm/px, frames per second, °C, cP). */
const ACQUISITION_FIELDS = ['umPerPx', 'fps', 'temperatureC', 'viscosityCp'] as const;

/** A file of the upload whose bytes (same SHA-256) are already stored on the batch: not stored again. */
export const duplicateUploadModel = z.object({
  fileName: z.string(),
  sha256: z.string(),
  measurementId: z.string(),
  rawFileId: z.string(),
  /** The existing measurement in the web UI. */
  href: z.string(),
});
export type DuplicateUpload = z.infer<typeof duplicateUploadModel>;

export const uploadResponseModel = z.object({
  results: z.array(uploadResultModel),
  duplicates: z.array(duplicateUploadModel).optional(),
});

interface StoredPart {
  fileName: string;
  mediaType: string;
  blob: StoredBlob;
}

function badRequest(detail: string, path: (string | number)[]): ApiProblem {
  return new ApiProblem({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid request',
    status: 400,
    detail,
    code: 'validation-error',
    in: 'body',
    errors: [{ path, message: detail }],
  });
}

/**
 * Errors the multipart parser (busboy, via @fastify/multipart) raises for a malformed or truncated body:
 * no boundary in the Content-Type, a body cut short, a broken part header. They are the client's fault
 * (400), never a 500.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (form|file)|Malformed part header|Premature close)/;

function isMalformedMultipart(error: unknown): error is Error {
  if (!(error instanceof Error) || error instanceof ApiProblem) return false;
  return (
    (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    MALFORMED_MULTIPART.test(error.message)
  );
}

function malformedMultipart(error: Error): ApiProblem {
  return new ApiProblem({
    type: PROBLEM_TYPES.validation,
    title: 'Malformed multipart body',
    status: 400,
    detail: `The multipart/form-data body could not be read (${error.message}): send a boundary in the Content-Type and the whole body.`,
    code: 'malformed-multipart',
    in: 'body',
  });
}

/** Consumes and discards the rest of a part we refuse, so the multipart parser can move on. */
async function drain(file: MultipartFile['file']): Promise<void> {
  for await (const _chunk of file) {
    // discard
  }
}

/**
 * POST /api/batches/:id/files (multipart) and GET /api/batches/:id/files.
 * Every file part is streamed into the blob store first (size-limited); only when all parts are stored are
 * raw-file rows and measurements written, so an oversize part (413) leaves no rows at all. Then each file is
 * read: 201 when every file parsed, 422 problem+json with the same `results` when any did not.
 */
export const batchFileRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.post(
    '/batches/:id/files',
    {
      schema: {
        tags,
        summary: 'Upload instrument files to a batch',
        description:
          'multipart/form-data with one or more `file` parts and an optional `kind` field (`nta`; detected when absent). ' +
          'Track tables (kind nta-tracks) need form fields umPerPx (position tables), fps and temperatureC (optional ' +
          'viscosityCp) unless the file gives them: 422 code missing-acquisition-parameters (nothing recorded) otherwise. ' +
          'Raw files are stored byte-identical before parsing. 201 when every file parsed; 422 problem+json with ' +
          '`results` and `errors[].path = ["files", i]` when any did not; 413 beyond the size limit. ' +
          'A file already stored on the batch (same SHA-256, not retracted) is not stored again: it is listed in ' +
          '`duplicates` with a link to the existing measurement; 409 problem+json (code duplicate-upload, `duplicates`) ' +
          'when every file of the upload is such a duplicate.',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          201: uploadResponseModel,
          ...problemResponses,
          409: problemModel,
          413: problemModel,
          415: problemModel,
          422: problemModel,
        },
      },
    },
    async (req, reply) => {
      const batchId = req.params.id;
      if (!(await wb.store.getBatch(batchId)))
        throw new ApiProblem(notFoundProblem(`Batch ${batchId} does not exist`));
      if (!req.isMultipart()) {
        throw new ApiProblem({
          type: PROBLEM_TYPES.http,
          title: 'Unsupported Media Type',
          status: 415,
          detail: 'Upload files as multipart/form-data with one or more "file" parts.',
          code: 'not-multipart',
        });
      }

      const stored: StoredPart[] = [];
      let kind: string | undefined;
      const acquisition: AcquisitionParameters = {};
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (!FILE_FIELDS.has(part.fieldname)) {
              await drain(part.file);
              throw badRequest(`Unexpected file part "${part.fieldname}"; send files as "file" parts.`, [
                part.fieldname,
              ]);
            }
            const blob = await storeUpload(wb, { stream: part.file });
            // Belt and braces: the parser's own limit is one byte above the blob store's, so this cannot trigger
            // unless the two disagree; a truncated file must never be recorded as if complete.
            if (part.file.truncated) throw new UploadTooLargeError(wb.maxUploadBytes);
            stored.push({ fileName: part.filename, mediaType: part.mimetype, blob });
          } else if (part.fieldname === 'kind') {
            const value = typeof part.value === 'string' ? part.value.trim() : '';
            kind = value === '' ? undefined : value;
          } else if ((ACQUISITION_FIELDS as readonly string[]).includes(part.fieldname)) {
            const name = part.fieldname as (typeof ACQUISITION_FIELDS)[number];
            const value = typeof part.value === 'string' ? part.value.trim() : '';
            if (value === '') continue;
            const number = Number(value);
            const ok =
              name === 'temperatureC' ? Number.isFinite(number) : Number.isFinite(number) && number > 0;
            if (!ok)
              throw badRequest(
                `"${name}" must be a ${name === 'temperatureC' ? 'finite' : 'positive'} number (got "${value.slice(0, 40)}").`,
                [name],
              );
            acquisition[name] = number;
          }
        }
      } catch (error) {
        if (isMalformedMultipart(error)) throw malformedMultipart(error);
        throw error;
      }

      if (kind !== undefined && !(MEASUREMENT_KINDS as readonly string[]).includes(kind)) {
        throw badRequest(
          `Unknown measurement kind "${kind}"; expected one of: ${MEASUREMENT_KINDS.join(', ')}.`,
          ['kind'],
        );
      }
      if (stored.length === 0) throw badRequest('The upload contains no "file" part.', ['file']);

      // Same bytes already on this batch (and not retracted): link the existing measurement instead.
      const duplicates: DuplicateUpload[] = [];
      const fresh: StoredPart[] = [];
      for (const part of stored) {
        const existing = await wb.store.listMeasurements({
          batchId,
          sha256: part.blob.sha256,
          retracted: 'exclude',
          limit: 1,
        });
        const first = existing.items[0];
        const repeated = fresh.some((f) => f.blob.sha256 === part.blob.sha256);
        if (first) {
          duplicates.push({
            fileName: part.fileName,
            sha256: part.blob.sha256,
            measurementId: first.id,
            rawFileId: first.rawFileId,
            href: `/measurements/${first.id}`,
          });
        } else if (!repeated) fresh.push(part);
      }
      if (fresh.length === 0 && duplicates.length > 0) {
        const one = duplicates[0] as DuplicateUpload;
        throw new ApiProblem({
          type: PROBLEM_TYPES.conflict,
          title: 'Already uploaded',
          status: 409,
          detail:
            duplicates.length === 1
              ? `${one.fileName} is already stored on this batch (same SHA-256); see the existing measurement.`
              : `All ${duplicates.length} files are already stored on this batch (same SHA-256).`,
          code: 'duplicate-upload',
          duplicates,
        });
      }

      // Track tables need acquisition parameters: refuse the whole upload before recording any file.
      const missing: { fileName: string; missing: string[]; index: number }[] = [];
      for (const [index, part] of fresh.entries()) {
        const bytes = await wb.blobs.get(part.blob.sha256);
        const k = kind ?? (bytes ? detectKind(bytes, part.fileName) : null);
        const reader = k ? readerFor(k) : undefined;
        const lacking =
          bytes && reader?.missingParameters
            ? reader.missingParameters(bytes, part.fileName, { acquisition })
            : [];
        if (lacking.length > 0) missing.push({ fileName: part.fileName, missing: lacking, index });
      }
      if (missing.length > 0) {
        const first = missing[0] as (typeof missing)[number];
        throw new ApiProblem({
          type: PROBLEM_TYPES.validation,
          title: 'Missing acquisition parameters',
          status: 422,
          detail: `${first.fileName} is a particle-track table: sizing its tracks needs ${first.missing.join(', ')}, which the file does not give. Send ${first.missing.length > 1 ? 'them' : 'it'} as form fields (umPerPx, fps, temperatureC, optional viscosityCp). Nothing was recorded.`,
          code: 'missing-acquisition-parameters',
          errors: missing.flatMap((m) =>
            m.missing.map((name) => ({
              path: [name] as (string | number)[],
              message: `${m.fileName}: ${name} is required for a track table`,
            })),
          ),
          missing,
        });
      }

      const actor = actorOf(req);
      const results: IngestResult[] = [];
      for (const part of fresh) {
        results.push(
          await ingestStoredBlob(wb, {
            batchId,
            fileName: part.fileName,
            mediaType: part.mediaType,
            blob: part.blob,
            actor,
            ...(kind ? { kind } : {}),
            ...(Object.keys(acquisition).length > 0 ? { acquisition } : {}),
          }),
        );
      }

      const failed = results.flatMap((r, i) => (r.measurement.status === 'parsed' ? [] : [{ r, i }]));
      if (failed.length === 0)
        return reply.code(201).send({ results, ...(duplicates.length > 0 ? { duplicates } : {}) });

      const errors = failed.map(({ r, i }) => ({
        path: ['files', i] as (string | number)[],
        message: r.measurement.error?.message ?? `${r.rawFile.originalName} could not be read`,
      }));
      const first = failed[0]?.r.measurement.error;
      const problem: Problem = {
        type: PROBLEM_TYPES.unreadableFile,
        title: 'Unreadable file',
        status: 422,
        detail:
          failed.length === 1 && results.length === 1
            ? (first?.message ?? 'The file could not be read.')
            : `${failed.length} of ${results.length} files could not be read. The raw files are stored.`,
        code: first?.code ?? 'unparsed',
        line: first?.line ?? null,
        byteOffset: first?.byteOffset ?? null,
        errors,
        results,
        ...(duplicates.length > 0 ? { duplicates } : {}),
      };
      throw new ApiProblem(problem);
    },
  );

  app.get(
    '/batches/:id/files',
    {
      schema: {
        tags,
        summary: "A batch's raw files",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(rawFileModel), ...problemResponses },
      },
    },
    async (req) => {
      if (!(await wb.store.getBatch(req.params.id))) {
        throw new ApiProblem(notFoundProblem(`Batch ${req.params.id} does not exist`));
      }
      return wb.store.listRawFiles({ batchId: req.params.id, ...req.query });
    },
  );
};
