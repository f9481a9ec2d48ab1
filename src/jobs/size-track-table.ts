/**
 * Track-based NTA sizing of one track table (NanoSight AllTracks/ParticleData or a position table): the
 * work behind POST /api/tracks/size and the `nta.track-sizing` job. Reads the table (FormatError for a
 * damaged file), takes the acquisition conditions from the request or else the file's preamble, and sizes
 * the tracks naive per track and by maximum likelihood (src/science/nta-tracks/size-tracks.ts, Walker 2012).
 */
import { perTrackSummaries, readTrackTable } from '../formats/nanosight-tracks/read-track-table.ts';
import { sizeTracks, type TrackSizingReport } from '../science/nta-tracks/size-tracks.ts';
import { summariseTracks } from '../science/nta-tracks/track-diffusion.ts';

export interface TrackSizingConditions {
  umPerPx?: number;
  fps?: number;
  temperatureC?: number;
  viscosityCp?: number;
  localisationNoiseNm?: number;
}

export type TrackTableReport = TrackSizingReport & { file: string; source: 'positions' | 'per-track' };

/** A condition neither the request nor the file gives (the API answers 422 naming `path`). */
export class TrackSizingInputError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'TrackSizingInputError';
  }
}

export async function sizeTrackTable(
  bytes: Uint8Array,
  fileName: string,
  conditions: TrackSizingConditions,
  onProgress: (fraction: number, message: string) => Promise<void> | void = () => undefined,
): Promise<TrackTableReport> {
  await onProgress(0.05, `reading ${fileName}`);
  const read = readTrackTable(bytes, fileName);
  const fps = conditions.fps ?? read.metadata.fps;
  const temperatureC = conditions.temperatureC ?? read.metadata.temperatureC;
  const umPerPx = conditions.umPerPx ?? read.metadata.umPerPx;
  if (fps === null)
    throw new TrackSizingInputError('fps is required (the file does not give the frame rate)', ['fps']);
  if (temperatureC === null)
    throw new TrackSizingInputError('temperatureC is required (the file does not give it)', ['temperatureC']);
  if (read.kind === 'positions' && umPerPx === null)
    throw new TrackSizingInputError('umPerPx is required for a position table', ['umPerPx']);
  await onProgress(0.4, 'summarising tracks');
  const summaries =
    read.kind === 'positions'
      ? summariseTracks(read.table, umPerPx as number, fps)
      : perTrackSummaries(read.tracks, fps);
  await onProgress(0.6, `sizing ${summaries.length} tracks (maximum likelihood)`);
  return {
    file: fileName,
    source: read.kind,
    ...sizeTracks(summaries, {
      temperatureC,
      viscosityCp: conditions.viscosityCp,
      localisationNoiseNm: conditions.localisationNoiseNm,
      fps,
      umPerPx: umPerPx ?? undefined,
    }),
  };
}
