import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import type { CentrifugationRun, Rotor } from './centrifugation-types.ts';
import {
  cutoffDiameterNm,
  minutesToPellet,
  minutesToPelletFraction,
  pelletedFraction,
  sedimentationPathMm,
} from './pelleting-efficiency.ts';
import { findRotor } from './rotor-library.ts';

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(readFileSync(referencePath('centrifugation', file), 'utf8'), {
    // The headers use thin spaces ("d* (30 min)"): normalise every whitespace to a plain space.
    columns: (header: string[]) => header.map((h) => h.replace(/\s+/gu, ' ').trim()),
    skip_empty_lines: true,
    trim: true,
  }) as Row[];
}

/** "–" in the reference marks a value that does not apply. */
function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text === '' || text === '–' || text === '-') return null;
  return Number(text.replace(/[^\d.+-]/g, ''));
}

function rotorFromTable1(row: Row): Rotor {
  return {
    name: row['Rotor name'] ?? '',
    manufacturer: 'reference',
    type: row['Rotor type'] === 'SW' ? 'swinging-bucket' : 'fixed-angle',
    rMinMm: Number(row['Rmin, mm']),
    rMaxMm: Number(row['Rmax, mm']),
    rAvMm: Number(row['Rav, mm']),
    tubeDiameterMm: numberOrNull(row['D, mm']),
    angleDeg: numberOrNull(row['Angle, °']),
    maxRpm: 200_000,
    kFactorAtMaxRpm: null,
    tubeVolumeMl: null,
    tubes: null,
    source: 'Livshits 2015 Table 1',
  };
}

/** Table 2 conditions (reference README): 30 min, 10,000 ×g at Rav, 1.15 / 1.00 g/mL, 1.55 cP. */
function table2Run(rotor: Rotor): CentrifugationRun {
  return {
    rotor,
    rcfAvgG: 10_000,
    minutes: 30,
    viscosityCp: 1.55,
    evDensityGPerMl: 1.15,
    mediumDensityGPerMl: 1,
  };
}

const DIAMETER_COLUMNS: [number, string][] = [
  [150, 'Pell (150 nm)'],
  [120, 'Pell (120 nm)'],
  [100, 'Pell (100 nm)'],
  [70, 'Pell (70 nm)'],
];

describeWithReference('centrifugation', 'Livshits et al. 2015 Table 2 (30 min, 10,000 ×g at Rav)', () => {
  const table1 = readCsv('livshits2015-table1-rotors.csv');
  const table2 = readCsv('livshits2015-table2-30min-10000g.csv');

  it('has the eight rotors of the paper', () => {
    expect(table1).toHaveLength(8);
    expect(table2).toHaveLength(8);
  });

  for (const source of ['Table 1 geometry', 'built-in rotor library'] as const) {
    describe(`with the ${source}`, () => {
      for (const row of table2) {
        const name = row['Rotor name'] ?? '';
        it(`${name}: d* within ±2 nm and % pelleted within ±1 percentage point`, () => {
          const geometry = table1.find((r) => r['Rotor name'] === name);
          expect(geometry, `Table 1 row for ${name}`).toBeDefined();
          const rotor = source === 'Table 1 geometry' ? rotorFromTable1(geometry as Row) : findRotor(name);
          expect(rotor, `library rotor for "${name}"`).not.toBeNull();
          const run = table2Run(rotor as Rotor);
          expect(
            Math.abs(cutoffDiameterNm(run) - (numberOrNull(row['d* (30 min)']) as number)),
          ).toBeLessThanOrEqual(2);
          for (const [diameterNm, column] of DIAMETER_COLUMNS) {
            const expected = numberOrNull(row[column]) as number;
            expect(
              Math.abs(100 * pelletedFraction(run, diameterNm) - expected),
              `${name} ${diameterNm} nm`,
            ).toBeLessThanOrEqual(1);
          }
        });
      }
    });
  }

  it('the library holds the Table 1 geometry of the eight rotors, and Lsed = D/cos(angle)', () => {
    for (const row of table1) {
      const name = row['Rotor name'] ?? '';
      const rotor = findRotor(name);
      expect(rotor, name).not.toBeNull();
      const expected = rotorFromTable1(row);
      expect(rotor?.type).toBe(expected.type);
      expect(rotor?.rMinMm).toBe(expected.rMinMm);
      expect(rotor?.rMaxMm).toBe(expected.rMaxMm);
      expect(rotor?.rAvMm).toBe(expected.rAvMm);
      expect(rotor?.tubeDiameterMm).toBe(expected.tubeDiameterMm);
      expect(rotor?.angleDeg).toBe(expected.angleDeg);
      const lsed = numberOrNull(row['Lsed, mm']) as number;
      // Table 1 rounds Lsed to 0.1 mm; for swinging buckets it is Rmax − Rmin.
      expect(Math.abs(sedimentationPathMm(rotor as Rotor) - lsed)).toBeLessThanOrEqual(0.11);
    }
  });
});

describe('pelleting model properties', () => {
  const sw = findRotor('SW 40 Ti') as Rotor;
  const fa = findRotor('Type 45 Ti') as Rotor;
  const base = (rotor: Rotor): CentrifugationRun => ({
    rotor,
    rcfAvgG: 100_000,
    minutes: 70,
    viscosityCp: 1.55,
    evDensityGPerMl: 1.15,
    mediumDensityGPerMl: 1,
  });

  it('fractions rise monotonically with diameter and reach 1 at the cut-off', () => {
    for (const rotor of [sw, fa]) {
      const run = base(rotor);
      const dStar = cutoffDiameterNm(run);
      let last = 0;
      for (let d = 10; d < dStar; d += 5) {
        const f = pelletedFraction(run, d);
        expect(f).toBeGreaterThanOrEqual(last);
        expect(f).toBeLessThan(1);
        last = f;
      }
      expect(pelletedFraction(run, dStar * 1.0001)).toBe(1);
      expect(pelletedFraction(run, dStar * 0.98)).toBeLessThan(1);
    }
  });

  it('swinging bucket: the fraction of a small particle tends to s·ω²·t·Rmax/(Rmax − Rmin)', () => {
    // Linear limit of Rmax(1 − e^(−x))/(Rmax − Rmin): halving the time halves a tiny fraction.
    const run = base(sw);
    const f = pelletedFraction(run, 2);
    const half = pelletedFraction({ ...run, minutes: run.minutes / 2 }, 2);
    expect(f / half).toBeCloseTo(2, 3);
  });

  it('fixed angle: at u = 1/2 the pelleted share of the tube section is 1 − (2/π)(π/3 − √3/4)', () => {
    const run = base(fa);
    const dStar = cutoffDiameterNm(run);
    const d = dStar / Math.SQRT2; // progress ∝ d², so u = 1/2
    expect(pelletedFraction(run, d)).toBeCloseTo(1 - (2 / Math.PI) * (Math.PI / 3 - Math.sqrt(3) / 4), 10);
  });

  it('nothing pellets when the vesicle is not denser than the medium or the time is zero', () => {
    const run = base(sw);
    expect(pelletedFraction({ ...run, evDensityGPerMl: 1 }, 200)).toBe(0);
    expect(pelletedFraction({ ...run, minutes: 0 }, 200)).toBe(0);
    expect(cutoffDiameterNm({ ...run, evDensityGPerMl: 0.99 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('d* scales as 1/√t and as √η', () => {
    const run = base(fa);
    expect(cutoffDiameterNm({ ...run, minutes: run.minutes * 4 })).toBeCloseTo(cutoffDiameterNm(run) / 2, 9);
    expect(cutoffDiameterNm({ ...run, viscosityCp: run.viscosityCp * 4 })).toBeCloseTo(
      cutoffDiameterNm(run) * 2,
      9,
    );
  });

  it('minutesToPellet is the time at which the diameter becomes the cut-off', () => {
    for (const rotor of [sw, fa]) {
      const { minutes: _ignored, ...rest } = base(rotor);
      const t = minutesToPellet(rest, 100);
      expect(cutoffDiameterNm({ ...rest, minutes: t })).toBeCloseTo(100, 9);
      const t50 = minutesToPelletFraction(rest, 100, 0.5);
      expect(t50).toBeLessThan(t);
      expect(pelletedFraction({ ...rest, minutes: t50 }, 100)).toBeCloseTo(0.5, 6);
    }
  });
});
