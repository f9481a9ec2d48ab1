/** Regression test (issue 10 hostile-input probe): `evlab nca` refuses results that overflow to Infinity/NaN. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'evlab-nca-extreme-'));
const hugeCsv = join(dir, 'huge.csv');
writeFileSync(hugeCsv, 'id,t,c\nA,1,1.7e308\nA,2,1.6e308\nA,3,1.5e308\nA,4,1.4e308\n');
const okCsv = join(dir, 'ok.csv');
writeFileSync(okCsv, 'id,t,c\nA,1,80\nA,2,40\nA,3,20\nA,4,10\n');

describe('evlab nca with extreme numbers', () => {
  it('exits non-zero with a message when the AUC overflows, printing no NaN/Infinity', async () => {
    const args = ['nca', '--input', hugeCsv, '--time', 't', '--conc', 'c', '--id', 'id'];
    const { code, stdout, stderr } = await runCli([
      ...args,
      '--route',
      'extravascular',
      '--dose',
      '1',
      '--json',
    ]);
    expect([1, 2]).toContain(code);
    expect(`${stdout}${stderr}`).not.toMatch(/Infinity|NaN/);
    expect(`${stdout}${stderr}`).toMatch(/non-finite-result/);
    expect(`${stdout}${stderr}`).toMatch(/AUCLST overflows/);
  });

  it('exits non-zero for --tau 1e308', async () => {
    const args = ['nca', '--input', okCsv, '--time', 't', '--conc', 'c', '--id', 'id', '--route', 'iv-bolus'];
    const { code, stdout, stderr } = await runCli([...args, '--dose', '1', '--tau', '1e308', '--json']);
    expect([1, 2]).toContain(code);
    expect(`${stdout}${stderr}`).not.toMatch(/Infinity|NaN/);
    expect(`${stdout}${stderr}`).toMatch(/overflow|tau/);
  });
});
