import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { FormatError } from '../format-error.ts';
import { ncaForTable } from './nca-for-table.ts';
import { guessColumns, profilesFromTable, readDelimitedTable } from './read-concentration-table.ts';

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('readDelimitedTable', () => {
  it('reads CSV with quotes, BOM, CRLF and blank lines', () => {
    const t = readDelimitedTable('\uFEFF"Subject","Time","conc"\r\n1,0,0\r\n\r\n1,"0.5",2.5\r\n', 'a.csv');
    expect(t.columns).toEqual(['Subject', 'Time', 'conc']);
    expect(t.delimiter).toBe(',');
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', '0', '0'] },
      { line: 4, cells: ['1', '0.5', '2.5'] },
    ]);
  });
  it('reads tab-separated cells pasted from a European Excel (decimal commas)', () => {
    const t = readDelimitedTable('ID\tTime (h)\tConc\nA\t0,5\t1,25\nA\t1\tBLQ\n');
    const [p] = profilesFromTable(t, { id: 'id', time: 'time (h)', conc: 'conc' });
    expect(p?.profile.time).toEqual([0.5, 1]);
    expect(p?.profile.conc).toEqual([1.25, 0]);
    expect(p?.profile.blq).toEqual([false, true]);
  });
  it('names the line of a malformed number and a ragged row', () => {
    const bad = formatError(() =>
      profilesFromTable(
        readDelimitedTable('id,time,conc\n1,0,0\n1,1,abc\n'),
        { id: 'id', time: 'time', conc: 'conc' },
        'x.csv',
      ),
    );
    expect(bad.code).toBe('malformed-number');
    expect(bad.line).toBe(3);
    expect(bad.message).toBe('x.csv, line 3: concentration "abc" (conc) is not a number, BLQ or NA');
    const ragged = formatError(() => readDelimitedTable('a,b\n1,2,3\n'));
    expect(ragged.line).toBe(2);
  });
  it('names a missing column and lists the available ones', () => {
    const e = formatError(() =>
      profilesFromTable(readDelimitedTable('Subject,Time,conc\n1,0,1\n'), {
        id: 'Subject',
        time: 'hours',
        conc: 'conc',
      }),
    );
    expect(e.message).toMatch(/no time column "hours"; the columns are: Subject, Time, conc/);
  });
  it('skips missing concentrations with a note and refuses two doses for one subject', () => {
    const [p] = profilesFromTable(readDelimitedTable('id,t,c\n1,0,0\n1,1,NA\n1,2,3\n'), {
      id: 'id',
      time: 't',
      conc: 'c',
    });
    expect(p?.profile.time).toEqual([0, 2]);
    expect(p?.profile.sourceLines).toEqual([2, 4]);
    expect(p?.notes).toEqual(['line 3: concentration missing at time 1, sample skipped']);
    const e = formatError(() =>
      profilesFromTable(readDelimitedTable('id,t,c,d\n1,0,0,5\n1,1,2,6\n'), {
        id: 'id',
        time: 't',
        conc: 'c',
        dose: 'd',
      }),
    );
    expect(e.line).toBe(3);
  });
  it('guesses the usual column names', () => {
    expect(guessColumns(['Subject', 'Wt', 'Dose', 'Time', 'conc'])).toEqual({
      id: 'Subject',
      time: 'Time',
      conc: 'conc',
      dose: 'Dose',
    });
  });
});

describeWithReference('nca', 'ncaForTable on the theophylline file', () => {
  it('reads theoph.csv into 12 profiles and reproduces WinNonlin AUClast (linear) of subject 1', () => {
    const table = readDelimitedTable(readFileSync(referencePath('nca', 'theoph.csv'), 'utf8'), 'theoph.csv');
    const results = ncaForTable(
      table,
      { id: 'Subject', time: 'Time', conc: 'conc' },
      {
        route: 'extravascular',
        dose: 320,
        aucMethod: 'linear',
      },
    );
    expect(results).toHaveLength(12);
    const ref = readFileSync(referencePath('nca', 'theoph-winnonlin-linear.csv'), 'utf8').split('\n');
    const header = (ref[0] as string).split(',');
    const first = (ref[1] as string).split(',');
    const want = Number(first[header.indexOf('AUClast')]);
    expect(Math.abs((results[0]?.parameters.AUCLST as number) - want) / want).toBeLessThan(1e-3);
  });
});
