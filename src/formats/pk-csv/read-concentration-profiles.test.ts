/**
 * The one-pass reader (readConcentrationProfiles) against the two-step one it replaces in the CLI and API
 * (profilesFromTable(readDelimitedTable(…))): same profiles, same notes, and the same error — code, message,
 * line — on generated tables, well-formed and not. Line numbers are checked against the former line split
 * (`text.split(/\r\n|\n|\r/)`), so CR, LF and CRLF files keep the lines an analyst sees in an editor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import {
  type ConcentrationColumns,
  profilesFromTable,
  readConcentrationProfiles,
  readDelimitedHeader,
  readDelimitedTable,
} from './read-concentration-table.ts';

function outcome(fn: () => unknown): unknown {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof FormatError)
      return { code: error.code, message: error.message, line: error.line ?? null };
    throw error;
  }
}

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => String(x)) },
  { weight: 2, arbitrary: fc.constantFrom('0', '1', '2.5', '0,5', '1e3', ' 3 ', '"4"', '"a""b"') },
  { weight: 2, arbitrary: fc.constantFrom('BLQ', 'NA', '', '<0.5', 'nd', '.', 'x', 'A', 'B', '1e999') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const breakChars = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\n  \n');
const table = fc
  .tuple(
    fc.constantFrom(',', '\t', ';'),
    fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
    fc.array(breakChars, { minLength: 13, maxLength: 13 }),
    fc.constantFrom<string[]>(['id', 'time', 'conc'], ['id', 'time', 'conc', 'dose'], ['time', 'conc']),
  )
  .map(([delimiter, rows, breaks, header]) => {
    let text = header.join(delimiter);
    rows.forEach((cells, i) => {
      text += (breaks[i] as string) + cells.join(delimiter);
    });
    return { text: text + (breaks[12] as string), header };
  });

describe('readConcentrationProfiles (one pass)', () => {
  it('gives what profilesFromTable(readDelimitedTable(…)) gives, profiles or error', () => {
    fc.assert(
      fc.property(table, ({ text, header }) => {
        const columns: ConcentrationColumns = {
          ...(header.includes('id') ? { id: 'id' } : {}),
          time: 'time',
          conc: 'conc',
          ...(header.includes('dose') ? { dose: 'dose' } : {}),
        };
        expect(outcome(() => readConcentrationProfiles(text, columns, 'x.csv'))).toEqual(
          outcome(() => profilesFromTable(readDelimitedTable(text, 'x.csv'), columns, 'x.csv')),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('reports a ragged row after a bad cell, as reading the whole table first did', () => {
    const text = 'id,time,conc\n1,0,abc\n1,1,2,3\n';
    const columns = { id: 'id', time: 'time', conc: 'conc' };
    const e = outcome(() => readConcentrationProfiles(text, columns));
    expect(e).toMatchObject({ code: 'inconsistent-columns', line: 3 });
    // And the bad cell when the table itself is sound.
    expect(outcome(() => readConcentrationProfiles('id,time,conc\n1,0,abc\n', columns))).toMatchObject({
      code: 'malformed-number',
      line: 2,
    });
  });

  it('reads only the header for column guessing', () => {
    expect(readDelimitedHeader('ID\tTime (h)\tConc\nA\t0,5\t1,25\n')).toEqual({
      columns: ['ID', 'Time (h)', 'Conc'],
      delimiter: '\t',
    });
  });
});

describe('readDelimitedTable line numbers', () => {
  it('numbers rows as the former split on CRLF, LF or CR did', () => {
    fc.assert(
      fc.property(table, ({ text }) => {
        const former = text.split(/\r\n|\n|\r/);
        const headerIdx = former.findIndex((l) => l.trim() !== '');
        const expected = former
          .map((raw, i) => ({ raw, line: i + 1 }))
          .filter(({ raw, line }) => line > headerIdx + 1 && raw.trim() !== '')
          .map(({ line }) => line);
        const r = outcome(() => readDelimitedTable(text).rows.map((row) => row.line));
        if ('ok' in (r as object)) expect((r as { ok: number[] }).ok).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
