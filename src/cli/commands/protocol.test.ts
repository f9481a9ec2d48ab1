import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'evlab-protocol-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const chain = {
  input: { preset: 'msc-cm-serum-free', volumeMl: 100 },
  protocol: {
    version: 1,
    name: 'dUC',
    steps: [
      { method: 'low-speed-centrifugation', parameters: { rcfG: 2000, minutes: 10 } },
      {
        method: 'differential-ultracentrifugation',
        parameters: { rotor: 'Type 70 Ti', rcfG: 100000, minutes: 70 },
      },
      { method: 'acoustic-oscillation', parameters: {} },
    ],
  },
};

describe('evlab protocol simulate', () => {
  it('prints the JSON contract with --json', async () => {
    const run = await runCli(['protocol', 'simulate', file('chain.json', chain), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(3);
    const [first, second, third] = out.steps;
    expect(first).toMatchObject({ index: 0, step: 1, method: 'low-speed-centrifugation', model: 'physical' });
    for (const key of [
      'particles',
      'recoveryPercent',
      'proteinUg',
      'purityParticlesPerUg',
      'lipoproteins',
      'sizeDistribution',
      'assumptions',
    ])
      expect(second).toHaveProperty(key);
    expect(second.sizeDistribution).toHaveProperty('d50Nm');
    expect(third.model).toBe('assumed');
    expect(third.assumptions.some((a: { assumption: boolean }) => a.assumption)).toBe(true);
    expect(out.final.particles).toBe(third.particles);
    expect(out.binsNm).toHaveLength(1000);
    expect(Array.isArray(out.assumptions)).toBe(true);
  });

  it('accepts a bare isolation protocol document and drops the bins with --no-bins', async () => {
    const run = await runCli([
      'protocol',
      'simulate',
      file('bare.json', chain.protocol),
      '--json',
      '--no-bins',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.binsNm).toBeUndefined();
    expect(out.steps[0].particlesByBin).toBeUndefined();
    expect(out.steps[0].particles).toBeGreaterThan(0);
  });

  it('prints a per-step table for people', async () => {
    const run = await runCli(['protocol', 'simulate', file('chain2.json', chain), '--fractions']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/recov %/);
    expect(run.stdout).toMatch(/differential-ultracentrifugation/);
    expect(run.stdout).toMatch(/acoustic-oscillation\*/);
    expect(run.stdout).toMatch(/assumptions/);
  });

  const bad = async (name: string, content: unknown) => runCli(['protocol', 'simulate', file(name, content)]);

  it('exits 2 for an empty chain', async () => {
    const run = await bad('empty.json', { steps: [] });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no steps/);
  });

  it('exits 2 naming the step of an unknown method', async () => {
    const run = await bad('unknown.json', { steps: [{ method: 'filtration' }, { method: 'warp-drive' }] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('protocol.steps[1].method (step 2)');
  });

  it('exits 2 for zero or negative times, naming step and parameter', async () => {
    const run = await bad('time.json', {
      steps: [{ method: 'low-speed-centrifugation', parameters: { minutes: -3 } }],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/step 1 \(low-speed-centrifugation\): minutes must be > 0/);
  });

  it('exits 2 for rpm above the rotor maximum, naming the maximum', async () => {
    const run = await bad('rpm.json', {
      steps: [{ method: 'differential-ultracentrifugation', parameters: { rotor: 'SW 40 Ti', rpm: 60000 } }],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'step 1 (differential-ultracentrifugation): 60,000 rpm is above the maximum speed of SW 40 Ti (40,000 rpm)',
    );
  });

  it('exits 2 for a vesicle lighter than the medium', async () => {
    const run = await bad('light.json', {
      steps: [
        {
          method: 'differential-ultracentrifugation',
          parameters: { evDensityGPerMl: 1.02, mediumDensityGPerMl: 1.1 },
        },
      ],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/step 1 .*not denser than the medium/);
  });

  it('reports malformed JSON with line and column', async () => {
    const run = await bad('broken.json', '{\n  "steps": [\n    { "method": "filtration", }\n  ]\n}');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/malformed JSON at line 3, column \d+/);
  });

  it('exits 1 for a missing file, and prints an error document with --json', async () => {
    const run = await runCli(['protocol', 'simulate', join(dir, 'nope.json'), '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('not-found');
  });
});
