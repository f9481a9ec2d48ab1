import type { Signature } from '../domain/signature.ts';

/** Append-only signature rows (migration 0006; UPDATE/DELETE refused by triggers). Reached as store.signatures. */
export interface SignatureStore {
  /**
   * Appends a signature and its `sign` audit event (entity 'signature', reason = the signature's reason,
   * batchId = the batch whose trail it joins) in one transaction. id and signedAt are set here.
   */
  record(data: Omit<Signature, 'id' | 'signedAt'>, batchId: string | null): Promise<Signature>;
  /** The signatures of one record, oldest first. */
  list(recordType: string, recordId: string): Promise<Signature[]>;
}
