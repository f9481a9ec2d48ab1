/**
 * Tables below are evlab's own, in the layout ImageJ 1.54 writes from Analyze ▸ Analyze Particles with
 * "Display results" (File ▸ Save As ▸ Results.csv): a leading index column with a blank header, then the
 * measurement columns in ImageJ's order and names.
 */
import { describe, expect, it } from 'vitest';
import { analyseTemParticles } from '../../science/tem/analyse-tem-particles.ts';
import { FormatError } from '../format-error.ts';
import { readImageJResults } from './read-imagej-results.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const FULL =
  ' ,Area,Mean,Perim.,Major,Minor,Angle,Circ.,Feret,FeretX,FeretY,FeretAngle,MinFeret,AR,Round,Solidity\n' +
  '1,1963.495,120.5,157.08,50,50,0,1,50,10,10,0,50,1,1,0.99\n' + // disk, d = 50 px
  '2,2500,118.0,220,80,39.8,30,0.649,82,5,5,30,38,2.01,0.497,0.95\n' + // elongated
  '3,4000,121.0,400,100,50.9,10,0.314,110,1,1,10,60,1.96,0.509,0.70\n'; // two touching vesicles

describe('readImageJResults', () => {
  it('reads the full Analyze Particles table and drops the index column', () => {
    const r = readImageJResults(enc(FULL), 'Results.csv');
    expect(r.hadIndexColumn).toBe(true);
    expect(r.particles).toHaveLength(3);
    expect(r.columns).toEqual([
      'Area',
      'Perim.',
      'Major',
      'Minor',
      'Circ.',
      'Feret',
      'MinFeret',
      'AR',
      'Round',
      'Solidity',
    ]);
    expect(r.ignoredColumns).toContain('Mean');
    expect(r.particles[0]).toMatchObject({ index: 1, area: 1963.495, feret: 50, solidity: 0.99 });
  });

  it('accepts a column subset (Area only), tab-separated, without index column', () => {
    const r = readImageJResults(enc('Area\tMean\n100\t1\n200\t2\n'), 'r.xls');
    expect(r.hadIndexColumn).toBe(false);
    expect(r.particles.map((p) => p.area)).toEqual([100, 200]);
    expect(r.particles[0]?.feret).toBeNull();
  });

  it('malformed input: FormatError with line and column', () => {
    try {
      readImageJResults(enc(' ,Area,Feret\n1,10,4\n2,NaN,3\n'), 'bad.csv');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).line).toBe(3);
      expect((e as FormatError).message).toContain('column 2 (Area)');
    }
    expect(() => readImageJResults(enc('Mean,X,Y\n1,2,3\n'), 'm.csv')).toThrow(/no Area or Feret/);
    expect(() => readImageJResults(enc(' ,Area\n'), 'h.csv')).toThrow(/no particles/);
    expect(() => readImageJResults(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'i.png')).toThrow(
      FormatError,
    );
  });
});

describe('analyseTemParticles', () => {
  it('ECD = 2√(area/π), mean Feret = (Feret + MinFeret)/2, px converted with nm/px', () => {
    const r = analyseTemParticles(readImageJResults(enc(FULL), 'Results.csv').particles, {
      file: 'R',
      tableUnit: 'px',
      nmPerPx: 2,
    });
    const [disk, elongated, cluster] = r.perParticle;
    // area 1963.495 px² = π·25² px² → ECD 50 px = 100 nm
    expect(disk?.ecdNm).toBeCloseTo(100, 3);
    expect(disk?.meanFeretNm).toBeCloseTo(100, 10);
    expect(disk?.flags).toEqual([]);
    expect(elongated?.meanFeretNm).toBeCloseTo(120, 10); // (82 + 38)/2 px × 2
    expect(elongated?.flags).toEqual(['non-round']);
    expect(cluster?.flags).toContain('aggregate');
    expect(r.kept).toBe(2);
    expect(r.flagged).toEqual({ aggregate: 1, nonRound: 2, outOfRange: 0 });
    expect(r.ecd.n).toBe(2);
    expect(r.flags.map((f) => f.code)).toContain('few-particles');
  });
  it('calibrated tables: µm lengths and µm² areas', () => {
    const r = analyseTemParticles(
      [
        {
          index: 1,
          area: Math.PI * 0.04 * 0.04,
          perimeter: null,
          major: null,
          minor: null,
          feret: null,
          minFeret: null,
          circularity: null,
          aspectRatio: null,
          roundness: null,
          solidity: null,
        },
      ],
      {
        file: 'R',
        tableUnit: 'um',
        nmPerPx: null,
      },
    );
    expect(r.perParticle[0]?.ecdNm).toBeCloseTo(80, 10);
    expect(() => analyseTemParticles([], { file: 'R', tableUnit: 'px', nmPerPx: null })).toThrow(/scale/);
  });
  it('out-of-range sizes are flagged and not kept', () => {
    const p = (area: number) => ({
      index: 1,
      area,
      perimeter: null,
      major: null,
      minor: null,
      feret: null,
      minFeret: null,
      circularity: null,
      aspectRatio: null,
      roundness: null,
      solidity: null,
    });
    const r = analyseTemParticles([p(Math.PI * 5 * 5), p(Math.PI * 50 * 50)], {
      file: 'R',
      tableUnit: 'nm',
      nmPerPx: null,
    });
    expect(r.perParticle[0]?.flags).toEqual(['out-of-range']); // ECD 10 nm
    expect(r.kept).toBe(1);
  });
});
