import { describe, expect, it } from 'vitest';
import { nelsonRules } from './nelson-rules.ts';

/** Constructed sequences around centre 0 with σ = 1, so a value is its z-score. */
function flaggedBy(rule: number, values: number[]): number[] {
  const rules = nelsonRules({ values, centers: values.map(() => 0), sigmas: values.map(() => 1) });
  return rules.flatMap((r, i) => (r.includes(rule) ? [i] : []));
}

describe('Nelson rules (issue 13 wording)', () => {
  it('1: a point beyond 3σ, strictly', () => {
    expect(flaggedBy(1, [0, 3, 3.5, 0, -3.2, -3])).toEqual([2, 4]);
  });

  it('2: nine in a row on one side; a point on the line breaks the run', () => {
    const values = [...Array(8).fill(0.5), 0, ...Array(9).fill(0.5), 0.5, -0.5];
    expect(flaggedBy(2, values)).toEqual([17, 18]);
  });

  it('3: six points in a row each strictly above (or below) the one before; a tie breaks', () => {
    const values = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5];
    expect(flaggedBy(3, values)).toEqual([5, 6, 11]);
  });

  it('4: fourteen in a row alternating up and down', () => {
    const alternating = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 0.1 : -0.1));
    expect(flaggedBy(4, [...alternating, 0.1, -0.1])).toEqual([13, 14]);
    // thirteen alternating points are not enough
    expect(flaggedBy(4, alternating.slice(0, 13))).toEqual([]);
  });

  it('5: beyond 2σ with one of the two before beyond 2σ on the same side', () => {
    expect(flaggedBy(5, [0, 2.5, 0, 2.5, -2.5, 0, -2.1, 0, 0, 2.1])).toEqual([3, 6]);
    // the third point inside 2σ is not flagged even though two of three are beyond
    expect(flaggedBy(5, [2.5, 2.5, 0])).toEqual([1]);
  });

  it('6: beyond 1σ with three of the four before beyond 1σ on the same side', () => {
    const values = [1.5, 1.5, 1.5, 0, 1.5, 0, 0, 0, 1.5, -1.2, -1.2, -1.2, -1.2];
    expect(flaggedBy(6, values)).toEqual([4, 12]);
  });

  it('7: fifteen in a row within 1σ (a point at exactly 1σ is within)', () => {
    const values = [
      2, 0.2, -0.3, 0.5, 0.1, 1, -0.4, 0.3, 0.2, -0.1, 0.6, -0.7, 0.2, 0.4, -0.2, 0.3, 0.1, 1.5,
    ];
    expect(flaggedBy(7, values)).toEqual([15, 16]);
  });

  it('8: eight in a row beyond 1σ on either side; a point at exactly 1σ breaks the run', () => {
    const values = [0, 1.5, -1.5, 1.5, 1.5, -1.2, 1.2, 2.5, -1.1, 1, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5];
    expect(flaggedBy(8, values)).toEqual([8]);
    expect(flaggedBy(8, [...Array(8).fill(1.5)])).toEqual([7]);
  });

  it('lists every rule a point completes, ascending', () => {
    const values = [...Array(8).fill(1.5), 3.5];
    const rules = nelsonRules({ values, centers: values.map(() => 0), sigmas: values.map(() => 1) });
    // not 5: neither of the two points before is beyond 2σ
    expect(rules[8]).toEqual([1, 2, 6, 8]);
  });
});
