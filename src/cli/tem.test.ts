import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticZetaViewBins, writeZetaViewTxt } from '../formats/zetaview/write-zetaview-txt.ts';
import type { TemReport } from '../science/tem/analyse-tem-particles.ts';
import type { FileError } from './commands/file-entries.ts';
import type { TemEntry } from './commands/tem.ts';
import { runCli } from './testing.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-tem-'));
  // evlab's own ImageJ-style table: 120 round particles, ECD 30–59 px (at 2 nm/px: 60–118 nm)
  const rows = [' ,Area,Perim.,Feret,MinFeret,Circ.,AR,Solidity'];
  for (let i = 0; i < 120; i++) {
    const d = 30 + (i % 30);
    rows.push(
      `${i + 1},${((Math.PI * d * d) / 4).toFixed(3)},${(Math.PI * d).toFixed(3)},${d},${d},0.95,1.05,0.97`,
    );
  }
  writeFileSync(join(scratch, 'Results.csv'), `${rows.join('\n')}\n`);
  writeFileSync(
    join(scratch, 'S1_size_488.txt'),
    writeZetaViewTxt({
      linearBins: syntheticZetaViewBins({ medianNm: 120, geometricSd: 1.3, traces: 2000 }),
    }),
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evlab tem', () => {
  it('--json: ECD and mean Feret distributions from a pixel table and the scale', async () => {
    const { code, stdout } = await runCli(['tem', 'Results.csv', '--nm-per-px', '2', '--json'], {
      cwd: scratch,
    });
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as TemReport;
    expect(r.particles).toBe(120);
    expect(r.kept).toBe(120);
    // diameters 30..59 px × 2 nm/px, each 4 times: median of 60..118 nm (even steps of 2) = 89 nm
    expect(r.ecd.d50Nm).toBeCloseTo(89, 3); // areas written with 3 decimals
    expect(r.meanFeret.d50Nm).toBeCloseTo(89, 6);
  });
  it('--nta: dry vs hydrodynamic side by side', async () => {
    const { code, stdout } = await runCli(
      ['tem', 'Results.csv', '--nm-per-px', '2', '--nta', 'S1_size_488.txt', '--json'],
      { cwd: scratch },
    );
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as Exclude<TemEntry, FileError>;
    expect(r.comparison?.ratio as number).toBeLessThan(1);
    expect(r.comparison?.wassersteinNm as number).toBeGreaterThan(10);
  });
  it('a pixel table without --nm-per-px is a usage error; a missing file is { file, error }', async () => {
    expect((await runCli(['tem', 'Results.csv', '--json'], { cwd: scratch })).code).toBe(2);
    const r = await runCli(['tem', 'nope.csv', 'Results.csv', '--nm-per-px', '2', '--json'], {
      cwd: scratch,
    });
    expect(r.code).toBe(1);
    const entries = JSON.parse(r.stdout) as TemEntry[];
    expect((entries[0] as FileError).error.code).toBe('not-found');
    expect((entries[1] as TemReport).particles).toBe(120);
  });
});
