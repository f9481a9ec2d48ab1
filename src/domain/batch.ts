import { z } from 'zod';
import { type IsolationProtocol, isolationProtocolSchema } from './isolation-protocol.ts';
import { patchSchemaOf } from './patch-schema.ts';

/** Lifecycle of an EV preparation. Released and rejected are terminal. */
export const BATCH_STATUSES = ['draft', 'in-qc', 'released', 'rejected'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_TRANSITIONS: Record<BatchStatus, readonly BatchStatus[]> = {
  draft: ['in-qc'],
  'in-qc': ['draft', 'released', 'rejected'],
  released: [],
  rejected: [],
};

export function canTransition(from: BatchStatus, to: BatchStatus): boolean {
  return from === to || BATCH_TRANSITIONS[from].includes(to);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/**
 * What the batch is meant to treat: a NeurologicalDisorder slug (src/domain/neurological-disorder.ts,
 * e.g. `ischemic-stroke`) or free text; links the batch to the evidence for that indication.
 */
export const intendedIndicationSchema = z
  .string()
  .trim()
  .min(1, 'give an indication or null')
  .max(200)
  .nullable()
  .describe('NeurologicalDisorder slug (e.g. "ischemic-stroke") or free text; null when not set');

export const batchInputSchema = z.object({
  projectId: z.string().min(1),
  sourceId: z.string().min(1).nullable().default(null),
  code: z.string().trim().min(1).max(100),
  conditionedMediumVolumeMl: z.number().positive().max(1e6).nullable().default(null),
  isolationProtocol: isolationProtocolSchema.default({ version: 1, name: '', steps: [] }),
  finalVolumeMl: z.number().positive().max(1e5).nullable().default(null),
  // No silent defaults (issue 9 item 13): buffer and storage temperature stay empty until someone enters them.
  buffer: z.string().max(200).default(''),
  storageTemperatureC: z.number().min(-273).max(40).nullable().default(null),
  harvestDate: isoDate.nullable().default(null),
  isolationDate: isoDate.nullable().default(null),
  status: z.enum(BATCH_STATUSES).default('draft'),
  notes: z.string().max(5000).default(''),
  // Optional rather than defaulted so code that builds BatchData by hand needs no change; the store
  // writes a missing value as null and every Batch it returns has the key.
  intendedIndication: intendedIndicationSchema.optional(),
});
export type BatchInput = z.input<typeof batchInputSchema>;
export type BatchData = z.output<typeof batchInputSchema>;
export const batchPatchSchema = patchSchemaOf(batchInputSchema.omit({ projectId: true }));
export type BatchPatch = z.output<typeof batchPatchSchema>;

export interface Batch extends BatchData {
  id: string;
  intendedIndication: string | null;
  isolationProtocol: IsolationProtocol;
  createdAt: string;
  updatedAt: string;
}
