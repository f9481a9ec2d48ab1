/**
 * PK studies linked to the batch that was dosed. Runs unchanged on SQLite and PostgreSQL (text, integer and
 * double precision columns, named constraints, JSON as text), like 0001-initial.ts. Never edit a migration
 * that has shipped; add a new file instead.
 */
import { type Kysely, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('pk_studies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull())
    .addColumn('strain', 'text', (c) => c.notNull())
    .addColumn('body_weight_kg', 'double precision')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('dose_value', 'double precision', (c) => c.notNull())
    .addColumn('dose_unit', 'text', (c) => c.notNull())
    .addColumn('dose_per_kg', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('dosed_on', 'text')
    .addColumn('observations_json', 'text', (c) => c.notNull())
    .addColumn('concentration_time_rows', 'integer', (c) => c.notNull())
    .addColumn('biodistribution_rows', 'integer', (c) => c.notNull())
    // PkStudySourceFile[] as JSON: raw files (raw_files.id, same batch) holding the tables as given.
    .addColumn('source_files_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('pk_studies_batch_fk', ['batch_id'], 'batches', ['id'])
    .addCheckConstraint('pk_studies_dose_check', sql`dose_value > 0`)
    .addCheckConstraint('pk_studies_dose_per_kg_check', sql`dose_per_kg in (0, 1)`)
    .addCheckConstraint('pk_studies_dose_unit_check', sql`dose_unit in ('particles', 'ug-protein', 'mg')`)
    .addCheckConstraint('pk_studies_body_weight_check', sql`body_weight_kg is null or body_weight_kg > 0`)
    .execute();
  await db.schema
    .createIndex('pk_studies_batch_created_idx')
    .on('pk_studies')
    .columns(['batch_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('pk_studies_created_idx')
    .on('pk_studies')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('pk_studies').execute();
}
