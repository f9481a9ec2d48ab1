import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv-cell.ts';

describe('csvCell (formula injection, RFC 4180)', () => {
  it('neutralises cells a spreadsheet would run as formulas (OWASP CSV Injection)', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+cmd|/c calc')).toBe(`'+1+cmd|/c calc`);
    expect(csvCell('-2+3')).toBe(`'-2+3`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\t=1')).toBe(`'\t=1`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('keeps numbers as numbers, quotes commas, quotes and line breaks, drops non-finite', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(1.5e-7)).toBe('1.5e-7');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, '=x']])).toBe("a,b\r\n1,'=x\r\n");
  });
});
