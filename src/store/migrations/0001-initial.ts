/**
 * Initial schema. Runs unchanged on SQLite and PostgreSQL: only text, integer, bigint and double precision
 * columns, named constraints (both dialects accept `constraint <name> ...` table constraints), plain
 * b-tree indexes. JSON is stored as text. Never edit a migration that has shipped; add a new file instead.
 */
import { type Kysely, sql } from 'kysely';

// Migrations receive an untyped database: they describe the schema at one point in history, not today's.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('projects_created_idx').on('projects').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('msc_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('tissue', 'text', (c) => c.notNull())
    .addColumn('donor_code', 'text', (c) => c.notNull())
    .addColumn('passage', 'integer')
    .addColumn('culture_format', 'text', (c) => c.notNull())
    .addColumn('medium_supplement', 'text', (c) => c.notNull())
    .addColumn('preconditioning', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('msc_sources_project_fk', ['project_id'], 'projects', ['id'])
    .execute();
  await db.schema
    .createIndex('msc_sources_project_created_idx')
    .on('msc_sources')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('msc_sources_created_idx')
    .on('msc_sources')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    // double precision, not real: PostgreSQL's real is float4 (~7 significant digits).
    .addColumn('conditioned_medium_volume_ml', 'double precision')
    .addColumn('isolation_protocol_json', 'text', (c) => c.notNull())
    .addColumn('final_volume_ml', 'double precision')
    .addColumn('buffer', 'text', (c) => c.notNull())
    .addColumn('storage_temperature_c', 'double precision')
    .addColumn('harvest_date', 'text')
    .addColumn('isolation_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('batches_project_fk', ['project_id'], 'projects', ['id'])
    .addForeignKeyConstraint('batches_source_fk', ['source_id'], 'msc_sources', ['id'])
    .addUniqueConstraint('batches_project_code_unique', ['project_id', 'code'])
    .execute();
  // List queries: ORDER BY created_at DESC, id DESC with optional project/status/source filters. Both
  // dialects scan these ascending indexes backwards for the descending order.
  await db.schema.createIndex('batches_created_idx').on('batches').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('batches_project_created_idx')
    .on('batches')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('batches_project_status_created_idx')
    .on('batches')
    .columns(['project_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('batches_status_created_idx')
    .on('batches')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('batches_source_created_idx')
    .on('batches')
    .columns(['source_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('raw_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('raw_files_batch_fk', ['batch_id'], 'batches', ['id'])
    .addCheckConstraint('raw_files_size_check', sql`size_bytes >= 0`)
    .execute();
  await db.schema
    .createIndex('raw_files_batch_uploaded_idx')
    .on('raw_files')
    .columns(['batch_id', 'uploaded_at', 'id'])
    .execute();
  await db.schema.createIndex('raw_files_sha256_idx').on('raw_files').column('sha256').execute();

  await db.schema
    .createTable('measurements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('raw_file_id', 'text', (c) => c.notNull())
    .addColumn('reader_name', 'text', (c) => c.notNull())
    .addColumn('reader_version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_json', 'text')
    .addColumn('parsed_json', 'text')
    .addColumn('metrics_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('measurements_batch_fk', ['batch_id'], 'batches', ['id'])
    .addForeignKeyConstraint('measurements_raw_file_fk', ['raw_file_id'], 'raw_files', ['id'])
    .addCheckConstraint('measurements_status_check', sql`status in ('parsed', 'unparsed')`)
    .execute();
  await db.schema
    .createIndex('measurements_batch_created_idx')
    .on('measurements')
    .columns(['batch_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('measurements_created_idx')
    .on('measurements')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema.createIndex('measurements_raw_file_idx').on('measurements').column('raw_file_id').execute();

  // No foreign key on entity_id or batch_id: the trail outlives deleted entities. batch_id is the batch an
  // event concerns (the batch itself, its raw files, its measurements), null for projects, sources and
  // files uploaded without a batch; it lets a batch's trail include its uploads and parses.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addCheckConstraint('audit_events_actor_check', sql`actor <> ''`)
    .execute();
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').columns(['at', 'id']).execute();
  await db.schema
    .createIndex('audit_events_entity_idx')
    .on('audit_events')
    .columns(['entity_id', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_type_at_idx')
    .on('audit_events')
    .columns(['entity_type', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_batch_at_idx')
    .on('audit_events')
    .columns(['batch_id', 'at', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['audit_events', 'measurements', 'raw_files', 'batches', 'msc_sources', 'projects']) {
    await db.schema.dropTable(table).execute();
  }
}
