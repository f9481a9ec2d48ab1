/**
 * A small hand-made NtaRecord for unit tests of the science layer (not used by production code).
 */
import type { NtaRecord, NtaSizeDistribution, NtaVideo } from './nta-record.ts';
import { emptySizeStats } from './nta-record.ts';

export function testVideo(
  name: string,
  overrides: Partial<NtaVideo['conditions'] & NtaVideo['results']> = {},
): NtaVideo {
  return {
    name,
    conditions: {
      temperatureC: overrides.temperatureC ?? 25,
      viscosityCP: overrides.viscosityCP ?? 0.89,
      cameraType: 'sCMOS',
      laserType: '488 nm',
      cameraLevel: 15,
      shutterMs: 30,
      frameRateFps: 25,
    },
    results: {
      dilutionFactor: overrides.dilutionFactor ?? null,
      concentrationPerMl: overrides.concentrationPerMl ?? 1e8,
      particlesPerFrame: overrides.particlesPerFrame ?? 40,
      centresPerFrame: overrides.centresPerFrame ?? 43,
      completedTracks: overrides.completedTracks ?? 5000,
      validTracks: overrides.validTracks ?? 2000,
      driftXPixPerFrame: 0,
      driftYPixPerFrame: 0,
    },
  };
}

/** A record whose videos each have the given number-weighted bins on centres 0.5, 1.5, … */
export function testRecord(binsPerVideo: number[][], videos?: NtaVideo[]): NtaRecord {
  const bins = binsPerVideo[0]?.length ?? 0;
  const number: NtaSizeDistribution = {
    weighting: 'number',
    unit: 'particles/mL',
    binCentersNm: Array.from({ length: bins }, (_, i) => i + 0.5),
    perVideo: binsPerVideo,
    average: null,
    standardError: null,
    reported: { perVideo: binsPerVideo.map(() => emptySizeStats()), average: null, standardError: null },
    validTracks: binsPerVideo.map(() => 2000),
  };
  return {
    instrument: 'test',
    sample: {
      software: 'test 1.0',
      experimentName: 'exp',
      operator: 'op',
      capturedAt: '2025-01-02T03:04:05',
      sampleDescription: 'sample',
      pretreatment: null,
      diluent: null,
      remarks: null,
    },
    videos: videos ?? binsPerVideo.map((_, i) => testVideo(`v${i + 1}`)),
    average: {
      concentrationPerMl: { value: 1e8, standardError: 1e6 },
      particlesPerFrame: { value: 40, standardError: 1 },
      centresPerFrame: { value: 43, standardError: 1 },
    },
    status: [],
    sizeDistributions: { number, surfaceArea: null, volume: null },
  };
}
