import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import {
  parseBiodistributionUnit,
  parseTimeHours,
  readBiodistributionCsv,
} from './read-biodistribution-csv.ts';

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('readBiodistributionCsv', () => {
  it('reads the long layout with unit, subject, counting time and organ mass', () => {
    const csv = [
      '# 99mTc-EVs, IV, 25 g mice',
      'organ,time_h,value,unit,animal,count_time_h,organ_mass_g',
      'Liver,1,20.5,%ID/g,m1,2.5,1.31',
      'Spleen,1,30,%ID/g,m1,,',
      '',
      'Liver,24,"15",%ID/g,m2,,',
    ].join('\r\n');
    const table = readBiodistributionCsv(new TextEncoder().encode(csv), 'bd.csv');
    expect(table.layout).toBe('long');
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toEqual({
      organ: 'Liver',
      timeH: 1,
      value: 20.5,
      unit: '%ID/g',
      subject: 'm1',
      countTimeH: 2.5,
      organMassG: 1.31,
    });
    expect(table.rows[2]?.value).toBe(15);
    expect(table.lines).toEqual([3, 4, 6]);
  });

  it('takes the unit from the value header and converts minutes', () => {
    const table = readBiodistributionCsv('tissue\ttime (min)\t%ID/g\nblood\t30\t12\n', 'paste.tsv');
    expect(table.rows[0]).toMatchObject({ organ: 'blood', timeH: 0.5, value: 12, unit: '%ID/g' });
  });

  it('reads the wide layout (organ × time) with the unit in the first header cell', () => {
    const table = readBiodistributionCsv(
      'Organ (%ID),1 h,4 h,24h,2 d\nLiver,30,35,28,20\nBrain,0.1,,0.05,nd\n',
      'wide.csv',
    );
    expect(table.layout).toBe('wide');
    expect(table.rows.map((r) => [r.organ, r.timeH, r.value])).toEqual([
      ['Liver', 1, 30],
      ['Liver', 4, 35],
      ['Liver', 24, 28],
      ['Liver', 48, 20],
      ['Brain', 1, 0.1],
      ['Brain', 24, 0.05],
    ]);
    expect(table.rows.every((r) => r.unit === '%ID')).toBe(true);
  });

  it('uses the default unit when the table names none, and says so when there is none', () => {
    const t = readBiodistributionCsv('organ;1 h;24 h\nliver;3e8;1e8\n', 'r.csv', { defaultUnit: 'radiance' });
    expect(t.rows[1]).toMatchObject({ timeH: 24, value: 1e8, unit: 'radiance' });
    const e = formatError(() => readBiodistributionCsv('organ;1 h\nliver;3\n', 'r.csv'));
    expect(e.code).toBe('missing-section');
    expect(e.line).toBe(1);
  });

  it('names the file, line and column of a value that is not a number', () => {
    const e = formatError(() =>
      readBiodistributionCsv('organ,time,value,unit\nliver,1,12,%ID/g\nspleen,4,1O,%ID/g\n', 'bad.csv'),
    );
    expect(e.code).toBe('malformed-number');
    expect(e.line).toBe(3);
    expect(e.byteOffset).toBe('organ,time,value,unit\nliver,1,12,%ID/g\n'.length);
    expect(e.message).toBe('bad.csv, line 3, byte 39: value "1O" is not a number (column 3)');
  });

  it('refuses an unknown unit, an empty file and a header it cannot place', () => {
    expect(
      formatError(() => readBiodistributionCsv('organ,time,value,unit\nliver,1,2,mg\n', 'u.csv')).message,
    ).toContain('unit "mg"');
    expect(formatError(() => readBiodistributionCsv('\n# only a comment\n', 'e.csv')).code).toBe(
      'empty-file',
    );
    expect(formatError(() => readBiodistributionCsv('organ,colour\nliver,red\n', 'x.csv')).code).toBe(
      'not-this-format',
    );
    expect(
      formatError(() => readBiodistributionCsv('organ,1 h,colour\nliver,2,red\n', 'x.csv')).message,
    ).toContain('header "colour" is not a time');
    expect(formatError(() => readBiodistributionCsv(new Uint8Array([0x6f, 0, 0x72]), 'b.bin')).code).toBe(
      'binary-content',
    );
  });

  it('parses units and times written in the usual ways', () => {
    expect(parseBiodistributionUnit('% ID/g')).toBe('%ID/g');
    expect(parseBiodistributionUnit('%ID')).toBe('%ID');
    expect(parseBiodistributionUnit('p/s/cm²/sr')).toBe('radiance');
    expect(parseBiodistributionUnit('Radiant Efficiency')).toBe('radiant-efficiency');
    expect(parseBiodistributionUnit('cpm')).toBe('counts');
    expect(parseBiodistributionUnit('mg')).toBeNull();
    expect(parseTimeHours('30 min')).toBe(0.5);
    expect(parseTimeHours('t=4h')).toBe(4);
    expect(parseTimeHours('7 d')).toBe(168);
    expect(parseTimeHours('liver')).toBeNull();
  });
});
