import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { runCli } from '../testing.ts';

describeWithReference('gatingml', 'evlab gate', () => {
  const fcs = referencePath('gatingml', 'data1.fcs');
  const truthCount = (name: string) =>
    readFileSync(referencePath('gatingml', 'truth', `Results_${name}.txt`), 'utf8')
      .trim()
      .split(/\r?\n/)
      .filter((l) => l.trim() === '1').length;

  it('--json counts every gate as the compliance truth does', async () => {
    const run = await runCli([
      'gate',
      fcs,
      '--gatingml',
      referencePath('gatingml', 'gml', 'gml_quadrant1_gate.xml'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.events).toBe(13367);
    const byId = new Map(out.gates.map((g: { id: string; count: number }) => [g.id, g.count]));
    for (const q of ['FL2P-FL4P', 'FL2N-FL4P', 'FL2N-FL4N', 'FL2P-FL4N'])
      expect(byId.get(q)).toBe(truthCount(q));
  });

  it('--membership adds the 0/1 vector of each gate', async () => {
    const run = await runCli([
      'gate',
      fcs,
      '--gatingml',
      referencePath('gatingml', 'gml', 'gml_rect1_gate.xml'),
      '--membership',
      '--json',
    ]);
    const out = JSON.parse(run.stdout);
    const truth = readFileSync(referencePath('gatingml', 'truth', 'Results_Rectangle1.txt'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .map(Number);
    expect(out.gates[0].id).toBe('Rectangle1');
    expect(out.gates[0].membership).toEqual(truth);
  });

  it('a malformed Gating-ML file gives {file, error} and exit 1', async () => {
    const run = await runCli(['gate', fcs, '--gatingml', referencePath('gatingml', 'data1.fcs'), '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBeTypeOf('string');
  });
});
