/**
 * Surface-area and volume weightings derived from a number-weighted size distribution, and the
 * projection of a size distribution onto a diffusion-coefficient axis.
 *
 * NanoSight NTA 3.3 convention, verified on the reference exports (../shared/reference/nanosight/20210401):
 * surface-area bin = N · π · d², volume bin = N · π/6 · d³ with d the LOWER edge of the 1 nm bin
 * (centre − ½ width), e.g. bin 81.5 nm: SA/N = π·81², V/N = π/6·81³ to 1e-6 relative.
 */
import { binEdges } from './size-distribution-stats.ts';
import { diffusionCoefficientE4Nm2PerS } from './stokes-einstein.ts';

/** Surface area per mL in each bin, nm²/mL, from particles/mL per bin (NanoSight convention: lower edge). */
export function surfaceAreaWeighted(
  binCentersNm: readonly number[],
  numberPerMl: readonly number[],
): number[] {
  const { lower } = binEdges(binCentersNm);
  return numberPerMl.map((n, i) => {
    const d = lower[i] ?? 0;
    return n * Math.PI * d * d;
  });
}

/** Volume per mL in each bin, nm³/mL, from particles/mL per bin (NanoSight convention: lower edge). */
export function volumeWeighted(binCentersNm: readonly number[], numberPerMl: readonly number[]): number[] {
  const { lower } = binEdges(binCentersNm);
  return numberPerMl.map((n, i) => {
    const d = lower[i] ?? 0;
    return (n * Math.PI * d * d * d) / 6;
  });
}

/**
 * Re-bins a size distribution onto diffusion-coefficient bins (1e4 nm²/s) through Stokes–Einstein: each
 * size bin [d_lo, d_hi] maps to [D(d_hi), D(d_lo)], and its weight is shared among the diffusion bins in
 * proportion to overlap (uniform density in D within the interval). Weight beyond the last bin is dropped.
 * Size bins with a lower edge ≤ 0 nm (infinite D) are skipped.
 */
export function sizeToDiffusionDistribution(
  binCentersNm: readonly number[],
  weights: readonly number[],
  temperatureC: number,
  viscosityCP: number,
  diffusionBinCenters: readonly number[],
): number[] {
  const out = new Array<number>(diffusionBinCenters.length).fill(0);
  if (diffusionBinCenters.length === 0) return out;
  const size = binEdges(binCentersNm);
  const diff = binEdges(diffusionBinCenters);
  const first = diff.lower[0] as number;
  const last = diff.upper[diffusionBinCenters.length - 1] as number;
  for (let i = 0; i < binCentersNm.length; i++) {
    const w = weights[i] ?? 0;
    const dLo = size.lower[i] as number;
    if (!(w > 0) || dLo <= 0) continue;
    const hi = diffusionCoefficientE4Nm2PerS(dLo, temperatureC, viscosityCP);
    const lo = diffusionCoefficientE4Nm2PerS(size.upper[i] as number, temperatureC, viscosityCP);
    const span = hi - lo;
    if (hi <= first || lo >= last) continue;
    // Binary search the first diffusion bin whose upper edge is above lo.
    let a = 0;
    let b = diffusionBinCenters.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if ((diff.upper[m] as number) <= lo) a = m + 1;
      else b = m;
    }
    for (let j = a; j < diffusionBinCenters.length; j++) {
      const jLo = diff.lower[j] as number;
      if (jLo >= hi) break;
      const overlap = Math.min(hi, diff.upper[j] as number) - Math.max(lo, jLo);
      if (overlap > 0) out[j] = (out[j] as number) + (w * overlap) / span;
    }
  }
  return out;
}
