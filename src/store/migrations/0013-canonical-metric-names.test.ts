import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { evaluateBatch } from '../../jobs/qc/release.ts';
import { seedDemo } from '../../jobs/seed-demo.ts';
import { openTestWorkbench } from '../../jobs/test-support.ts';
import type { KyselyEvlabStore } from '../kysely-evlab-store.ts';
import { canonicalCriteriaJson } from './0013-canonical-metric-names.ts';
import { migrationProvider } from './index.ts';

describe('canonicalCriteriaJson', () => {
  it('renames only the old metric names and leaves anything else alone', () => {
    const json = JSON.stringify([
      { id: 'a', metric: 'nta.concentration', operator: '>=', limit: 1 },
      { id: 'b', metric: 'protein.concentration', operator: '<=', limit: 2 },
      { id: 'c', metric: 'nta.modeNm', operator: 'range', low: 1, high: 2 },
      { id: 'd', metric: 'flow.cd63_pe.net_percent_positive', operator: '>=', limit: 50 },
      { id: 'e', metric: 'flow.median_diameter_nm', operator: 'range', low: 50, high: 200 },
      { id: 'f', metric: 'potency.percentOfReference', operator: '>=', limit: 70 },
    ]);
    const next = JSON.parse(canonicalCriteriaJson(json) ?? 'null');
    expect(next.map((c: { metric: string }) => c.metric)).toEqual([
      'nta.concentrationPerMl',
      'protein.concentrationUgPerMl',
      'nta.modeNm',
      'flow.CD63_PE.netPercentPositive',
      'flow.medianDiameterNm',
      'potency.activityPctOfReference',
    ]);
    expect(next[0]).toEqual({ id: 'a', metric: 'nta.concentrationPerMl', operator: '>=', limit: 1 });
    expect(canonicalCriteriaJson(JSON.stringify([{ id: 'c', metric: 'nta.modeNm' }]))).toBeNull();
    expect(canonicalCriteriaJson('not json')).toBeNull();
    expect(canonicalCriteriaJson('{"metric":"nta.concentration"}')).toBeNull();
  });
});

describeEachDialect('migration 0013 rewrites specification criteria to canonical metric names', (dialect) => {
  it('renames stored criteria, keeps the others byte for byte, and the batch evaluates as before', async () => {
    const t = await openTestWorkbench(dialect, { prefix: 'evlab_mig_0013' });
    try {
      const db = (t.wb.store as KyselyEvlabStore).kysely as unknown as import('kysely').Kysely<{
        qc_specifications: { id: string; criteria_json: string };
      }>;
      const demo = await seedDemo(t.wb, { actor: 'demo' });
      const [spec] = await t.wb.store.qc.listSpecifications();
      if (!spec) throw new Error('the demo has a specification');
      const inQc = demo.batches.find((b) => b.status === 'in-qc');
      if (!inQc) throw new Error('the demo has a batch in QC');
      const before = await evaluateBatch(t.wb.store, inQc.id, 'qa', { specificationId: spec.id });
      const concentrationBefore = before.results.find((r) => r.metric === 'nta.concentrationPerMl');
      expect(concentrationBefore?.outcome).not.toBe('missing');

      // Back to 0012, and store the criteria as a pre-unification client wrote them: the old name.
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0012-qc-signatures-shared')).error).toBeUndefined();
      const row = await db
        .selectFrom('qc_specifications')
        .select('criteria_json')
        .where('id', '=', spec.id)
        .executeTakeFirstOrThrow();
      const oldJson = row.criteria_json.replaceAll('"nta.concentrationPerMl"', '"nta.concentration"');
      expect(oldJson).not.toBe(row.criteria_json);
      await db
        .updateTable('qc_specifications')
        .set({ criteria_json: oldJson })
        .where('id', '=', spec.id)
        .execute();
      // A second specification with canonical names only must come through unchanged.
      const other = await t.wb.store.qc.createSpecification(
        { productId: spec.productId, name: 'Size only', notes: '', criteria: [spec.criteria[0] as never] },
        'qa',
      );
      const otherBefore = await db
        .selectFrom('qc_specifications')
        .select('criteria_json')
        .where('id', '=', other.id)
        .executeTakeFirstOrThrow();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const migrated = await t.wb.store.qc.getSpecification(spec.id);
      expect(migrated?.criteria.map((c) => c.metric)).toEqual(spec.criteria.map((c) => c.metric));
      expect(migrated?.criteria.some((c) => c.metric === 'nta.concentration')).toBe(false);
      const otherAfter = await db
        .selectFrom('qc_specifications')
        .select('criteria_json')
        .where('id', '=', other.id)
        .executeTakeFirstOrThrow();
      expect(otherAfter.criteria_json).toBe(otherBefore.criteria_json);

      const after = await evaluateBatch(t.wb.store, inQc.id, 'qa', { specificationId: spec.id });
      expect(after.results.map((r) => [r.criterionId, r.outcome])).toEqual(
        before.results.map((r) => [r.criterionId, r.outcome]),
      );
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
