import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import type { Batch } from '../../domain/batch.ts';
import { writeNanoSightExperimentSummary } from '../../formats/nanosight/write-experiment-summary.ts';
import { syntheticZetaViewBins, writeZetaViewTxt } from '../../formats/zetaview/write-zetaview-txt.ts';
import { sizeDistributionDistance } from '../../science/comparability/size-distribution-distance.ts';
import { syntheticNtaSample } from '../../science/nta/synthetic-nta-sample.ts';
import { StoreError } from '../../store/evlab-store.ts';
import { releaseSizeDistribution } from '../batch-metrics/release-metrics.ts';
import { ingestRawFile } from '../ingest-raw-file.ts';
import { seedDemo } from '../seed-demo.ts';
import { openTestWorkbench, type TestWorkbench } from '../test-support.ts';
import { compareProcesses, DEFAULT_MARGIN_PCT } from './comparability.ts';

// Student's sleep data (R datasets::sleep) + 2, as endotoxin results of 20 batches: R
// t.test(extra ~ group, data = sleep) gives t = -1.8608, df = 17.776 (a shift changes neither).
const GROUP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0].map((v) => v + 2);
const GROUP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4].map((v) => v + 2);

describeEachDialect('comparability of two processes', (dialect) => {
  let t: TestWorkbench;
  let demo: Batch[];
  const a: string[] = [];
  const b: string[] = [];
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_qc_comparability' });
    demo = (await seedDemo(t.wb, { actor: 'demo' })).batches;
    const project = await t.wb.store.createProject({ name: 'Two processes', description: '' }, 'analyst');
    for (const [group, values, ids] of [
      ['A', GROUP1, a],
      ['B', GROUP2, b],
    ] as const) {
      for (const [i, value] of values.entries()) {
        const batch = await t.wb.store.createBatch(
          {
            projectId: project.id,
            sourceId: null,
            code: `${group}-${i + 1}`,
            conditionedMediumVolumeMl: null,
            isolationProtocol: { version: 1, name: '', steps: [] },
            finalVolumeMl: 1,
            buffer: 'PBS',
            storageTemperatureC: -80,
            harvestDate: null,
            isolationDate: null,
            status: 'draft',
            notes: '',
          },
          'analyst',
        );
        await t.wb.store.qc.addResult(
          batch.id,
          { metric: 'safety.endotoxinEuPerMl', value, unit: 'EU/mL', method: 'LAL', reference: '', note: '' },
          'analyst',
        );
        ids.push(batch.id);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('tests each metric read from the registry (Welch as R, TOST with the margin in % of B)', async () => {
    const report = await compareProcesses(t.wb.store, { a, b, marginPct: (0.5 / 4.33) * 100 });
    expect(report.metrics.map((m) => m.metric)).toEqual(['safety.endotoxinEuPerMl']);
    const row = report.metrics[0];
    expect(row?.valuesA).toHaveLength(10);
    expect(row?.tost?.welch.t).toBeCloseTo(-1.8608, 4);
    expect(row?.tost?.welch.df).toBeCloseTo(17.776, 3);
    expect(row?.tost?.margin).toBeCloseTo(0.5, 10);
    // TOSTER / SciPy peer values for the same margin: p = max(0.8901100, 0.0124513)
    expect(row?.tost?.pValue).toBeCloseTo(0.89011, 5);
    expect(row?.verdict).toBe('not-equivalent');
    expect(row?.unit).toBe('EU/mL');
    expect(report.summary).toEqual({ equivalent: 0, notEquivalent: 1, insufficientData: 0 });
    expect(report.sizeDistribution).toBeNull(); // no NTA in these batches
    expect(report.marginPct).toBeCloseTo(11.547, 3);
  });

  it('pools the NTA size distributions and names metrics with too few batches', async () => {
    const [d1, d2, d3] = demo;
    if (!d1 || !d2 || !d3) throw new Error('demo has three batches');
    const report = await compareProcesses(t.wb.store, {
      a: [d1.id],
      b: [d2.id, d3.id],
      metrics: ['nta.modeNm'],
    });
    expect(report.marginPct).toBe(DEFAULT_MARGIN_PCT);
    expect(report.metrics[0]?.verdict).toBe('insufficient-data');
    const sd = report.sizeDistribution;
    expect(sd?.batchesA).toBe(1);
    expect(sd?.batchesB).toBe(2);
    const dist = async (id: string) => {
      const d = await releaseSizeDistribution(t.wb.store, id);
      if (!d) throw new Error(`no size distribution for ${id}`);
      return d.distribution;
    };
    const direct = sizeDistributionDistance([await dist(d1.id)], [await dist(d2.id), await dist(d3.id)]);
    expect(sd?.wassersteinNm).toBeCloseTo(direct.wassersteinNm, 9);
    expect(sd?.wassersteinNm).toBeGreaterThan(0);
    expect(sd?.ksStatistic).toBeGreaterThan(0);
  });

  it('compares a ZetaView lot with a NanoSight lot through one size-distribution interface', async () => {
    const project = await t.wb.store.createProject({ name: 'Two instruments', description: '' }, 'analyst');
    const batchOf = (code: string) =>
      t.wb.store.createBatch(
        {
          projectId: project.id,
          sourceId: null,
          code,
          conditionedMediumVolumeMl: null,
          isolationProtocol: { version: 1, name: '', steps: [] },
          finalVolumeMl: 1,
          buffer: 'PBS',
          storageTemperatureC: -80,
          harvestDate: null,
          isolationDate: null,
          status: 'draft',
          notes: '',
        },
        'analyst',
      );
    const zeta = await batchOf('ZV-1');
    const nano = await batchOf('NS-1');
    await ingestRawFile(t.wb, {
      batchId: zeta.id,
      fileName: 'ZV-1_size.txt',
      bytes: writeZetaViewTxt({
        sample: 'ZV-1',
        dilution: 1000,
        numberOfTraces: 4000,
        linearBins: syntheticZetaViewBins({ medianNm: 110, geometricSd: 1.5, traces: 4000, bins: 120 }),
      }),
      actor: 'analyst',
    });
    await ingestRawFile(t.wb, {
      batchId: nano.id,
      fileName: 'NS-1-ExperimentSummary.csv',
      bytes: writeNanoSightExperimentSummary(
        syntheticNtaSample({
          medianDiameterNm: 130,
          geometricSd: 1.4,
          concentrationPerMl: 2e11,
          dilutionFactor: 1000,
          seed: 20251205,
          binCount: 600,
          sampleDescription: 'NS-1',
        }),
      ),
      actor: 'analyst',
    });
    const report = await compareProcesses(t.wb.store, { a: [zeta.id], b: [nano.id] });
    const sd = report.sizeDistribution;
    expect(sd?.instrumentsA).toEqual(['Particle Metrix ZetaView']);
    expect(sd?.instrumentsB).toEqual(['NanoSight NTA']);
    expect(sd?.sourcesA[0]).toMatchObject({ batchCode: 'ZV-1', kind: 'zetaview', fileName: 'ZV-1_size.txt' });
    expect(sd?.sourcesB[0]).toMatchObject({ batchCode: 'NS-1', kind: 'nta' });
    const zd = await releaseSizeDistribution(t.wb.store, zeta.id);
    const nd = await releaseSizeDistribution(t.wb.store, nano.id);
    // ZetaView's linear bins are 5 nm wide, NanoSight's 1 nm: the union of the centres carries both.
    expect(zd?.distribution.centresNm[1]).toBeCloseTo(7.5, 6);
    // Mode/mean metrics come from both kinds under the same names and are compared like any metric.
    expect(report.metrics.map((m) => m.metric)).toContain('nta.d50Nm');
    // Peer value: SciPy 1.17.1 scipy.stats.wasserstein_distance(zCentres, nCentres, zWeights, nWeights) on
    // these two stored distributions (ZetaView particles/mL per 5 nm bin, NanoSight per 1 nm bin) = 17.72993077.
    expect(nd?.distribution.centresNm).toHaveLength(600);
    expect(sd?.wassersteinNm).toBeCloseTo(17.729930769174292, 6);
  });

  it('refuses unknown batches and a batch in both groups', async () => {
    await expect(compareProcesses(t.wb.store, { a: ['nope'], b })).rejects.toMatchObject({
      code: 'not-found',
      path: ['a', 0],
    });
    const err = await compareProcesses(t.wb.store, { a, b: [b[0] ?? '', a[1] ?? ''] }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('invalid-reference');
    expect(err.path).toEqual(['b', 1]);
  });
});
