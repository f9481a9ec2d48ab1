/**
 * Video exclusions of NanoSight measurements (migration 0007): which videos a scientist left out of a
 * measurement's result, why, who and when. Writes are audited on the measurement (action `update`).
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import { StoreError } from './evlab-store.ts';
import type { SubStoreContext } from './sub-store-context.ts';

export interface NtaVideoExclusion {
  measurementId: string;
  /** 0-based index of the video in the measurement (Video 1 = 0). */
  videoIndex: number;
  reason: string;
  excludedBy: string;
  excludedAt: string;
}

export interface NtaVideoExclusionTables {
  nta_video_exclusions: {
    measurement_id: string;
    video_index: number;
    reason: string;
    excluded_by: string;
    excluded_at: string;
  };
}

export interface NtaVideoExclusionStore {
  list(measurementId: string): Promise<NtaVideoExclusion[]>;
  /** Excludes (or re-words the reason of) one video; 'not-found' when the measurement does not exist. */
  exclude(
    measurementId: string,
    videoIndex: number,
    reason: string,
    actor: string,
  ): Promise<NtaVideoExclusion>;
  /** Puts a video back; false when it was not excluded. */
  include(measurementId: string, videoIndex: number, actor: string): Promise<boolean>;
}

function fromRow(r: NtaVideoExclusionTables['nta_video_exclusions']): NtaVideoExclusion {
  return {
    measurementId: r.measurement_id,
    videoIndex: Number(r.video_index),
    reason: r.reason,
    excludedBy: r.excluded_by,
    excludedAt: r.excluded_at,
  };
}

export class KyselyNtaVideoExclusionStore implements NtaVideoExclusionStore {
  constructor(private readonly ctx: SubStoreContext) {}

  async list(measurementId: string): Promise<NtaVideoExclusion[]> {
    const rows = await this.ctx.db
      .selectFrom('nta_video_exclusions')
      .selectAll()
      .where('measurement_id', '=', measurementId)
      .orderBy('video_index')
      .execute();
    return rows.map(fromRow);
  }

  async #batchOf(tx: Kysely<Database>, measurementId: string): Promise<string> {
    const m = await tx
      .selectFrom('measurements')
      .select(['batch_id'])
      .where('id', '=', measurementId)
      .executeTakeFirst();
    if (!m)
      throw new StoreError('not-found', `measurement ${measurementId} does not exist`, ['measurementId']);
    return m.batch_id;
  }

  async exclude(
    measurementId: string,
    videoIndex: number,
    reason: string,
    actor: string,
  ): Promise<NtaVideoExclusion> {
    const text = reason.trim(); // the API requires a non-blank reason; the table's check constraint too
    return this.ctx.write('invalid-reference', async (tx) => {
      const batchId = await this.#batchOf(tx, measurementId);
      const at = this.ctx.clock().toISOString();
      const before = await tx
        .selectFrom('nta_video_exclusions')
        .selectAll()
        .where('measurement_id', '=', measurementId)
        .where('video_index', '=', videoIndex)
        .executeTakeFirst();
      const row = {
        measurement_id: measurementId,
        video_index: videoIndex,
        reason: text,
        excluded_by: actor,
        excluded_at: at,
      };
      if (before)
        await tx
          .updateTable('nta_video_exclusions')
          .set({ reason: text, excluded_by: actor, excluded_at: at })
          .where('measurement_id', '=', measurementId)
          .where('video_index', '=', videoIndex)
          .execute();
      else await tx.insertInto('nta_video_exclusions').values(row).execute();
      await this.ctx.audit(tx, at, actor, {
        entityType: 'measurement',
        entityId: measurementId,
        batchId,
        action: 'update',
        before: before ? { excludedVideo: videoIndex + 1, reason: before.reason } : { excludedVideo: null },
        after: { excludedVideo: videoIndex + 1, reason: text },
      });
      return fromRow(row);
    });
  }

  async include(measurementId: string, videoIndex: number, actor: string): Promise<boolean> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const batchId = await this.#batchOf(tx, measurementId);
      const before = await tx
        .selectFrom('nta_video_exclusions')
        .selectAll()
        .where('measurement_id', '=', measurementId)
        .where('video_index', '=', videoIndex)
        .executeTakeFirst();
      if (!before) return false;
      await tx
        .deleteFrom('nta_video_exclusions')
        .where('measurement_id', '=', measurementId)
        .where('video_index', '=', videoIndex)
        .execute();
      await this.ctx.audit(tx, this.ctx.clock().toISOString(), actor, {
        entityType: 'measurement',
        entityId: measurementId,
        batchId,
        action: 'update',
        before: { excludedVideo: videoIndex + 1, reason: before.reason },
        after: { includedVideo: videoIndex + 1 },
      });
      return true;
    });
  }
}
