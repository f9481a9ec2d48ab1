/**
 * A NanoSight measurement's result without the videos a scientist excluded: the mean concentration of the
 * remaining videos with its standard error (sample SD / √n, as NTA 3.x reports "Concentration average ±
 * standard error" over videos), the mean per-bin distribution and the statistics recomputed from it.
 */
import { averageBins } from './analyse-nta.ts';
import type { NtaReport, NtaSizeStats } from './nta-report.ts';
import { sizeDistributionStats } from './size-distribution-stats.ts';

export interface NtaWithExclusions {
  excludedVideos: number[];
  includedVideos: number[];
  concentrationPerMl: number | null;
  concentrationSE: number | null;
  distribution: { binCentersNm: number[]; concentrationPerMl: number[]; standardErrorPerMl: number[] };
  stats: NtaSizeStats;
}

export function applyVideoExclusions(
  report: NtaReport,
  excludedIndices: readonly number[],
): NtaWithExclusions {
  const excluded = new Set(excludedIndices);
  const included = report.videos.map((_, i) => i).filter((i) => !excluded.has(i));
  const concentrations = included
    .map((i) => report.videos[i]?.concentrationPerMl ?? null)
    .filter((c): c is number => c !== null && Number.isFinite(c));
  const n = concentrations.length;
  const mean = n > 0 ? concentrations.reduce((s, c) => s + c, 0) / n : null;
  const se =
    n > 1 && mean !== null
      ? Math.sqrt(concentrations.reduce((s, c) => s + (c - mean) ** 2, 0) / (n - 1)) / Math.sqrt(n)
      : null;
  const perVideo = included.map((i) => report.distribution.perVideoPerMl[i] ?? []);
  const { mean: bins, standardError } = averageBins(perVideo);
  return {
    excludedVideos: [...excluded].filter((i) => i >= 0 && i < report.videos.length).sort((a, b) => a - b),
    includedVideos: included,
    concentrationPerMl: mean,
    concentrationSE: se,
    distribution: {
      binCentersNm: [...report.distribution.binCentersNm],
      concentrationPerMl: bins,
      standardErrorPerMl: standardError,
    },
    stats: sizeDistributionStats(report.distribution.binCentersNm, bins),
  };
}
