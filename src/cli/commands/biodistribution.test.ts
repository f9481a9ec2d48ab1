import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'evlab-bd-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TABLE = [
  'organ,time_h,value,unit',
  'blood,1,10,%ID/g',
  'blood,4,5,%ID/g',
  'blood,24,1,%ID/g',
  'liver,1,20,%ID/g',
  'liver,4,25,%ID/g',
  'liver,24,15,%ID/g',
  'thyroid,1,1,%ID/g',
  'thyroid,24,6,%ID/g',
].join('\n');

describe('evlab biodistribution', () => {
  it('--json reports AUC, Cmax/Tmax, tissue:blood, fractions and caveat flags', async () => {
    const path = file('bd.csv', TABLE);
    const run = await runCli([
      'biodistribution',
      path,
      '--label',
      '99mTc',
      '--body-weight-kg',
      '0.025',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.file).toBe(path);
    const liver = report.organs.find((o: { organ: string }) => o.organ === 'liver');
    expect(liver.concentration).toMatchObject({ auc: 467.5, cmax: 25, tmaxH: 4 });
    expect(liver.tissueToBloodAucRatio).toBeCloseTo(467.5 / 82.5, 9);
    expect(report.fractions.rows[1].byOrgan.liver).toBeCloseTo(25 * 1.3725, 9);
    expect(report.flags.find((f: { code: string }) => f.code === 'free-pertechnetate').level).toBe('warning');
  });

  it('--decay-correct uses the label half-life', async () => {
    const path = file('tc.csv', 'organ (%ID/g),24 h\nliver,2\n');
    const run = await runCli(['biodistribution', path, '--label', '99mTc', '--decay-correct', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).organs[0].points[0].percentIdPerG.mean).toBeCloseTo(31.894, 2);
  });

  it('prints tables for people', async () => {
    const run = await runCli(['biodistribution', file('h.csv', TABLE), '--label', '99mTc']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AUC %ID/g·h');
    expect(run.stdout).toContain('% of injected dose over time');
    expect(run.stdout).toContain('free-pertechnetate');
  });

  it('exits 1 naming the line of a bad value or an inconsistent row, 2 for bad options', async () => {
    const bad = await runCli([
      'biodistribution',
      file('bad.csv', 'organ,time,value,unit\nliver,1,x,%ID/g\n'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 2');
    const mixed = await runCli([
      'biodistribution',
      file('mixed.csv', 'organ,time,value,unit\nliver,1,1,radiance\nliver,2,1,%ID\n'),
    ]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('line 3');
    const missing = await runCli(['biodistribution', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const noIsotope = await runCli([
      'biodistribution',
      file('d.csv', TABLE),
      '--label',
      'DiR',
      '--decay-correct',
    ]);
    expect(noIsotope.code).toBe(2);
    expect((await runCli(['biodistribution', file('e.csv', TABLE), '--organ-mass', 'liver'])).code).toBe(2);
  });
});
