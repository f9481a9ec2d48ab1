/**
 * The batch lock: a released or rejected batch is read-only (metadata, protocol, measurements, uploads, QC
 * results). Every write that touches a batch calls requireUnlockedBatch inside its transaction; the API maps
 * the StoreError 'conflict' to 409 with this message.
 */
import type { Kysely } from 'kysely';
import { isLockedStatus, lockedMessage } from '../domain/qc/release.ts';
import type { Database } from './database-schema.ts';
import { type Dialect, StoreError } from './evlab-store.ts';

export function lockedBatchError(code: string, status: string): StoreError {
  return new StoreError('conflict', lockedMessage(code, status), ['status']);
}

/**
 * Throws 'invalid-reference' when the batch does not exist and 'conflict' when it is locked. On PostgreSQL
 * the batch row is locked for the transaction: FOR SHARE for writes under the batch (uploads, results), FOR
 * UPDATE for status changes (signatures), so a release and a concurrent upload are serialised. SQLite's
 * BEGIN IMMEDIATE already serialises every write.
 */
export async function requireUnlockedBatch(
  tx: Kysely<Database>,
  dialect: Dialect,
  batchId: string,
  path: (string | number)[] = ['batchId'],
  lock: 'share' | 'update' = 'share',
  allowLocked = false,
): Promise<{ id: string; code: string; status: string; project_id: string }> {
  const batch = await tx
    .selectFrom('batches')
    .select(['id', 'code', 'status', 'project_id'])
    .where('id', '=', batchId)
    .$if(dialect === 'postgres', (qb) => (lock === 'update' ? qb.forUpdate() : qb.forShare()))
    .executeTakeFirst();
  if (!batch) throw new StoreError('invalid-reference', `batch ${batchId} does not exist`, path);
  if (!allowLocked && isLockedStatus(batch.status)) throw lockedBatchError(batch.code, batch.status);
  return batch;
}
