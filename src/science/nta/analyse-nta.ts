/**
 * evlab's NTA analysis of one measurement: the NtaReport contract (nta-report.ts) filled from a neutral
 * NtaRecord. Statistics are recomputed from the number-weighted bins (size-distribution-stats.ts) next
 * to the instrument's own, and QC flags are attached (nta-qc-flags.ts).
 */
import { ntaQcFlags } from './nta-qc-flags.ts';
import type { NtaRecord, NtaSizeDistribution } from './nta-record.ts';
import { emptySizeStats } from './nta-record.ts';
import type { NtaReport, NtaSizeStats, NtaVideoReport } from './nta-report.ts';
import { isEmptyDistribution, sizeDistributionStats } from './size-distribution-stats.ts';
import { waterViscosityCP } from './stokes-einstein.ts';

/** Mean over videos per bin and its standard error (sample SD / √n), for records without instrument averages. */
export function averageBins(perVideo: readonly (readonly number[])[]): {
  mean: number[];
  standardError: number[];
} {
  const n = perVideo.length;
  const bins = n === 0 ? 0 : Math.max(...perVideo.map((v) => v.length));
  const mean = new Array<number>(bins).fill(0);
  const standardError = new Array<number>(bins).fill(0);
  if (n === 0) return { mean, standardError };
  for (let b = 0; b < bins; b++) {
    let sum = 0;
    for (const video of perVideo) sum += video[b] ?? 0;
    const m = sum / n;
    mean[b] = m;
    if (n > 1) {
      let squares = 0;
      for (const video of perVideo) {
        const d = (video[b] ?? 0) - m;
        squares += d * d;
      }
      standardError[b] = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }
  }
  return { mean, standardError };
}

/** The record's single dilution factor: the common value of the videos, or null when absent or inconsistent. */
export function commonDilutionFactor(record: NtaRecord): number | null {
  const values = record.videos.map((v) => v.results.dilutionFactor).filter((d): d is number => d !== null);
  if (values.length === 0) return null;
  return values.every((d) => d === values[0]) ? (values[0] as number) : null;
}

function distributionOf(number: NtaSizeDistribution): NtaReport['distribution'] {
  const fallback =
    number.average === null || number.standardError === null ? averageBins(number.perVideo) : undefined;
  return {
    binCentersNm: [...number.binCentersNm],
    concentrationPerMl: [...(number.average ?? fallback?.mean ?? [])],
    standardErrorPerMl: [...(number.standardError ?? fallback?.standardError ?? [])],
    perVideoPerMl: number.perVideo.map((v) => [...v]),
  };
}

/**
 * Water viscosity, cP, at the video's temperature by NTA 3.x's correlation, rounded to the 6 decimals NTA
 * prints (`Viscosity/cP`, %.6f); null without a usable temperature (the correlation is valid 0–100 °C).
 */
export function computedViscosityCp(temperatureC: number | null): number | null {
  if (temperatureC === null || !Number.isFinite(temperatureC) || temperatureC < 0 || temperatureC > 100)
    return null;
  return Number(waterViscosityCP(temperatureC).toFixed(6));
}

/**
 * The NtaReport of a measurement. `fileName` is reported as given. For a video whose number-weighted
 * distribution is empty both `computed` and `reported` are all null: NTA writes 0.0 placeholders there,
 * and 0 nm is not a size.
 */
export function analyseNta(record: NtaRecord, fileName: string): NtaReport {
  const number = record.sizeDistributions.number;
  const computed: NtaSizeStats[] = number.perVideo.map((weights) =>
    sizeDistributionStats(number.binCentersNm, weights),
  );
  const videos: NtaVideoReport[] = record.videos.map((video, i) => {
    const weights = number.perVideo[i];
    const empty = weights === undefined || isEmptyDistribution(weights);
    const reported = number.reported.perVideo[i];
    return {
      name: video.name,
      temperatureC: video.conditions.temperatureC,
      viscosityCP: video.conditions.viscosityCP,
      concentrationPerMl: video.results.concentrationPerMl,
      particlesPerFrame: video.results.particlesPerFrame,
      validTracks: number.validTracks[i] ?? video.results.validTracks,
      completedTracks: video.results.completedTracks,
      reported: empty || reported === undefined ? emptySizeStats() : { ...reported },
      computed: {
        ...(computed[i] ?? emptySizeStats()),
        viscosityCp: computedViscosityCp(video.conditions.temperatureC),
      },
    };
  });
  return {
    file: fileName,
    software: record.sample.software,
    sample: record.sample.sampleDescription ?? record.sample.experimentName,
    operator: record.sample.operator,
    capturedAt: record.sample.capturedAt,
    dilutionFactor: commonDilutionFactor(record),
    videos,
    average: {
      concentrationPerMl: record.average.concentrationPerMl.value,
      concentrationSE: record.average.concentrationPerMl.standardError,
    },
    distribution: distributionOf(number),
    flags: ntaQcFlags(record, computed),
  };
}
