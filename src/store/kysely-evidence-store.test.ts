import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { NEURO_FINDINGS, REGISTERED_TRIALS } from '../domain/evidence/index.ts';
import { readCtgovJson } from '../formats/ctgov/read-ctgov.ts';
import { matchesQuery, parseSearchQuery } from '../science/evidence/search-query.ts';
import type { CtgovStudyInput } from './evidence-store.ts';
import { normalizePhase, normalizeStatus, toFts5Query } from './kysely-evidence-store.ts';
import type { KyselyEvlabStore } from './kysely-evlab-store.ts';
import { openTestStore, type TestStore } from './open-test-store.ts';

const fixtures = join(import.meta.dirname, '..', 'formats', 'ctgov', 'fixtures');
const studiesOf = (file: string): CtgovStudyInput[] =>
  readCtgovJson(readFileSync(join(fixtures, file)), file).studies.map((s) => ({
    facts: s.facts,
    raw: s.raw,
  }));

describeEachDialect('evidence store', (dialect) => {
  let t: TestStore;
  let now = new Date('2026-01-10T10:00:00.000Z');
  beforeAll(async () => {
    t = await openTestStore(dialect, { clock: () => now });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const ev = () => t.store.evidence;

  it('lists the 28 curated Table 5 trials on a fresh store, with citations', async () => {
    const page = await ev().listTrials({ limit: 100 });
    expect(page.total).toBe(REGISTERED_TRIALS.length);
    expect(page.total).toBe(28);
    expect(page.items.every((i) => i.origin === 'curated')).toBe(true);
    expect(page.items.every((i) => i.citation.location === 'Table 5')).toBe(true);
    // Facet counts equal what the review's table says.
    const bySource: Record<string, number> = {};
    for (const r of REGISTERED_TRIALS) bySource[r.mscSource] = (bySource[r.mscSource] ?? 0) + 1;
    expect(page.facets.source).toEqual(bySource);
    expect(page.facets.neurological).toEqual({ true: 3, false: 25 });
    const first = await ev().getTrial('nct04388982');
    expect(first?.statusHistory).toEqual([
      { status: 'UNKNOWN', at: '2025-04-25', origin: 'curated', recordedAt: now.toISOString() },
    ]);
  });

  it('syncs the curated data idempotently', async () => {
    const again = await ev().syncCurated();
    expect(again.trials).toEqual({ inserted: 0, updated: 0, unchanged: 28 });
    expect(again.findings).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: NEURO_FINDINGS.length,
      removed: 0,
    });
  });

  it('imports CT.gov studies, merges them with curated ones and recognises a repeated import', async () => {
    now = new Date('2026-01-11T10:00:00.000Z');
    const page1 = studiesOf('msc-ev-search-page-1.json');
    const first = await ev().upsertCtgovStudies(page1, 'alice');
    // NCT06598202 and NCT04388982 are curated Table 5 trials; the two fixture-only ids are new.
    expect(first).toMatchObject({ imported: 2, updated: 2, unchanged: 0 });
    const als = await ev().getTrial('NCT06598202');
    expect(als).toMatchObject({ origin: 'both', mscSource: 'umbilical-cord', disorder: 'als' });
    expect(als?.locations).toEqual(['Shanghai, China']);
    expect(als?.importedAt).toBe(now.toISOString());

    const second = await ev().upsertCtgovStudies(page1, 'alice');
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect((await ev().getTrial('NCT06598202'))?.statusHistory).toHaveLength(1);
    expect((await ev().listTrials({ limit: 1 })).total).toBe(30);
  });

  it('keeps the status history and audits a status change', async () => {
    now = new Date('2026-02-01T09:00:00.000Z');
    const [single] = studiesOf('study-NCT09990001-recruiting.json');
    const result = await ev().upsertCtgovStudies([single as CtgovStudyInput], 'bob');
    expect(result.results).toEqual([{ nctId: 'NCT09990001', outcome: 'updated', statusChanged: true }]);
    const trial = await ev().getTrial('NCT09990001');
    expect(trial?.statusHistory.map((h) => [h.status, h.at, h.origin])).toEqual([
      ['NOT_YET_RECRUITING', '2025-03-20', 'ctgov'],
      ['RECRUITING', '2025-05-02', 'ctgov'],
    ]);
    const audit = await t.store.listAuditEvents({ entityId: 'NCT09990001' });
    expect(audit.items.map((a) => [a.entityType, a.action, a.actor])).toEqual([
      ['trial', 'status-change', 'bob'],
      ['trial', 'create', 'alice'],
    ]);
    // Importing the same single study again adds nothing.
    await ev().upsertCtgovStudies([single as CtgovStudyInput], 'bob');
    expect((await ev().getTrial('NCT09990001'))?.statusHistory).toHaveLength(2);
    expect((await t.store.listAuditEvents({ entityId: 'NCT09990001' })).total).toBe(2);
  });

  it('filters by source, phase, status, country, year, neurological, condition and origin', async () => {
    const ids = async (f: Parameters<ReturnType<typeof ev>['listTrials']>[0]) =>
      (await ev().listTrials({ ...f, limit: 100 })).items.map((i) => i.nctId).sort();
    expect(await ids({ source: 'bone-marrow' })).toEqual(['NCT09990001']);
    expect(await ids({ source: 'wharton-jelly' })).toEqual(['NCT06812637', 'NCT09990003']);
    expect(await ids({ neurological: true })).toEqual([
      'NCT03384433',
      'NCT04388982',
      'NCT06598202',
      'NCT09990001',
    ]);
    expect(await ids({ phase: 'phase 3' })).toEqual(['NCT02138331', 'NCT05216562']);
    expect(await ids({ status: 'Active, not recruiting' })).toEqual(['NCT03608631']);
    expect(await ids({ country: 'iran, islamic republic of' })).toEqual(['NCT09990001']);
    expect(await ids({ year: 2014 })).toEqual(['NCT02138331']);
    expect(await ids({ condition: 'alzheimer' })).toEqual(['NCT04388982']);
    expect(await ids({ origin: 'ctgov' })).toEqual(['NCT09990001', 'NCT09990003']);
    expect(await ids({ disorder: 'als', source: 'umbilical-cord' })).toEqual(['NCT06598202']);
    const page = await ev().listTrials({ neurological: true, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(4);
    expect(page.facets.disorder).toEqual({ als: 1, alzheimers: 1, 'ischemic-stroke': 2 });
    expect(page.facets.neurological).toEqual({ true: 4 });
  });

  it('searches the full text of trials and findings on this dialect', async () => {
    const trialIds = async (q: string) =>
      (await ev().listTrials({ q, limit: 100 })).items.map((i) => i.nctId).sort();
    expect(await trialIds('exosome ALS')).toEqual([]);
    expect(await trialIds('nasal ALS')).toEqual(['NCT06598202']);
    expect(await trialIds('"dry eye"')).toEqual(['NCT05738629', 'NCT09990003']);
    expect(await trialIds('"dry eye" -wharton')).toEqual(['NCT05738629']);
    expect(await trialIds('psoriasis OR fistula')).toEqual(['NCT05402748', 'NCT05499156', 'NCT05523011']);
    // Stemming: "strokes" finds "stroke".
    expect(await trialIds('strokes')).toEqual(['NCT03384433', 'NCT09990001']);
    expect(await trialIds('NCT04388982')).toEqual(['NCT04388982']);
    expect(await trialIds('+++')).toEqual([]);

    const hits = await ev().searchText('intranasal', 50);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.kind === 'finding')).toBe(true);
    expect(hits.every((h) => /\*\*intranasal\*\*/i.test(h.snippet))).toBe(true);
    const findingIds = new Set(NEURO_FINDINGS.filter((f) => f.route === 'intranasal').map((f) => f.id));
    for (const id of findingIds) expect(hits.map((h) => h.id)).toContain(id);
  });

  it('lists findings with facets and filters', async () => {
    const all = await ev().listFindings({ limit: 1000 });
    expect(all.total).toBe(NEURO_FINDINGS.length);
    expect(all.items.map((f) => f.id)).toEqual(NEURO_FINDINGS.map((f) => f.id));
    const stroke = await ev().listFindings({ disorder: 'ischemic-stroke', limit: 100 });
    expect(stroke.total).toBe(NEURO_FINDINGS.filter((f) => f.disorder === 'ischemic-stroke').length);
    expect(stroke.facets.disorder).toEqual({ 'ischemic-stroke': stroke.total });
    const uc = await ev().listFindings({ sources: ['umbilical-cord', 'wharton-jelly'], limit: 100 });
    expect(uc.total).toBe(
      NEURO_FINDINGS.filter((f) => f.mscSource === 'umbilical-cord' || f.mscSource === 'wharton-jelly')
        .length,
    );
    expect(uc.items[0]?.citations[0]).toEqual(uc.items[0]?.reference);
  });

  it('builds the source × disorder matrix and the timeline', async () => {
    const m = await ev().matrix();
    const cell = (s: string, d: string) => m.cells.find((c) => c.source === s && c.disorder === d);
    expect(m.cells).toHaveLength(m.sources.length * m.disorders.length);
    expect(cell('adipose', 'alzheimers')).toEqual({
      source: 'adipose',
      disorder: 'alzheimers',
      findings: NEURO_FINDINGS.filter((f) => f.mscSource === 'adipose' && f.disorder === 'alzheimers').length,
      trials: 1,
    });
    const totalFindings = m.cells.reduce((n, c) => n + c.findings, 0);
    expect(totalFindings).toBe(NEURO_FINDINGS.length);

    const years = await ev().timeline();
    expect(years.reduce((n, y) => n + y.total, 0)).toBe(30);
    const y2020 = years.find((y) => y.year === 2020);
    // Table 5 rows first posted in 2020: NCT04356300, NCT04388982, NCT04602442, NCT04491240.
    expect(y2020?.total).toBe(REGISTERED_TRIALS.filter((r) => r.firstPosted.startsWith('2020')).length);
    expect(y2020?.neurological).toBe(1);
  });

  it('keeps a batch intended indication', async () => {
    const project = await t.store.createProject({ name: 'P', description: '' }, 'alice');
    const batch = await t.store.createBatch(
      {
        projectId: project.id,
        sourceId: null,
        code: 'EV-1',
        conditionedMediumVolumeMl: null,
        isolationProtocol: { version: 1, name: '', steps: [] },
        finalVolumeMl: null,
        buffer: 'PBS',
        storageTemperatureC: -80,
        harvestDate: null,
        isolationDate: null,
        status: 'draft',
        notes: '',
        intendedIndication: 'ischemic-stroke',
      },
      'alice',
    );
    expect(batch.intendedIndication).toBe('ischemic-stroke');
    expect((await t.store.getBatch(batch.id))?.intendedIndication).toBe('ischemic-stroke');
    const changed = await t.store.updateBatch(batch.id, { intendedIndication: null }, 'alice');
    expect(changed.intendedIndication).toBeNull();
    const untouched = await t.store.updateBatch(batch.id, { notes: 'x' }, 'alice');
    expect(untouched.intendedIndication).toBeNull();
  });
});

describe('evidence search query syntax', () => {
  it('writes every user word as an FTS5 string, OR groups parenthesised', () => {
    const q = parseSearchQuery('umbilical "dry eye" -wharton stroke OR AND NEAR( x* miR-124');
    expect(toFts5Query(q)).toBe(
      '("umbilical" AND "dry eye" AND ("stroke" OR "and") AND "near" AND "x" AND "mir 124") NOT "wharton"',
    );
    expect(toFts5Query(parseSearchQuery('psoriasis OR fistula'))).toBe('("psoriasis" OR "fistula")');
    expect(toFts5Query(parseSearchQuery('-only'))).toBeNull();
    expect(toFts5Query(parseSearchQuery('"" ** ()'))).toBeNull();
    expect(toFts5Query(parseSearchQuery('" OR 1=1 --'))).toBe('"or 1 1"');
  });

  it('reads phases and statuses as people write them', () => {
    expect(normalizePhase('Phase 1')).toBe('PHASE1');
    expect(normalizePhase('2')).toBe('PHASE2');
    expect(normalizePhase('early phase 1')).toBe('EARLY_PHASE1');
    expect(normalizePhase('na')).toBe('NA');
    expect(normalizeStatus('not yet recruiting')).toBe('NOT_YET_RECRUITING');
  });
});

/**
 * The in-memory matcher (used for the curated reference tables) must find what the database search
 * finds. A small curated set of documents is indexed on each dialect and every query's hit set is
 * compared with `matchesQuery` over the same text, and with the hits a reader expects.
 */
const AGREEMENT_DOCS: Record<string, string> = {
  'qdoc-01': 'Intranasal delivery of miR-124 enriched exosomes in ischemic stroke',
  'qdoc-02': 'miR-1246 levels in plasma vesicles of amyotrophic lateral sclerosis patients',
  'qdoc-03': 'CD63+ and CD81+ small extracellular vesicles from umbilical cord MSC',
  'qdoc-04': "Wharton's jelly MSC-derived vesicles for dry eye disease",
  'qdoc-05': 'Dry skin and eye irritation after intravenous infusion',
  'qdoc-06': "IL-6 and TNF-α reduction by adipose MSC exosomes in Alzheimer's disease",
  'qdoc-07': 'miR-124-3p mediated microglial polarization after traumatic brain injury',
  'qdoc-08': 'Bone marrow MSC EVs in psoriasis',
  'qdoc-09': 'Perianal fistula treated with umbilical cord exosomes',
  'qdoc-10': 'miR 124 expression in neural stem cells',
};

const AGREEMENT_QUERIES: [string, string[]][] = [
  ['"dry eye"', ['qdoc-04']],
  ['dry eye', ['qdoc-04', 'qdoc-05']],
  ['"dry eye" -wharton', []],
  ['vesicles -umbilical', ['qdoc-02', 'qdoc-04']],
  ['psoriasis OR fistula', ['qdoc-08', 'qdoc-09']],
  ['umbilical fistula OR psoriasis', ['qdoc-09']],
  ['miR-124', ['qdoc-01', 'qdoc-07', 'qdoc-10']],
  ['"miR-124 enriched"', ['qdoc-01']],
  ['CD63+', ['qdoc-03']],
  ['IL-6', ['qdoc-06']],
  ['TNF-α', ['qdoc-06']],
  ['-miR-124 exosomes', ['qdoc-06', 'qdoc-09']],
  ['stroke OR "brain injury"', ['qdoc-01', 'qdoc-07']],
  ['Alzheimer', ['qdoc-06']],
  // Search syntax of either database, typed by a user: read as words, never as syntax.
  ['NEAR(stroke ischemic)', []],
  ['title:stroke', []],
  ['" OR 1=1 --', []],
  ["'; drop table trials; --", []],
  ['stroke*', ['qdoc-01']],
  ['(psoriasis', ['qdoc-08']],
  ['^cord', ['qdoc-03', 'qdoc-09']],
  ['', []],
  ['*', []],
  ['-', []],
  ['OR', []],
  ['"', []],
  ['-exosomes', []],
];

describeEachDialect('evidence search agrees with matchesQuery', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await t.store.evidence.searchText('sync'); // curated sync first, so it cannot touch the documents below
    const db = (t.store as KyselyEvlabStore).kysely;
    await db
      .insertInto('evidence_search')
      .values(
        Object.entries(AGREEMENT_DOCS).map(([id, title]) => ({
          kind: 'finding',
          ref_id: id,
          title,
          body: '',
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.each(AGREEMENT_QUERIES)('%j', async (q, expected) => {
    const hits = (await t.store.evidence.searchText(q, 200))
      .map((h) => h.id)
      .filter((id) => id.startsWith('qdoc-'));
    const query = parseSearchQuery(q);
    const inMemory = Object.entries(AGREEMENT_DOCS)
      .filter(([, text]) => matchesQuery(query, text))
      .map(([id]) => id);
    expect(hits.sort()).toEqual(expected);
    expect(inMemory).toEqual(expected);
  });

  it('never returns the whole index for punctuation or syntax alone', async () => {
    for (const q of ['*', '-', 'OR', '"', '""', '()', 'NEAR(', '-a', '" OR ""="']) {
      const hits = await t.store.evidence.searchText(q, 200);
      expect(hits.filter((h) => h.id.startsWith('qdoc-'))).toHaveLength(0);
    }
    expect((await t.store.evidence.listTrials({ q: '*', limit: 100 })).total).toBe(0);
    expect((await t.store.evidence.listTrials({ q: 'OR', limit: 100 })).total).toBe(0);
  });
});
