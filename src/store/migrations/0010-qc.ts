/**
 * QC and release: specifications (versioned per product), entered QC results, evaluations, deviations and
 * electronic signatures. Runs unchanged on SQLite and PostgreSQL (text, integer and double precision
 * columns, named constraints, JSON as text), like 0001-initial.ts. Never edit a migration that has shipped.
 */
import { type Kysely, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('qc_specifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('criteria_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('qc_specifications_product_fk', ['product_id'], 'projects', ['id'])
    .addUniqueConstraint('qc_specifications_version_unique', ['product_id', 'name', 'version'])
    .addCheckConstraint('qc_specifications_version_check', sql`version >= 1`)
    .execute();

  await db.schema
    .createTable('qc_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('invalidated', 'text')
    .addForeignKeyConstraint('qc_results_batch_fk', ['batch_id'], 'batches', ['id'])
    .execute();
  await db.schema
    .createIndex('qc_results_batch_idx')
    .on('qc_results')
    .columns(['batch_id', 'entered_at'])
    .execute();

  await db.schema
    .createTable('qc_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('specification_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('evaluated_by', 'text', (c) => c.notNull())
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('qc_evaluations_batch_fk', ['batch_id'], 'batches', ['id'])
    .addForeignKeyConstraint('qc_evaluations_spec_fk', ['specification_id'], 'qc_specifications', ['id'])
    .addCheckConstraint('qc_evaluations_outcome_check', sql`outcome in ('pass', 'fail', 'incomplete')`)
    .execute();
  await db.schema
    .createIndex('qc_evaluations_batch_idx')
    .on('qc_evaluations')
    .columns(['batch_id', 'evaluated_at'])
    .execute();

  await db.schema
    .createTable('qc_deviations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('evaluation_id', 'text', (c) => c.notNull())
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('qc_deviations_batch_fk', ['batch_id'], 'batches', ['id'])
    .addForeignKeyConstraint('qc_deviations_evaluation_fk', ['evaluation_id'], 'qc_evaluations', ['id'])
    .addCheckConstraint('qc_deviations_decision_check', sql`decision in ('accepted', 'rejected')`)
    .execute();

  await db.schema
    .createTable('qc_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('printed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('evaluation_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('authentication', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('superseded_by', 'text')
    .addForeignKeyConstraint('qc_signatures_batch_fk', ['batch_id'], 'batches', ['id'])
    .addCheckConstraint('qc_signatures_meaning_check', sql`meaning in ('released', 'rejected', 'amended')`)
    .execute();
  await db.schema
    .createIndex('qc_signatures_batch_idx')
    .on('qc_signatures')
    .columns(['batch_id', 'signed_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['qc_signatures', 'qc_deviations', 'qc_evaluations', 'qc_results', 'qc_specifications'])
    await db.schema.dropTable(t).execute();
}
