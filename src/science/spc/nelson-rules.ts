/**
 * Nelson's eight tests for special causes (L. S. Nelson, "The Shewhart control chart — tests for special
 * causes", J. Quality Technology 16(4):237–239, 1984), worded as evlab issue 13 states them. Each point is
 * flagged with the numbers of the rules it completes (the last point of the pattern, and every later point
 * while the pattern continues):
 *
 * 1. the point is beyond 3σ from the centre line (strictly);
 * 2. it ends nine in a row strictly on the same side of the centre line (a point on the line breaks the run);
 * 3. it ends six points in a row each strictly above (or each strictly below) the one before — six points,
 *    five steps, as in Nelson and qcc's qccRulesViolatingNEL3;
 * 4. it ends fourteen points in a row alternating up and down (thirteen steps, alternating in sign; a tie
 *    breaks the run);
 * 5. it is beyond 2σ and at least one of the two points before it is beyond 2σ on the same side;
 * 6. it is beyond 1σ and at least three of the four points before it are beyond 1σ on the same side;
 * 7. it ends fifteen in a row within 1σ (|z| ≤ 1);
 * 8. it ends eight in a row all beyond 1σ (|z| > 1), on either side (the wording: unlike qcc's
 *    NEL8, the eight need not include both sides).
 *
 * σ here is the standard deviation of the charted statistic at each point (it varies with subgroup size).
 */
export interface RuleInput {
  values: readonly number[];
  centers: readonly number[];
  sigmas: readonly number[];
}

export function nelsonRules({ values, centers, sigmas }: RuleInput): number[][] {
  const n = values.length;
  const z = values.map((v, i) => {
    const s = sigmas[i] as number;
    const d = v - (centers[i] as number);
    return s > 0 ? d / s : d === 0 ? 0 : d > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  });
  const side = values.map((v, i) => Math.sign(v - (centers[i] as number)));
  const step = values.map((v, i) => (i === 0 ? 0 : Math.sign(v - (values[i - 1] as number))));
  const out: number[][] = values.map(() => []);

  // Run lengths ending at each point.
  let sameSide = 0;
  let trend = 0; // consecutive steps of the same non-zero sign ending here
  let alternating = 0; // consecutive non-zero steps, each opposite in sign to the previous
  let within1 = 0;
  let beyond1 = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[i] as number;
    const si = side[i] as number;
    const rules = out[i] as number[];
    // 1
    if (Math.abs(zi) > 3) rules.push(1);
    // 2
    sameSide = si !== 0 && i > 0 && side[i - 1] === si && sameSide > 0 ? sameSide + 1 : si !== 0 ? 1 : 0;
    if (sameSide >= 9) rules.push(2);
    // 3
    const st = step[i] as number;
    trend = i > 0 && st !== 0 ? (step[i - 1] === st && trend > 0 ? trend + 1 : 1) : 0;
    if (trend >= 5) rules.push(3);
    // 4
    alternating =
      i > 0 && st !== 0 ? (i > 1 && step[i - 1] === -st && alternating > 0 ? alternating + 1 : 1) : 0;
    if (alternating >= 13) rules.push(4);
    // 5
    if (beyondCount(z, i, 2, 2) >= 1 && Math.abs(zi) > 2) rules.push(5);
    // 6
    if (beyondCount(z, i, 4, 1) >= 3 && Math.abs(zi) > 1) rules.push(6);
    // 7
    within1 = Math.abs(zi) <= 1 ? within1 + 1 : 0;
    if (within1 >= 15) rules.push(7);
    // 8
    beyond1 = Math.abs(zi) > 1 ? beyond1 + 1 : 0;
    if (beyond1 >= 8) rules.push(8);
  }
  return out;
}

/** How many of the `before` points preceding i lie beyond `k`σ on the same side as point i. */
function beyondCount(z: readonly number[], i: number, before: number, k: number): number {
  const zi = z[i] as number;
  if (Math.abs(zi) <= k) return 0;
  const sign = Math.sign(zi);
  let count = 0;
  for (let j = Math.max(0, i - before); j < i; j++) {
    const zj = z[j] as number;
    if (Math.sign(zj) === sign && Math.abs(zj) > k) count++;
  }
  return count;
}
