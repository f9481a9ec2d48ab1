import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

describe('evlab mie', () => {
  it('--json gives the Bohren & Huffman BHMIE example', async () => {
    const x = String((2 * Math.PI * 0.525) / 0.6328);
    const run = await runCli(['mie', '--m-real', '1.55', '--m-imag', '0', '--x', x, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.qext).toBeCloseTo(3.10543, 5);
    expect(out.qsca).toBeCloseTo(3.10543, 5);
    expect(out.qback).toBeCloseTo(2.92534, 5);
    expect(out.g).toBeCloseTo(0.63314, 5);
  });

  it('coated sphere with a core of the shell material equals the homogeneous one', async () => {
    const a = JSON.parse((await runCli(['mie', '--m-real', '1.1', '--x', '2', '--json'])).stdout);
    const b = JSON.parse(
      (
        await runCli([
          'mie',
          '--m-real',
          '1.1',
          '--x',
          '2',
          '--core-m-real',
          '1.1',
          '--x-core',
          '1',
          '--json',
        ])
      ).stdout,
    );
    expect(b.model).toMatch(/BHCOAT/);
    expect(b.qsca).toBeCloseTo(a.qsca, 9);
  });

  it('rejects a negative k and a core larger than the particle (exit 2)', async () => {
    expect((await runCli(['mie', '--m-real', '1.5', '--m-imag', '-1', '--x', '1', '--json'])).code).toBe(2);
    expect(
      (await runCli(['mie', '--m-real', '1.5', '--x', '1', '--core-m-real', '1.4', '--x-core', '2'])).code,
    ).toBe(2);
  });
});
