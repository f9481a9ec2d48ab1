import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIRCUIT_NONCONFORMITIES, VISCOSITY } from '../science/spc/qcc-example-datasets.ts';
import { runCli } from './testing.ts';

describe('evlab spc, qc, coa, report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-cli-qc-'));
    // qcc example data written as our own CSV fixtures (cited in qcc-example-datasets.ts)
    await writeFile(
      join(dir, 'viscosity.csv'),
      `batch,viscosity\n${VISCOSITY.slice(0, 20)
        .map((v, i) => `${i + 1},${v}`)
        .join('\n')}\n`,
    );
    await writeFile(join(dir, 'circuit.csv'), `x\n${CIRCUIT_NONCONFORMITIES.slice(0, 26).join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spc chart --json prints the chart contract', async () => {
    const r = await runCli([
      'spc',
      'chart',
      '--input',
      join(dir, 'viscosity.csv'),
      '--value',
      'viscosity',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const chart = JSON.parse(r.stdout);
    expect(chart).toMatchObject({ chart: 'imr' });
    expect(chart.center).toBeCloseTo(34.088, 10);
    expect(chart.mrCenter).toBeCloseTo(10.88 / 19, 10);
    expect(chart.points[0]).toMatchObject({ index: 0, value: 34.05, rules: [] });
    const c = JSON.parse(
      (
        await runCli([
          'spc',
          'chart',
          '--input',
          join(dir, 'circuit.csv'),
          '--value',
          'x',
          '--chart',
          'c',
          '--json',
        ])
      ).stdout,
    );
    expect(c.ucl).toBeCloseTo(33.21086, 5);
    expect(c.points[19].rules).toContain(1);
  });

  it('spc capability --json and usage errors', async () => {
    const r = await runCli([
      'spc',
      'capability',
      '--input',
      join(dir, 'viscosity.csv'),
      '--value',
      'viscosity',
      '--lsl',
      '32',
      '--usl',
      '36',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const cap = JSON.parse(r.stdout);
    expect(Object.keys(cap)).toEqual(
      expect.arrayContaining(['mean', 'sigmaWithin', 'sigmaOverall', 'cp', 'cpk', 'cpm', 'pp', 'ppk']),
    );
    expect(cap.cp).toBeCloseTo(4 / (6 * cap.sigmaWithin), 12);
    expect(
      (await runCli(['spc', 'capability', '--input', join(dir, 'viscosity.csv'), '--value', 'viscosity']))
        .code,
    ).toBe(2);
    const bad = await runCli([
      'spc',
      'chart',
      '--input',
      join(dir, 'viscosity.csv'),
      '--value',
      'viscosity',
      '--chart',
      'xbar-r',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/subgroup column/);
  });

  it('qc evaluate, checklist, coa and report on the demo', async () => {
    const data = join(dir, 'data');
    expect((await runCli(['--data-dir', data, 'demo'])).code).toBe(0);
    const evaluation = await runCli(['--data-dir', data, 'qc', 'evaluate', 'UC-EV-002', '--json']);
    expect(evaluation.code).toBe(1);
    expect(JSON.parse(evaluation.stdout).outcome).toBe('fail');
    const checklist = JSON.parse(
      (await runCli(['--data-dir', data, 'qc', 'checklist', 'UC-EV-001', '--json'])).stdout,
    );
    expect(checklist.score).toBeGreaterThan(0);
    expect(checklist.items.length).toBeGreaterThan(20);
    for (const cmd of ['coa', 'report']) {
      const out = join(dir, `${cmd}.pdf`);
      expect((await runCli(['--data-dir', data, cmd, 'UC-EV-001', '--out', out])).code).toBe(0);
      const pdf = await readFile(out);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5000);
    }
  });

  it('qc compare --json and --pdf on the demo batches', async () => {
    const data = join(dir, 'data-compare');
    expect((await runCli(['--data-dir', data, 'demo'])).code).toBe(0);
    const pdf = join(dir, 'comparability.pdf');
    const r = await runCli([
      '--data-dir',
      data,
      'qc',
      'compare',
      '--a',
      'UC-EV-001,UC-EV-002',
      '--b',
      'UC-EV-003',
      '--metrics',
      'nta.modeNm,nta.d50Nm',
      '--margin-pct',
      '10',
      '--pdf',
      pdf,
      '--json',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.marginPct).toBe(10);
    expect(report.metrics.map((m: { metric: string }) => m.metric)).toEqual(['nta.modeNm', 'nta.d50Nm']);
    // one batch in B: nothing is tested, so nothing is shown equivalent (exit 1)
    expect(report.summary.insufficientData).toBe(2);
    expect(r.code).toBe(1);
    expect(report.sizeDistribution.batchesA).toBe(2);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(report.sizeDistribution.instrumentsA).toEqual(['NanoSight NTA']);
    // Text output names the instrument behind each group's size distributions.
    const text = await runCli(['--data-dir', data, 'qc', 'compare', '--a', 'UC-EV-001', '--b', 'UC-EV-002']);
    expect(text.stdout).toContain('Size distributions (A: NanoSight NTA; B: NanoSight NTA): Wasserstein-1');
    const bad = await runCli(['--data-dir', data, 'qc', 'compare', '--a', 'UC-EV-001', '--b', 'X', '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/X/);
    const usage = await runCli([
      '--data-dir',
      data,
      'qc',
      'compare',
      '--a',
      'UC-EV-001',
      '--b',
      'UC-EV-002',
      '--margin-pct',
      'lots',
    ]);
    expect(usage.code).toBe(2);
  });
});
