/**
 * Evidence store timing: import of synthetic CT.gov trials and full-text search over them.
 *
 *   node bin/run-ts.mjs bench/evidence-search.bench.ts [--trials=5000] [--queries=200] [--json]
 *
 * Seeds a fresh SQLite file (WAL, as in production) in a temp directory — and PostgreSQL in a throw-away
 * schema when EVLAB_TEST_PG_URL is set — with the 28 curated trials plus N synthetic CT.gov studies
 * (deterministic, mulberry32), imported through upsertCtgovStudies in chunks of 500 (what an import of
 * 500-study search pages does). Then times, over a fixed set of search-box queries: listTrials({ q })
 * (FTS match + count + facets + first page of 50 with status history) and searchText(q) (ranked hits with
 * snippets). Reports mean / p50 / p95 / max in milliseconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TrialFacts } from '../src/science/evidence/trial-facts.ts';
import type { CtgovStudyInput } from '../src/store/evidence-store.ts';
import type { EvlabStore } from '../src/store/evlab-store.ts';
import { openStore } from '../src/store/open-store.ts';
import { openTestStore } from '../src/store/open-test-store.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const TRIALS = Number(args.get('trials') ?? 5000);
const QUERIES = Number(args.get('queries') ?? 200);
const asJson = args.has('json');
const CHUNK = 500;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = [
  'umbilical cord',
  "Wharton's jelly",
  'bone marrow',
  'adipose',
  'placenta',
  'dental pulp',
  'iPSC',
  '',
];
const CONDITIONS = [
  'Ischemic Stroke',
  'Alzheimer Disease',
  'Parkinson Disease',
  'Amyotrophic Lateral Sclerosis',
  'Spinal Cord Injuries',
  'Knee Osteoarthritis',
  'COVID-19 Pneumonia',
  'Acute Respiratory Distress Syndrome',
  'Diabetic Foot Ulcer',
  'Liver Cirrhosis',
  'Crohn Disease',
  'Dry Eye Disease',
  'Psoriasis',
  'Multiple Sclerosis',
  'Traumatic Brain Injury',
];
const STATUSES = [
  'RECRUITING',
  'COMPLETED',
  'UNKNOWN',
  'NOT_YET_RECRUITING',
  'ACTIVE_NOT_RECRUITING',
  'WITHDRAWN',
];
const PHASES = [['PHASE1'], ['PHASE1', 'PHASE2'], ['PHASE2'], ['EARLY_PHASE1'], ['NA'], ['PHASE2', 'PHASE3']];
const COUNTRIES = [
  'China',
  'Iran',
  'United States',
  'Egypt',
  'Turkey',
  'Chile',
  'Indonesia',
  'Spain',
  'Russia',
];
const ROUTES = [
  'intravenous infusion',
  'nasal drops',
  'inhalation',
  'intra-articular injection',
  'topical gel',
];

function syntheticStudies(n: number): CtgovStudyInput[] {
  const rand = mulberry32(20250425);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const out: CtgovStudyInput[] = [];
  for (let i = 0; i < n; i += 1) {
    const nctId = `NCT${String(80_000_000 + i).padStart(8, '0')}`;
    const source = pick(SOURCES);
    const condition = pick(CONDITIONS);
    const route = pick(ROUTES);
    const year = 2014 + Math.floor(rand() * 12);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const facts: TrialFacts = {
      nctId,
      title: `${source ? `${source} ` : ''}MSC-derived exosomes for ${condition}`.replace(/^./, (c) =>
        c.toUpperCase(),
      ),
      officialTitle: `A randomized study of ${route} of ${source || 'mesenchymal'} stem cell extracellular vesicles in ${condition}`,
      status: pick(STATUSES),
      conditions: [condition],
      phases: pick(PHASES),
      firstPosted: `${year}-${month}-15`,
      interventions: [
        {
          type: 'BIOLOGICAL',
          name: `${source ? `${source} ` : ''}MSC extracellular vesicles`,
          description: `Given by ${route}.`,
          otherNames: [],
        },
      ],
      locations: [{ facility: `Site ${i}`, city: 'City', country: pick(COUNTRIES) }],
      hasResults: rand() < 0.1,
      lastUpdatePosted: `${year + 1}-01-10`,
    };
    out.push({ facts, raw: { protocolSection: { identificationModule: { nctId } }, synthetic: true } });
  }
  return out;
}

const QUERY_SET = [
  'stroke',
  'umbilical cord',
  '"spinal cord"',
  'alzheimer nasal',
  'wharton',
  'exosomes inhalation',
  'osteoarthritis -adipose',
  'psoriasis OR crohn',
  'bone marrow intravenous',
  'NCT80001234',
];

interface Stats {
  name: string;
  n: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(name: string, samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { name, n: samples.length, mean, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN };
}

async function run(label: string, store: EvlabStore): Promise<Record<string, unknown>> {
  const studies = syntheticStudies(TRIALS);
  const t0 = performance.now();
  await store.evidence.listTrials({ limit: 1 }); // curated sync
  for (let i = 0; i < studies.length; i += CHUNK) {
    await store.evidence.upsertCtgovStudies(studies.slice(i, i + CHUNK), 'bench');
  }
  const importMs = performance.now() - t0;
  const t1 = performance.now();
  const again = await store.evidence.upsertCtgovStudies(studies.slice(0, CHUNK), 'bench');
  const reimportMs = performance.now() - t1;

  const list: number[] = [];
  const text: number[] = [];
  const facetsOnly: number[] = [];
  let hits = 0;
  for (let i = 0; i < QUERIES; i += 1) {
    const q = QUERY_SET[i % QUERY_SET.length] as string;
    let s = performance.now();
    const page = await store.evidence.listTrials({ q, limit: 50 });
    list.push(performance.now() - s);
    hits += page.total;
    s = performance.now();
    await store.evidence.searchText(q, 20);
    text.push(performance.now() - s);
    s = performance.now();
    await store.evidence.listTrials({ neurological: true, limit: 50 });
    facetsOnly.push(performance.now() - s);
  }
  const total = (await store.evidence.listTrials({ limit: 1 })).total;
  return {
    dialect: label,
    trials: total,
    importMs: Math.round(importMs),
    importPerTrialMs: Number((importMs / TRIALS).toFixed(3)),
    reimport500UnchangedMs: Math.round(reimportMs),
    reimportUnchanged: again.unchanged,
    meanHitsPerQuery: Math.round(hits / QUERIES),
    results: [
      stats('listTrials({ q }) — FTS + count + facets + page of 50', list),
      stats('searchText(q) — ranked hits with snippets', text),
      stats('listTrials({ neurological }) — facets, no FTS', facetsOnly),
    ],
  };
}

function print(result: Record<string, unknown>): void {
  if (asJson) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    `\n[${result.dialect}] ${result.trials} trials; import ${result.importMs} ms (${result.importPerTrialMs} ms/trial); ` +
      `re-import of 500 unchanged ${result.reimport500UnchangedMs} ms; ~${result.meanHitsPerQuery} hits/query\n`,
  );
  for (const s of result.results as Stats[]) {
    process.stdout.write(
      `  ${s.name.padEnd(58)} n=${s.n}  mean ${s.mean.toFixed(2)}  p50 ${s.p50.toFixed(2)}  p95 ${s.p95.toFixed(2)}  max ${s.max.toFixed(2)} ms\n`,
    );
  }
}

const dir = await mkdtemp(join(tmpdir(), 'evlab-bench-evidence-'));
try {
  const sqlite = await openStore({ db: `sqlite:${join(dir, 'bench.sqlite')}`, dataDir: dir });
  try {
    print(await run('sqlite', sqlite));
  } finally {
    await sqlite.close();
  }
  if (process.env.EVLAB_TEST_PG_URL) {
    const pg = await openTestStore('postgres');
    try {
      print(await run('postgres', pg.store));
    } finally {
      await pg.dispose();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
