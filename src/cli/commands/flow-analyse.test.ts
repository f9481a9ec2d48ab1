import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchInputSchema } from '../../domain/batch.ts';
import { writeFcs } from '../../formats/fcs/write-fcs.ts';
import { releaseMetrics } from '../../jobs/batch-metrics/release-metrics.ts';
import { ingestRawFile } from '../../jobs/ingest-raw-file.ts';
import { openWorkbench } from '../../jobs/workbench.ts';
import { runCli } from '../testing.ts';

describe('evlab flow analyse', () => {
  let dataDir: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'evlab-flow-analyse-'));
    const wb = await openWorkbench({ dataDir });
    try {
      const project = await wb.store.createProject({ name: 'Flow CLI', description: '' }, 'alice');
      const batch = await wb.store.createBatch(
        batchInputSchema.parse({ projectId: project.id, code: 'FA-1' }),
        'alice',
      );
      const file = async (name: string, values: number[], keywords: Record<string, string> = {}) => {
        const bytes = writeFcs({
          parameters: [{ name: 'FL2-A', label: 'CD81-PE', range: 4096 }],
          columns: [Float32Array.from(values)],
          keywords,
        });
        const { measurement } = await ingestRawFile(wb, {
          batchId: batch.id,
          fileName: name,
          bytes,
          actor: 'alice',
        });
        if (!measurement || measurement.status !== 'parsed') throw new Error(`${name} did not parse`);
        return measurement.id;
      };
      // Unstained 1…200: P99.5 = 199.005, 0.5 % above; stained: 50 of 200 events at 3000 → 25 %; net 24.5 %.
      ids.unstained = await file(
        'unstained.fcs',
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      ids.sample = await file(
        'cd81.fcs',
        Array.from({ length: 200 }, (_, i) => (i < 50 ? 3000 : i - 49)),
        { $VOL: '20000' }, // 20 µL analysed
      );
    } finally {
      await wb.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const plan = (body: unknown) => {
    const path = join(dataDir, `plan-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };

  it('--json stores net % positive and EV concentration as QC results', async () => {
    const run = await runCli([
      'flow',
      'analyse',
      'FA-1',
      '--plan',
      plan({
        markers: [{ marker: 'CD81', channel: 'CD81-PE', sample: ids.sample, unstained: ids.unstained }],
        concentration: { sample: ids.sample, dilution: 10 },
      }),
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    const value = (name: string) => out.metrics.find((m: { name: string }) => m.name === name)?.value;
    expect(value('flow.CD81.netPercentPositive')).toBeCloseTo(24.5, 9);
    // 200 events / 20 µL × 10 = 100 /µL = 1.0 × 10⁵ /mL (no buffer or detergent control: nothing subtracted).
    expect(value('flow.evConcentrationPerMl')).toBeCloseTo(1e5, 6);
    expect(out.concentration.warnings).toHaveLength(2);
    // QC reads them: the batch's metrics include the stored results.
    const wb = await openWorkbench({ dataDir });
    try {
      const names = (await releaseMetrics(wb.store, out.batchId)).map((m) => m.name);
      expect(names).toContain('flow.CD81.netPercentPositive');
      expect(names).toContain('flow.evConcentrationPerMl');
    } finally {
      await wb.close();
    }
  });

  it('a measurement that is not the batch’s, or a bad plan, is a usage error', async () => {
    const bad = await runCli([
      'flow',
      'analyse',
      'FA-1',
      '--plan',
      plan({ markers: [{ marker: 'CD81', channel: 'FL2-A', sample: 'nope', unstained: ids.unstained }] }),
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toMatch(/not a measurement of this batch/);
    const invalid = await runCli([
      'flow',
      'analyse',
      'FA-1',
      '--plan',
      plan({}),
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(invalid.code).toBe(2);
  });
});
