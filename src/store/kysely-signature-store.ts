/** SignatureStore over the shared write transaction and audit chain of the main store (sub-store-context.ts). */
import type { Selectable } from 'kysely';
import type { Signature } from '../domain/signature.ts';
import type { SignaturesTable } from './database-schema.ts';
import type { SignatureStore } from './signature-store.ts';
import type { SubStoreContext } from './sub-store-context.ts';
import { newTimeOrderedId } from './time-ordered-id.ts';

export class KyselySignatureStore implements SignatureStore {
  readonly #ctx: SubStoreContext;

  constructor(ctx: SubStoreContext) {
    this.#ctx = ctx;
  }

  async record(data: Omit<Signature, 'id' | 'signedAt'>, batchId: string | null): Promise<Signature> {
    return this.#ctx.write('invalid-reference', async (tx) => {
      const signedAt = this.#ctx.clock().toISOString();
      const signature: Signature = { ...data, id: newTimeOrderedId(), signedAt };
      await tx.insertInto('signatures').values(toRow(signature)).execute();
      await this.#ctx.audit(tx, signedAt, data.signer, {
        entityType: 'signature',
        entityId: signature.id,
        batchId,
        action: 'sign',
        before: null,
        after: signature,
        reason: signature.reason,
      });
      return signature;
    });
  }

  async list(recordType: string, recordId: string): Promise<Signature[]> {
    const rows = await this.#ctx.db
      .selectFrom('signatures')
      .selectAll()
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .orderBy('signed_at')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }
}

function toRow(s: Signature): Selectable<SignaturesTable> {
  return {
    id: s.id,
    record_type: s.recordType,
    record_id: s.recordId,
    meaning: s.meaning,
    signer: s.signer,
    printed_name: s.printedName,
    signed_at: s.signedAt,
    reason: s.reason,
    content_hash: s.contentHash,
  };
}

function fromRow(r: Selectable<SignaturesTable>): Signature {
  return {
    id: r.id,
    recordType: r.record_type,
    recordId: r.record_id,
    meaning: r.meaning,
    signer: r.signer,
    printedName: r.printed_name,
    signedAt: r.signed_at,
    reason: r.reason,
    contentHash: r.content_hash,
  };
}
