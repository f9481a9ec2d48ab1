import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import type { NtaReport } from '../science/nta/nta-report.ts';
import { qcOverview } from './qc/release.ts';
import { DEMO_PROJECT_NAME, seedDemo } from './seed-demo.ts';
import { openTestWorkbench, type TestWorkbench } from './test-support.ts';

describeEachDialect('seedDemo', (dialect) => {
  let t: TestWorkbench;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_seed' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates a project, a UC-MSC source and three batches with parsed NTA measurements', async () => {
    const demo = await seedDemo(t.wb, { actor: 'demo' });
    expect(demo.created).toBe(true);
    expect(demo.project.name).toBe(DEMO_PROJECT_NAME);
    expect(demo.source).toMatchObject({
      tissue: 'umbilical-cord',
      passage: 4,
      mediumSupplement: 'serum-free',
    });
    expect(demo.batches.map((b) => b.code)).toEqual(['UC-EV-001', 'UC-EV-002', 'UC-EV-003']);
    expect(demo.batches.map((b) => b.status)).toEqual(['released', 'in-qc', 'draft']);
    for (const batch of demo.batches) {
      expect(batch.sourceId).toBe(demo.source?.id);
      expect(batch.isolationProtocol.steps.map((s) => s.parameters.rcfG ?? null).slice(0, 3)).toEqual([
        300, 2000, 10000,
      ]);
      expect(batch.storageTemperatureC).toBe(-80);
    }
    expect(demo.measurements).toHaveLength(3);
    const medians: number[] = [];
    for (const m of demo.measurements) {
      expect(m).toMatchObject({ status: 'parsed', kind: 'nta', error: null });
      const report = m.metrics as NtaReport;
      expect(report.videos).toHaveLength(5);
      const d50 = report.videos.map((v) => v.computed.d50Nm ?? Number.NaN);
      medians.push(d50.reduce((a, b) => a + b, 0) / d50.length);
    }
    // Different log-normal medians, all in the small-EV range.
    for (const median of medians) {
      expect(median).toBeGreaterThan(90);
      expect(median).toBeLessThan(200);
    }
    expect(new Set(medians.map((m) => Math.round(m / 5))).size).toBe(3);

    // The demo went through the real reader: the raw files are stored NanoSight exports.
    const raw = await t.wb.store.getRawFile(demo.measurements[0]?.rawFileId ?? '');
    const bytes = await t.wb.blobs.get(raw?.sha256 ?? '');
    expect(new TextDecoder('latin1').decode(bytes?.subarray(0, 27))).toBe('NTA Experiment Summary File');
    expect(raw?.originalName).toMatch(/^UC-EV-001 .*-ExperimentSummary\.csv$/);

    // The released batch's trail shows the lifecycle.
    const trail = await t.wb.store.listAuditEvents({
      entityType: 'batch',
      entityId: demo.batches[0]?.id ?? '',
    });
    expect(trail.items.filter((e) => e.action === 'status-change')).toHaveLength(2);
  });

  it('holds a specification, a released batch with its signature and a batch in QC with a failing criterion', async () => {
    const demo = await seedDemo(t.wb, { actor: 'demo' });
    const [released, inQc] = demo.batches;
    const specs = await t.wb.store.qc.listSpecifications({ productId: demo.project.id });
    expect(specs).toHaveLength(1);
    expect(specs[0]?.criteria.length).toBeGreaterThan(15);
    const overview = await qcOverview(t.wb.store, released?.id ?? '');
    expect(overview.locked).toBe(true);
    expect(overview.evaluations[0]?.outcome).toBe('pass');
    expect(overview.signatures.map((s) => [s.meaning, s.state])).toEqual([['released', 'valid']]);
    const pending = await qcOverview(t.wb.store, inQc?.id ?? '');
    expect(pending.evaluations[0]?.outcome).toBe('fail');
    const endotoxin = pending.evaluations[0]?.results.find((r) => r.criterionId === 'safety-endotoxin');
    expect(endotoxin).toMatchObject({ outcome: 'fail', value: 0.82 });
    expect(pending.evaluations[0]?.results.find((r) => r.criterionId === 'potency')?.outcome).toBe('missing');
    expect(pending.releaseBlockers.length).toBe(2);
  });

  it('is idempotent: a second run writes nothing and returns the same records', async () => {
    const before = await t.wb.store.dashboard();
    const again = await seedDemo(t.wb, { actor: 'demo' });
    expect(again.created).toBe(false);
    expect(again.batches.map((b) => b.code)).toEqual(['UC-EV-001', 'UC-EV-002', 'UC-EV-003']);
    expect(again.measurements).toHaveLength(3);
    const after = await t.wb.store.dashboard();
    expect(after.projectCount).toBe(before.projectCount);
    expect(after.batchCount).toBe(3);
    expect((await t.wb.store.listMeasurements({})).total).toBe(3);
  });
});
