/**
 * The fuzzer's own guarantees: input i is reproducible from (seed, i) alone (a run can be resumed and a
 * finding regenerated), inputs stay bounded, the mutator does not modify its seeds, and the seed slices are
 * small and (for FCS) still readable by evlab's reader, so the mean input is small.
 */
import { describe, expect, it } from 'vitest';
import { readFcs } from '../../src/formats/fcs/read-fcs.ts';
import { writeFcs } from '../../src/formats/fcs/write-fcs.ts';
import { FormatError } from '../../src/formats/format-error.ts';
import { SYNTHETIC_SEEDS } from '../../src/formats/fuzz-seeds.ts';
import { FUZZ_TARGETS } from '../../src/formats/fuzz-targets.ts';
import { mutate } from './fuzz-mutator.ts';
import { fcsSlice, textSlices } from './fuzz-seed-pools.ts';

const enc = new TextEncoder();

describe('mutate', () => {
  const pools = { small: SYNTHETIC_SEEDS['pk-concentration-table']?.() ?? [], whole: [] };
  it('is a pure function of (seed, index)', () => {
    for (const i of [0, 1, 77, 123_456]) expect(mutate(pools, 42, i)).toEqual(mutate(pools, 42, i));
    const distinct = new Set(
      Array.from({ length: 200 }, (_, i) => Buffer.from(mutate(pools, 42, i)).toString('hex')),
    );
    expect(distinct.size).toBeGreaterThan(150);
  });
  it('leaves its seeds untouched and keeps inputs ≤ 2 MB', () => {
    const before = pools.small.map((b) => b.slice());
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      const b = mutate(pools, 7, i);
      expect(b.length).toBeLessThanOrEqual(2_000_000);
      total += b.length;
    }
    expect(pools.small).toEqual(before);
    // most inputs stay near the ~100-byte seeds; the rare big ones (one in 200) dominate the mean
    expect(total / 3000).toBeLessThan(50_000);
  });
});

describe('seed slices', () => {
  it('cuts a text table to its header and a few rows, and keeps every section title in the skeleton', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},${i * 2}`);
    const text = ['[A]', 'x,y', ...rows, '', '[B]', 'x,y', ...rows].join('\n');
    const slices = textSlices(enc.encode(text)).map((b) => new TextDecoder().decode(b));
    expect(slices[0]?.split('\n').slice(0, 3)).toEqual(['[A]', 'x,y', '0,0']);
    const skeleton = slices.at(-1) ?? '';
    expect(skeleton).toContain('[B]');
    expect(skeleton.split('\n').filter((l) => /^\d/.test(l))).toHaveLength(6);
  });
  it('cuts an FCS file to n events that evlab still reads, with the same parameters', () => {
    const n = 500;
    const a = Float32Array.from({ length: n }, (_, i) => i);
    const file = writeFcs({ parameters: [{ name: 'FSC-A', range: 1024 }], columns: [a] });
    const slice = fcsSlice(file, 7);
    expect(slice).not.toBeNull();
    const read = readFcs(slice as Uint8Array, 'slice.fcs');
    const ds = read.datasets[0];
    expect(ds?.events.eventCount).toBe(7);
    expect(ds?.parameters.map((p) => p.name)).toEqual(['FSC-A']);
    expect((slice as Uint8Array).length).toBeLessThan(file.length);
  });
  it('every registered reader refuses mutated inputs only with FormatError (smoke: 300 inputs each)', () => {
    for (const t of FUZZ_TARGETS) {
      const p = { small: SYNTHETIC_SEEDS[t.name]?.() ?? [], whole: [] };
      for (let i = 0; i < 300; i++) {
        try {
          t.read(mutate(p, 1, i));
        } catch (e) {
          if (!(e instanceof FormatError) && !t.typedErrors?.some((k) => e instanceof k)) throw e;
        }
      }
    }
  });
});
