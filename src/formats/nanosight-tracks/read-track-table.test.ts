/**
 * Track-table reader tests on evlab's own synthetic tables (simulate-brownian-tracks.ts) written in the
 * layouts of NanoSight's AllTracks.csv (one row per particle per frame) and ParticleData.csv (one row per
 * particle with D in 1e4 nm²/s and the track length in frames), and a generic trackpy-style table.
 */
import { describe, expect, it } from 'vitest';
import { simulateBrownianTracks } from '../../science/nta-tracks/simulate-brownian-tracks.ts';
import { summariseTracks, trackDiffusionUm2PerS } from '../../science/nta-tracks/track-diffusion.ts';
import { FormatError } from '../format-error.ts';
import { perTrackSummaries, readTrackTable } from './read-track-table.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const sim = simulateBrownianTracks({
  population: [{ diameterNm: 100, fraction: 1 }],
  tracks: 50,
  minSteps: 5,
  maxSteps: 20,
  fps: 30,
  umPerPx: 0.166,
  temperatureC: 25,
  seed: 2,
});

function allTracksCsv(): string {
  const lines = ['Temperature,25.0', 'Frame rate,30', '', 'Frame Number,Particle ID,x,y'];
  for (let i = 0; i < sim.frame.length; i++)
    lines.push(
      `${sim.frame[i]},${sim.trackId[i]},${(sim.xPx[i] as number).toFixed(4)},${(sim.yPx[i] as number).toFixed(4)}`,
    );
  return `${lines.join('\r\n')}\r\n`;
}

describe('readTrackTable', () => {
  it('reads an AllTracks-style table with its preamble conditions', () => {
    const r = readTrackTable(enc(allTracksCsv()), 'x-AllTracks.csv');
    expect(r.kind).toBe('positions');
    expect(r.metadata).toEqual({ temperatureC: 25, fps: 30, umPerPx: null });
    if (r.kind !== 'positions') return;
    expect(r.table.frame).toHaveLength(sim.frame.length);
    const a = summariseTracks(r.table, 0.166, 30, { correctDrift: false });
    const b = summariseTracks(sim, 0.166, 30, { correctDrift: false });
    expect(a).toHaveLength(50);
    // 4-decimal rounding of the positions changes D̂ by < 0.1 %
    for (const [i, t] of a.entries()) {
      const reference = b[i];
      if (reference === undefined) throw new Error('track missing');
      expect(Math.abs(trackDiffusionUm2PerS(t) / trackDiffusionUm2PerS(reference) - 1)).toBeLessThan(1e-3);
    }
  });

  it('reads a ParticleData-style per-particle table (D in 1e4 nm²/s, track length in frames)', () => {
    const csv =
      'Particle ID,Size/nm,D (E4 nm2/s),Track Length,Included\n1,100.2,490.7,11,1\n2,95.0,517.0,6,1\n3,0,0,1,0\n';
    const r = readTrackTable(enc(csv), 'x-ParticleData.csv');
    expect(r.kind).toBe('per-track');
    if (r.kind !== 'per-track') return;
    expect(r.tracks).toEqual([
      { id: '1', steps: 10, dUm2PerS: 4.907 },
      { id: '2', steps: 5, dUm2PerS: 5.17 },
    ]);
    const s = perTrackSummaries(r.tracks, 30);
    const first = s[0];
    if (first === undefined) throw new Error('no summary');
    expect(trackDiffusionUm2PerS(first)).toBeCloseTo(4.907, 10);
  });

  it('reads NTA 3.x ParticleData headers: D in nm²/s, "Tracklength" in frames, "Included in distribution?"', () => {
    // Column names of a real NTA 3.x ParticleData.csv as a public MATLAB analysis script reads them
    // (readtable names DiffusionCoefficient_nm_2S__1, Tracklength, Size_nm, Ln_AdjustedIntensity__AU,
    // IncludedInDistribution_); the header below is that layout, the values are evlab's.
    const text = [
      'Particle ID,Size/nm,Diffusion Coefficient (nm^2 s^-1),Tracklength,Ln(Adjusted Intensity) /AU,Included in distribution?',
      '1,101.2,4.31E+06,12,5.1,True',
      '2,98.0,4.45E+06,25,5.3,True',
      '3,240.0,1.82E+06,3,4.0,False',
      '4,0,0,1,3.2,True',
    ].join('\r\n');
    const read = readTrackTable(enc(text), 'S1-ParticleData.csv');
    expect(read.kind).toBe('per-track');
    if (read.kind !== 'per-track') return;
    // particle 3 excluded by the instrument; particle 4 (one frame, D 0) carries no size
    expect(read.tracks.map((t) => t.id)).toEqual(['1', '2']);
    expect(read.excluded).toBe(1);
    expect(read.tracks[0]).toMatchObject({ steps: 11 });
    expect(read.tracks[0]?.dUm2PerS).toBeCloseTo(4.31, 10); // 4.31e6 nm²/s = 4.31 µm²/s
  });

  it('reads tab-separated generic tables (trackpy: frame, particle, x, y)', () => {
    const r = readTrackTable(
      enc('frame\tparticle\tx\ty\n0\t1\t10\t10\n1\t1\t11\t10\n2\t1\t11\t12\n'),
      't.tsv',
    );
    expect(r.kind).toBe('positions');
  });

  it('rejects malformed input with file, line and reason', () => {
    const bad = allTracksCsv().replace(/\r\n(\d+),0,[^,]+,/, '\r\n$1,0,NaN,');
    try {
      readTrackTable(enc(bad), 'bad.csv');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).code).toBe('malformed-number');
      expect((e as FormatError).line).toBe(5);
      expect((e as FormatError).message).toContain('column 3 (x)');
    }
    expect(() => readTrackTable(enc('a,b\n1,2\n'), 'n.csv')).toThrow(FormatError);
    expect(() => readTrackTable(new Uint8Array(0), 'e.csv')).toThrow(/empty/);
    expect(() => readTrackTable(enc('frame,id,x,y\n'), 'h.csv')).toThrow(/no rows/);
  });
});
