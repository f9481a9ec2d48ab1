/**
 * Curation of stored data (issue 9, items 5, 6 and 10), portable like 0001:
 * - `measurement_curation`: one row per measurement that was retracted or given a dilution factor. The
 *   measurement row itself stays immutable (store CONTEXT.md); what a user later decides about it lives
 *   here, audited. Retraction keeps the raw bytes and the measurement; it only hides it from metrics and
 *   overlays by default.
 * - `trials.relevance`: whether a registered trial is about MSC-derived EVs: `relevant` (curated, or
 *   confirmed), `pending` (imported from ClinicalTrials.gov and not matching the relevance rule; kept aside
 *   until a user decides), `set-aside` (a user decided it is not an MSC-EV trial). Existing rows are
 *   curated or were imported before the rule: `relevant`.
 * Never edit this migration once shipped; add a new one.
 */
import { type Kysely, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('measurement_curation')
    .addColumn('measurement_id', 'text', (c) => c.primaryKey())
    // Dilution of the sample as measured (1 = undiluted); null when neither the file nor a user gave it.
    .addColumn('dilution_factor', 'double precision')
    .addColumn('retracted_at', 'text')
    .addColumn('retracted_by', 'text')
    .addColumn('retraction_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('measurement_curation_measurement_fk', ['measurement_id'], 'measurements', [
      'id',
    ])
    .addCheckConstraint(
      'measurement_curation_dilution_check',
      sql`dilution_factor is null or dilution_factor >= 1`,
    )
    .addCheckConstraint(
      'measurement_curation_retraction_check',
      sql`(retracted_at is null and retraction_reason is null) or (retracted_at is not null and retraction_reason is not null)`,
    )
    .execute();
  await db.schema
    .alterTable('trials')
    .addColumn('relevance', 'text', (c) =>
      c.notNull().defaultTo('relevant').check(sql`relevance in ('relevant', 'pending', 'set-aside')`),
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('trials').dropColumn('relevance').execute();
  await db.schema.dropTable('measurement_curation').execute();
}
