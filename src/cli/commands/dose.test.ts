import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNanoSightExperimentSummary } from '../../formats/nanosight/write-experiment-summary.ts';
import { ingestRawFile } from '../../jobs/ingest-raw-file.ts';
import { openWorkbench } from '../../jobs/workbench.ts';
import { syntheticNtaSample } from '../../science/nta/synthetic-nta-sample.ts';
import { runCli } from '../testing.ts';

describe('evlab dose', () => {
  it('hed --json prints the contract: 50 mg/kg mouse → 4.05 mg/kg (FDA 2005)', async () => {
    const run = await runCli([
      'dose',
      'hed',
      '--species',
      'mouse',
      '--dose-per-kg',
      '50',
      '--unit',
      'mg',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      species: 'mouse',
      method: 'bsa',
      animalDosePerKg: 50,
      unit: 'mg',
      km: { animal: 3, human: 37 },
    });
    expect(out.hedPerKg).toBeCloseTo(4.054, 3);
    expect(out.hedFor60Kg).toBeCloseTo(243.24, 2);
    expect(out.citation.title).toContain('Maximum Safe Starting Dose');
  });

  it('hed allometry with the given weights and exponent', async () => {
    const run = await runCli([
      '--json',
      'dose',
      'hed',
      '--species',
      'mouse',
      '--dose-per-kg',
      '50',
      '--method',
      'allometry',
      '--exponent',
      '0.67',
      '--animal-weight-kg',
      '0.02',
      '--human-weight-kg',
      '60',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).hedPerKg).toBeCloseTo(3.5606, 3); // 50 × (0.02/60)^0.33
  });

  it('prints a readable table without --json', async () => {
    const run = await runCli(['dose', 'hed', '--species', 'rat', '--dose-per-kg', '1e11']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Km animal / human  6 / 37');
    expect(run.stdout).toContain('HED');
  });

  it('exits 2 for a usage error: unknown species, --exponent without allometry', async () => {
    expect((await runCli(['dose', 'hed', '--species', 'unicorn', '--dose-per-kg', '1'])).code).toBe(2);
    const run = await runCli([
      'dose',
      'hed',
      '--species',
      'mouse',
      '--dose-per-kg',
      '1',
      '--exponent',
      '0.75',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--exponent applies to --method allometry only');
  });

  it('prepare --json plans the volume and warns against --max-volume-ul', async () => {
    const run = await runCli([
      'dose',
      'prepare',
      '--batch-concentration',
      '2.5e11',
      '--dose',
      '1e10',
      '--max-volume-ul',
      '20',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.stockVolumePerAnimalUl).toBeCloseTo(40, 9);
    expect(plan.notes.map((n: { code: string }) => n.code)).toContain('volume-above-good-practice');
  });

  it('prepare exits 2 naming --weight-kg for a per-kg dose without a weight', async () => {
    const run = await runCli([
      'dose',
      'prepare',
      '--batch-concentration',
      '2.5e11',
      '--dose',
      '1e10',
      '--per-kg',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--weight-kg');
  });

  it('routes lists the library', async () => {
    const run = await runCli(['dose', 'routes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Intravenous (IV)');
    expect(run.stdout).toContain('mouse 5 mL/kg');
  });

  it('prepare --measurement takes the stored NTA concentration; QC errors need --accept-qc-errors (issue 9 item 10)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'evlab-dose-cli-'));
    try {
      const wb = await openWorkbench({ dataDir });
      let measurementId = '';
      let reported = 0;
      try {
        const project = await wb.store.createProject({ name: 'Dose CLI', description: '' }, 'test');
        const batch = await wb.store.createBatch(
          {
            projectId: project.id,
            sourceId: null,
            code: 'CLI-1',
            conditionedMediumVolumeMl: null,
            isolationProtocol: { version: 1, name: '', steps: [] },
            finalVolumeMl: null,
            buffer: '',
            storageTemperatureC: null,
            harvestDate: null,
            isolationDate: null,
            status: 'draft',
            notes: '',
          },
          'test',
        );
        const record = syntheticNtaSample({
          medianDiameterNm: 120,
          geometricSd: 1.45,
          concentrationPerMl: 2e11,
          dilutionFactor: 1000,
          seed: 3,
        });
        const status = record.status.map((row) =>
          row.item === 'Validity of concentration measurement'
            ? { ...row, perVideo: row.perVideo.map(() => 'Unreliable') }
            : row,
        );
        const { measurement } = await ingestRawFile(wb, {
          batchId: batch.id,
          fileName: 'cli-ExperimentSummary.csv',
          bytes: writeNanoSightExperimentSummary({ ...record, status }),
          actor: 'test',
        });
        measurementId = measurement.id;
        reported = (measurement.metrics as { average: { concentrationPerMl: number } }).average
          .concentrationPerMl;
      } finally {
        await wb.close();
      }
      const args = [
        '--data-dir',
        dataDir,
        'dose',
        'prepare',
        '--measurement',
        measurementId,
        '--dose',
        '1e9',
      ];
      const refused = await runCli([...args, '--json']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--accept-qc-errors');
      const noReason = await runCli([...args, '--accept-qc-errors', '--json']);
      expect(noReason.code).toBe(1);
      expect(noReason.stderr).toContain('--override-reason');
      const run = await runCli([...args, '--accept-qc-errors', '--override-reason', 'pilot only', '--json']);
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out.stockConcentrationPerMl).toBe(reported);
      expect(out.stockVolumePerAnimalUl).toBeCloseTo((1e9 / reported) * 1000, 9);
      expect(out.source).toMatchObject({
        measurementId,
        qc: { status: 'error' },
        dilution: { origin: 'file' },
      });
      const text = await runCli([...args, '--accept-qc-errors', '--override-reason', 'pilot only']);
      expect(text.stdout).toContain('NanoSight NTA measurement');
      expect(text.stdout).toContain('already adjusted for the dilution it records');
      const check = await openWorkbench({ dataDir });
      try {
        const audit = await check.store.listAuditEvents({
          entityType: 'measurement',
          entityId: measurementId,
        });
        expect(audit.items.filter((e) => e.reason === 'pilot only')).toHaveLength(2);
      } finally {
        await check.close();
      }
      const both = await runCli([...args, '--batch-concentration', '1e11']);
      expect(both.code).toBe(2);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
