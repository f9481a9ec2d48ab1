/**
 * The shared splitters (text-decoding.ts) agree with the character loops they replaced in the NanoSight,
 * plate and biodistribution readers (kept here as the reference), and stay linear on hostile lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from './format-error.ts';
import { clipCell, decodeTextBytes, splitCsvCells, splitQuotedLine } from './text-decoding.ts';

/** The former NanoSight splitCells / plate splitRow loop. */
function formerCsvCells(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** The former biodistribution splitCells loop (quadratic on blanks before a quote). */
function formerQuotedLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const lineArb = fc
  .array(fc.constantFrom('"', ',', ';', '\t', ' ', 'a', '1', '""'), { maxLength: 30 })
  .map((a) => a.join(''));

describe('splitCsvCells', () => {
  it('gives the same cells as the former character loop', () => {
    fc.assert(
      fc.property(lineArb, fc.constantFrom(',', ';', '\t'), (line, sep) => {
        expect(splitCsvCells(line, sep)).toEqual(formerCsvCells(line, sep));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits 100,000 characters of quotes and separators (a bounded line) fast', () => {
    for (const line of ['"a""'.repeat(25_000), ',"'.repeat(50_000), `"${',x'.repeat(50_000)}`]) {
      const t0 = performance.now();
      const cells = splitCsvCells(line, ',');
      expect(cells.length).toBeGreaterThan(0);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});

describe('splitQuotedLine', () => {
  it('gives the same cells as the former biodistribution loop (blanks: space and tab)', () => {
    fc.assert(
      fc.property(lineArb, fc.constantFrom(',', ';', '\t'), (line, sep) => {
        expect(splitQuotedLine(line, sep)).toEqual(formerQuotedLine(line, sep));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('decodeTextBytes', () => {
  const options = { maxBytes: 100 };
  const refusal = (bytes: number[]) => {
    try {
      decodeTextBytes(new Uint8Array(bytes), 'f.csv', options);
    } catch (error) {
      return error as FormatError;
    }
    throw new Error('expected a FormatError');
  };

  it('refuses empty, too large, UTF-16, ZIP and NUL bytes with typed errors naming the place', () => {
    expect(refusal([]).code).toBe('empty-file');
    expect(refusal(new Array(101).fill(65)).code).toBe('too-large');
    expect(refusal([0xff, 0xfe, 65, 0]).code).toBe('unsupported-encoding');
    expect(refusal([0x50, 0x4b, 3, 4]).code).toBe('binary-content');
    const nul = refusal([65, 10, 66, 10, 0]);
    expect([nul.code, nul.line, nul.byteOffset]).toEqual(['binary-content', 3, 4]);
  });

  it('reads UTF-8 (with or without a BOM) and falls back to Latin-1 or refuses, as asked', () => {
    expect(decodeTextBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xc2, 0xb5]), 'f', options)).toEqual({
      text: 'µ',
      encoding: 'utf-8',
      prefixBytes: 3,
    });
    expect(decodeTextBytes(new Uint8Array([0xb5]), 'f', options).text).toBe('µ');
    expect(() => decodeTextBytes(new Uint8Array([0xb5]), 'f', { ...options, invalidUtf8: 'refuse' })).toThrow(
      FormatError,
    );
  });

  it('clips hostile cells for messages', () => {
    expect(clipCell('x'.repeat(100_000))).toBe(`${'x'.repeat(40)}… (100000 characters)`);
    expect(clipCell('short')).toBe('short');
  });
});
