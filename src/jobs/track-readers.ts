/**
 * Track-level NTA as an ingestible measurement kind (`nta-tracks`): NanoSight NTA 3.x `…-AllTracks.csv`
 * (positions per frame) and `…-ParticleData.csv` (one row per track with its D and track length), and
 * generic track tables (id, frame, x, y in px). A track table alone cannot be sized: positions need the
 * pixel size, every file needs the frame rate and the temperature (and the diluent viscosity, water at that
 * temperature when not given). They come from the file's own `key,value` preamble or from the upload
 * (`evlab import --um-per-px --fps --temperature-c [--viscosity-cp]`, API form fields umPerPx, fps,
 * temperatureC, viscosityCp); missing ones are refused before anything is recorded
 * (`MissingAcquisitionParametersError`, code `missing-acquisition-parameters`: API 422).
 */
import {
  perTrackSummaries,
  readTrackTable,
  TRACKS_READER_NAME,
  TRACKS_READER_VERSION,
  type TrackFile,
} from '../formats/nanosight-tracks/read-track-table.ts';
import { waterViscosityCP } from '../science/nta/stokes-einstein.ts';
import { sizeTracks } from '../science/nta-tracks/size-tracks.ts';
import { summariseTracks } from '../science/nta-tracks/track-diffusion.ts';
import type { MeasurementReader, ReaderOptions } from './measurement-readers.ts';

/** Acquisition parameters a track table needs; any may come from the file instead. */
export interface AcquisitionParameters {
  /** Pixel size in the sample plane, µm/px (position tables only). */
  umPerPx?: number;
  fps?: number;
  temperatureC?: number;
  /** Diluent viscosity, cP; water at temperatureC (NTA 3.x correlation) when absent. */
  viscosityCp?: number;
}

/** The names callers use for each parameter: API form field and CLI option. */
export const ACQUISITION_PARAMETER_NAMES = {
  umPerPx: '--um-per-px',
  fps: '--fps',
  temperatureC: '--temperature-c',
  viscosityCp: '--viscosity-cp',
} as const;

export type AcquisitionParameterName = keyof typeof ACQUISITION_PARAMETER_NAMES;

/** A track table was uploaded without the acquisition parameters it needs. Nothing was recorded. */
export class MissingAcquisitionParametersError extends Error {
  override readonly name = 'MissingAcquisitionParametersError';
  readonly code = 'missing-acquisition-parameters';
  constructor(
    readonly fileName: string,
    readonly missing: AcquisitionParameterName[],
  ) {
    super(
      `${fileName}: a track table needs ${missing.join(', ')} (${missing
        .map((m) => ACQUISITION_PARAMETER_NAMES[m])
        .join(
          ', ',
        )} on the command line, form fields of the same names in the API); the file does not give ${missing.length > 1 ? 'them' : 'it'}. Nothing was recorded.`,
    );
  }
}

export function isMissingAcquisitionParameters(error: unknown): error is MissingAcquisitionParametersError {
  return error instanceof MissingAcquisitionParametersError;
}

interface Resolved {
  file: TrackFile;
  umPerPx: number | null;
  fps: number | null;
  temperatureC: number | null;
  viscosityCp: number | null;
  missing: AcquisitionParameterName[];
}

function resolve(bytes: Uint8Array, fileName: string, given: AcquisitionParameters | undefined): Resolved {
  const file = readTrackTable(bytes, fileName);
  const umPerPx = given?.umPerPx ?? file.metadata.umPerPx;
  const fps = given?.fps ?? file.metadata.fps;
  const temperatureC = given?.temperatureC ?? file.metadata.temperatureC;
  const viscosityCp = given?.viscosityCp ?? null;
  const missing: AcquisitionParameterName[] = [];
  if (file.kind === 'positions' && umPerPx === null) missing.push('umPerPx');
  if (fps === null) missing.push('fps');
  if (temperatureC === null) missing.push('temperatureC');
  return { file, umPerPx, fps, temperatureC, viscosityCp, missing };
}

/** The parameters a track file lacks given those of the upload; [] when complete or not a readable table. */
export function missingAcquisitionParameters(
  bytes: Uint8Array,
  fileName: string,
  given: AcquisitionParameters | undefined,
): AcquisitionParameterName[] {
  try {
    return resolve(bytes, fileName, given).missing;
  } catch {
    return []; // an unreadable file is the reader's to explain (stored unparsed with its FormatError)
  }
}

/** The first line that is not a `key,value` preamble line looks like a track table header. */
export function sniffTrackTable(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).toLowerCase();
  for (const line of head.split('\n').slice(0, 30)) {
    const cells = line.split(/[,;\t]/).map((c) => c.replace(/[^a-z0-9]/g, ''));
    const has = (...names: string[]) => cells.some((c) => names.includes(c));
    const positions =
      has('frame', 'framenumber', 'frameno') &&
      has('x', 'xpx', 'xposition', 'xpositionpx') &&
      has('y', 'ypx', 'yposition', 'ypositionpx') &&
      has('particleid', 'trackid', 'track', 'particle', 'trajectory', 'id');
    const perTrack =
      cells.some((c) => c.startsWith('diffusioncoefficient') || c.startsWith('de4')) &&
      cells.some((c) => c.startsWith('tracklength') || c.startsWith('truetracklength') || c === 'steps');
    if (positions || perTrack) return true;
  }
  return false;
}

export interface TrackMeasurementRecord {
  source: TrackFile['kind'];
  columns: string[];
  /** Conditions written in the file's preamble (null when absent). */
  fileConditions: TrackFile['metadata'];
  /** Conditions used: the upload's, else the file's; viscosity water at the temperature when not given. */
  conditions: { umPerPx: number | null; fps: number; temperatureC: number; viscosityCp: number };
  viscositySource: 'given' | 'water (NTA 3.x correlation)';
  /** Rows (localisations or tracks) read. */
  rows: number;
  /** ParticleData rows the instrument marked "not included in distribution", left out. */
  excludedByInstrument: number;
}

export const trackTableReader: MeasurementReader = {
  kind: 'nta-tracks',
  instrument: 'NTA particle tracks',
  readerName: TRACKS_READER_NAME,
  readerVersion: TRACKS_READER_VERSION,
  fileNamePattern: /(alltracks|particledata|tracks)[^/\\]*\.(csv|tsv|txt)$/i,
  sniff: sniffTrackTable,
  missingParameters: (bytes, fileName, options) =>
    missingAcquisitionParameters(bytes, fileName, options?.acquisition),
  read(bytes, fileName, options?: ReaderOptions) {
    const r = resolve(bytes, fileName, options?.acquisition);
    if (r.missing.length > 0) throw new MissingAcquisitionParametersError(fileName, r.missing);
    const fps = r.fps as number;
    const temperatureC = r.temperatureC as number;
    const viscosityCp = r.viscosityCp ?? waterViscosityCP(temperatureC);
    const summaries =
      r.file.kind === 'positions'
        ? summariseTracks(r.file.table, r.umPerPx as number, fps)
        : perTrackSummaries(r.file.tracks, fps);
    const report = sizeTracks(summaries, {
      temperatureC,
      viscosityCp,
      fps,
      ...(r.umPerPx !== null ? { umPerPx: r.umPerPx } : {}),
    });
    const parsed: TrackMeasurementRecord = {
      source: r.file.kind,
      columns: r.file.columns,
      fileConditions: r.file.metadata,
      conditions: { umPerPx: r.umPerPx, fps, temperatureC, viscosityCp },
      viscositySource: r.viscosityCp !== null ? 'given' : 'water (NTA 3.x correlation)',
      rows: r.file.kind === 'positions' ? r.file.table.frame.length : r.file.tracks.length,
      excludedByInstrument: r.file.excluded ?? 0,
    };
    return { parsed, metrics: report };
  },
};
