import { SpcInputError } from './control-chart.ts';

/** Replicate values grouped by subgroup, in order of first appearance. */
export interface Subgroup {
  label: string;
  values: number[];
}

/** Groups values by subgroup key, keeping the order in which subgroups first appear. */
export function groupBySubgroup(values: readonly number[], keys: readonly string[]): Subgroup[] {
  if (values.length !== keys.length) throw new SpcInputError('values and subgroup keys differ in length');
  const groups = new Map<string, number[]>();
  values.forEach((v, i) => {
    const key = keys[i] as string;
    const list = groups.get(key);
    if (list) list.push(v);
    else groups.set(key, [v]);
  });
  return [...groups].map(([label, vs]) => ({ label, values: vs }));
}

export function checkSubgroups(groups: readonly Subgroup[]): void {
  if (groups.length < 2) throw new SpcInputError('an X̄ chart needs at least 2 subgroups');
  for (const g of groups) {
    if (g.values.length < 2)
      throw new SpcInputError(
        `subgroup "${g.label}" has ${g.values.length} value; X̄ charts need ≥ 2 per subgroup`,
      );
    if (g.values.length > 100) throw new SpcInputError(`subgroup "${g.label}" has more than 100 values`);
    g.values.forEach((v, i) => {
      if (!Number.isFinite(v))
        throw new SpcInputError(`value ${i + 1} of subgroup "${g.label}" is not a finite number`);
    });
  }
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample standard deviation (n − 1 divisor). */
export function sampleSd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
