import { z } from 'zod';
import { CALL_VALUES, canonicalMetricName } from './batch-metric.ts';
import type { EvaluationResult } from './evaluate-specification.ts';

/** A result entered by hand with its evidence (an external sterility report, a blot read by eye). */
export const qcResultInputSchema = z.object({
  /** An old alias (DEPRECATED_METRIC_ALIASES) is accepted and stored under its canonical name. */
  metric: z.string().trim().min(1).max(100).transform(canonicalMetricName),
  value: z.union([z.number().finite(), z.enum(CALL_VALUES)]),
  unit: z.string().max(40).default(''),
  method: z.string().trim().min(1, 'name the method').max(200),
  /** Document that holds the raw result (report number, LIMS id, notebook page). */
  reference: z.string().max(300).default(''),
  note: z.string().max(2000).default(''),
});
export type QcResultInput = z.input<typeof qcResultInputSchema>;
export type QcResultData = z.output<typeof qcResultInputSchema>;
export interface QcResult extends QcResultData {
  id: string;
  batchId: string;
  enteredBy: string;
  enteredAt: string;
  /** Reason the result was invalidated (it stays on record); null while valid. */
  invalidated: string | null;
}

/** A stored evaluation: the batch judged against one specification version, with the record hash then. */
export interface QcEvaluation extends EvaluationResult {
  id: string;
  batchId: string;
  evaluatedBy: string;
  /** SHA-256 of the canonical record (batch, measurements, results, evaluation) at evaluation time. */
  recordHash: string;
}

export const DEVIATION_DECISIONS = ['accepted', 'rejected'] as const;
export type DeviationDecision = (typeof DEVIATION_DECISIONS)[number];

export const deviationInputSchema = z.object({
  evaluationId: z.string().min(1),
  criterionId: z.string().min(1).max(60),
  reason: z.string().trim().min(10, 'describe the deviation (at least 10 characters)').max(5000),
  /** QA decision: accepted (the batch may be released despite it, with justification) or rejected. */
  decision: z.enum(DEVIATION_DECISIONS),
  justification: z.string().trim().max(5000).default(''),
});
export type DeviationInput = z.input<typeof deviationInputSchema>;
export interface Deviation extends z.output<typeof deviationInputSchema> {
  id: string;
  batchId: string;
  decidedBy: string;
  decidedAt: string;
}

export const SIGNATURE_MEANINGS = ['released', 'rejected', 'amended'] as const;
/** Record type of QC decisions in the shared signature store (src/jobs/signatures.ts SIGNABLE_RECORDS). */
export const QC_RELEASE_RECORD_TYPE = 'qc-release';
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/**
 * An electronic signature on a batch decision (21 CFR 11.50: printed name, date and time, meaning), read
 * from the shared signature store (record type QC_RELEASE_RECORD_TYPE, record id = batch id). evaluationId,
 * authentication and superseded* are derived on reading (migration 0012).
 */
export interface QcSignature {
  id: string;
  batchId: string;
  meaning: SignatureMeaning;
  signer: string;
  printedName: string;
  /** UTC, ISO 8601. */
  signedAt: string;
  /** SHA-256 of the record signed (see record-hash in src/jobs/qc). */
  recordHash: string;
  evaluationId: string | null;
  reason: string;
  /** How the signer re-authenticated ('password', or 'unverified' when no account system is present). */
  authentication: string;
  /** Set when a later amendment superseded this signature. */
  supersededAt: string | null;
  supersededBy: string | null;
}

export const signInputSchema = z.object({
  evaluationId: z.string().min(1),
  decision: z.enum(['released', 'rejected']),
  /** Default: the signed-in account's display name. */
  printedName: z.string().trim().min(2).max(200).optional(),
  password: z.string().min(1).max(1000),
  reason: z.string().max(5000).default(''),
});
export type SignInput = z.input<typeof signInputSchema>;

export const amendInputSchema = z.object({
  reason: z.string().trim().min(10, 'give the reason for the amendment (at least 10 characters)').max(5000),
  printedName: z.string().trim().min(2).max(200).optional(),
  password: z.string().min(1).max(1000),
});
export type AmendInput = z.input<typeof amendInputSchema>;

/** Statuses in which a batch is locked: its record can change only through an amendment. */
export const LOCKED_STATUSES = ['released', 'rejected'] as const;
export function isLockedStatus(status: string): boolean {
  return (LOCKED_STATUSES as readonly string[]).includes(status);
}
export function lockedMessage(code: string, status: string): string {
  return `batch ${code} is ${status} and locked: its data, protocol, measurements and uploads are read-only; start an amendment (with a reason and a signature) to change it`;
}
