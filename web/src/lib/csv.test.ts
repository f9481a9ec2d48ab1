import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, safeFileName, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('EMT1 d200')).toBe('EMT1 d200');
  });

  it('keeps negative numbers as numbers and leaves missing values empty', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('round-trips through an RFC 4180 reader (csv-parse)', () => {
    const text = toCsv(
      ['file', 'mean (nm)'],
      [
        ['a, "b"', 120.5],
        ['line\nbreak', -1],
      ],
    );
    expect(parse(text)).toEqual([
      ['file', 'mean (nm)'],
      ['a, "b"', '120.5'],
      ['line\nbreak', '-1'],
    ]);
  });

  it('makes safe file names', () => {
    expect(safeFileName('UC-EV-001 / size distribution')).toBe('UC-EV-001-size-distribution');
    expect(safeFileName('***')).toBe('export');
  });
});
