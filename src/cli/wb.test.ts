import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testing.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-wb-'));
  // Synthetic Gel Analyzer output written by this test (one CD81 strip, 3 lanes).
  writeFileSync(join(scratch, 'cd81.csv'), ' ,Area,Percent\n1,5400,60\n2,3300,36.7\n3,300,3.3\n');
  writeFileSync(
    join(scratch, 'lanes.csv'),
    'lane,sample,role,loading_ug\n1,EV-A,ev,10\n2,EV-B,ev,10\n3,MSC,lysate,10\n',
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evlab wb', () => {
  it('calls CD81 enriched over the lysate (18× and 11×) with a lane map file', async () => {
    const { code, stdout } = await runCli(
      ['wb', 'cd81.csv', '--lanes', 'lanes.csv', '--marker', 'CD81', '--json'],
      { cwd: scratch },
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.file).toBe('cd81.csv');
    expect(
      report.markers[0].lanes.map((l: { vsLysate: string; ratioToLysate: number }) => [
        l.vsLysate,
        l.ratioToLysate,
      ]),
    ).toEqual([
      ['enriched', 18],
      ['enriched', 11],
    ]);
  });

  it('inline lanes, human output, and a missing file → exit 1', async () => {
    const { code, stdout, stderr } = await runCli(
      ['wb', 'cd81.csv', 'gone.csv', '--lanes', 'EV-A:ev:10,EV-B:ev:10,MSC:lysate:10', '--marker', 'CD81'],
      {
        cwd: scratch,
      },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/CD81\s+transmembrane\s+EV-A\s+present\s+enriched/);
    expect(stderr).toMatch(/gone\.csv: no such file/);
  });

  it('a bad lane map is a usage error', async () => {
    const { code } = await runCli(['wb', 'cd81.csv', '--lanes', 'EV:serum:1', '--marker', 'CD81'], {
      cwd: scratch,
    });
    expect(code).toBe(2);
  });
});
