import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../test/support/environment.ts';
import { runCli } from './testing.ts';

describeWithReference('proteomics', 'evlab proteomics', () => {
  it('reports the MaxQuant table and a missing file as {file, error}, exit 1', async () => {
    const mq = referencePath('proteomics', 'maxquant-proteinGroups.txt');
    const { code, stdout } = await runCli(['proteomics', mq, 'missing.tsv', '--json']);
    expect(code).toBe(1);
    const [report, missing] = JSON.parse(stdout);
    expect(report.rows).toEqual(expect.objectContaining({ total: 271, reverse: 2, contaminant: 21 }));
    expect(report.perSample).toHaveLength(2);
    expect(missing.error.code).toBe('not-found');
  });
});

describe('evlab proteomics (human output)', () => {
  it('a file that is no protein table is an error line and exit 1', async () => {
    const { code, stderr } = await runCli(['proteomics', 'package.json'], { cwd: process.cwd() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/not a protein table/);
  });
});
