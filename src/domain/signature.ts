import { z } from 'zod';

/**
 * Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.200; EU GMP Annex 11 §14): who signed (account
 * and printed name), when (UTC), what it means, why (optional reason; required for a rejection), and the
 * SHA-256 of the signed record's canonical JSON, so a later change of the record shows the signature broken.
 */
export const SIGNATURE_MEANINGS = [
  'authored',
  'reviewed',
  'approved',
  'released',
  'rejected',
  'amended',
] as const;
/**
 * Meanings a signing request may carry (POST /api/signatures). `amended` is given only by a workflow that
 * reopens a locked record (QC amendment), never as a free signature.
 */
export const REQUESTABLE_SIGNATURE_MEANINGS = [
  'authored',
  'reviewed',
  'approved',
  'released',
  'rejected',
] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

export interface Signature {
  id: string;
  recordType: string;
  recordId: string;
  meaning: SignatureMeaning;
  /** The account that re-authenticated to sign. */
  signer: string;
  /** The signer's printed name at signing (shown with the record). */
  printedName: string;
  /** ISO-8601 UTC with milliseconds. */
  signedAt: string;
  reason: string | null;
  /** SHA-256 hex of the record's canonical JSON when it was signed. */
  contentHash: string;
}

/**
 * - valid: the record's current content hash equals the signed one and no later signature replaces it;
 * - broken: the record changed (or is gone) since it was signed;
 * - superseded: the same signer later signed the same record with the same meaning again, or a later
 *   `amended` signature reopened the record (an amendment supersedes every earlier signature).
 * An `amended` signature binds the record as it was when reopened (its changes are the point): it is valid
 * until a later amendment supersedes it.
 */
export type SignatureStatus = 'valid' | 'broken' | 'superseded';

export interface SignatureWithStatus extends Signature {
  status: SignatureStatus;
}

/** A signing request (POST /api/signatures). The password re-authenticates the signer; it is never stored. */
export const signatureRequestSchema = z
  .object({
    recordType: z.string().trim().min(1).max(40).describe('What is signed: batch, measurement, raw-file, …'),
    recordId: z.string().trim().min(1).max(200),
    meaning: z.enum(REQUESTABLE_SIGNATURE_MEANINGS),
    password: z.string().min(1).max(1024).describe('The signer re-enters their password'),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.meaning !== 'rejected' || (r.reason !== undefined && r.reason !== ''), {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type SignatureRequest = z.infer<typeof signatureRequestSchema>;
