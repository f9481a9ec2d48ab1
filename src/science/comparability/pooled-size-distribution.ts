/**
 * One size distribution per process from several batches: each batch's binned distribution (bin centres in
 * nm, non-negative weights such as particles/mL per bin) is first scaled to unit total, so every batch
 * weighs the same whatever its concentration, then the scaled weights are summed on the union of the bin
 * centres and divided by the number of batches (an equal-weight mixture of the batch distributions).
 */
import type { BinnedDistribution } from '../distribution-distance/wasserstein-distance.ts';

export function poolSizeDistributions(distributions: readonly BinnedDistribution[]): BinnedDistribution {
  const usable = distributions.filter((d) =>
    d.weights.some((w, i) => w > 0 && Number.isFinite(d.centresNm[i] ?? Number.NaN)),
  );
  if (usable.length === 0) throw new RangeError('no size distribution with a positive total to pool');
  const sums = new Map<number, number>();
  for (const d of usable) {
    let total = 0;
    d.weights.forEach((w, i) => {
      if (w > 0 && Number.isFinite(d.centresNm[i] ?? Number.NaN)) total += w;
    });
    d.weights.forEach((w, i) => {
      const x = d.centresNm[i];
      if (!(w > 0) || x === undefined || !Number.isFinite(x)) return;
      sums.set(x, (sums.get(x) ?? 0) + w / total / usable.length);
    });
  }
  const centres = [...sums.keys()].sort((p, q) => p - q);
  return { centresNm: centres, weights: centres.map((c) => sums.get(c) ?? 0) };
}
