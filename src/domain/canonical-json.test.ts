import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('follows JSON.stringify for undefined, functions, non-finite numbers and toJSON', () => {
    const value = {
      u: undefined,
      f: () => 1,
      n: Number.NaN,
      i: [Number.POSITIVE_INFINITY, undefined],
      d: new Date(0),
    };
    expect(canonicalJson(value)).toBe('{"d":"1970-01-01T00:00:00.000Z","i":[null,null],"n":null}');
  });

  it('equals JSON.stringify of the same value with sorted keys (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        // Parse → canonical again is a fixed point, and it parses to a value deep-equal to JSON's round trip.
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('serializes an array nested 100,000 deep without a stack overflow', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const text = canonicalJson({ deep });
    expect(text.length).toBe('{"deep":}'.length + 2 * 100_001);
  });

  it('refuses cycles and bigints', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/cycle/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});
