import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'evlab-pk-'));
// 2-compartment IV bolus, D = 100, k10 = 0.3, k12 = 0.8, k21 = 0.35, V1 = 6 (values from the closed form).
function writeBiexponential(): string {
  const file = join(dir, 'biexp.csv');
  const times = [0.083, 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];
  const sum = 0.3 + 0.8 + 0.35;
  const alpha = (sum + Math.sqrt(sum * sum - 4 * 0.3 * 0.35)) / 2;
  const beta = (0.3 * 0.35) / alpha;
  const a = (100 * (alpha - 0.35)) / (6 * (alpha - beta));
  const b = (100 * (0.35 - beta)) / (6 * (alpha - beta));
  const rows = times.map((t) => `S1,${t},${a * Math.exp(-alpha * t) + b * Math.exp(-beta * t)}`);
  writeFileSync(file, `subject,time,conc\nS1,0,\n${rows.join('\n')}\n`);
  return file;
}

describe('evlab pk simulate', () => {
  it('prints { times, conc } for the contract example', async () => {
    const run = await runCli([
      'pk',
      'simulate',
      '--model',
      '1cmt-iv-bolus',
      '--params',
      'k10=0.5,V1=2',
      '--dose',
      '10',
      '--times',
      '0:0.5:2',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.times).toEqual([0, 0.5, 1, 1.5, 2]);
    // C = D/V·e^(−k t) = 5·e^(−0.5 t)
    out.conc.forEach((c: number, i: number) => {
      expect(c).toBeCloseTo(5 * Math.exp(-0.5 * out.times[i]), 12);
    });
  });

  it('superposes repeated doses (--doses, --tau)', async () => {
    const run = await runCli([
      'pk',
      'simulate',
      '--model',
      '1cmt-iv-bolus',
      '--params',
      'k10=0.1,V1=10',
      '--dose',
      '100',
      '--doses',
      '2',
      '--tau',
      '12',
      '--times',
      '12,13',
      '--json',
    ]);
    const out = JSON.parse(run.stdout);
    expect(out.conc[0]).toBeCloseTo(10 * Math.exp(-1.2) + 10, 10);
  });

  it('human output has a table and a sparkline', async () => {
    const run = await runCli([
      'pk',
      'simulate',
      '--model',
      '1cmt-oral',
      '--params',
      'ka=1,k10=0.2,V1=10',
      '--dose',
      '100',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/time h/);
    expect(run.stdout).toMatch(/[▁▂▃▄▅▆▇█]/);
  });

  it.each([
    [
      ['--model', 'nope', '--params', 'k10=1', '--dose', '1'],
      /unknown model "nope"; valid models: 1cmt-iv-bolus/,
    ],
    [['--model', '2cmt-iv-bolus', '--params', 'k10=0.5,V1=2', '--dose', '10'], /needs parameters k12, k21/],
    [
      ['--model', '1cmt-iv-bolus', '--params', 'k10=0.5,V1=2', '--dose', '-1'],
      /--dose must be a positive number/,
    ],
    [['--model', '1cmt-iv-bolus', '--params', 'k10=0.5,V1=2,K12=1', '--dose', '1'], /no parameter K12/],
    [['--model', '1cmt-iv-infusion', '--params', 'k10=0.5,V1=2', '--dose', '1'], /infusion duration/],
  ])('exit 2 with a clear message: %j', async (args, message) => {
    const run = await runCli(['pk', 'simulate', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('evlab pk fit', () => {
  it('fits a 2-compartment bolus and returns the contract fields', async () => {
    const file = writeBiexponential();
    const run = await runCli([
      'pk',
      'fit',
      '--input',
      file,
      '--id',
      'subject',
      '--time',
      'time',
      '--conc',
      'conc',
      '--dose',
      '100',
      '--model',
      '2cmt-iv-bolus',
      '--weight',
      '1/y2',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const [fit] = JSON.parse(run.stdout);
    expect(fit.id).toBe('S1');
    expect(fit.model).toBe('2cmt-iv-bolus');
    const byName = Object.fromEntries(
      fit.parameters.map((p: { name: string; estimate: number }) => [p.name, p.estimate]),
    );
    expect(byName.k10).toBeCloseTo(0.3, 6);
    expect(byName.k12).toBeCloseTo(0.8, 6);
    expect(byName.k21).toBeCloseTo(0.35, 6);
    expect(byName.V1).toBeCloseTo(6, 5);
    expect(fit.parameters[0]).toHaveProperty('ci95');
    expect(fit.parameters[0]).toHaveProperty('rsePercent');
    expect(fit.parameters[0].unit).toBe('1/h');
    expect(fit.objective).toMatchObject({ n: 12 });
    expect(fit.residuals).toHaveLength(12);
    expect(fit.residuals[0]).toHaveProperty('weightedResidual');
    expect(fit.converged).toBe(true);
    expect(fit.derived.CL.value).toBeCloseTo(1.8, 5);
    expect(run.stderr).toMatch(/1 row with a missing or BLQ concentration skipped/);
  });

  it('--compare prints a comparison table ranking the 2-compartment model first', async () => {
    const file = writeBiexponential();
    const run = await runCli([
      'pk',
      'fit',
      '--input',
      file,
      '--id',
      'subject',
      '--dose',
      '100',
      '--compare',
      '1cmt-iv-bolus,2cmt-iv-bolus',
      '--weight',
      '1/y2',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.fits).toHaveLength(2);
    expect(out.comparisons[0].rows[0].model).toBe('2cmt-iv-bolus');
    const human = await runCli([
      'pk',
      'fit',
      '--input',
      file,
      '--id',
      'subject',
      '--dose',
      '100',
      '--compare',
      '1cmt-iv-bolus,2cmt-iv-bolus',
    ]);
    expect(human.stdout).toMatch(/model comparison/);
    expect(human.stdout).toMatch(/ΔAIC/);
    expect(human.stdout).toMatch(/parameter\s+estimate\s+SE\s+%RSE\s+95% CI/);
  });

  it('names the file and line of a bad value', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'time,conc\n1,2\n2,abc\n');
    const run = await runCli(['pk', 'fit', '--input', file, '--dose', '1', '--model', '1cmt-iv-bolus']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.csv line 3: concentration "abc" is not a number/);
  });

  it('counts source lines past blank lines and reads tab-separated files (shared table reader)', async () => {
    const file = join(dir, 'gap.csv');
    writeFileSync(file, 'time,conc\n1,2\n\n\n2,abc\n');
    const run = await runCli(['pk', 'fit', '--input', file, '--dose', '1', '--model', '1cmt-iv-bolus']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/gap\.csv line 5: concentration "abc" is not a number/);
    // C = 10·exp(−0.5 t) after a 100 bolus: k10 = 0.5, V1 = 100/10 = 10 (by hand).
    const tsv = join(dir, 'mono.tsv');
    writeFileSync(
      tsv,
      `time\tconc\n${[0.5, 1, 2, 4, 8].map((t) => `${t}\t${10 * Math.exp(-0.5 * t)}`).join('\n')}\n`,
    );
    const fit = await runCli([
      'pk',
      'fit',
      '--input',
      tsv,
      '--dose',
      '100',
      '--model',
      '1cmt-iv-bolus',
      '--json',
    ]);
    expect(fit.code).toBe(0);
    const [result] = JSON.parse(fit.stdout);
    const byName = Object.fromEntries(
      result.parameters.map((p: { name: string; estimate: number }) => [p.name, p.estimate]),
    );
    expect(byName.k10).toBeCloseTo(0.5, 6);
    expect(byName.V1).toBeCloseTo(10, 5);
  });

  it.each([
    [['--model', 'nope'], /valid models/],
    [['--model', '3cmt-iv-bolus'], /usable observation\(s\) but model 3cmt-iv-bolus has 6 parameters/],
    [['--model', '1cmt-iv-infusion'], /infusion duration/],
    [['--model', '1cmt-iv-bolus', '--time', 'hours'], /no column "hours"/],
  ])('exit 2: %j', async (args, message) => {
    const file = join(dir, 'short.csv');
    writeFileSync(file, 'time,conc\n1,5\n2,3\n4,1.2\n8,0.3\n');
    const run = await runCli(['pk', 'fit', '--input', file, '--dose', '10', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('non-positive dose is a usage error', async () => {
    const run = await runCli(['pk', 'fit', '--input', 'x.csv', '--dose', '0', '--model', '1cmt-iv-bolus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--dose must be a positive number/);
  });
});
