/** Typed HTTP client for the characterization routes (src/api/routes/nta-characterization.ts). */
import type { NtaWithExclusions } from '../../../src/science/nta/video-exclusion.ts';
import type { TrackSizingReport } from '../../../src/science/nta-tracks/size-tracks.ts';
import type { TemReport } from '../../../src/science/tem/analyse-tem-particles.ts';
import type { DryVsHydrodynamic } from '../../../src/science/tem/dry-vs-hydrodynamic.ts';
import type { NtaVideoExclusion } from '../../../src/store/nta-video-exclusion-store.ts';
import { request } from './client.ts';

export interface VideoExclusions {
  measurementId: string;
  videos: number;
  exclusions: NtaVideoExclusion[];
  result: NtaWithExclusions;
}

export type TemWithComparison = TemReport & { comparison?: DryVsHydrodynamic & { ntaMeasurementId: string } };

const enc = encodeURIComponent;

export const characterizationApi = {
  videoExclusions: (measurementId: string, signal?: AbortSignal) =>
    request<VideoExclusions>('GET', `/api/measurements/${enc(measurementId)}/video-exclusions`, {
      ...(signal ? { signal } : {}),
    }),
  excludeVideo: (measurementId: string, video: number, reason: string) =>
    request<VideoExclusions>('POST', `/api/measurements/${enc(measurementId)}/video-exclusions/${video}`, {
      body: { reason },
    }),
  includeVideo: (measurementId: string, video: number) =>
    request<VideoExclusions>('DELETE', `/api/measurements/${enc(measurementId)}/video-exclusions/${video}`),
  tem: (
    measurementId: string,
    query: { nmPerPx?: number; tableUnit: 'px' | 'nm' | 'um'; ntaMeasurementId?: string },
    signal?: AbortSignal,
  ) =>
    request<TemWithComparison>('GET', `/api/measurements/${enc(measurementId)}/tem`, {
      query: { ...query },
      ...(signal ? { signal } : {}),
    }),
  sizeTracks: (body: {
    fileName: string;
    content: string;
    umPerPx?: number;
    fps?: number;
    temperatureC?: number;
    localisationNoiseNm?: number;
  }) => request<TrackSizingReport & { file: string; source: string }>('POST', '/api/tracks/size', { body }),
};
