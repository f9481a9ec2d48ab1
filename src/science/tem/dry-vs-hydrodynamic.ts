/**
 * TEM (dry, after fixation and negative staining) next to NTA (hydrodynamic, in liquid): EVs shrink and
 * flatten when dried, and NTA adds the hydration shell and misses small particles, so TEM diameters are
 * typically smaller (often by 20–40 %; e.g. van der Pol et al. 2014, J Thromb Haemost 12:1182). The
 * comparison reports both medians, their ratio, and the Wasserstein-1 and KS distances between the two
 * number distributions (the NTA one given as bins).
 */
import { type KsResult, ksTwoSample } from '../distribution-distance/kolmogorov-smirnov.ts';
import { wassersteinDistance } from '../distribution-distance/wasserstein-distance.ts';

export interface DryVsHydrodynamic {
  temD50Nm: number | null;
  ntaD50Nm: number | null;
  /** TEM median / NTA median. */
  ratio: number | null;
  wassersteinNm: number | null;
  ks: KsResult | null;
}

function weightedMedian(centres: readonly number[], weights: readonly number[]): number | null {
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (!(total > 0)) return null;
  let c = 0;
  for (let i = 0; i < centres.length; i++) {
    c += Math.max(0, weights[i] ?? 0);
    if (c >= total / 2) return centres[i] as number;
  }
  return null;
}

export function compareDryVsHydrodynamic(
  temDiametersNm: readonly number[],
  nta: { centresNm: readonly number[]; weights: readonly number[] },
): DryVsHydrodynamic {
  const sorted = [...temDiametersNm].sort((a, b) => a - b);
  const temD50 =
    sorted.length === 0
      ? null
      : (sorted[Math.floor((sorted.length - 1) / 2)] as number) / 2 +
        (sorted[Math.ceil((sorted.length - 1) / 2)] as number) / 2;
  const ntaD50 = weightedMedian(nta.centresNm, nta.weights);
  const hasNta = ntaD50 !== null;
  let ks: KsResult | null = null;
  if (sorted.length > 0 && hasNta) {
    // KS against the NTA bins: expand bins into a pseudo-sample of 1000 points by quantiles
    const total = nta.weights.reduce((s, w) => s + Math.max(0, w), 0);
    const pseudo: number[] = [];
    let c = 0;
    let next = 0.5 / 1000;
    for (let i = 0; i < nta.centresNm.length && pseudo.length < 1000; i++) {
      c += Math.max(0, nta.weights[i] ?? 0) / total;
      while (next <= c && pseudo.length < 1000) {
        pseudo.push(nta.centresNm[i] as number);
        next += 1 / 1000;
      }
    }
    const r = ksTwoSample(sorted, pseudo);
    ks = { statistic: r.statistic, locationNm: r.locationNm, pValue: null };
  }
  return {
    temD50Nm: temD50,
    ntaD50Nm: ntaD50,
    ratio: temD50 !== null && ntaD50 !== null && ntaD50 > 0 ? temD50 / ntaD50 : null,
    wassersteinNm:
      sorted.length > 0 && hasNta ? wassersteinDistance(sorted, nta.centresNm, undefined, nta.weights) : null,
    ks,
  };
}
