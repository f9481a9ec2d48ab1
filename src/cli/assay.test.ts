import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../test/support/environment.ts';
import { runCli } from './testing.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-assay-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describeWithReference('assay', 'evlab assay fit on the reference files', () => {
  it('ryegrass as a long table: drc LL.4 parameters and residual SE on 20 df', async () => {
    // The ryegrass data set turned into the long form by this test (the reference file stays outside).
    const rows = readFileSync(referencePath('assay', 'ryegrass.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const csv = [
      'type,id,concentration,response',
      ...rows.map((r) => {
        const [, rootl, conc] = r.split(',');
        return `standard,c${conc},${conc},${rootl}`;
      }),
    ].join('\n');
    const file = join(scratch, 'ryegrass-long.csv');
    writeFileSync(file, csv);
    const { code, stdout } = await runCli(['assay', 'fit', '--input', file, '--model', '4pl', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report.parameters)).toEqual(['b', 'c', 'd', 'e']);
    expect(report.parameters.b).toBeCloseTo(2.98222, 4);
    expect(report.parameters.c).toBeCloseTo(0.48141, 4);
    expect(report.parameters.d).toBeCloseTo(7.79296, 4);
    expect(report.parameters.e).toBeCloseTo(3.05795, 4);
    expect(report.rse).toBeCloseTo(0.5196, 4);
    expect(report.df).toBe(20);
    for (const key of ['model', 'standardErrors', 'standards', 'samples', 'lloq', 'uloq'])
      expect(report).toHaveProperty(key);
    expect(report.standards[0]).toEqual(
      expect.objectContaining({
        id: 'c0',
        concentration: 0,
        backCalculated: expect.anything(),
        biasPct: null,
      }),
    );
  });

  it('a SoftMax export plus a missing file: the report and {file, error}, exit 1', async () => {
    const softmax = referencePath('assay', 'softmax-Assay_2.txt');
    const { code, stdout } = await runCli(['assay', 'fit', '--input', softmax, 'nope.txt', '--json'], {
      cwd: scratch,
    });
    expect(code).toBe(1);
    const [good, bad] = JSON.parse(stdout);
    expect(good.format).toBe('softmax-pro');
    expect(good.samples.find((s: { id: string }) => s.id === 'P10').dilution).toBe(10);
    expect(bad).toEqual({ file: 'nope.txt', error: expect.objectContaining({ code: 'not-found' }) });
  });
});

describe('evlab assay fit (human output and errors)', () => {
  it('prints a table and rejects an unknown model', async () => {
    const file = join(scratch, 'lin.csv');
    writeFileSync(
      file,
      [
        'type,id,concentration,response',
        ...[0, 1, 2, 3, 4, 5].map((c) => `standard,s${c},${c},${0.1 + 0.2 * c}`),
        'sample,X,,0.5',
      ].join('\n'),
    );
    const human = await runCli(['assay', 'fit', file, '--model', 'linear']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/intercept = 0\.1/);
    expect(human.stdout).toMatch(/X\s+1\s+0\.5/);
    const bad = await runCli(['assay', 'fit', file, '--model', 'cubic']);
    expect(bad.code).toBe(2);
  });
});
