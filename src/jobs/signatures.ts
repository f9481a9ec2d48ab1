/**
 * Signing records (21 CFR Part 11 §11.200: a non-biometric signature re-authenticates with two components
 * — here the signed-in account and its password re-entered at the moment of signing).
 *
 * - `SIGNABLE_RECORDS`: which record types can be signed and what their signed content is. A new module
 *   (e.g. QC release) adds one line: `'qc-release': async (wb, id) => …`.
 * - `signRecord` re-authenticates through the injected `verifyCredentials(user, password)` (the accounts
 *   module provides it: `Workbench.verifyCredentials`), hashes the record's canonical JSON and appends the
 *   signature with its audit event.
 * - `listRecordSignatures` computes each signature's status against the record as it is now.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';
import { QC_RELEASE_RECORD_TYPE } from '../domain/qc/release.ts';
import type {
  Signature,
  SignatureMeaning,
  SignatureStatus,
  SignatureWithStatus,
} from '../domain/signature.ts';
import { dataHash, signedRecordContent } from './qc/record-hash.ts';
import type { Workbench } from './workbench.ts';

/** Re-authentication at signing: true when `password` is the current password of the enabled account `user`. */
export type VerifyCredentials = (user: string, password: string) => Promise<boolean>;

/** What a loader returns: the content that is signed and the batch whose audit trail the signature joins. */
export interface SignableRecord {
  content: unknown;
  batchId: string | null;
}

export type RecordLoader = (wb: Workbench, id: string) => Promise<SignableRecord | null>;

/**
 * Signed content per record type. Batches leave out `updatedAt` (bookkeeping) and `status` (the workflow
 * state that signing itself moves: an approval must not break when the batch is then released); every
 * other field is bound. Measurements bind the parsed record and metrics; raw files bind their SHA-256, so
 * the signature covers the bytes.
 */
export const SIGNABLE_RECORDS: Record<string, RecordLoader> = {
  project: async (wb, id) => {
    const p = await wb.store.getProject(id);
    return p && { content: withoutKeys(p, ['updatedAt']), batchId: null };
  },
  source: async (wb, id) => {
    const s = await wb.store.getSource(id);
    return s && { content: withoutKeys(s, ['updatedAt']), batchId: null };
  },
  batch: async (wb, id) => {
    const b = await wb.store.getBatch(id);
    return b && { content: withoutKeys(b, ['updatedAt', 'status']), batchId: b.id };
  },
  'raw-file': async (wb, id) => {
    const f = await wb.store.getRawFile(id);
    return f && { content: f, batchId: f.batchId };
  },
  measurement: async (wb, id) => {
    const m = await wb.store.getMeasurement(id);
    return m && { content: m, batchId: m.batchId };
  },
  'pk-study': async (wb, id) => {
    const s = await wb.store.pkStudies.get(id);
    return s && { content: withoutKeys(s, ['updatedAt']), batchId: s.batchId };
  },
  // QC decision of a batch (id = batch id): its data hash, latest evaluation and that evaluation's
  // deviations (src/jobs/qc/record-hash.ts). Signed only through the release workflow (src/jobs/qc/release.ts).
  [QC_RELEASE_RECORD_TYPE]: async (wb, id) => {
    const batch = await wb.store.getBatch(id);
    if (!batch) return null;
    const [latest] = await wb.store.qc.listEvaluations(batch.id);
    const deviations = await wb.store.qc.listDeviations(batch.id);
    return {
      content: signedRecordContent(await dataHash(wb.store, batch), latest ?? null, deviations),
      batchId: batch.id,
    };
  },
};

/**
 * Record types signed only through their own workflow (which checks its preconditions and moves the
 * record's state in the same transaction): POST /api/signatures refuses them.
 */
export const WORKFLOW_SIGNED_RECORDS: ReadonlySet<string> = new Set([QC_RELEASE_RECORD_TYPE]);

function withoutKeys<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  const out = { ...value } as Record<string, unknown>;
  for (const k of keys) delete out[k];
  return out as Partial<T>;
}

/** SHA-256 hex of a record's canonical JSON (sorted keys; src/domain/canonical-json.ts). */
export function contentHashOf(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export type SignatureErrorCode =
  | 'unknown-record-type'
  | 'record-not-found'
  | 'authentication-failed'
  | 'signing-unavailable'
  | 'no-signer'
  | 'workflow-only';

/** Why a signature was refused (the API maps codes to 4xx/503 problems). */
export class SignatureError extends Error {
  override readonly name = 'SignatureError';
  constructor(
    readonly code: SignatureErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SignInput {
  recordType: string;
  recordId: string;
  meaning: SignatureMeaning;
  /** The authenticated account signing (from the session; never from the request body). */
  signer: string;
  /** Re-entered at signing; checked, never stored or logged. */
  password: string;
  /** The signer's printed name; defaults to the account name. */
  printedName?: string;
  reason?: string;
}

export async function signRecord(wb: Workbench, input: SignInput): Promise<Signature> {
  const loader = SIGNABLE_RECORDS[input.recordType];
  if (!Object.hasOwn(SIGNABLE_RECORDS, input.recordType) || loader === undefined) {
    throw new SignatureError(
      'unknown-record-type',
      `records of type "${input.recordType}" cannot be signed (signable: ${Object.keys(SIGNABLE_RECORDS).join(', ')})`,
    );
  }
  if (WORKFLOW_SIGNED_RECORDS.has(input.recordType)) {
    throw new SignatureError(
      'workflow-only',
      `${input.recordType} records are signed through their workflow (QC release: POST /api/batches/:id/qc/sign or /qc/amend)`,
    );
  }
  if (wb.verifyCredentials === undefined) {
    throw new SignatureError(
      'signing-unavailable',
      'electronic signatures need user accounts to re-authenticate the signer; none are configured',
    );
  }
  if (input.signer.trim() === '' || input.signer === 'anonymous') {
    throw new SignatureError('no-signer', 'sign in before signing a record');
  }
  // Check the password before looking at the record, so a wrong password learns nothing about records.
  if (!(await wb.verifyCredentials(input.signer, input.password))) {
    throw new SignatureError(
      'authentication-failed',
      'the password is not correct: the record was not signed',
    );
  }
  const record = await loader(wb, input.recordId);
  if (record === null) {
    throw new SignatureError('record-not-found', `${input.recordType} ${input.recordId} does not exist`);
  }
  return wb.store.signatures.record(
    {
      recordType: input.recordType,
      recordId: input.recordId,
      meaning: input.meaning,
      signer: input.signer,
      printedName: input.printedName?.trim() || input.signer,
      reason: input.reason?.trim() ? input.reason.trim() : null,
      contentHash: contentHashOf(record.content),
    },
    record.batchId,
  );
}

/** The record's signatures, oldest first, each with its status against the record as it is now. */
export async function listRecordSignatures(
  wb: Workbench,
  recordType: string,
  recordId: string,
): Promise<SignatureWithStatus[]> {
  const signatures = await wb.store.signatures.list(recordType, recordId);
  if (signatures.length === 0) return [];
  const loader = Object.hasOwn(SIGNABLE_RECORDS, recordType) ? SIGNABLE_RECORDS[recordType] : undefined;
  const record = loader ? await loader(wb, recordId) : null;
  const currentHash = record === null ? null : contentHashOf(record.content);
  return signatures.map((s, i) => {
    const later = signatures.slice(i + 1);
    let status: SignatureStatus;
    if (later.some((l) => l.meaning === 'amended')) status = 'superseded';
    else if (later.some((l) => l.signer === s.signer && l.meaning === s.meaning)) status = 'superseded';
    // An amendment binds the record as it was reopened; the changes it allows are its purpose.
    else if (s.meaning === 'amended') status = 'valid';
    else if (currentHash !== s.contentHash) status = 'broken';
    else status = 'valid';
    return { ...s, status };
  });
}
