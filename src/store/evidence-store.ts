/**
 * The evidence store: registered MSC-EV trials (the curated Table 5 of Li et al. 2025 plus whatever is
 * imported from ClinicalTrials.gov), their status history, the curated section 6 findings, full-text
 * search, facets, the source × disorder matrix and the timeline. The curated data is synced into the store
 * by the store itself, idempotently, the first time it is used after opening (and again whenever the
 * curated data set or the merge rules change), so an empty data directory lists the 28 curated trials.
 */
import type { Citation } from '../domain/citation.ts';
import type { NeuroFinding } from '../domain/evidence/index.ts';
import type { EffectiveTrial } from '../science/evidence/effective-trial.ts';
import type { TrialFacts } from '../science/evidence/trial-facts.ts';
import type { TrialRelevance } from '../science/evidence/trial-relevance.ts';
import type { PageRequest } from './evlab-store.ts';

export interface TrialStatusChange {
  status: string;
  /** When the status was observed (YYYY-MM-DD), when known. */
  at: string | null;
  origin: 'curated' | 'ctgov';
  /** When evlab recorded it (ISO-8601 UTC). */
  recordedAt: string;
}

/** A trial as the store returns it (the API's Trial). */
export interface EvidenceTrial extends EffectiveTrial {
  /** Migration 0004: whether the trial is about MSC-derived EVs (src/science/evidence/trial-relevance.ts). */
  relevance: TrialRelevance;
  statusHistory: TrialStatusChange[];
  importedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const TRIAL_FACETS = [
  'source',
  'phase',
  'status',
  'country',
  'year',
  'neurological',
  'disorder',
] as const;
export type TrialFacet = (typeof TRIAL_FACETS)[number];
export type FacetCounts<F extends string> = Record<F, Record<string, number>>;

export interface TrialFilter extends PageRequest {
  /** Full text (SQLite FTS5 / PostgreSQL websearch syntax: words, "phrases", -exclusions, OR). */
  q?: string;
  /** Case-insensitive substring of any condition. */
  condition?: string;
  /** Evidence source slug. */
  source?: string;
  /** CT.gov phase enum (PHASE1, EARLY_PHASE1, NA, …). */
  phase?: string;
  /** CT.gov overall status enum. */
  status?: string;
  /** Country name, case-insensitive. */
  country?: string;
  year?: number;
  neurological?: boolean;
  disorder?: string;
  origin?: 'curated' | 'ctgov' | 'both';
  /** Migration 0004: 'relevant' (default), 'pending', 'set-aside', or 'all'. */
  relevance?: TrialRelevance | 'all';
}

export interface TrialPage {
  items: EvidenceTrial[];
  total: number;
  limit: number;
  offset: number;
  facets: FacetCounts<TrialFacet>;
}

/** A CT.gov study as the import hands it to the store (src/formats/ctgov CtgovStudy). */
export interface CtgovStudyInput {
  facts: TrialFacts;
  raw: unknown;
}

export type UpsertOutcome = 'imported' | 'updated' | 'unchanged';

export interface UpsertResult {
  imported: number;
  updated: number;
  unchanged: number;
  /** One entry per study, in input order. */
  results: { nctId: string; outcome: UpsertOutcome; statusChanged: boolean }[];
}

export interface CuratedSyncResult {
  trials: { inserted: number; updated: number; unchanged: number };
  findings: { inserted: number; updated: number; unchanged: number; removed: number };
  /** Fingerprint of the curated data now in the store. */
  fingerprint: string;
}

export interface EvidenceFinding extends NeuroFinding {
  /** "Umbilical cord · Alzheimer's disease: outcome" */
  title: string;
  /** The primary reference and the review section that reports it. */
  citations: Citation[];
}

export const FINDING_FACETS = ['source', 'disorder', 'route', 'evidenceLevel', 'species'] as const;
export type FindingFacet = (typeof FINDING_FACETS)[number];

export interface FindingFilter extends PageRequest {
  q?: string;
  disorder?: string;
  /** Any of these sources (a tissue may count as several, e.g. umbilical cord and Wharton's jelly). */
  sources?: string[];
  route?: string;
  evidenceLevel?: string;
}

export interface FindingPage {
  items: EvidenceFinding[];
  total: number;
  limit: number;
  offset: number;
  facets: FacetCounts<FindingFacet>;
}

export interface TextHit {
  kind: 'trial' | 'finding';
  id: string;
  title: string;
  /** Matching words wrapped in ** (Markdown bold); plain text otherwise. */
  snippet: string;
}

export interface EvidenceMatrix {
  sources: string[];
  disorders: string[];
  /** Dense: one cell per listed source × disorder. */
  cells: { source: string; disorder: string; findings: number; trials: number }[];
}

export interface TimelineYear {
  year: number;
  total: number;
  neurological: number;
  bySource: Record<string, number>;
}

export interface EvidenceStore {
  /** Syncs the curated data now (also done lazily on first use); idempotent. */
  syncCurated(): Promise<CuratedSyncResult>;
  /** Inserts or updates CT.gov studies by NCT id in one transaction; identical content changes nothing. */
  upsertCtgovStudies(studies: readonly CtgovStudyInput[], actor: string): Promise<UpsertResult>;
  getTrial(nctId: string): Promise<EvidenceTrial | null>;
  listTrials(filter?: TrialFilter): Promise<TrialPage>;
  /** Migration 0004: confirm a trial as an MSC-EV trial ('relevant') or set it aside; audited. */
  setTrialRelevance(nctId: string, relevance: TrialRelevance, actor: string): Promise<EvidenceTrial>;
  getFinding(id: string): Promise<EvidenceFinding | null>;
  listFindings(filter?: FindingFilter): Promise<FindingPage>;
  /** Full-text hits over trials and findings, best first. */
  searchText(q: string, limit?: number): Promise<TextHit[]>;
  matrix(): Promise<EvidenceMatrix>;
  timeline(): Promise<TimelineYear[]>;
}
