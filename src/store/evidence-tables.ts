import type { ColumnType } from 'kysely';

/**
 * Tables of the evidence module (migration 0002-evidence), snake_case as stored. Booleans are 0/1
 * integers, lists and objects JSON text, dates YYYY-MM-DD text, timestamps ISO-8601 UTC text.
 */

export interface TrialsTable {
  nct_id: string;
  title: string;
  official_title: string | null;
  status: string;
  conditions_json: string;
  phases_json: string;
  first_posted: string | null;
  msc_source: string;
  msc_source_rule: string;
  neurological: number;
  neurological_rule: string;
  disorder: string | null;
  /** "City, Country" labels (CT.gov) or the review's location text. */
  locations_json: string;
  countries_json: string;
  interventions_json: string;
  has_results: number;
  origin: 'curated' | 'ctgov' | 'both';
  /** CuratedTrialFacts JSON, null for CT.gov-only trials. */
  curated_json: string | null;
  /** The CT.gov study JSON as read, null for curated-only trials. */
  raw_json: string | null;
  /** TrialFacts read from raw_json (so the store never re-parses it), null for curated-only trials. */
  ctgov_json: string | null;
  citations_json: string;
  status_observed_at: string | null;
  /** Last CT.gov import that touched the row; null for curated-only trials. */
  imported_at: string | null;
  created_at: string;
  updated_at: string;
  content_hash: string;
  /** Migration 0004: 'relevant' | 'pending' | 'set-aside' (TrialRelevance). */
  relevance: ColumnType<string, string | undefined, string>;
}

export interface TrialStatusHistoryTable {
  id: string;
  nct_id: string;
  status: string;
  /** When the status was observed (YYYY-MM-DD), when known. */
  at: string | null;
  origin: 'curated' | 'ctgov';
  recorded_at: string;
}

/** Facet values of a trial: source, phase, status, country, year, neurological, disorder. */
export interface TrialFacetsTable {
  nct_id: string;
  facet: string;
  value: string;
}

export interface FindingsTable {
  id: string;
  msc_source: string;
  disorder: string;
  route: string | null;
  evidence_level: string;
  species: string | null;
  outcome: string;
  data_json: string;
  citation_json: string;
  /** Order in the curated data. */
  position: number;
  updated_at: string;
  content_hash: string;
}

export interface EvidenceMetaTable {
  key: string;
  value: string;
}

/**
 * Full-text documents (SQLite: FTS5 virtual table; PostgreSQL: table with a generated `search_vector`
 * tsvector column and a GIN index, not declared here because SQLite has no such column).
 */
export interface EvidenceSearchTable {
  kind: 'trial' | 'finding';
  ref_id: string;
  title: string;
  body: string;
}

export interface EvidenceTables {
  trials: TrialsTable;
  trial_status_history: TrialStatusHistoryTable;
  trial_facets: TrialFacetsTable;
  findings: FindingsTable;
  evidence_meta: EvidenceMetaTable;
  evidence_search: EvidenceSearchTable;
}
