import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const json = async (args: string[]) => {
  const r = await runCli([...args, '--json']);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : null };
};

describe('evlab spin', () => {
  it('prints the contract JSON (Livshits et al. 2015 Table 2: SW 40 Ti, 30 min at 10,000 ×g → d* 321 nm, 30 % of 150 nm)', async () => {
    const { code, body } = await json(['spin', '--rotor', 'SW 40 Ti', '--rcf', '10000', '--minutes', '30']);
    expect(code).toBe(0);
    expect(body).toMatchObject({ rotor: 'SW 40 Ti', type: 'swinging-bucket', minutes: 30 });
    for (const key of ['rpm', 'rcfAvg', 'kFactor', 'cutoffDiameterNm'])
      expect(typeof body[key]).toBe('number');
    expect(Math.abs(body.cutoffDiameterNm - 321)).toBeLessThanOrEqual(2);
    expect(body.pelleted.map((p: { diameterNm: number }) => p.diameterNm)).toEqual([70, 100, 120, 150]);
    expect(Math.abs(body.pelleted[3].fraction * 100 - 30)).toBeLessThanOrEqual(1);
  });

  it('matches rotor names loosely and honours --diameters, --rpm and --at', async () => {
    const a = await json([
      'spin',
      '--rotor',
      'sw40ti',
      '--rpm',
      '30000',
      '--minutes',
      '60',
      '--diameters',
      '50,200',
    ]);
    expect(a.code).toBe(0);
    expect(a.body.rotor).toBe('SW 40 Ti');
    expect(a.body.rpm).toBe(30000);
    expect(a.body.pelleted).toHaveLength(2);
    const b = await json([
      'spin',
      '--rotor',
      'Type 70 Ti',
      '--rcf',
      '100000',
      '--at',
      'rmax',
      '--minutes',
      '60',
    ]);
    expect(b.body.rcfMax).toBeCloseTo(100000, 3);
    expect(b.body.rcfAvg).toBeLessThan(100000);
  });

  it('--k-adjust-from reports the k-equivalent minutes', async () => {
    const { code, body } = await json([
      'spin',
      '--rotor',
      'TLA-110',
      '--rcf',
      '100000',
      '--k-adjust-from',
      'SW 40 Ti',
      '--minutes',
      '70',
    ]);
    expect(code).toBe(0);
    expect(body.kAdjustedFrom).toMatchObject({ rotor: 'SW 40 Ti', minutes: 70 });
    // t₂ = t₁ · k₂/k₁ at the same RCF.
    expect(body.minutes).toBeCloseTo((70 * body.kFactor) / body.kAdjustedFrom.kFactor, 9);
    expect(body.minutes).toBeLessThan(70);
  });

  it('derives viscosity from --temperature/--medium', async () => {
    const { body } = await json([
      'spin',
      '--rotor',
      'SW 28',
      '--rcf',
      '100000',
      '--minutes',
      '60',
      '--temperature',
      '20',
    ]);
    expect(body.viscosityCp).toBeCloseTo(1.0016, 3);
    expect(body.medium).toBe('water');
  });

  it('prints a readable table and a text pelleting curve without --json', async () => {
    const r = await runCli(['spin', '--rotor', 'Type 45 Ti', '--rcf', '10000', '--minutes', '30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Type 45 Ti (fixed-angle');
    expect(r.stdout).toMatch(/cut-off d\* 209 nm/);
    expect(r.stdout).toContain('Pelleting curve');
    expect(r.stdout).toContain('| d*');
  });

  it.each([
    [['--rcf', '10000', '--minutes', '0'], '--minutes'],
    [['--rcf', '10000', '--minutes', '-5'], '--minutes'],
    [['--rpm', '45000', '--minutes', '10'], '40,000 rpm'],
    [['--rcf', '10000', '--minutes', '10', '--ev-density', '1.0'], '--ev-density'],
    [
      ['--rcf', '10000', '--minutes', '10', '--ev-density', '0.98'],
      'must be greater than the medium density',
    ],
    [['--minutes', '10'], '--rcf'],
  ])('refuses bad input %j with exit 2', async (extra, expected) => {
    const r = await runCli(['spin', '--rotor', 'SW 40 Ti', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('names the closest rotors for an unknown one', async () => {
    const r = await runCli(['spin', '--rotor', 'SW 4O Ti', '--rcf', '10000', '--minutes', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rotor "SW 4O Ti"');
    expect(r.stderr).toContain('SW 40 Ti');
  });

  it('uses rotors from --rotor-file and reports file and field for invalid ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evlab-rotors-'));
    writeFileSync(
      join(dir, 'mine.json'),
      JSON.stringify([{ name: 'Lab SW', type: 'swinging-bucket', rMinMm: 70, rMaxMm: 150, maxRpm: 30000 }]),
    );
    const ok = await runCli(
      [
        'spin',
        '--rotor',
        'lab sw',
        '--rotor-file',
        'mine.json',
        '--rcf',
        '50000',
        '--minutes',
        '60',
        '--json',
      ],
      { cwd: dir },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rotor: 'Lab SW', type: 'swinging-bucket' });

    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify([{ name: 'X', type: 'fixed-angle', rMinMm: 70, rMaxMm: 50, maxRpm: 30000 }]),
    );
    const bad = await runCli(
      ['spin', '--rotor', 'X', '--rotor-file', 'bad.json', '--rcf', '1000', '--minutes', '1'],
      { cwd: dir },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: [0].rMaxMm');
    expect(bad.stderr).toContain('bad.json: [0].tubeDiameterMm');

    writeFileSync(join(dir, 'broken.json'), '[{');
    const broken = await runCli(['rotors', '--rotor-file', 'broken.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json: not valid JSON');
    const missing = await runCli(['rotors', '--rotor-file', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: no such file');
  });
});

describe('evlab rotors', () => {
  it('lists ≥ 15 rotors with geometry, max rpm, k-factor, tube volume and source', async () => {
    const { code, body } = await json(['rotors']);
    expect(code).toBe(0);
    expect(body.length).toBeGreaterThanOrEqual(15);
    const sw40 = body.find((r: { name: string }) => r.name === 'SW 40 Ti');
    expect(sw40).toMatchObject({
      rMinMm: 66.7,
      rAvMm: 112.8,
      rMaxMm: 158.8,
      maxRpm: 40000,
      tubeVolumeMl: 14,
    });
    expect(sw40.kFactor).toBeCloseTo(137, 0);
    expect(sw40.source).toContain('Livshits');
  });

  it('prints a human table grouped by type, and filters with --type', async () => {
    const r = await runCli(['rotors']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Swinging-bucket rotors');
    expect(r.stdout).toContain('Fixed-angle rotors');
    expect(r.stdout).toContain('TLA-110');
    const fa = await json(['rotors', '--type', 'fixed-angle']);
    expect(fa.body.every((x: { type: string }) => x.type === 'fixed-angle')).toBe(true);
  });
});
