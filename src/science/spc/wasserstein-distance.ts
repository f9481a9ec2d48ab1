/**
 * First Wasserstein (earth mover's) distance between two weighted 1-D distributions, e.g. two NTA size
 * distributions (bin centres in nm, concentrations as weights): W1 = ∫ |F_u(x) − F_v(x)| dx over the merged
 * support, the definition scipy.stats.wasserstein_distance uses. In nm for size distributions. Written here
 * for batch-to-batch consistency until the nta-tem branch's distance functions are merged (use theirs then).
 */
export function wassersteinDistance(
  uValues: readonly number[],
  vValues: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  const norm = (values: readonly number[], weights?: readonly number[]) => {
    const w = weights ?? values.map(() => 1);
    if (w.length !== values.length) throw new RangeError('values and weights differ in length');
    const total = w.reduce((a, b) => a + b, 0);
    if (!(total > 0) || w.some((x) => !(x >= 0)) || values.some((x) => !Number.isFinite(x)))
      throw new RangeError('weights must be ≥ 0 with a positive sum, values finite');
    return values.map((x, i) => ({ x, w: (w[i] as number) / total }));
  };
  const u = norm(uValues, uWeights);
  const v = norm(vValues, vWeights);
  const points = [...new Set([...u, ...v].map((p) => p.x))].sort((a, b) => a - b);
  const cdf = (dist: { x: number; w: number }[]) => {
    const sorted = [...dist].sort((a, b) => a.x - b.x);
    let j = 0;
    let acc = 0;
    return points.map((x) => {
      while (j < sorted.length && (sorted[j] as { x: number }).x <= x)
        acc += (sorted[j++] as { w: number }).w;
      return acc;
    });
  };
  const fu = cdf(u);
  const fv = cdf(v);
  let distance = 0;
  for (let i = 0; i < points.length - 1; i++)
    distance +=
      Math.abs((fu[i] as number) - (fv[i] as number)) * ((points[i + 1] as number) - (points[i] as number));
  return distance;
}
