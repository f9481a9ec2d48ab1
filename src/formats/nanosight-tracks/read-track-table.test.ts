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
