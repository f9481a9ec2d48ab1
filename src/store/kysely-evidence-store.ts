/**
 * The evidence store over Kysely (SQLite and PostgreSQL). Portable SQL except full-text search, marked
 * "Dialect-specific": SQLite queries the FTS5 table with MATCH / bm25 / snippet, PostgreSQL the GIN
 * expression index with websearch_to_tsquery / ts_rank / ts_headline.
 *
 * Writes go through the main store's write transaction (ctx.write). CT.gov imports are audited as
 * entity type 'trial'; the curated sync is not (it is reference data shipped with evlab, like a migration).
 */
import { createHash } from 'node:crypto';
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import type { Citation } from '../domain/citation.ts';
import { EVIDENCE_DATA_VERSION, type NeuroFinding } from '../domain/evidence/index.ts';
import { EVIDENCE_SOURCE_LABELS, EVIDENCE_SOURCES, type EvidenceSource } from '../domain/evidence-source.ts';
import { NEUROLOGICAL_DISORDER_SLUGS } from '../domain/neurological-disorder.ts';
import {
  curatedFindings,
  curatedTrialFacts,
  disorderLabel,
  findingSearchBody,
  findingTitle,
} from '../science/evidence/curated-evidence.ts';
import {
  type CuratedTrialFacts,
  type EffectiveTrial,
  effectiveTrial,
  TABLE_5_CITATION,
} from '../science/evidence/effective-trial.ts';
import { MERGE_RULES_VERSION } from '../science/evidence/merge-rules-version.ts';
import {
  isSearchable,
  parseSearchQuery,
  type SearchQuery,
  type SearchTerm,
} from '../science/evidence/search-query.ts';
import type { TrialFacts } from '../science/evidence/trial-facts.ts';
import { yearOf } from '../science/evidence/trial-facts.ts';
import { checkTrialRelevance, type TrialRelevance } from '../science/evidence/trial-relevance.ts';
import type { Database } from './database-schema.ts';
import type {
  CtgovStudyInput,
  CuratedSyncResult,
  EvidenceFinding,
  EvidenceMatrix,
  EvidenceStore,
  EvidenceTrial,
  FacetCounts,
  FindingFacet,
  FindingFilter,
  FindingPage,
  TextHit,
  TimelineYear,
  TrialFacet,
  TrialFilter,
  TrialPage,
  TrialStatusChange,
  UpsertOutcome,
  UpsertResult,
} from './evidence-store.ts';
import { FINDING_FACETS, TRIAL_FACETS } from './evidence-store.ts';
import type { FindingsTable, TrialsTable } from './evidence-tables.ts';
import { type Dialect, StoreError } from './evlab-store.ts';
import { containsPattern, normalizePage } from './kysely-evlab-store.ts';
import { SqliteStateCache } from './sqlite-state-cache.ts';
import type { SubStoreContext } from './sub-store-context.ts';
import { newTimeOrderedId } from './time-ordered-id.ts';

type Db = Kysely<Database>;
/** Rows per IN (...) list / multi-row insert (well below both dialects' bind-parameter limits). */
const CHUNK = 500;
const CURATED_FINGERPRINT_KEY = 'curated-fingerprint';
/** Imports of at least this many new trials refresh PostgreSQL's planner statistics. */
const ANALYZE_AFTER_ROWS = 200;
/** Search hits returned by default. */
const DEFAULT_HIT_LIMIT = 20;

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

// ---------------------------------------------------------------- full-text query syntax

/**
 * Dialect-specific (SQLite): a parsed query as an FTS5 query string. Every term is an FTS5 string of its
 * words (letters and digits only, so no user text is FTS5 syntax); OR groups are parenthesised, groups
 * ANDed, exclusions `NOT` after the rest. Null when nothing positive is left to search for. The string
 * is bound as a parameter of MATCH, never concatenated into SQL.
 */
export function toFts5Query(query: SearchQuery): string | null {
  if (!isSearchable(query)) return null;
  const quote = (t: SearchTerm) => `"${t.words.join(' ')}"`;
  const groups = query.anyOf.map((g) =>
    g.length === 1 ? quote(g[0] as SearchTerm) : `(${g.map(quote).join(' OR ')})`,
  );
  const expr = groups.join(' AND ');
  if (query.excluded.length === 0) return expr;
  return `(${expr})${query.excluded.map((t) => ` NOT ${quote(t)}`).join('')}`;
}

/**
 * Dialect-specific (PostgreSQL): a parsed query as a tsquery expression built from bound parameters
 * (phraseto_tsquery per term, combined with the tsquery operators ||, && and !!). PostgreSQL's parser
 * reads "miR-124" as 'mir' followed by the signed number '-124', so a term typed with punctuation is also
 * searched as typed, alongside its plain words ("mir 124"). Null when nothing positive is left.
 */
export function toTsquery(query: SearchQuery): RawBuilder<unknown> | null {
  if (!isSearchable(query)) return null;
  const term = (t: SearchTerm) => {
    const plain = t.words.join(' ');
    const words = sql`phraseto_tsquery('english', ${plain})`;
    return t.text.toLowerCase() === plain ? words : sql`(${words} || phraseto_tsquery('english', ${t.text}))`;
  };
  const groups = query.anyOf.map((g) => sql`(${sql.join(g.map(term), sql` || `)})`);
  const parts = [...groups, ...query.excluded.map((t) => sql`(!! ${term(t)})`)];
  return sql`(${sql.join(parts, sql` && `)})`;
}

// ---------------------------------------------------------------- filter values

/** "Phase 1", "phase1", "1", "early phase 1", "n/a" → CT.gov phase enums. */
export function normalizePhase(text: string): string {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, '');
  if (/^\d$/.test(t)) return `PHASE${t}`;
  if (t === 'N/A' || t === 'NOTAPPLICABLE') return 'NA';
  if (t.startsWith('EARLYPHASE')) return `EARLY_PHASE${t.slice('EARLYPHASE'.length)}`;
  return t;
}

/** "Active, not recruiting" → ACTIVE_NOT_RECRUITING. */
export function normalizeStatus(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// ---------------------------------------------------------------- the store

/** Search answers kept per database state (SQLite): a few dozen distinct queries repeat in practice. */
const SEARCH_CACHE_SIZE = 256;

export class KyselyEvidenceStore implements EvidenceStore {
  readonly #ctx: SubStoreContext;
  #ready: Promise<void> | null = null;
  /** Dialect-specific (SQLite): full-text answers (bm25 and snippets, ~100–250 µs) kept between writes. */
  readonly #searchCache = new SqliteStateCache<TextHit[]>(SEARCH_CACHE_SIZE);

  constructor(ctx: SubStoreContext) {
    this.#ctx = ctx;
  }

  get #db(): Db {
    return this.#ctx.db;
  }

  get #dialect(): Dialect {
    return this.#ctx.dialect;
  }

  #now(): string {
    return this.#ctx.clock().toISOString();
  }

  /** Syncs the curated data once per store instance when its fingerprint differs from the stored one. */
  async #ensureCurated(): Promise<void> {
    if (this.#ready === null) {
      this.#ready = (async () => {
        const stored = await this.#db
          .selectFrom('evidence_meta')
          .select('value')
          .where('key', '=', CURATED_FINGERPRINT_KEY)
          .executeTakeFirst();
        if (stored?.value === curatedFingerprint()) return;
        try {
          await this.syncCurated();
        } catch (error) {
          // Another process synced the same rows at the same moment (PostgreSQL unique violation):
          // once more, now that its rows are visible, and it is a no-op.
          if ((error as { code?: unknown })?.code !== 'conflict') throw error;
          await this.syncCurated();
        }
      })();
      // A failure (e.g. the database is not migrated yet) is retried on the next call.
      this.#ready.catch(() => {
        this.#ready = null;
      });
    }
    return this.#ready;
  }

  // ---------------------------------------------------------------- writes

  async syncCurated(): Promise<CuratedSyncResult> {
    const fingerprint = curatedFingerprint();
    const trials = curatedTrialFacts();
    const findings = curatedFindings();
    return this.#ctx.write('invalid-reference', async (tx) => {
      const at = this.#now();
      const trialCounts = { inserted: 0, updated: 0, unchanged: 0 };
      const existing = await this.#existingTrials(
        tx,
        trials.map((t) => t.nctId),
      );
      for (const curated of trials) {
        const before = existing.get(curated.nctId);
        const ctgov = before ? parseJson<TrialFacts | null>(before.ctgov_json, null) : null;
        const outcome = await this.#writeTrial(tx, at, {
          before,
          curated,
          ctgov,
          raw: before?.raw_json ?? null,
          importedAt: before?.imported_at ?? null,
        });
        trialCounts[outcome.outcome === 'imported' ? 'inserted' : outcome.outcome] += 1;
      }

      const findingCounts = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
      const stored = new Map(
        (await tx.selectFrom('findings').select(['id', 'content_hash']).execute()).map((r) => [
          r.id,
          r.content_hash,
        ]),
      );
      for (const [position, finding] of findings.entries()) {
        const row = findingRow(finding, position, at);
        const hash = stored.get(finding.id);
        stored.delete(finding.id);
        if (hash === row.content_hash) {
          findingCounts.unchanged += 1;
          continue;
        }
        if (hash === undefined) {
          await tx.insertInto('findings').values(row).execute();
          findingCounts.inserted += 1;
        } else {
          const { id: _id, ...set } = row;
          await tx.updateTable('findings').set(set).where('id', '=', finding.id).execute();
          await this.#deleteSearchDoc(tx, 'finding', finding.id);
          findingCounts.updated += 1;
        }
        await tx
          .insertInto('evidence_search')
          .values({
            kind: 'finding',
            ref_id: finding.id,
            title: findingTitle(finding),
            body: findingSearchBody(finding),
          })
          .execute();
      }
      // Findings no longer in the curated data set.
      for (const id of stored.keys()) {
        await tx.deleteFrom('findings').where('id', '=', id).execute();
        await this.#deleteSearchDoc(tx, 'finding', id);
        findingCounts.removed += 1;
      }

      await this.#setMeta(tx, CURATED_FINGERPRINT_KEY, fingerprint);
      return { trials: trialCounts, findings: findingCounts, fingerprint };
    });
  }

  async upsertCtgovStudies(studies: readonly CtgovStudyInput[], actor: string): Promise<UpsertResult> {
    await this.#ensureCurated();
    const result: UpsertResult = { imported: 0, updated: 0, unchanged: 0, results: [] };
    if (studies.length === 0) return result;
    // The same NCT id twice in one batch: the last one wins, like importing them one after another.
    const written = await this.#ctx.write('invalid-reference', async (tx) => {
      const at = this.#now();
      const existing = await this.#existingTrials(
        tx,
        studies.map((s) => s.facts.nctId),
      );
      for (const study of studies) {
        const before = existing.get(study.facts.nctId);
        const curated = before ? parseJson<CuratedTrialFacts | null>(before.curated_json, null) : null;
        const raw = JSON.stringify(study.raw);
        const outcome = await this.#writeTrial(tx, at, {
          before,
          curated,
          ctgov: study.facts,
          raw,
          importedAt: at,
          audit: { actor },
        });
        if (outcome.row) existing.set(study.facts.nctId, outcome.row);
        result[outcome.outcome] += 1;
        result.results.push({
          nctId: study.facts.nctId,
          outcome: outcome.outcome,
          statusChanged: outcome.statusChanged,
        });
      }
      return result;
    });
    if (written.imported >= ANALYZE_AFTER_ROWS) await this.#refreshPlannerStatistics();
    return written;
  }

  /**
   * Dialect-specific (PostgreSQL): after a bulk import the planner has no statistics for the new rows
   * and picks nested loops over the whole facet table (measured: p95 0.9 s instead of tens of ms for a
   * search over 5,000 trials). ANALYZE fixes that at once. Best effort: a failure only costs speed.
   */
  async #refreshPlannerStatistics(): Promise<void> {
    if (this.#dialect !== 'postgres') return;
    for (const table of ['trials', 'trial_facets', 'trial_status_history', 'evidence_search']) {
      await sql`analyze ${sql.table(table)}`.execute(this.#db).catch(() => undefined);
    }
  }

  /**
   * Inserts or updates one trial from its inputs: merged record, facet rows, search document, status
   * history (a row when the shown status differs from the last recorded one), audit (CT.gov imports).
   * Nothing is written when the content hash is unchanged.
   */
  async #writeTrial(
    tx: Db,
    at: string,
    input: {
      before: Selectable<TrialsTable> | undefined;
      curated: CuratedTrialFacts | null;
      ctgov: TrialFacts | null;
      raw: string | null;
      importedAt: string | null;
      audit?: { actor: string };
    },
  ): Promise<{ outcome: UpsertOutcome; statusChanged: boolean; row?: Selectable<TrialsTable> }> {
    const { before, curated, ctgov, raw } = input;
    const trial = effectiveTrial({ curated, ctgov });
    const contentHash = sha256({ trial, curated, ctgov, raw, rules: MERGE_RULES_VERSION });
    if (before && before.content_hash === contentHash) return { outcome: 'unchanged', statusChanged: false };

    const row: Selectable<TrialsTable> = {
      ...trialRow(trial),
      curated_json: curated ? JSON.stringify(curated) : null,
      raw_json: raw,
      ctgov_json: ctgov ? JSON.stringify(ctgov) : null,
      // A curated re-sync keeps the time of the last import.
      imported_at: ctgov ? (input.audit ? input.importedAt : (before?.imported_at ?? null)) : null,
      created_at: before?.created_at ?? at,
      updated_at: at,
      content_hash: contentHash,
      // Migration 0004: curated trials are MSC-EV trials; an import keeps a user's decision, and a new
      // CT.gov study joins only when it passes the relevance rule (pending otherwise).
      relevance: curated
        ? 'relevant'
        : (before?.relevance ?? (ctgov ? checkTrialRelevance(ctgov).relevance : 'relevant')),
    };
    if (before) {
      const { nct_id: _id, created_at: _created, ...set } = row;
      await tx.updateTable('trials').set(set).where('nct_id', '=', trial.nctId).execute();
      await tx.deleteFrom('trial_facets').where('nct_id', '=', trial.nctId).execute();
      await this.#deleteSearchDoc(tx, 'trial', trial.nctId);
    } else {
      await tx.insertInto('trials').values(row).execute();
    }
    const facets = facetRows(trial);
    if (facets.length > 0) await tx.insertInto('trial_facets').values(facets).execute();
    await tx
      .insertInto('evidence_search')
      .values({ kind: 'trial', ref_id: trial.nctId, title: trial.title, body: trialSearchBody(trial) })
      .execute();

    const last = await tx
      .selectFrom('trial_status_history')
      .select('status')
      .where('nct_id', '=', trial.nctId)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const statusChanged = last !== undefined && last.status !== trial.status;
    if (last === undefined || statusChanged) {
      await tx
        .insertInto('trial_status_history')
        .values({
          id: newTimeOrderedId(),
          nct_id: trial.nctId,
          status: trial.status,
          at: trial.statusObservedAt,
          origin: ctgov ? 'ctgov' : 'curated',
          recorded_at: at,
        })
        .execute();
    }

    if (input.audit) {
      const beforeTrial = before ? toEffective(before) : null;
      await this.#ctx.audit(tx, at, input.audit.actor, {
        entityType: 'trial',
        entityId: trial.nctId,
        batchId: null,
        action: before === undefined ? 'create' : statusChanged ? 'status-change' : 'update',
        before: beforeTrial ? auditView(beforeTrial) : null,
        after: auditView(trial),
      });
    }
    return { outcome: before ? 'updated' : 'imported', statusChanged, row };
  }

  async #existingTrials(tx: Db, ids: readonly string[]): Promise<Map<string, Selectable<TrialsTable>>> {
    const out = new Map<string, Selectable<TrialsTable>>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await tx
        .selectFrom('trials')
        .selectAll()
        .where('nct_id', 'in', part)
        .$if(this.#dialect === 'postgres', (qb) => qb.forUpdate())
        .execute();
      for (const r of rows) out.set(r.nct_id, r);
    }
    return out;
  }

  /**
   * Dialect-specific cost note: on SQLite `kind` and `ref_id` are unindexed FTS5 columns, so this delete
   * scans the FTS content table; it runs only when a trial or finding changes.
   */
  async #deleteSearchDoc(tx: Db, kind: 'trial' | 'finding', id: string): Promise<void> {
    await tx.deleteFrom('evidence_search').where('kind', '=', kind).where('ref_id', '=', id).execute();
  }

  async #setMeta(tx: Db, key: string, value: string): Promise<void> {
    const found = await tx
      .selectFrom('evidence_meta')
      .select('key')
      .where('key', '=', key)
      .executeTakeFirst();
    if (found) await tx.updateTable('evidence_meta').set({ value }).where('key', '=', key).execute();
    else await tx.insertInto('evidence_meta').values({ key, value }).execute();
  }

  // ---------------------------------------------------------------- trials

  /** Confirms a trial as an MSC-EV trial, or sets it aside (audited as a trial update). */
  async setTrialRelevance(nctId: string, relevance: TrialRelevance, actor: string): Promise<EvidenceTrial> {
    await this.#ensureCurated();
    const id = nctId.trim().toUpperCase();
    await this.#ctx.write('invalid-reference', async (tx) => {
      const row = await tx
        .selectFrom('trials')
        .select(['nct_id', 'relevance'])
        .where('nct_id', '=', id)
        .executeTakeFirst();
      if (!row) throw new StoreError('not-found', `trial ${id} does not exist`, ['nctId']);
      if (row.relevance === relevance) return;
      const at = this.#ctx.clock().toISOString();
      await tx.updateTable('trials').set({ relevance, updated_at: at }).where('nct_id', '=', id).execute();
      await this.#ctx.audit(tx, at, actor, {
        entityType: 'trial',
        entityId: id,
        batchId: null,
        action: 'update',
        before: { relevance: row.relevance },
        after: { relevance },
      });
    });
    const trial = await this.getTrial(id);
    if (!trial) throw new StoreError('not-found', `trial ${id} does not exist`, ['nctId']);
    return trial;
  }

  async getTrial(nctId: string): Promise<EvidenceTrial | null> {
    await this.#ensureCurated();
    const id = nctId.trim().toUpperCase();
    const row = await this.#db.selectFrom('trials').selectAll().where('nct_id', '=', id).executeTakeFirst();
    if (!row) return null;
    const history = await this.#history([id]);
    return toTrial(row, history.get(id) ?? []);
  }

  async listTrials(filter: TrialFilter = {}): Promise<TrialPage> {
    await this.#ensureCurated();
    const { limit, offset } = normalizePage(filter);
    const facets = emptyFacets(TRIAL_FACETS);
    const search = filter.q?.trim() ? this.#matchingIds('trial', filter.q) : undefined;
    if (search === null) return { items: [], total: 0, limit, offset, facets };

    const where = (eb: ExpressionBuilder<Database, 'trials'>) => {
      const c: Expression<SqlBool>[] = [];
      const facet = (name: TrialFacet, value: string, caseInsensitive = false) =>
        eb.exists(
          eb
            .selectFrom('trial_facets as f')
            .select('f.nct_id')
            .whereRef('f.nct_id', '=', 'trials.nct_id')
            .where('f.facet', '=', name)
            .where(
              caseInsensitive
                ? sql<SqlBool>`lower(f.value) = ${value.toLowerCase()}`
                : sql<SqlBool>`f.value = ${value}`,
            ),
        );
      if (filter.source) c.push(eb('msc_source', '=', filter.source));
      if (filter.status) c.push(eb('status', '=', normalizeStatus(filter.status)));
      if (filter.phase) c.push(facet('phase', normalizePhase(filter.phase)));
      if (filter.country) c.push(facet('country', filter.country.trim(), true));
      if (filter.year !== undefined) c.push(facet('year', String(filter.year)));
      if (filter.neurological !== undefined) c.push(eb('neurological', '=', filter.neurological ? 1 : 0));
      if (filter.disorder) c.push(eb('disorder', '=', filter.disorder));
      if (filter.origin) c.push(eb('origin', '=', filter.origin));
      if (filter.relevance !== 'all') c.push(eb('relevance', '=', filter.relevance ?? 'relevant'));
      if (filter.condition?.trim()) {
        c.push(
          sql<SqlBool>`lower(${eb.ref('conditions_json')}) like ${containsPattern(filter.condition.trim())} escape '\\'`,
        );
      }
      if (search) c.push(eb('nct_id', 'in', search));
      return eb.and(c);
    };
    const base = this.#db.selectFrom('trials').where(where);
    const [count, pageIds, facetRowsFound] = await Promise.all([
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      // Newest first posted first (undated last), then NCT id. Sorting the ids alone and reading the
      // wide rows afterwards keeps the sort small (the rows carry the raw CT.gov JSON).
      base
        .select('nct_id')
        .orderBy(sql`case when first_posted is null then 1 else 0 end`)
        .orderBy('first_posted', 'desc')
        .orderBy('nct_id', 'asc')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.#db
        .selectFrom('trial_facets')
        .select(['facet', 'value', (eb) => eb.fn.countAll().as('n')])
        .where('nct_id', 'in', base.select('nct_id'))
        .groupBy(['facet', 'value'])
        .execute(),
    ]);
    for (const r of sortedCounts(facetRowsFound)) {
      const bucket = facets[r.facet as TrialFacet];
      if (bucket) bucket[r.value] = Number(r.n);
    }
    const ids = pageIds.map((r) => r.nct_id);
    const byId = new Map<string, Selectable<TrialsTable>>();
    if (ids.length > 0) {
      for (const r of await this.#db.selectFrom('trials').selectAll().where('nct_id', 'in', ids).execute()) {
        byId.set(r.nct_id, r);
      }
    }
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    const history = await this.#history(ids);
    return {
      items: rows.map((r) => toTrial(r, history.get(r.nct_id) ?? [])),
      total: Number(count.n),
      limit,
      offset,
      facets,
    };
  }

  async #history(ids: readonly string[]): Promise<Map<string, TrialStatusChange[]>> {
    const out = new Map<string, TrialStatusChange[]>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const rows = await this.#db
        .selectFrom('trial_status_history')
        .selectAll()
        .where('nct_id', 'in', part)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const list = out.get(r.nct_id) ?? [];
        list.push({ status: r.status, at: r.at, origin: r.origin, recordedAt: r.recorded_at });
        out.set(r.nct_id, list);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- findings

  async getFinding(id: string): Promise<EvidenceFinding | null> {
    await this.#ensureCurated();
    const row = await this.#db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toFinding(row) : null;
  }

  async listFindings(filter: FindingFilter = {}): Promise<FindingPage> {
    await this.#ensureCurated();
    const { limit, offset } = normalizePage(filter);
    const facets = emptyFacets(FINDING_FACETS);
    const search = filter.q?.trim() ? this.#matchingIds('finding', filter.q) : undefined;
    if (search === null) return { items: [], total: 0, limit, offset, facets };
    const where = (eb: ExpressionBuilder<Database, 'findings'>) => {
      const c: Expression<SqlBool>[] = [];
      if (filter.disorder) c.push(eb('disorder', '=', filter.disorder));
      if (filter.sources && filter.sources.length > 0) c.push(eb('msc_source', 'in', filter.sources));
      if (filter.route) c.push(eb('route', '=', filter.route));
      if (filter.evidenceLevel) c.push(eb('evidence_level', '=', filter.evidenceLevel));
      if (search) c.push(eb('id', 'in', search));
      return eb.and(c);
    };
    const base = this.#db.selectFrom('findings').where(where);
    const [count, rows, groups] = await Promise.all([
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      base.selectAll().orderBy('position').limit(limit).offset(offset).execute(),
      base
        .select([
          'msc_source',
          'disorder',
          'route',
          'evidence_level',
          'species',
          (eb) => eb.fn.countAll().as('n'),
        ])
        .groupBy(['msc_source', 'disorder', 'route', 'evidence_level', 'species'])
        .execute(),
    ]);
    for (const g of [...groups].sort((a, b) => Number(b.n) - Number(a.n))) {
      const n = Number(g.n);
      const add = (facet: FindingFacet, value: string | null) => {
        const key = value ?? 'not-stated';
        facets[facet][key] = (facets[facet][key] ?? 0) + n;
      };
      add('source', g.msc_source);
      add('disorder', g.disorder);
      add('route', g.route);
      add('evidenceLevel', g.evidence_level);
      add('species', g.species);
    }
    return { items: rows.map(toFinding), total: Number(count.n), limit, offset, facets };
  }

  // ---------------------------------------------------------------- search, matrix, timeline

  /**
   * Dialect-specific: a subquery of the ids of one kind whose search document matches `q`, or null when
   * the query has nothing to search for.
   */
  #matchingIds(kind: 'trial' | 'finding', q: string) {
    const parsed = parseSearchQuery(q);
    if (this.#dialect === 'sqlite') {
      const query = toFts5Query(parsed);
      if (query === null) return null;
      return this.#db
        .selectFrom('evidence_search')
        .select('ref_id')
        .where('kind', '=', kind)
        .where(sql<SqlBool>`evidence_search match ${query}`);
    }
    const query = toTsquery(parsed);
    if (query === null) return null;
    return this.#db
      .selectFrom('evidence_search')
      .select('ref_id')
      .where('kind', '=', kind)
      .where(sql<SqlBool>`search_vector @@ ${query}`);
  }

  async searchText(q: string, limit = DEFAULT_HIT_LIMIT): Promise<TextHit[]> {
    await this.#ensureCurated();
    const parsed = parseSearchQuery(q);
    const n = Math.min(Math.max(Math.trunc(limit) || DEFAULT_HIT_LIMIT, 1), 200);
    if (this.#dialect === 'sqlite') {
      // Dialect-specific (SQLite FTS5): bm25 with the title weighted 10× the body; snippet of the best column.
      const query = toFts5Query(parsed);
      if (query === null) return [];
      return this.#searchCache.get(this.#db, `${n}\u0000${query}`, async () => {
        const rows = await sql<{ kind: 'trial' | 'finding'; ref_id: string; title: string; snippet: string }>`
          select kind, ref_id, title, snippet(evidence_search, -1, '**', '**', '…', 16) as snippet
          from evidence_search where evidence_search match ${query}
          order by bm25(evidence_search, 0, 0, 10.0, 1.0), ref_id limit ${n}`.execute(this.#db);
        return rows.rows.map((r) => ({ kind: r.kind, id: r.ref_id, title: r.title, snippet: r.snippet }));
      });
    }
    // Dialect-specific (PostgreSQL): ts_rank over the stored vector (title weighted A), ts_headline for the snippet.
    const query = toTsquery(parsed);
    if (query === null) return [];
    const rows = await sql<{ kind: 'trial' | 'finding'; ref_id: string; title: string; snippet: string }>`
      select kind, ref_id, title,
        ts_headline('english', title || ' ' || body, query.q, 'StartSel=**, StopSel=**, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "') as snippet
      from evidence_search, (select ${query} as q) as query
      where search_vector @@ query.q
      order by ts_rank(search_vector, query.q) desc, ref_id
      limit ${n}`.execute(this.#db);
    return rows.rows.map((r) => ({ kind: r.kind, id: r.ref_id, title: r.title, snippet: r.snippet }));
  }

  async matrix(): Promise<EvidenceMatrix> {
    await this.#ensureCurated();
    const [findings, trials] = await Promise.all([
      this.#db
        .selectFrom('findings')
        .select(['msc_source', 'disorder', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['msc_source', 'disorder'])
        .execute(),
      this.#db
        .selectFrom('trials')
        .select(['msc_source', 'disorder', (eb) => eb.fn.countAll().as('n')])
        .where('disorder', 'is not', null)
        .where('relevance', '=', 'relevant')
        .groupBy(['msc_source', 'disorder'])
        .execute(),
    ]);
    const key = (s: string, d: string) => `${s}\u0000${d}`;
    const counts = new Map<string, { findings: number; trials: number }>();
    for (const r of findings) {
      counts.set(key(r.msc_source, r.disorder), { findings: Number(r.n), trials: 0 });
    }
    for (const r of trials) {
      const k = key(r.msc_source, r.disorder as string);
      const cell = counts.get(k) ?? { findings: 0, trials: 0 };
      cell.trials = Number(r.n);
      counts.set(k, cell);
    }
    const usedSources = new Set([...findings, ...trials].map((r) => r.msc_source));
    const usedDisorders = new Set([...findings, ...trials].map((r) => r.disorder as string));
    const sources = [
      ...EVIDENCE_SOURCES.filter((s) => usedSources.has(s)),
      ...[...usedSources].filter((s) => !(EVIDENCE_SOURCES as readonly string[]).includes(s)).sort(),
    ];
    const disorders = [
      ...NEUROLOGICAL_DISORDER_SLUGS.filter((d) => usedDisorders.has(d)),
      ...[...usedDisorders].filter((d) => !(NEUROLOGICAL_DISORDER_SLUGS as string[]).includes(d)).sort(),
    ];
    const cells = sources.flatMap((source) =>
      disorders.map((disorder) => ({
        source,
        disorder,
        ...(counts.get(key(source, disorder)) ?? { findings: 0, trials: 0 }),
      })),
    );
    return { sources, disorders, cells };
  }

  async timeline(): Promise<TimelineYear[]> {
    await this.#ensureCurated();
    const rows = await this.#db
      .selectFrom('trials')
      .select([
        sql<string>`substr(first_posted, 1, 4)`.as('year'),
        'msc_source',
        'neurological',
        (eb) => eb.fn.countAll().as('n'),
      ])
      .where('first_posted', 'is not', null)
      .where('relevance', '=', 'relevant')
      .groupBy([sql`substr(first_posted, 1, 4)`, 'msc_source', 'neurological'])
      .execute();
    const byYear = new Map<number, TimelineYear>();
    for (const r of rows) {
      const year = Number(r.year);
      const entry = byYear.get(year) ?? { year, total: 0, neurological: 0, bySource: {} };
      const n = Number(r.n);
      entry.total += n;
      if (Number(r.neurological) === 1) entry.neurological += n;
      entry.bySource[r.msc_source] = (entry.bySource[r.msc_source] ?? 0) + n;
      byYear.set(year, entry);
    }
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }
}

// ---------------------------------------------------------------- curated fingerprint

let fingerprintCache: string | null = null;

/** Fingerprint of the curated data and the merge rules: a change re-syncs the store on next use. */
export function curatedFingerprint(): string {
  fingerprintCache ??= sha256({
    version: EVIDENCE_DATA_VERSION,
    rules: MERGE_RULES_VERSION,
    trials: curatedTrialFacts(),
    findings: curatedFindings(),
  });
  return fingerprintCache;
}

// ---------------------------------------------------------------- rows

/** Facet rows most frequent first, then by value, so both dialects list facets in the same order. */
function sortedCounts<R extends { facet: string; value: string; n: unknown }>(rows: readonly R[]): R[] {
  return [...rows].sort(
    (a, b) => a.facet.localeCompare(b.facet) || Number(b.n) - Number(a.n) || a.value.localeCompare(b.value),
  );
}

function emptyFacets<F extends string>(names: readonly F[]): FacetCounts<F> {
  return Object.fromEntries(names.map((n) => [n, {}])) as FacetCounts<F>;
}

function trialRow(
  t: EffectiveTrial,
): Omit<
  Selectable<TrialsTable>,
  | 'curated_json'
  | 'raw_json'
  | 'ctgov_json'
  | 'imported_at'
  | 'created_at'
  | 'updated_at'
  | 'content_hash'
  | 'relevance'
> {
  return {
    nct_id: t.nctId,
    title: t.title,
    official_title: t.officialTitle,
    status: t.status,
    conditions_json: JSON.stringify(t.conditions),
    phases_json: JSON.stringify(t.phases),
    first_posted: t.firstPosted,
    msc_source: t.mscSource,
    msc_source_rule: t.mscSourceRule,
    neurological: t.neurological ? 1 : 0,
    neurological_rule: t.neurologicalRule,
    disorder: t.disorder,
    locations_json: JSON.stringify(t.locations),
    countries_json: JSON.stringify(t.countries),
    interventions_json: JSON.stringify(t.interventions),
    has_results: t.hasResults ? 1 : 0,
    origin: t.origin,
    citations_json: JSON.stringify(t.citations),
    status_observed_at: t.statusObservedAt,
  };
}

function toEffective(r: Selectable<TrialsTable>): EffectiveTrial {
  const citations = parseJson<Citation[]>(r.citations_json, []);
  return {
    nctId: r.nct_id,
    title: r.title,
    officialTitle: r.official_title,
    status: r.status,
    conditions: parseJson(r.conditions_json, []),
    phases: parseJson(r.phases_json, []),
    firstPosted: r.first_posted,
    mscSource: r.msc_source as EvidenceSource,
    mscSourceRule: r.msc_source_rule,
    neurological: Number(r.neurological) === 1,
    neurologicalRule: r.neurological_rule,
    disorder: r.disorder as EffectiveTrial['disorder'],
    locations: parseJson(r.locations_json, []),
    countries: parseJson(r.countries_json, []),
    interventions: parseJson(r.interventions_json, []),
    hasResults: Number(r.has_results) === 1,
    origin: r.origin,
    citation: citations[0] ?? TABLE_5_CITATION,
    citations,
    statusObservedAt: r.status_observed_at,
  };
}

function toTrial(r: Selectable<TrialsTable>, statusHistory: TrialStatusChange[]): EvidenceTrial {
  return {
    ...toEffective(r),
    relevance: (r.relevance as TrialRelevance | undefined) ?? 'relevant',
    statusHistory,
    importedAt: r.imported_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The audit trail keeps the shown record without the (long) intervention descriptions. */
function auditView(t: EffectiveTrial): Omit<EffectiveTrial, 'interventions'> {
  const { interventions: _i, ...rest } = t;
  return rest;
}

function facetRows(t: EffectiveTrial): { nct_id: string; facet: TrialFacet; value: string }[] {
  const rows: { nct_id: string; facet: TrialFacet; value: string }[] = [];
  const add = (facet: TrialFacet, value: string | null) => {
    if (value === null || value === '') return;
    if (!rows.some((r) => r.facet === facet && r.value === value))
      rows.push({ nct_id: t.nctId, facet, value });
  };
  add('source', t.mscSource);
  add('status', t.status);
  for (const p of t.phases) add('phase', p);
  for (const c of t.countries) add('country', c);
  const year = yearOf(t.firstPosted);
  add('year', year === null ? null : String(year));
  add('neurological', t.neurological ? 'true' : 'false');
  add('disorder', t.disorder);
  return rows;
}

function trialSearchBody(t: EffectiveTrial): string {
  return [
    t.nctId,
    t.officialTitle,
    t.conditions.join('; '),
    t.interventions.map((i) => [i.name, ...i.otherNames, i.description].join(' ')).join(' \n'),
    t.locations.join('; '),
    t.countries.join('; '),
    EVIDENCE_SOURCE_LABELS[t.mscSource],
    disorderLabel(t.disorder),
    t.status.replace(/_/g, ' ').toLowerCase(),
    t.phases.join(' '),
  ]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(' · ');
}

function findingRow(f: NeuroFinding, position: number, at: string): Selectable<FindingsTable> {
  const data = JSON.stringify(f);
  return {
    id: f.id,
    msc_source: f.mscSource,
    disorder: f.disorder,
    route: f.route,
    evidence_level: f.evidenceLevel,
    species: f.model.species,
    outcome: f.outcome,
    data_json: data,
    citation_json: JSON.stringify(f.reference),
    position,
    updated_at: at,
    content_hash: sha256({ data, position, rules: MERGE_RULES_VERSION }),
  };
}

function toFinding(r: Selectable<FindingsTable>): EvidenceFinding {
  const f = JSON.parse(r.data_json) as NeuroFinding;
  return {
    ...f,
    title: findingTitle(f),
    citations: [f.reference, { ...TABLE_5_CITATION, location: f.reviewLocation }],
  };
}
