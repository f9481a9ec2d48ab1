/**
 * Typed access to the evidence endpoints (/api/evidence/*, /api/batches/:id/evidence). Errors are the
 * shared ApiError (problem+json). Types mirror the server's answers; reference tables that are pure
 * curated data (Tables 1–4, 6) are read from src/domain/evidence directly by the views.
 */
import type { Citation } from '../../../src/domain/citation.ts';
import type { AdministrationRouteProfile, NeuroFinding } from '../../../src/domain/evidence/index.ts';
import type { EvidenceSource } from '../../../src/domain/evidence-source.ts';
import type { NeurologicalDisorder } from '../../../src/domain/neurological-disorder.ts';
import { request, withQuery } from './client.ts';

export interface TrialStatusChange {
  status: string;
  at: string | null;
  origin?: 'curated' | 'ctgov';
  recordedAt?: string;
}

export interface Trial {
  nctId: string;
  title: string;
  officialTitle?: string | null;
  status: string;
  conditions: string[];
  phases: string[];
  firstPosted: string | null;
  mscSource: EvidenceSource;
  mscSourceRule: string;
  locations: string[];
  countries?: string[];
  hasResults: boolean;
  neurological: boolean;
  neurologicalRule: string;
  disorder: NeurologicalDisorder | null;
  origin: 'curated' | 'ctgov' | 'both';
  /** Migration 0004: whether the trial is about MSC-derived EVs. */
  relevance?: 'relevant' | 'pending' | 'set-aside';
  statusHistory: TrialStatusChange[];
  citation?: Citation;
  citations?: Citation[];
  statusObservedAt?: string | null;
}

export type FacetCounts = Record<string, Record<string, number>>;

export interface TrialPage {
  items: Trial[];
  total: number;
  limit: number;
  offset: number;
  facets: FacetCounts;
}

export interface TrialQuery {
  q?: string;
  condition?: string;
  source?: string;
  phase?: string;
  status?: string;
  country?: string;
  year?: string | number;
  neuro?: boolean;
  disorder?: string;
  /** Migration 0004: relevant (default), pending, set-aside, or all. */
  relevance?: 'relevant' | 'pending' | 'set-aside' | 'all';
  limit?: number;
  offset?: number;
}

export interface EvidenceFinding extends NeuroFinding {
  title?: string;
  citations?: Citation[];
}

export interface FindingPage {
  items: EvidenceFinding[];
  total: number;
  facets: FacetCounts;
}

export interface FindingQuery {
  q?: string;
  disorder?: string;
  source?: string;
  route?: string;
  limit?: number;
}

export interface MatrixCell {
  source: string;
  disorder: string;
  findings: number;
  trials: number;
}

export interface EvidenceMatrix {
  sources: string[];
  disorders: string[];
  cells: MatrixCell[];
}

export type SearchHitKind = 'trial' | 'finding' | 'source' | 'route' | 'label';

export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  title: string;
  snippet: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  errors: { path: (string | number)[] | string; message: string }[];
}

export interface BatchMarkers {
  positive: string[];
  negative: string[];
  conflicting: { marker: string; note: string; kind?: string }[];
  citations?: Citation[];
}

/** What a batch-evidence item matched: the batch's source, its indication, or both. */
export type MatchedBy = ('source' | 'disorder')[];

export interface BatchEvidence {
  batchId: string;
  source: EvidenceSource | null;
  /** Every source the batch's tissue counts as (Wharton's jelly counts as umbilical cord too). */
  sources?: EvidenceSource[];
  indication: string | null;
  /** The indication resolved to a disorder slug, when it names one. */
  disorder?: string | null;
  findings: (EvidenceFinding & { matchedBy?: MatchedBy })[];
  trials: (Trial & { matchedBy?: MatchedBy })[];
  routes: (AdministrationRouteProfile & { findings?: number })[];
  markers: BatchMarkers;
  citations?: Citation[];
}

const id = (value: string) => encodeURIComponent(value);

export const evidenceApi = {
  listTrials: (query: TrialQuery = {}, signal?: AbortSignal) =>
    request<TrialPage>('GET', '/api/evidence/trials', { query: { ...query }, signal }),
  getTrial: (nctId: string, signal?: AbortSignal) =>
    request<Trial>('GET', `/api/evidence/trials/${id(nctId)}`, { signal }),
  listFindings: (query: FindingQuery = {}, signal?: AbortSignal) =>
    request<FindingPage>('GET', '/api/evidence/findings', { query: { ...query }, signal }),
  matrix: (signal?: AbortSignal) => request<EvidenceMatrix>('GET', '/api/evidence/matrix', { signal }),
  search: (q: string, signal?: AbortSignal) =>
    request<{ hits: SearchHit[] }>('GET', '/api/evidence/search', { query: { q }, signal }),
  importCtgov: (body: unknown) => request<ImportResult>('POST', '/api/evidence/import-ctgov', { body }),
  batchEvidence: (batchId: string, signal?: AbortSignal) =>
    request<BatchEvidence>('GET', `/api/batches/${id(batchId)}/evidence`, { signal }),
  /** A download link for the export endpoint (the browser saves the answer). */
  exportUrl: (dataset: 'trials' | 'findings', format: 'csv' | 'json') =>
    withQuery('/api/evidence/export', { dataset, format }),
};
