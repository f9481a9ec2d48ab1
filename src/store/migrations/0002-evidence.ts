/**
 * Evidence module: registered trials (curated from Li et al. 2025 Table 5 and imported from
 * ClinicalTrials.gov), their status history and facet values, curated findings, full-text search, and a
 * batch's intended indication.
 *
 * Portable like 0001 (text / integer columns, named constraints, plain indexes; booleans as 0/1 integers,
 * JSON as *_json text) except the full-text index, which is Dialect-specific:
 * - SQLite: `evidence_search` is an FTS5 virtual table (better-sqlite3 is built with FTS5), porter
 *   stemming over unicode61 tokens with diacritics folded.
 * - PostgreSQL: `evidence_search` is a plain table with a stored generated `search_vector` column
 *   (`to_tsvector('english', …)` of title, weighted A, and body) and a GIN index on it, queried with
 *   `websearch_to_tsquery('english', …)`.
 * Both have the same columns (kind, ref_id, title, body), so the store writes them the same way.
 * Never edit this migration once shipped; add a new one.
 */
import { type Kysely, SqliteAdapter, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

function isSqlite(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  // A batch's intended indication: a NeurologicalDisorder slug or free text (≤ 200 characters).
  await db.schema.alterTable('batches').addColumn('intended_indication', 'text').execute();

  await db.schema
    .createTable('trials')
    .addColumn('nct_id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('official_title', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('phases_json', 'text', (c) => c.notNull())
    // YYYY-MM-DD
    .addColumn('first_posted', 'text')
    .addColumn('msc_source', 'text', (c) => c.notNull())
    .addColumn('msc_source_rule', 'text', (c) => c.notNull())
    .addColumn('neurological', 'integer', (c) => c.notNull())
    .addColumn('neurological_rule', 'text', (c) => c.notNull())
    .addColumn('disorder', 'text')
    .addColumn('locations_json', 'text', (c) => c.notNull())
    .addColumn('countries_json', 'text', (c) => c.notNull())
    .addColumn('interventions_json', 'text', (c) => c.notNull())
    .addColumn('has_results', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    // What the curated table says (CuratedTrialFacts as JSON), null for CT.gov-only trials.
    .addColumn('curated_json', 'text')
    // The CT.gov study exactly as read, and the TrialFacts read from it; null for curated-only trials.
    .addColumn('raw_json', 'text')
    .addColumn('ctgov_json', 'text')
    .addColumn('citations_json', 'text', (c) => c.notNull())
    .addColumn('status_observed_at', 'text')
    .addColumn('imported_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // SHA-256 of the merged record and its inputs: an import that changes nothing is recognised by it.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addCheckConstraint('trials_origin_check', sql`origin in ('curated', 'ctgov', 'both')`)
    .addCheckConstraint('trials_neurological_check', sql`neurological in (0, 1)`)
    .addCheckConstraint('trials_has_results_check', sql`has_results in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('trials_first_posted_idx')
    .on('trials')
    .columns(['first_posted', 'nct_id'])
    .execute();

  await db.schema
    .createTable('trial_status_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nct_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // When the status was observed (YYYY-MM-DD): CT.gov's last update post, or the review's search date.
    .addColumn('at', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('trial_status_history_trial_fk', ['nct_id'], 'trials', ['nct_id'])
    .execute();
  await db.schema
    .createIndex('trial_status_history_trial_idx')
    .on('trial_status_history')
    .columns(['nct_id', 'recorded_at', 'id'])
    .execute();

  // One row per (trial, facet, value): multi-valued facets (phase, country) filter and count like the
  // single-valued ones, in portable SQL.
  await db.schema
    .createTable('trial_facets')
    .addColumn('nct_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('trial_facets_pk', ['nct_id', 'facet', 'value'])
    .addForeignKeyConstraint('trial_facets_trial_fk', ['nct_id'], 'trials', ['nct_id'])
    .execute();
  await db.schema
    .createIndex('trial_facets_value_idx')
    .on('trial_facets')
    .columns(['facet', 'value', 'nct_id'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('msc_source', 'text', (c) => c.notNull())
    .addColumn('disorder', 'text', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('evidence_level', 'text', (c) => c.notNull())
    .addColumn('species', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    // The curated NeuroFinding as JSON.
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('citation_json', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('findings_source_disorder_idx')
    .on('findings')
    .columns(['msc_source', 'disorder'])
    .execute();
  await db.schema.createIndex('findings_disorder_idx').on('findings').column('disorder').execute();

  // Small key/value table: the fingerprint of the curated data last synced into the store.
  await db.schema
    .createTable('evidence_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  if (isSqlite(db)) {
    // Dialect-specific (SQLite): FTS5 virtual table; `kind` and `ref_id` are stored, not indexed.
    await sql`create virtual table evidence_search using fts5(kind unindexed, ref_id unindexed, title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    // Dialect-specific (PostgreSQL): plain table with a stored generated tsvector (title weighted A) and a
    // GIN index on it. Stored, not an expression index: phrase queries recheck rows, and recomputing
    // to_tsvector per row made them ~30× slower (bench/evidence-search.bench.ts).
    await db.schema
      .createTable('evidence_search')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('search_vector', sql`tsvector`, (c) =>
        c
          .generatedAlwaysAs(
            sql`setweight(to_tsvector('english', title), 'A') || to_tsvector('english', body)`,
          )
          .stored(),
      )
      .addPrimaryKeyConstraint('evidence_search_pk', ['kind', 'ref_id'])
      .execute();
    await sql`create index evidence_search_vector_idx on evidence_search using gin (search_vector)`.execute(
      db,
    );
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'evidence_search',
    'evidence_meta',
    'findings',
    'trial_facets',
    'trial_status_history',
    'trials',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('batches').dropColumn('intended_indication').execute();
}
