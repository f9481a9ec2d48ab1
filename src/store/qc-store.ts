import type { BatchStatus } from '../domain/batch.ts';
import type {
  Deviation,
  DeviationInput,
  QcEvaluation,
  QcResult,
  QcResultData,
  QcSignature,
  SignatureMeaning,
} from '../domain/qc/release.ts';
import type { Specification, SpecificationData } from '../domain/qc/specification.ts';

/** What a signature records; the store adds id, time and the batch status change. */
export interface NewSignature {
  meaning: SignatureMeaning;
  printedName: string;
  recordHash: string;
  evaluationId: string | null;
  reason: string;
  authentication: string;
}

/**
 * QC and release records (migration 0010-qc), in the main store's database and transactions, audited like
 * every other write. Results, evaluations and deviations of a released or rejected batch are refused
 * (StoreError 'conflict' with the lock message); signatures are the only way a batch becomes released or
 * rejected, and an amendment the only way back.
 */
export interface QcStore {
  /** Stores a new version (1 + the latest of the same product and name). */
  createSpecification(data: SpecificationData, actor: string): Promise<Specification>;
  getSpecification(id: string): Promise<Specification | null>;
  /** Newest version first within each name. */
  listSpecifications(filter?: { productId?: string }): Promise<Specification[]>;

  addResult(batchId: string, data: QcResultData, actor: string): Promise<QcResult>;
  /** Marks a result invalid with a reason (it stays on record). */
  invalidateResult(id: string, reason: string, actor: string): Promise<QcResult>;
  listResults(batchId: string): Promise<QcResult[]>;

  saveEvaluation(evaluation: Omit<QcEvaluation, 'id'>, actor: string): Promise<QcEvaluation>;
  getEvaluation(id: string): Promise<QcEvaluation | null>;
  /** Newest first. */
  listEvaluations(batchId: string): Promise<QcEvaluation[]>;

  addDeviation(batchId: string, data: Required<DeviationInput>, actor: string): Promise<Deviation>;
  listDeviations(batchId: string): Promise<Deviation[]>;

  /**
   * Records a release or rejection signature and sets the batch status, atomically. Refused unless the
   * batch is in QC (from: 'in-qc').
   */
  sign(
    batchId: string,
    signature: NewSignature & { meaning: 'released' | 'rejected' },
    actor: string,
  ): Promise<QcSignature>;
  /**
   * Amendment of a released or rejected batch: supersedes its active signatures, records the amendment
   * signature with its reason and returns the batch to in-QC, atomically.
   */
  amend(
    batchId: string,
    signature: NewSignature & { meaning: 'amended' },
    actor: string,
  ): Promise<QcSignature>;
  /** Oldest first. */
  listSignatures(batchId: string): Promise<QcSignature[]>;
}

export type { BatchStatus };
