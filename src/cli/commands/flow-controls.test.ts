import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFcs } from '../../formats/fcs/write-fcs.ts';
import { runCli } from '../testing.ts';

describe('evlab flow controls', () => {
  // Synthetic files written by evlab's writer: isotype 1…200; sample 100 events 1…100 and 100 events 1100…1199.
  // Hand check: P99.5 of 1…200 = 199.005 → isotype 0.5 % above, sample 50 %, net 49.5 %.
  const dir = mkdtempSync(join(tmpdir(), 'evlab-flow-controls-'));
  const write = (name: string, values: Float32Array) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      writeFcs({ parameters: [{ name: 'FL2-A', label: 'CD63-PE', range: 4096 }], columns: [values] }),
    );
    return path;
  };
  const isotype = write(
    'iso.fcs',
    Float32Array.from({ length: 200 }, (_, i) => i + 1),
  );
  const sample = write(
    's.fcs',
    Float32Array.from({ length: 200 }, (_, i) => (i < 100 ? i + 1 : 1000 + i)),
  );

  it('--json gives net % positive against the isotype', async () => {
    const run = await runCli([
      'flow',
      'controls',
      '--marker',
      'CD63',
      '--channel',
      'FL2-A',
      '--sample',
      sample,
      '--isotype',
      isotype,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.threshold).toBeCloseTo(199.005, 9);
    expect(out.netPercentPositive).toBeCloseTo(49.5, 9);
  });

  it('a missing control is a usage error; a missing file gives {file, error} and exit 1', async () => {
    expect(
      (await runCli(['flow', 'controls', '--marker', 'CD63', '--channel', 'FL2-A', '--sample', sample])).code,
    ).toBe(2);
    const bad = await runCli([
      'flow',
      'controls',
      '--marker',
      'X',
      '--channel',
      'FL2-A',
      '--sample',
      join(dir, 'none.fcs'),
      '--isotype',
      isotype,
      '--json',
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('not-found');
  });
});
