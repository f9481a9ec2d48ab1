import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { readSpcTable } from './read-spc-table.ts';

// Hand-made tables (synthetic test input).
describe('readSpcTable', () => {
  it('reads values, subgroups, a size column and labels in file order', () => {
    const data = readSpcTable('lot,diam,n,run\nA,1.5,10,r1\nA,2.5,10,r2\nB,3,12,r3\n', {
      value: 'diam',
      subgroup: 'lot',
      size: 'n',
      label: 'run',
    });
    expect(data).toEqual({
      values: [1.5, 2.5, 3],
      subgroups: ['A', 'A', 'B'],
      sizes: [10, 10, 12],
      labels: ['r1', 'r2', 'r3'],
    });
  });

  it('takes a number as a constant size', () => {
    expect(readSpcTable('d\n3\n4\n', { value: 'd', size: '50' }).sizes).toEqual([50, 50]);
  });

  it('names the line of a bad value and the columns when one is missing', () => {
    expect(() => readSpcTable('v\n1\nabc\n', { value: 'v' }, 'x.csv')).toThrow(
      /x\.csv, line 3: the value "abc"/,
    );
    expect(() => readSpcTable('v\n1\n\n2\n,\n', { value: 'v' })).toThrow(/line 5: the value cell is empty/);
    expect(() => readSpcTable('a,b\n1,2\n', { value: 'c' })).toThrow(/the columns are: a, b/);
    expect(() => readSpcTable(`v\n${'9'.repeat(100000)}\n`, { value: 'v' })).toThrow(FormatError);
    expect(() => readSpcTable('v\n', { value: 'v' })).toThrow(/no rows/);
  });
});
