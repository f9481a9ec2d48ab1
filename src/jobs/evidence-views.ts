/**
 * Evidence views the front ends share: cross-kind search (trials and findings from the store's full-text
 * index, plus MSC source, route and label profiles from the curated reference tables), exports to CSV and
 * JSON, and what a batch links to (its MSC source and intended indication → findings, trials, routes and
 * the identity markers expected for that tissue).
 */
import type { Citation } from '../domain/citation.ts';
import {
  ADMINISTRATION_ROUTE_PROFILES,
  type AdministrationRouteProfile,
  type ConflictingMarker,
  evidenceSourcesForTissue,
  LABEL_MODALITY_PROFILES,
  MSC_SOURCE_PROFILES,
  type MscSourceProfile,
  sourceProfileForTissue,
} from '../domain/evidence/index.ts';
import type { EvidenceSource } from '../domain/evidence-source.ts';
import type { NeurologicalDisorder } from '../domain/neurological-disorder.ts';
import { citationText } from '../science/evidence/curated-evidence.ts';
import { listCell, toCsv } from '../science/evidence/evidence-csv.ts';
import { resolveDisorder } from '../science/evidence/resolve-disorder.ts';
import {
  matchesQuery,
  matchRanges,
  parseSearchQuery,
  type SearchableText,
  type SearchQuery,
  searchableText,
} from '../science/evidence/search-query.ts';
import type { EvidenceFinding, EvidenceTrial, TextHit } from '../store/evidence-store.ts';
import { MAX_PAGE_LIMIT } from '../store/kysely-evlab-store.ts';
import type { Workbench } from './workbench.ts';

// ---------------------------------------------------------------- search

export interface SearchHit {
  kind: 'trial' | 'finding' | 'source' | 'route' | 'label';
  id: string;
  title: string;
  snippet: string;
}

interface ReferenceDoc {
  kind: 'source' | 'route' | 'label';
  id: string;
  title: string;
  text: string;
}

function referenceDocs(): ReferenceDoc[] {
  return [
    ...MSC_SOURCE_PROFILES.map((p) => ({
      kind: 'source' as const,
      id: p.slug,
      title: p.name,
      text: [
        p.name,
        p.advantages.join('. '),
        p.mechanisms.summary,
        p.mechanisms.pathways.join(', '),
        p.mechanisms.mirnas.join(', '),
        `positive markers ${p.positiveMarkers.join(', ')}`,
        `negative markers ${p.negativeMarkers.join(', ')}`,
      ].join('. '),
    })),
    ...ADMINISTRATION_ROUTE_PROFILES.map((r) => ({
      kind: 'route' as const,
      id: r.slug,
      title: r.abbreviation ? `${r.name} (${r.abbreviation})` : r.name,
      text: [r.name, r.abbreviation, r.characteristics, r.distribution, ...r.evidence.map((e) => e.text)]
        .filter(Boolean)
        .join('. '),
    })),
    ...LABEL_MODALITY_PROFILES.map((l) => ({
      kind: 'label' as const,
      id: l.slug,
      title: l.name,
      text: [
        l.name,
        l.examples.join(', '),
        l.principle,
        l.strengths.join('. '),
        ...l.caveats.map((c) => c.text),
        ...l.observations.map((o) => o.text),
      ].join('. '),
    })),
  ];
}

let referenceIndex: (ReferenceDoc & { doc: SearchableText })[] | undefined;

/**
 * The reference profiles are constants of the build: tokenised once per process, not on every search
 * (re-tokenising them was 8.5 % of the server's CPU under bench/api-load.bench.ts).
 */
function indexedReferenceDocs(): (ReferenceDoc & { doc: SearchableText })[] {
  referenceIndex ??= referenceDocs().map((d) => ({ ...d, doc: searchableText(d.text) }));
  return referenceIndex;
}

/** ~140 characters around the first match, matched terms in ** (as the store's snippets). */
function snippetAround(doc: SearchableText, query: SearchQuery): string {
  const { text } = doc;
  const ranges = matchRanges(query, doc);
  const firstStart = ranges[0]?.start;
  const start = firstStart === undefined ? 0 : Math.max(0, firstStart - 60);
  const end = Math.min(text.length, start + 140);
  let out = '';
  let at = start;
  for (const r of ranges) {
    if (r.end <= start || r.start >= end) continue;
    const s = Math.max(r.start, at);
    const e = Math.min(r.end, end);
    out += `${text.slice(at, s)}**${text.slice(s, e)}**`;
    at = e;
  }
  out += text.slice(at, end);
  return `${start > 0 ? '…' : ''}${out}${end < text.length ? '…' : ''}`;
}

/**
 * Searches everything: trials and findings (full text, best first), then the source, route and label
 * profiles whose text matches the query, read by the same parser and with the same semantics as the
 * store's full-text search (src/science/evidence/search-query.ts).
 */
export async function searchEvidence(wb: Workbench, q: string, limit = 20): Promise<SearchHit[]> {
  const text: TextHit[] = await wb.store.evidence.searchText(q, limit);
  return [...text, ...referenceHits(q).map((hit) => ({ ...hit }))];
}

/** Reference-profile hits per query text: the profiles are fixed data, so the answer depends on q alone. */
const referenceHitsByQuery = new Map<string, SearchHit[]>();
const REFERENCE_HITS_KEPT = 256;

function referenceHits(q: string): SearchHit[] {
  const known = referenceHitsByQuery.get(q);
  if (known !== undefined) return known;
  const query = parseSearchQuery(q);
  const hits = indexedReferenceDocs().flatMap(({ doc, ...d }) => {
    return matchesQuery(query, doc)
      ? [{ kind: d.kind, id: d.id, title: d.title, snippet: snippetAround(doc, query) }]
      : [];
  });
  if (referenceHitsByQuery.size >= REFERENCE_HITS_KEPT) referenceHitsByQuery.clear();
  referenceHitsByQuery.set(q, hits);
  return hits;
}

// ---------------------------------------------------------------- source profiles

export interface SourceProfileWithCounts extends MscSourceProfile {
  markers: {
    positive: string[];
    negative: string[];
    conflicting: ConflictingMarker[];
  };
  /** Trials and findings whose MSC source is this profile's slug or one of its tissues. */
  trials: number;
  findings: number;
}

/** Every MSC source profile (Li et al. 2025, Table 6) with how many stored trials and findings it has. */
export async function sourceProfilesWithCounts(wb: Workbench): Promise<SourceProfileWithCounts[]> {
  const [trials, findings] = await Promise.all([
    wb.store.evidence.listTrials({ limit: 1 }),
    wb.store.evidence.listFindings({ limit: 1 }),
  ]);
  return MSC_SOURCE_PROFILES.map((p) => {
    const slugs = [...new Set([p.slug, ...p.tissues])];
    const sum = (c: Record<string, number>) => slugs.reduce((n, s) => n + (c[s] ?? 0), 0);
    return {
      ...p,
      markers: {
        positive: p.positiveMarkers,
        negative: p.negativeMarkers,
        conflicting: p.conflictingMarkers,
      },
      trials: sum(trials.facets.source),
      findings: sum(findings.facets.source),
    };
  });
}

// ---------------------------------------------------------------- export

export type ExportDataset = 'trials' | 'findings';
export type ExportFormat = 'csv' | 'json';

export interface EvidenceExport {
  fileName: string;
  contentType: string;
  body: string;
  rows: number;
}

async function allTrials(wb: Workbench): Promise<EvidenceTrial[]> {
  const out: EvidenceTrial[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_LIMIT) {
    const page = await wb.store.evidence.listTrials({ limit: MAX_PAGE_LIMIT, offset });
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
}

async function allFindings(wb: Workbench): Promise<EvidenceFinding[]> {
  const out: EvidenceFinding[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_LIMIT) {
    const page = await wb.store.evidence.listFindings({ limit: MAX_PAGE_LIMIT, offset });
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
}

const citationsCell = (cs: readonly Citation[]) => cs.map(citationText).join(' | ');

/** The whole trials or findings dataset as CSV (RFC 4180, citations in a column) or JSON. */
export async function exportEvidence(
  wb: Workbench,
  dataset: ExportDataset,
  format: ExportFormat,
): Promise<EvidenceExport> {
  const fileName = `evlab-${dataset}.${format}`;
  if (dataset === 'trials') {
    const trials = await allTrials(wb);
    if (format === 'json') {
      return {
        fileName,
        contentType: 'application/json',
        body: JSON.stringify(trials, null, 2),
        rows: trials.length,
      };
    }
    const body = toCsv(
      [
        'nct_id',
        'title',
        'official_title',
        'status',
        'conditions',
        'phases',
        'first_posted',
        'msc_source',
        'msc_source_rule',
        'neurological',
        'disorder',
        'neurological_rule',
        'countries',
        'locations',
        'has_results',
        'origin',
        'url',
        'citations',
      ],
      trials.map((t) => [
        t.nctId,
        t.title,
        t.officialTitle,
        t.status,
        listCell(t.conditions),
        listCell(t.phases),
        t.firstPosted,
        t.mscSource,
        t.mscSourceRule,
        t.neurological,
        t.disorder,
        t.neurologicalRule,
        listCell(t.countries),
        listCell(t.locations),
        t.hasResults,
        t.origin,
        `https://clinicaltrials.gov/study/${t.nctId}`,
        citationsCell(t.citations),
      ]),
    );
    return { fileName, contentType: 'text/csv; charset=utf-8', body, rows: trials.length };
  }
  const findings = await allFindings(wb);
  if (format === 'json') {
    return {
      fileName,
      contentType: 'application/json',
      body: JSON.stringify(findings, null, 2),
      rows: findings.length,
    };
  }
  const body = toCsv(
    [
      'id',
      'msc_source',
      'disorder',
      'evidence_level',
      'species',
      'model',
      'route',
      'dose',
      'outcome',
      'mechanism',
      'molecules',
      'reference',
      'review_location',
    ],
    findings.map((f) => [
      f.id,
      f.mscSource,
      f.disorder,
      f.evidenceLevel,
      f.model.species,
      f.model.description,
      f.route,
      f.dose,
      f.outcome,
      f.mechanism,
      listCell(f.molecules),
      citationText(f.reference),
      f.reviewLocation,
    ]),
  );
  return { fileName, contentType: 'text/csv; charset=utf-8', body, rows: findings.length };
}

// ---------------------------------------------------------------- batch links

export interface BatchEvidence {
  batchId: string;
  /** The evidence source slug of the batch's MSC tissue, null when the batch has no source. */
  source: EvidenceSource | null;
  /** Sources whose evidence applies (umbilical cord and Wharton's jelly share a profile). */
  sources: EvidenceSource[];
  indication: string | null;
  /** The indication read as a disorder slug, null when it is free text that names none. */
  disorder: NeurologicalDisorder | null;
  /** Findings about the source and/or the disorder; `matchedBy` says which (both first). */
  findings: (EvidenceFinding & { matchedBy: ('source' | 'disorder')[] })[];
  trials: (EvidenceTrial & { matchedBy: ('source' | 'disorder')[] })[];
  /** Routes the related findings used, with how many. */
  routes: (AdministrationRouteProfile & { findings: number })[];
  /** Identity markers expected for the tissue (Li et al. 2025 Table 6), for QC. */
  markers: {
    positive: string[];
    negative: string[];
    conflicting: ConflictingMarker[];
    citations: Citation[];
  };
}

function mergeMatches<T extends { matchedBy: ('source' | 'disorder')[] }>(
  bySource: readonly T[],
  byDisorder: readonly T[],
  idOf: (item: T) => string,
): T[] {
  const merged = new Map<string, T>();
  for (const item of bySource) merged.set(idOf(item), { ...item, matchedBy: ['source'] });
  for (const item of byDisorder) {
    const seen = merged.get(idOf(item));
    if (seen) seen.matchedBy = ['source', 'disorder'];
    else merged.set(idOf(item), { ...item, matchedBy: ['disorder'] });
  }
  return [...merged.values()].sort((a, b) => b.matchedBy.length - a.matchedBy.length);
}

/** What a batch's MSC source and intended indication link to. Null when the batch does not exist. */
export async function batchEvidence(wb: Workbench, batchId: string): Promise<BatchEvidence | null> {
  const batch = await wb.store.getBatch(batchId);
  if (!batch) return null;
  const msc = batch.sourceId ? await wb.store.getSource(batch.sourceId) : null;
  const tissue = msc?.tissue ?? null;
  // Every tissue slug is also an evidence source slug (src/domain/msc-source.ts TISSUES ⊂ EVIDENCE_SOURCES).
  const source: EvidenceSource | null = tissue;
  const sources = tissue ? evidenceSourcesForTissue(tissue) : [];
  const indication = batch.intendedIndication ?? null;
  const disorder = resolveDisorder(indication);

  const none = { items: [] as never[] };
  const [findingsBySource, findingsByDisorder, trialsBySource, trialsByDisorder] = await Promise.all([
    sources.length > 0 ? wb.store.evidence.listFindings({ sources, limit: MAX_PAGE_LIMIT }) : none,
    disorder ? wb.store.evidence.listFindings({ disorder, limit: MAX_PAGE_LIMIT }) : none,
    Promise.all(sources.map((s) => wb.store.evidence.listTrials({ source: s, limit: MAX_PAGE_LIMIT }))).then(
      (pages) => ({ items: pages.flatMap((p) => p.items) }),
    ),
    disorder ? wb.store.evidence.listTrials({ disorder, limit: MAX_PAGE_LIMIT }) : none,
  ]);
  const tag = <T>(items: readonly T[]) =>
    items.map((i) => ({ ...i, matchedBy: [] as ('source' | 'disorder')[] }));
  const findings = mergeMatches(tag(findingsBySource.items), tag(findingsByDisorder.items), (f) => f.id);
  const trials = mergeMatches(tag(trialsBySource.items), tag(trialsByDisorder.items), (t) => t.nctId);

  const routeCounts = new Map<string, number>();
  for (const f of findings) if (f.route) routeCounts.set(f.route, (routeCounts.get(f.route) ?? 0) + 1);
  const routes = ADMINISTRATION_ROUTE_PROFILES.filter((r) => routeCounts.has(r.slug))
    .map((r) => ({ ...r, findings: routeCounts.get(r.slug) ?? 0 }))
    .sort((a, b) => b.findings - a.findings);

  const profile = tissue ? sourceProfileForTissue(tissue) : undefined;
  return {
    batchId: batch.id,
    source,
    sources,
    indication,
    disorder,
    findings,
    trials,
    routes,
    markers: {
      positive: profile?.positiveMarkers ?? [],
      negative: profile?.negativeMarkers ?? [],
      conflicting: profile?.conflictingMarkers ?? [],
      citations: profile?.citations ?? [],
    },
  };
}
