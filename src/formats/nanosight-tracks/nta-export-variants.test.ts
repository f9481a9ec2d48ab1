/**
 * NanoSight NTA 3.x per-particle exports as the instrument writes them, and as spreadsheets re-save them.
 *
 * Header lines: no real export is in ../shared, so the headers below are written from what public parsers of
 * real exports require, character for character (found with the `search`/`find_string` tools on public
 * GitHub code; the index did not name the repositories):
 *  - a Python module "NanoSight 3.4 CSV packs: transactional validation and auditable analysis"
 *    (constants PARTICLE_COLUMNS and TRACK_COLUMNS; it checks `header[:n] == columns` on the first line, so
 *    the files have no preamble; files named `<video>_ParticleData.csv` / `<video>_AllTracks.csv`; text read
 *    as UTF-8-sig then cp1252; ParticleData "Tracklength" equals the AllTracks row count of the particle);
 *  - a Python script "light_intensity_analysis.py" (REQUIRED_COLUMNS of AllTracks; encodings utf-8-sig then
 *    latin1; notes that "Included in distribution?" appears as True/False, TRUE, 1/0 or Yes/No);
 *  - a MATLAB script reading `*_ParticleData.csv` with readtable (variable names
 *    DiffusionCoefficient_nm_2S__1, Ln_AdjustedIntensity__AU, Tracklength, Size_nm, IncludedInDistribution_
 *    — readtable's mangling of the same header, values compared with 'True'/'False').
 * NTA 3.0–3.4 share this layout in those sources; the values below are evlab's.
 */
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { readTrackTable } from './read-track-table.ts';

/** NTA 3.4 ParticleData.csv header (PARTICLE_COLUMNS of the Python module above). */
const PARTICLE_DATA_HEADER =
  'Particle ID,Size/nm,Diffusion coefficient/nm^2 s^-1,Ln(Adjusted intensity)/AU,Start frame,Tracklength,Included in distribution?';
/** NTA 3.4 AllTracks.csv header (TRACK_COLUMNS / REQUIRED_COLUMNS above). */
const ALL_TRACKS_HEADER =
  'Particle ID,Size/nm,Diffusion coefficient/nm^2 s^-1,Frame,X/pixels,Y/pixels,Ln(Adjusted intensity)/AU,Included in distribution?';

const PARTICLE_ROWS = [
  '1,101.2,4312000,14.2,0,12,True',
  '2,98.4,4436000,13.9,3,25,True',
  '3,240.7,1813000,16.1,7,3,False',
  '4,151.0,2891000,15.0,9,40,True',
];

const enc = (s: string) => new TextEncoder().encode(s);
const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

function perTrack(bytes: Uint8Array, file = 'S1 2026-03-04 17-08-34_ParticleData.csv') {
  const r = readTrackTable(bytes, file);
  if (r.kind !== 'per-track') throw new Error(`expected per-track, got ${r.kind}`);
  return r;
}

/** What every correct reading of PARTICLE_ROWS gives: particle 3 excluded, D in µm²/s, steps = frames − 1. */
function expectParticleRows(r: ReturnType<typeof perTrack>) {
  expect(r.tracks.map((t) => t.id)).toEqual(['1', '2', '4']);
  expect(r.excluded).toBe(1);
  expect(r.tracks.map((t) => t.steps)).toEqual([11, 24, 39]);
  expect(r.tracks[0]?.dUm2PerS).toBeCloseTo(4.312, 12);
  expect(r.tracks[2]?.dUm2PerS).toBeCloseTo(2.891, 12);
}

describe('NanoSight NTA 3.x ParticleData.csv', () => {
  it('reads the instrument layout (no preamble, CRLF, True/False, nm²/s)', () => {
    expectParticleRows(perTrack(enc(crlf([PARTICLE_DATA_HEADER, ...PARTICLE_ROWS]))));
  });

  it('reads it with a UTF-8 BOM, as Latin-1 / cp1252, and with LF line ends', () => {
    const text = crlf([PARTICLE_DATA_HEADER, ...PARTICLE_ROWS]);
    expectParticleRows(perTrack(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)])));
    expectParticleRows(perTrack(latin1(text)));
    expectParticleRows(perTrack(enc(text.replaceAll('\r\n', '\n'))));
  });

  it('reads Excel "Unicode text" re-saves (UTF-16 LE, with or without BOM, tab-separated)', () => {
    const tsv = crlf([PARTICLE_DATA_HEADER, ...PARTICLE_ROWS].map((l) => l.replaceAll(',', '\t')));
    expectParticleRows(perTrack(utf16le(tsv, true)));
    expectParticleRows(perTrack(utf16le(tsv, false)));
  });

  it('reads German Excel re-saves: semicolons, decimal commas, WAHR/FALSCH, quoted cells', () => {
    const de = [PARTICLE_DATA_HEADER, ...PARTICLE_ROWS].map((line, i) =>
      line
        .split(',')
        .map((cell) =>
          i === 0 ? cell : cell.replace('.', ',').replace('True', 'WAHR').replace('False', 'FALSCH'),
        )
        .join(';'),
    );
    // Excel writes 4312000 as 4,312E+06 in a narrow column, and may quote cells
    de[1] = '1;"101,2";4,312E+06;"14,2";0;12;WAHR';
    expectParticleRows(perTrack(latin1(crlf(de))));
  });

  it('finds the columns by name in any order, with 1/0 flags and spreadsheet trailer rows', () => {
    const order = [6, 5, 0, 2, 1]; // Included, Tracklength, Particle ID, D, Size
    const pick = (line: string) => {
      const cells = line.split(',');
      return order.map((k) => cells[k]).join(',');
    };
    const rows = PARTICLE_ROWS.map(pick).map((l) => l.replace('True', '1').replace('False', '0'));
    const text = crlf([pick(PARTICLE_DATA_HEADER), ...rows, ',,,,', 'Mean,,,,', 'Total,4,,,']);
    expectParticleRows(perTrack(enc(text)));
  });

  it('counts particles NTA sized nothing for (empty D, one frame) and leaves them out', () => {
    const text = crlf([PARTICLE_DATA_HEADER, ...PARTICLE_ROWS, '5,,,12.0,11,1,True', '6,0,0,11.0,2,1,True']);
    const r = perTrack(enc(text));
    expectParticleRows(r);
    expect(r.unsized).toBe(2);
  });

  it('names file, line and column when a cell is not a number', () => {
    const bad = crlf([PARTICLE_DATA_HEADER, ...PARTICLE_ROWS.slice(0, 2), '3,99.0,#DIV/0!,13.0,1,9,True']);
    try {
      readTrackTable(enc(bad), 'S1_ParticleData.csv');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      const f = e as FormatError;
      expect([f.code, f.file, f.line]).toEqual(['malformed-number', 'S1_ParticleData.csv', 4]);
      expect(f.message).toContain('column 3 (Diffusion coefficient/nm^2 s^-1)');
    }
  });
});

describe('NanoSight NTA 3.x AllTracks.csv', () => {
  /** Two included particles (ids 1, 2) over 3 frames each and an excluded one (id 3) over 2 frames. */
  const rows = [
    '1,101.2,4312000,0,100.5,200.25,14.1,True',
    '1,101.2,4312000,1,101.0,199.75,14.3,True',
    '1,101.2,4312000,2,101.75,200.5,14.2,True',
    '2,98.4,4436000,3,300.0,50.0,13.9,True',
    '2,98.4,4436000,4,299.25,51.0,13.8,True',
    '2,98.4,4436000,5,299.5,51.5,14.0,True',
    '3,240.7,1813000,7,10.0,10.0,16.0,False',
    '3,240.7,1813000,8,10.5,10.0,16.2,False',
  ];

  it('reads positions in pixels and leaves out particles NTA excluded from its distribution', () => {
    const r = readTrackTable(enc(crlf([ALL_TRACKS_HEADER, ...rows])), 'S1_AllTracks.csv');
    expect(r.kind).toBe('positions');
    if (r.kind !== 'positions') return;
    expect(r.table.trackId).toEqual(['1', '1', '1', '2', '2', '2']);
    expect(r.table.frame).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.table.xPx[2]).toBe(101.75);
    expect(r.table.yPx[4]).toBe(51);
    expect(r.excluded).toBe(1);
  });

  it('reads the same table re-saved with semicolons and decimal commas, or as UTF-16', () => {
    const de = crlf(
      [ALL_TRACKS_HEADER, ...rows].map((l, i) =>
        i === 0 ? l.replaceAll(',', ';') : l.replaceAll(',', ';').replaceAll('.', ','),
      ),
    );
    for (const bytes of [latin1(de), utf16le(de, true)]) {
      const r = readTrackTable(bytes, 'S1_AllTracks.csv');
      if (r.kind !== 'positions') throw new Error('expected positions');
      expect(r.table.xPx).toEqual([100.5, 101, 101.75, 300, 299.25, 299.5]);
      expect(r.excluded).toBe(1);
    }
  });

  it('refuses an odd-length UTF-16 file with a typed error', () => {
    const odd = utf16le(crlf([ALL_TRACKS_HEADER, ...rows]), true).subarray(0, 101);
    expect(() => readTrackTable(odd, 'cut_AllTracks.csv')).toThrow(FormatError);
  });
});
