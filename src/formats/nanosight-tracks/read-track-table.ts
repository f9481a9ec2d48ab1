/**
 * Reader for track-level NTA exports: NanoSight NTA 3.x `…-AllTracks.csv` (one row per particle per frame)
 * and `…-ParticleData.csv` (one row per particle/track with its diffusion coefficient and track length),
 * and generic track tables (track id, frame, x, y in pixels) from trackpy, TrackMate or ImageJ.
 *
 * Columns are found by name, case- and punctuation-insensitive (`Particle ID`, `Track ID`, `id`; `Frame`,
 * `Frame Number`; `x`, `x (px)`, `X position`; `D (E4 nm2/s)`, `Diffusion coefficient (µm²/s)`; `Track length`,
 * `Steps`), after an optional preamble of `key,value` lines (temperature, frame rate, pixel size are picked up
 * when written). Comma, semicolon or tab separated; ISO-8859-1 or UTF-8. Strict numbers: a cell that is not
 * a finite number is an error naming line and column. Linear time.
 */
import type { TrackSummary, TrackTable } from '../../science/nta-tracks/track-types.ts';
import { FormatError } from '../format-error.ts';
import { clipCell, splitQuotedLine, transcodeUtf16ToUtf8 } from '../text-decoding.ts';

export const TRACKS_READER_NAME = 'evlab-nta-tracks';
export const TRACKS_READER_VERSION = '1.0.0';
const MAX_BYTES = 256 * 1024 * 1024;
const MAX_LINE = 16 * 1024;

export type TrackFile =
  | {
      kind: 'positions';
      table: TrackTable;
      metadata: TrackFileMetadata;
      columns: string[];
      /** Tracks (distinct ids) the instrument marked as not included (NTA 3.x AllTracks), left out. */
      excluded?: number;
    }
  | {
      kind: 'per-track';
      tracks: PerTrackRow[];
      metadata: TrackFileMetadata;
      columns: string[];
      /** Rows the instrument marked as not included in its distribution (NTA 3.x "Included in distribution?"). */
      excluded?: number;
      /** Rows with no usable size: empty or non-positive D, or a track of one frame. */
      unsized?: number;
    };

export interface PerTrackRow {
  id: string;
  /** Frame-to-frame steps of the track. */
  steps: number;
  /** Diffusion coefficient, µm²/s. */
  dUm2PerS: number;
}

export interface TrackFileMetadata {
  temperatureC: number | null;
  fps: number | null;
  umPerPx: number | null;
}

function norm(cell: string): string {
  let out = '';
  for (const ch of cell.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === 'µ' || ch === '²') out += ch;
    else if (ch === '\u03bc') out += 'µ'; // Greek small mu (U+03BC) written for the micro sign (U+00B5)
  }
  return out;
}

const ID_NAMES = new Set([
  'particleid',
  'trackid',
  'track',
  'id',
  'particle',
  'trajectory',
  'trackno',
  'particleno',
  'trackindex',
]);
const FRAME_NAMES = new Set(['frame', 'framenumber', 'frameno', 'frameid', 'frameindex', 'slice']);

function isX(n: string): boolean {
  return (
    n === 'x' ||
    n === 'xpx' ||
    n === 'xpixels' ||
    n === 'xpos' ||
    n === 'xposition' ||
    n === 'xpositionpx' ||
    n === 'positionx' ||
    n === 'centroidx' ||
    n === 'xpixel'
  );
}
function isY(n: string): boolean {
  return (
    n === 'y' ||
    n === 'ypx' ||
    n === 'ypixels' ||
    n === 'ypos' ||
    n === 'yposition' ||
    n === 'ypositionpx' ||
    n === 'positiony' ||
    n === 'centroidy' ||
    n === 'ypixel'
  );
}

/** Diffusion column and its factor to µm²/s. */
function diffusionColumn(
  names: readonly string[],
  raw: readonly string[],
): { index: number; toUm2PerS: number } | null {
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as string;
    if (
      !(
        n.startsWith('d') &&
        (n === 'd' ||
          n.startsWith('diffusion') ||
          n.startsWith('de4') ||
          n.startsWith('dnm') ||
          n.startsWith('dµm') ||
          n.startsWith('dum'))
      )
    )
      continue;
    const label = (raw[i] ?? '').toLowerCase();
    if (label.includes('e4') || label.includes('1e4') || label.includes('x10^4') || label.includes('10^4'))
      return { index: i, toUm2PerS: 1e-2 };
    if (label.includes('µm') || label.includes('um2') || label.includes('um^2') || label.includes('μm'))
      return { index: i, toUm2PerS: 1 };
    if (label.includes('nm')) return { index: i, toUm2PerS: 1e-6 };
    // 1 cm² = 1e8 µm²; 1 m² = 1e12 µm² (SI)
    if (label.includes('cm')) return { index: i, toUm2PerS: 1e8 };
    if (label.includes('m^2') || label.includes('m2') || label.includes('m²'))
      return { index: i, toUm2PerS: 1e12 };
    return { index: i, toUm2PerS: 1 };
  }
  return null;
}

function lengthColumn(names: readonly string[]): { index: number; isSteps: boolean } | null {
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as string;
    if (n === 'steps' || n === 'nsteps' || n === 'numberofsteps') return { index: i, isSteps: true };
    if (
      n.startsWith('tracklength') ||
      n.startsWith('truetracklength') ||
      n === 'length' ||
      n === 'frames' ||
      n === 'nframes' ||
      n === 'numberofframes'
    )
      return { index: i, isSteps: false };
  }
  return null;
}

function decode(input: Uint8Array, file: string): string {
  if (input.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  const bytes = transcodeUtf16ToUtf8(input, file);
  if (bytes.length === 0)
    throw new FormatError('empty-file', 'the file is empty (0 bytes)', { file, line: 1, byteOffset: 0 });
  if (bytes.length > MAX_BYTES)
    throw new FormatError('too-large', `the file is ${bytes.length} bytes (limit ${MAX_BYTES})`, {
      file,
      byteOffset: 0,
    });
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new FormatError('binary-content', `binary data: NUL byte at offset ${nul}`, {
      file,
      byteOffset: nul,
    });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

function splitter(line: string): string {
  let tabs = 0;
  let commas = 0;
  let semis = 0;
  for (const ch of line) {
    if (ch === '\t') tabs++;
    else if (ch === ',') commas++;
    else if (ch === ';') semis++;
  }
  if (tabs >= commas && tabs >= semis && tabs > 0) return '\t';
  if (semis > commas) return ';';
  return ',';
}

/**
 * A whole cell as a finite number, or null. A decimal comma ("4,31E+06", Excel re-saves in German,
 * French… locales) is read as a decimal point when the cell holds one comma and no point: NTA never
 * writes thousands separators.
 */
function strictNumber(cell: string): number | null {
  let t = cell.trim();
  if (t.length === 0 || t.length > 40) return null;
  let commas = 0;
  let points = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x2c) commas++;
    else if (c === 0x2e) points++;
    else if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x45 || c === 0x65)) return null;
  }
  if (commas > 1 || (commas === 1 && points > 0)) return null;
  if (commas === 1) t = t.replace(',', '.');
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/**
 * "Included in distribution?" as NTA writes it (True/False) and as spreadsheets re-save it (TRUE/FALSE,
 * WAHR/FALSCH, VRAI/FAUX, 1/0, Yes/No): false only for an explicit "no"; anything else counts as included.
 */
const EXCLUDED_FLAGS = new Set(['false', 'no', '0', 'n', 'f', 'falsch', 'faux', 'falso', 'nein', 'excluded']);

/** First cells of summary rows some spreadsheets append below a table ("Mean", "Total", …). */
const TRAILER_WORDS = new Set(['mean', 'average', 'total', 'sum', 'sd', 'stdev', 'median', 'count', 'n']);

export function readTrackTable(bytes: Uint8Array, file: string): TrackFile {
  const text = decode(bytes, file);
  const metadata: TrackFileMetadata = { temperatureC: null, fps: null, umPerPx: null };
  let lineNo = 0;
  let offset = 0;
  let header: { names: string[]; raw: string[]; sep: string } | null = null;
  let mode: 'positions' | 'per-track' | null = null;
  let cols = {
    id: -1,
    frame: -1,
    x: -1,
    y: -1,
    d: -1,
    dFactor: 1,
    len: -1,
    lenIsSteps: false,
    included: -1,
  };
  let excluded = 0;
  let unsized = 0;
  const excludedIds = new Set<string>();
  const trackId: string[] = [];
  const frame: number[] = [];
  const xPx: number[] = [];
  const yPx: number[] = [];
  const perTrack: PerTrackRow[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    lineNo++;
    offset = pos;
    let line = text.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = end + 1;
    if (line.length > MAX_LINE)
      throw new FormatError('malformed-row', `line longer than ${MAX_LINE} characters`, {
        file,
        line: lineNo,
        byteOffset: offset,
      });
    if (line.trim().length === 0) {
      if (end === text.length) break;
      continue;
    }
    if (header === null) {
      const sep = splitter(line);
      const raw = splitQuotedLine(line, sep);
      const names = raw.map(norm);
      const id = names.findIndex((n) => ID_NAMES.has(n));
      const fr = names.findIndex((n) => FRAME_NAMES.has(n));
      const x = names.findIndex(isX);
      const y = names.findIndex(isY);
      const d = diffusionColumn(names, raw);
      const len = lengthColumn(names);
      if (fr >= 0 && x >= 0 && y >= 0 && (id >= 0 || raw.length >= 4)) {
        header = { names, raw, sep };
        mode = 'positions';
        cols = {
          ...cols,
          id: Math.max(id, 0),
          frame: fr,
          x,
          y,
          // NTA 3.x AllTracks repeats the particle's "Included in distribution?" on every frame row
          included: names.findIndex((n) => n.startsWith('includedin')),
        };
      } else if (d && len) {
        header = { names, raw, sep };
        mode = 'per-track';
        cols = {
          ...cols,
          id,
          d: d.index,
          dFactor: d.toUm2PerS,
          len: len.index,
          lenIsSteps: len.isSteps,
          // NTA 3.x ParticleData: "Included in distribution?" True/False per track
          included: names.findIndex((n) => n.startsWith('includedin')),
        };
      } else if (raw.length >= 2) {
        // preamble "key,value": pick up conditions
        const key = names[0] as string;
        const value = strictNumber(raw[1] ?? '');
        if (value !== null) {
          if (key.startsWith('temperature')) metadata.temperatureC = value;
          else if (key.startsWith('framerate') || key === 'fps' || key.startsWith('framespersecond'))
            metadata.fps = value;
          else if (
            key.includes('µmperpx') ||
            key.includes('umperpx') ||
            key.includes('micronsperpixel') ||
            key.startsWith('pixelsize') ||
            key.startsWith('umpx') ||
            key.startsWith('µmpx')
          )
            metadata.umPerPx = value;
        }
      }
      if (lineNo > 200 && header === null) break;
      continue;
    }
    const cells = splitQuotedLine(line, header.sep);
    if (cells.every((c) => c === '')) {
      // an Excel re-save pads blank rows with separators (",,,,")
      if (end === text.length) break;
      continue;
    }
    const first = norm(cells[0] ?? '');
    if (TRAILER_WORDS.has(first) && (frame.length > 0 || perTrack.length > 0 || excluded > 0)) break;
    const cell = (i: number, name: string): number => {
      const raw = cells[i];
      const v = raw === undefined ? null : strictNumber(raw);
      if (v === null)
        throw new FormatError(
          'malformed-number',
          `${raw === undefined || raw === '' ? 'missing' : `"${clipCell(raw)}" is not a finite number`} in column ${i + 1} (${header?.raw[i] ?? name})`,
          {
            file,
            line: lineNo,
            byteOffset: offset,
          },
        );
      return v;
    };
    const isExcluded = cols.included >= 0 && EXCLUDED_FLAGS.has((cells[cols.included] ?? '').toLowerCase());
    if (mode === 'positions') {
      const id = cells[cols.id] ?? '';
      if (isExcluded) {
        if (!excludedIds.has(id)) {
          excludedIds.add(id);
          excluded++;
        }
        if (end === text.length) break;
        continue;
      }
      trackId.push(id);
      frame.push(cell(cols.frame, 'frame'));
      xPx.push(cell(cols.x, 'x'));
      yPx.push(cell(cols.y, 'y'));
    } else {
      if (isExcluded) {
        excluded++;
        if (end === text.length) break;
        continue;
      }
      // an empty diffusion coefficient: NTA sized nothing for this particle
      const dCell = cells[cols.d] ?? '';
      if (dCell === '' || dCell.toLowerCase() === 'nan') {
        unsized++;
        if (end === text.length) break;
        continue;
      }
      const d = cell(cols.d, 'diffusion coefficient') * cols.dFactor;
      const length = cell(cols.len, 'track length');
      const steps = cols.lenIsSteps ? length : length - 1;
      if (!(steps >= 1) || !(d > 0)) {
        // an untracked particle (length 1) or D ≤ 0 carries no size
        unsized++;
        if (end === text.length) break;
        continue;
      }
      perTrack.push({
        id: cols.id >= 0 ? (cells[cols.id] ?? '') : String(perTrack.length + 1),
        steps: Math.round(steps),
        dUm2PerS: d,
      });
    }
    if (end === text.length) break;
  }
  if (header === null || mode === null)
    throw new FormatError(
      'missing-section',
      'no track table header: expected columns (track id, frame, x, y) or (particle id, diffusion coefficient, track length)',
      { file, line: 1, byteOffset: 0 },
    );
  if (mode === 'positions') {
    if (frame.length === 0)
      throw new FormatError('truncated', 'the track table has a header but no rows', {
        file,
        line: lineNo,
        byteOffset: offset,
      });
    return {
      kind: 'positions',
      table: { trackId, frame, xPx, yPx },
      metadata,
      columns: header.raw,
      ...(excluded > 0 ? { excluded } : {}),
    };
  }
  if (perTrack.length === 0)
    throw new FormatError('truncated', 'no tracked particle with a track length ≥ 2 frames', {
      file,
      line: lineNo,
      byteOffset: offset,
    });
  return { kind: 'per-track', tracks: perTrack, metadata, columns: header.raw, excluded, unsized };
}

/** Per-track rows → summaries for the sizing model (Σr² = 4 D̂ Σ Δt, Δt = 1/fps). */
export function perTrackSummaries(rows: readonly PerTrackRow[], fps: number): TrackSummary[] {
  return rows.map((r) => {
    const timeS = r.steps / fps;
    return { id: r.id, steps: r.steps, timeS, sumSquaredUm2: 4 * r.dUm2PerS * timeS };
  });
}
