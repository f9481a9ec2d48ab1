/**
 * One canonical name per batch metric (issue 13): specification criteria stored with an old metric name
 * (`nta.concentration`, `protein.concentration` — the characterization table's names before the registry
 * was unified — and the per-measurement flow names `flow.median_diameter_nm`, `flow.vesicle_events_per_ul`,
 * `flow.<marker>.net_percent_positive`; `potency.percentOfReference`, the web result form's old potency
 * name) are rewritten to the canonical names (`nta.concentrationPerMl`,
 * `protein.concentrationUgPerMl`, `flow.medianDiameterNm`, `flow.vesicleEventsPerUl`,
 * `flow.<MARKER>.netPercentPositive`; src/domain/qc/batch-metric.ts DEPRECATED_METRIC_ALIASES). The map is
 * copied here on purpose: a migration must not change when the domain's alias list grows.
 *
 * Only `qc_specifications.criteria_json` is rewritten. Entered results (`qc_results.metric`) and stored
 * evaluations are part of what release signatures hash (src/jobs/qc/record-hash.ts); they keep their
 * names and are read through the alias map. Runs the same on SQLite and PostgreSQL (JSON as text, rewritten
 * in TypeScript, row by row). Never edit once shipped.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

const RENAMED: Readonly<Record<string, string>> = {
  'nta.concentration': 'nta.concentrationPerMl',
  'protein.concentration': 'protein.concentrationUgPerMl',
  'flow.median_diameter_nm': 'flow.medianDiameterNm',
  'flow.vesicle_events_per_ul': 'flow.vesicleEventsPerUl',
  'potency.percentOfReference': 'potency.activityPctOfReference',
};

/** Old per-measurement flow marker names: `flow.cd63_pe.net_percent_positive` → `flow.CD63_PE.netPercentPositive`. */
const OLD_FLOW_MARKER = /^flow\.([a-z0-9_]+)\.net_percent_positive$/;

function renamed(metric: string): string | undefined {
  const name = metric.trim();
  const marker = OLD_FLOW_MARKER.exec(name)?.[1];
  return marker !== undefined ? `flow.${marker.toUpperCase()}.netPercentPositive` : RENAMED[name];
}

interface SpecRow {
  id: string;
  criteria_json: string;
}

/** The criteria JSON with old metric names replaced; null when nothing changes (or the JSON is not a list). */
export function canonicalCriteriaJson(json: string): string | null {
  let criteria: unknown;
  try {
    criteria = JSON.parse(json);
  } catch {
    return null; // not ours to repair; the store reports it when read
  }
  if (!Array.isArray(criteria)) return null;
  let changed = false;
  const next = criteria.map((c: unknown) => {
    if (typeof c !== 'object' || c === null) return c;
    const metric = (c as { metric?: unknown }).metric;
    if (typeof metric !== 'string') return c;
    const canonical = renamed(metric);
    if (canonical === undefined) return c;
    changed = true;
    return { ...c, metric: canonical };
  });
  return changed ? JSON.stringify(next) : null;
}

export async function up(db: AnyDb): Promise<void> {
  const d = db as unknown as Kysely<{ qc_specifications: SpecRow }>;
  const rows = await d
    .selectFrom('qc_specifications')
    .select(['id', 'criteria_json'])
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const next = canonicalCriteriaJson(row.criteria_json);
    if (next !== null)
      await d
        .updateTable('qc_specifications')
        .set({ criteria_json: next })
        .where('id', '=', row.id)
        .execute();
  }
}

/** Nothing to undo: the canonical names were valid QC names before 0013, and old names cannot be told apart. */
export async function down(_db: AnyDb): Promise<void> {}
