/**
 * zod schemas of the HTTP API: request inputs reuse the domain schemas (src/domain) as they are; response
 * models extend them with the stored fields. The models are registered with an `id` in zod's global registry
 * so the OpenAPI document lists them once under components.schemas.
 */
import { z } from 'zod';
import { BATCH_STATUSES, batchInputSchema, batchPatchSchema } from '../domain/batch.ts';
import { STORED_MEASUREMENT_KINDS } from '../domain/measurement.ts';
import { mscSourceInputSchema, mscSourcePatchSchema } from '../domain/msc-source.ts';
import { projectInputSchema, projectPatchSchema } from '../domain/project.ts';

/** Registers a response model under an id (zod's global registry, which fastify-type-provider-zod reads). */
function model<T extends z.ZodType>(schema: T, id: string, description: string): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id, description });
  return schema;
}

const timestamps = {
  createdAt: z.string().describe('ISO 8601 UTC timestamp'),
  updatedAt: z.string().describe('ISO 8601 UTC timestamp'),
};

// ---------- inputs (domain schemas, reused) ----------
export const projectInput = projectInputSchema;
export const projectPatch = projectPatchSchema;
export const mscSourceInput = mscSourceInputSchema;
export const mscSourcePatch = mscSourcePatchSchema;
export const batchInput = batchInputSchema;
export const batchPatch = batchPatchSchema;

// ---------- models ----------
export const projectModel = model(
  projectInputSchema.extend({ id: z.string(), ...timestamps }),
  'Project',
  'A research project grouping MSC sources and EV batches.',
);
export const mscSourceModel = model(
  mscSourceInputSchema.extend({ id: z.string(), ...timestamps }),
  'MscSource',
  'A mesenchymal stromal cell source (tissue, donor, passage, culture conditions).',
);
export const batchModel = model(
  batchInputSchema.extend({ id: z.string(), ...timestamps }),
  'Batch',
  'An EV preparation (conditioned medium → isolation protocol → final product).',
);

export const rawFileModel = model(
  z.object({
    id: z.string(),
    batchId: z.string().nullable(),
    sha256: z.string().describe('SHA-256 of the bytes, lowercase hex'),
    originalName: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    mediaType: z.string(),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
  }),
  'RawFile',
  'An uploaded instrument file, stored byte-identical and content-addressed.',
);

export const parseErrorModel = model(
  z.object({
    code: z.string(),
    message: z.string(),
    line: z.number().int().nullable().describe('1-based line, when known'),
    byteOffset: z.number().int().nullable().describe('0-based byte offset, when known'),
  }),
  'ParseError',
  'Why a file could not be read.',
);

const measurementSummaryShape = {
  id: z.string(),
  batchId: z.string(),
  kind: z.enum(STORED_MEASUREMENT_KINDS),
  instrument: z.string(),
  rawFileId: z.string(),
  readerName: z.string(),
  readerVersion: z.string(),
  status: z.enum(['parsed', 'unparsed']),
  error: parseErrorModel.nullable(),
  createdAt: z.string(),
  retraction: z
    .object({ at: z.string(), by: z.string(), reason: z.string() })
    .nullable()
    .optional()
    .describe('Set when a user retracted the measurement (the raw file and the row are kept)'),
  dilutionFactor: z
    .number()
    .nullable()
    .optional()
    .describe('Dilution of the sample as measured, entered when the file does not record it (1 = undiluted)'),
  fileName: z.string().nullable().optional().describe('Name of the uploaded raw file (in lists)'),
  sample: z
    .string()
    .nullable()
    .optional()
    .describe('Sample name recorded in the file, when the reader found one'),
  capturedAt: z
    .string()
    .nullable()
    .optional()
    .describe('When the instrument captured the sample (as recorded in the file), when known'),
  fileDilutionFactor: z
    .number()
    .nullable()
    .optional()
    .describe(
      'In lists: the dilution factor the file itself records (NanoSight, ZetaView); it cannot be edited',
    ),
};
export const measurementSummaryModel = model(
  z.object(measurementSummaryShape),
  'MeasurementSummary',
  'A measurement without its parsed record and metrics.',
);
export const measurementModel = model(
  z.object({
    ...measurementSummaryShape,
    parsed: z.unknown().describe("The reader's full output (for NTA an NtaRecord), null when unparsed"),
    metrics: z.unknown().describe('evlab analysis (for NTA an NtaReport), null when unparsed'),
  }),
  'Measurement',
  'A measurement with its parsed record and derived metrics.',
);

export const auditEventModel = model(
  z.object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    entityType: z.enum([
      'project',
      'source',
      'batch',
      'raw-file',
      'measurement',
      'pk-study',
      'trial',
      'user',
      'api-token',
      'sign-in',
      'specification',
      'qc-result',
      'qc-evaluation',
      'deviation',
      'signature',
      'job',
    ]),
    entityId: z.string(),
    batchId: z
      .string()
      .nullable()
      .describe('The batch the event concerns (the batch, one of its raw files or measurements), else null'),
    action: z.enum([
      'create',
      'update',
      'delete',
      'status-change',
      'upload',
      'parse',
      'sign',
      'sign-in',
      'sign-in-failed',
      'lockout',
      'sign-out',
    ]),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable().optional().describe('Why, when a reason was given (e.g. at signing)'),
  }),
  'AuditEvent',
  'One entry of the audit trail.',
);

export const problemModel = model(
  z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  }),
  'Problem',
  'RFC 9457 problem details (application/problem+json).',
);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

export const uploadResultModel = model(
  z.object({ rawFile: rawFileModel, measurement: measurementModel }),
  'UploadResult',
  'A stored raw file and the measurement read from it.',
);

// ---------- parameters ----------
export const idParams = z.object({ id: z.string().min(1).max(200) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

// Empty query values (`?status=`, what a form's "all" sends) are dropped before validation (build-server.ts).
export const batchListQuery = pageQuery.extend({
  projectId: z.string().min(1).max(200).optional(),
  sourceId: z.string().min(1).max(200).optional(),
  status: z.enum(BATCH_STATUSES).optional(),
  q: z.string().max(200).optional().describe('Case-insensitive substring of the batch code'),
});

export const sourceListQuery = pageQuery.extend({ projectId: z.string().min(1).max(200).optional() });

export const measurementListQuery = pageQuery.extend({
  batchId: z.string().min(1).max(200).optional(),
  kind: z.enum(STORED_MEASUREMENT_KINDS).optional(),
  retracted: z
    .enum(['include', 'exclude', 'only'])
    .optional()
    .describe('Retracted measurements: listed with a badge (include, default), left out, or only them'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('Measurements read from files with this SHA-256'),
});

/** Error responses every route may answer, for the OpenAPI document. */
export const problemResponses = { 400: problemModel, 404: problemModel, 500: problemModel };
