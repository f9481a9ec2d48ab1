import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import type { Batch } from '../../domain/batch.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import { ingestRawFile } from '../ingest-raw-file.ts';
import { seedDemo } from '../seed-demo.ts';
import { openTestWorkbench, type TestWorkbench } from '../test-support.ts';
import { batchMetrics } from './batch-metrics.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** A synthetic BCA plate (long form) written by this test: y = 0.1 + 0.001·x, the batch's sample at 250 µg/mL. */
function bcaCsv(sample: string): string {
  const levels = [0, 25, 125, 250, 500, 750, 1000, 1500, 2000];
  return [
    'type,id,concentration (µg/mL),response,dilution',
    ...levels.flatMap((c) => [
      `standard,S${c},${c},${(0.1 + 0.001 * c).toFixed(5)},`,
      `standard,S${c},${c},${(0.1 + 0.001 * c).toFixed(5)},`,
    ]),
    `sample,${sample},,0.225,2`,
    `sample,${sample},,0.225,2`,
  ].join('\n');
}

describeEachDialect('batch metrics', (dialect) => {
  let t: TestWorkbench;
  let batch: Batch;
  beforeAll(async () => {
    t = await openTestWorkbench(dialect, { prefix: 'evlab_jobs_batch_metrics' });
    const demo = await seedDemo(t.wb, { actor: 'test' });
    batch = demo.batches.find((b) => b.status === 'draft') as Batch;
    await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'bca-plate.csv',
      bytes: enc(bcaCsv(batch.code)),
      actor: 'test',
    });
    const blot = [
      'Marker,Lane,Sample,Role,Loading_ug,Area',
      `CD63,1,${batch.code},ev,10,9000`,
      'CD63,2,MSC lysate,lysate,10,1000',
      `TSG101,1,${batch.code},ev,10,4000`,
      'TSG101,2,MSC lysate,lysate,10,3000',
      `calnexin,1,${batch.code},ev,10,100`,
      'calnexin,2,MSC lysate,lysate,10,8000',
    ].join('\n');
    await ingestRawFile(t.wb, {
      batchId: batch.id,
      fileName: 'blot-densitometry.csv',
      bytes: enc(blot),
      actor: 'test',
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('every kind contributes rows with units and provenance; purity is NTA ÷ protein', async () => {
    const result = await batchMetrics(t.wb, batch.id);
    expect(result.measurements.map((m) => m.kind).sort()).toEqual(['nta', 'protein-assay', 'western-blot']);
    const get = (key: string) => result.metrics.find((m) => m.key === key);
    const nta = get('nta.concentrationPerMl');
    const protein = get('protein.concentrationUgPerMl');
    expect(nta?.unit).toBe('particles/mL');
    expect(protein?.unit).toBe('µg/mL');
    // 4PL on an exact straight line is ill-posed; the fallback or the 4PL must still give 250 µg/mL.
    expect(protein?.value as number).toBeCloseTo(250, 0);
    expect(protein?.provenance.fileName).toBe('bca-plate.csv');
    const purity = get('purity.particlesPerUg');
    expect(purity?.value as number).toBeCloseTo((nta?.value as number) / (protein?.value as number), 0);
    expect(purity?.provenance.kind).toBe('derived');
    expect(get('purity.class')?.value).toMatch(/high|intermediate|low|impure/);
    expect(get('wb.CD63')?.value).toBe('present, enriched vs lysate');
    expect(get('wb.CANX')?.value).toBe('absent, depleted vs lysate');
    expect(get('wb.misevMinimum')?.qc).toBe('pass');
    const ntaMeasurement = await t.wb.store.getMeasurement(nta?.provenance.measurementId as string);
    expect((ntaMeasurement?.metrics as NtaReport | undefined)?.average.concentrationPerMl).toBe(nta?.value);
  });

  it('a missing batch is not-found', async () => {
    await expect(batchMetrics(t.wb, 'missing')).rejects.toThrow(/no batch/);
  });
});
