/**
 * Track-level NTA sizing report (the `evlab tracks --json` contract): per-track D̂ → naive diameters and
 * histogram, and the maximum-likelihood (finite-track-length adjusted) distribution on the same fine grid.
 */
import { waterViscosityCP } from '../nta/stokes-einstein.ts';
import {
  type FtlaOptions,
  finiteTrackLengthAdjustment,
  logGrid,
  medianOfBins,
  modeOfBins,
  naiveHistogram,
  type SizeBin,
} from './finite-track-length-adjustment.ts';
import { diameterFromDiffusionNm, trackDiffusionUm2PerS } from './track-diffusion.ts';
import type { TrackConditions, TrackSummary } from './track-types.ts';

export interface TrackSizingReport {
  tracks: number;
  conditions: { umPerPx: number | null; fps: number | null; temperatureC: number; viscosityCp: number };
  naive: { modeNm: number | null; d50Nm: number | null; sdNm: number | null; bins: SizeBin[] };
  ml: {
    modeNm: number | null;
    d50Nm: number | null;
    sdNm: number | null;
    bins: SizeBin[];
    iterations: number;
    converged: boolean;
  };
  /** Track-length histogram: steps → tracks. */
  trackLengths: { steps: number; tracks: number }[];
}

function sdOfBins(bins: readonly SizeBin[]): number | null {
  let m = 0;
  let s = 0;
  for (const b of bins) {
    m += b.fraction * b.diameterNm;
    s += b.fraction;
  }
  if (!(s > 0)) return null;
  m /= s;
  let v = 0;
  for (const b of bins) v += b.fraction * (b.diameterNm - m) ** 2;
  return Math.sqrt(v / s);
}

export function sizeTracks(
  tracks: readonly TrackSummary[],
  conditions: Pick<TrackConditions, 'temperatureC' | 'viscosityCp' | 'localisationNoiseNm'> & {
    umPerPx?: number;
    fps?: number;
  },
  options: Omit<FtlaOptions, 'temperatureC' | 'viscosityCp'> = {},
): TrackSizingReport {
  const eta = conditions.viscosityCp ?? waterViscosityCP(conditions.temperatureC);
  const grid = logGrid(options.minNm ?? 20, options.maxNm ?? 1000, options.gridPoints ?? 400);
  const diameters: number[] = [];
  const lengths = new Map<number, number>();
  for (const t of tracks) {
    const d = diameterFromDiffusionNm(trackDiffusionUm2PerS(t), conditions.temperatureC, eta);
    if (d !== null && Number.isFinite(d)) diameters.push(d);
    lengths.set(t.steps, (lengths.get(t.steps) ?? 0) + 1);
  }
  const naiveBins = naiveHistogram(diameters, grid);
  const sorted = [...diameters].sort((a, b) => a - b);
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2 === 1
        ? (sorted[(sorted.length - 1) / 2] as number)
        : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
  const ml = finiteTrackLengthAdjustment(tracks, {
    ...options,
    temperatureC: conditions.temperatureC,
    viscosityCp: eta,
    localisationNoiseNm: conditions.localisationNoiseNm ?? options.localisationNoiseNm,
    stepTimeS: options.stepTimeS ?? (conditions.fps ? 1 / conditions.fps : undefined),
  });
  return {
    tracks: tracks.length,
    conditions: {
      umPerPx: conditions.umPerPx ?? null,
      fps: conditions.fps ?? null,
      temperatureC: conditions.temperatureC,
      viscosityCp: eta,
    },
    naive: { modeNm: modeOfBins(naiveBins), d50Nm: median, sdNm: sdOfBins(naiveBins), bins: naiveBins },
    ml: {
      modeNm: modeOfBins(ml.bins),
      d50Nm: medianOfBins(ml.bins),
      sdNm: sdOfBins(ml.bins),
      bins: ml.bins,
      iterations: ml.iterations,
      converged: ml.converged,
    },
    trackLengths: [...lengths.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([steps, n]) => ({ steps, tracks: n })),
  };
}
