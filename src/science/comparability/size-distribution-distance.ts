/**
 * How far apart two processes' pooled size distributions are: Wasserstein-1 in nm (the mean shift a
 * particle must travel; SciPy `wasserstein_distance` semantics) and the two-sample Kolmogorov–Smirnov
 * statistic (largest CDF difference). The KS p-value is left out: pooled, normalised distributions carry no
 * sample size (tracks of different batches are not independent draws of one process).
 */
import { binnedKolmogorovSmirnov } from '../distribution-distance/kolmogorov-smirnov.ts';
import {
  type BinnedDistribution,
  binnedWassersteinDistance,
} from '../distribution-distance/wasserstein-distance.ts';
import { poolSizeDistributions } from './pooled-size-distribution.ts';

export interface SizeDistributionDistance {
  /** Wasserstein-1 distance, nm. */
  wassersteinNm: number;
  /** KS statistic D (0–1). */
  ksStatistic: number;
  /** Diameter where the CDFs differ most, nm. */
  ksLocationNm: number;
  pooledA: BinnedDistribution;
  pooledB: BinnedDistribution;
  batchesA: number;
  batchesB: number;
}

export function sizeDistributionDistance(
  a: readonly BinnedDistribution[],
  b: readonly BinnedDistribution[],
): SizeDistributionDistance {
  const pooledA = poolSizeDistributions(a);
  const pooledB = poolSizeDistributions(b);
  const ks = binnedKolmogorovSmirnov(
    { centresNm: pooledA.centresNm, weights: pooledA.weights },
    { centresNm: pooledB.centresNm, weights: pooledB.weights },
  );
  return {
    wassersteinNm: binnedWassersteinDistance(pooledA, pooledB),
    ksStatistic: ks.statistic,
    ksLocationNm: ks.locationNm,
    pooledA,
    pooledB,
    batchesA: a.length,
    batchesB: b.length,
  };
}
