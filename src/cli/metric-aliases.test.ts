import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testing.ts';

describe('CLI: old metric names are aliases of the canonical ones, with a warning', () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-cli-metric-alias-'));
    data = join(dir, 'data');
    expect((await runCli(['--data-dir', data, 'demo'])).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spc chart --metric nta.concentration charts nta.concentrationPerMl and warns on stderr', async () => {
    const old = await runCli(['--data-dir', data, 'spc', 'chart', '--metric', 'nta.concentration', '--json']);
    const canonical = await runCli([
      '--data-dir',
      data,
      'spc',
      'chart',
      '--metric',
      'nta.concentrationPerMl',
      '--json',
    ]);
    expect(old.code).toBe(0);
    expect(old.stderr).toMatch(
      /warning: metric name 'nta\.concentration' is deprecated; read as 'nta\.concentrationPerMl'/,
    );
    expect(canonical.stderr).not.toMatch(/deprecated/);
    const a = JSON.parse(old.stdout);
    expect(a.points.length).toBeGreaterThan(1);
    expect(a.points).toEqual(JSON.parse(canonical.stdout).points);
  });

  it('qc compare --metrics takes an old name and reports the canonical metric', async () => {
    const r = await runCli([
      '--data-dir',
      data,
      'qc',
      'compare',
      '--a',
      'UC-EV-001',
      '--b',
      'UC-EV-002,UC-EV-003',
      '--metrics',
      'nta.concentration',
      '--json',
    ]);
    expect(r.stderr).toMatch(/'nta\.concentration' is deprecated/);
    const report = JSON.parse(r.stdout);
    expect(report.metrics.map((m: { metric: string }) => m.metric)).toEqual(['nta.concentrationPerMl']);
    expect(report.metrics[0].valuesB).toHaveLength(2);
  });
});
