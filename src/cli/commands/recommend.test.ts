import { describe, expect, it } from 'vitest';
import { ISOLATION_METHODS } from '../../domain/isolation-protocol.ts';
import { runCli } from '../testing.ts';

describe('evlab recommend', () => {
  it('prints the JSON contract and ranks TFF→SEC first for 500 mL medium for therapy without an ultracentrifuge', async () => {
    const run = await runCli([
      'recommend',
      '--matrix',
      'conditioned-medium',
      '--volume-ml',
      '500',
      '--use',
      'therapy',
      '--without',
      'ultracentrifuge',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.input).toMatchObject({
      matrix: 'conditioned-medium',
      volumeMl: 500,
      use: 'therapy',
      purity: 'any',
    });
    expect(out.input.equipment).not.toContain('ultracentrifuge');
    expect(out.ranked[0]).toMatchObject({
      rank: 1,
      methods: ['tangential-flow-filtration', 'size-exclusion-chromatography'],
      label: 'TFF → SEC',
    });
    for (const option of out.ranked) {
      expect(option.criteria).toHaveLength(7);
      for (const c of option.criteria)
        expect(Object.keys(c).sort()).toEqual(['name', 'reason', 'score', 'weight']);
      expect(option.citations[0]).toMatchObject({ authors: expect.any(String), year: expect.any(Number) });
    }
    const duc = out.excluded.find(
      (e: { methods: string[] }) => e.methods.join() === 'differential-ultracentrifugation',
    );
    expect(duc).toMatchObject({
      constraint: 'equipment-missing',
      reason: expect.stringContaining('needs ultracentrifuge'),
    });
  });

  it('prints a ranked table with reasons and the exclusions for people', async () => {
    const run = await runCli([
      'recommend',
      '--matrix',
      'plasma',
      '--volume-ml',
      '0.5',
      '--use',
      'omics',
      '--top',
      '3',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/#\s+option\s+score\s+criteria/);
    expect(run.stdout).toContain('Excluded:');
    expect(run.stdout).toMatch(/TFF\s+volume-out-of-range/);
    expect(run.stdout.match(/^\s*[1-3]\. /gm)).toHaveLength(3);
  });

  it('answers bad input with exit 2 and the valid values', async () => {
    const matrix = await runCli(['recommend', '--matrix', 'blood', '--volume-ml', '1', '--use', 'omics']);
    expect(matrix.code).toBe(2);
    expect(matrix.stderr).toContain('--matrix: unknown value "blood"');
    expect(matrix.stderr).toContain('conditioned-medium, plasma, serum, urine, csf, tears, saliva, milk');

    const use = await runCli(['recommend', '--matrix', 'plasma', '--volume-ml', '1', '--use', 'cure']);
    expect(use.code).toBe(2);
    expect(use.stderr).toContain('omics, in-vitro-function, therapy');

    for (const volume of ['0', '-5', 'lots']) {
      const bad = await runCli(['recommend', '--matrix', 'plasma', '--volume-ml', volume, '--use', 'omics']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--volume-ml');
    }

    const missing = await runCli(['recommend', '--matrix', 'plasma']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--volume-ml');

    const equipment = await runCli([
      'recommend',
      '--matrix',
      'plasma',
      '--volume-ml',
      '1',
      '--use',
      'omics',
      '--without',
      'fridge',
    ]);
    expect(equipment.code).toBe(2);
    expect(equipment.stderr).toContain('ultracentrifuge');
  });

  it('lists the versioned catalogue with --list-methods --json', async () => {
    const run = await runCli(['recommend', '--list-methods', '--json']);
    expect(run.code).toBe(0);
    const catalogue = JSON.parse(run.stdout);
    expect(catalogue.catalogueVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(catalogue.methods.map((m: { slug: string }) => m.slug).sort()).toEqual(
      [...ISOLATION_METHODS].sort(),
    );

    const human = await runCli(['recommend', '--list-methods']);
    expect(human.stdout).toContain('size-exclusion-chromatography');
    expect(human.stdout).toContain('approximate');
  });
});
