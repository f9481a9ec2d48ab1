import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticZetaViewBins, writeZetaViewTxt } from '../formats/zetaview/write-zetaview-txt.ts';
import type { ZetaViewReport } from '../science/zetaview/analyse-zetaview.ts';
import type { FileError } from './commands/file-entries.ts';
import type { ZetaViewEntry } from './commands/zetaview.ts';
import { runCli } from './testing.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'evlab-cli-zetaview-'));
  // evlab's own synthetic ZetaView files (write-zetaview-txt.ts), not instrument data
  const bins = syntheticZetaViewBins({ medianNm: 120, geometricSd: 1.35, traces: 3000 });
  writeFileSync(
    join(scratch, 'S1_size_488.txt'),
    writeZetaViewTxt({ linearBins: bins, dilution: 1000, numberOfTraces: 3000 }),
  );
  writeFileSync(join(scratch, 'S1_prof_ZP.txt'), writeZetaViewTxt({ zetaPotentialMv: -18.2 }));
  writeFileSync(
    join(scratch, 'broken.txt'),
    'Sample:\tx\r\nSize Distribution\r\nSize / nm\tNumber\tConcentration / cm-3\r\n5.000E+0\tNaN\t1\r\n',
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('evlab zetaview', () => {
  it('--json: one entry per file in order, errors as { file, error }, exit 1', async () => {
    const { code, stdout } = await runCli(
      ['zetaview', '--json', 'S1_size_488.txt', 'S1_prof_ZP.txt', 'broken.txt', 'missing.txt'],
      {
        cwd: scratch,
      },
    );
    expect(code).toBe(1);
    const entries = JSON.parse(stdout) as ZetaViewEntry[];
    expect(entries.map((e) => e.file)).toEqual([
      'S1_size_488.txt',
      'S1_prof_ZP.txt',
      'broken.txt',
      'missing.txt',
    ]);
    const size = entries[0] as ZetaViewReport;
    for (const key of [
      'kind',
      'sample',
      'dilution',
      'temperatureC',
      'tracedParticles',
      'concentrationPerMl',
      'originalConcentrationPerMl',
      'number',
      'volume',
      'bins',
      'flags',
    ])
      expect(size).toHaveProperty(key);
    expect(size.kind).toBe('size');
    expect(size.dilution).toBe(1000);
    expect(size.tracedParticles).toBe(3000);
    expect(size.originalConcentrationPerMl).toBeCloseTo((size.concentrationPerMl as number) * 1000, -3);
    expect(Object.keys(size.number).sort()).toEqual(['d10Nm', 'd50Nm', 'd90Nm', 'meanNm', 'sdNm']);
    expect(Object.keys(size.volume).sort()).toEqual(['d10Nm', 'd50Nm', 'd90Nm', 'meanNm']);
    expect((entries[1] as ZetaViewReport).kind).toBe('zeta');
    expect((entries[2] as FileError).error.code).toBe('malformed-number');
    expect((entries[2] as FileError).error.line).toBe(4);
    expect((entries[3] as FileError).error.code).toBe('not-found');
  });
  it('human output lists X50 and concentrations', async () => {
    const { code, stdout } = await runCli(['zetaview', 'S1_size_488.txt'], { cwd: scratch });
    expect(code).toBe(0);
    expect(stdout).toContain('X50 nm');
    expect(stdout).toContain('E+');
  });
});
