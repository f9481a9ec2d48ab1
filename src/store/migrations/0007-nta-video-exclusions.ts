/**
 * NTA video exclusion: a scientist leaves a video out of a NanoSight measurement's result (focus lost,
 * bubble, too few tracks) and says why. One row per excluded video; the measurement's parsed record and
 * metrics are never edited. Runs unchanged on SQLite and PostgreSQL, like 0001-initial.ts.
 */
import { type Kysely, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('nta_video_exclusions')
    .addColumn('measurement_id', 'text', (c) => c.notNull())
    .addColumn('video_index', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('excluded_by', 'text', (c) => c.notNull())
    .addColumn('excluded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('nta_video_exclusions_pk', ['measurement_id', 'video_index'])
    .addForeignKeyConstraint(
      'nta_video_exclusions_measurement_fk',
      ['measurement_id'],
      'measurements',
      ['id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('nta_video_exclusions_index_check', sql`video_index >= 0`)
    .addCheckConstraint('nta_video_exclusions_reason_check', sql`length(reason) > 0`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('nta_video_exclusions').execute();
}
