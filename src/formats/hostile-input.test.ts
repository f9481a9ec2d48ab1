/**
 * Regression tests for the hostile-input probe of issue 10 (readers): no backtracking on long number cells,
 * bounded line and cell length, numbers that overflow a double are typed errors (never Infinity), and the
 * decimal scanner agrees with the former regex on ordinary input. Files are synthetic (evlab's own writer).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticNtaSample } from '../science/nta/synthetic-nta-sample.ts';
import { MAX_TABLE_ROWS, readBiodistributionCsv } from './biodistribution-csv/read-biodistribution-csv.ts';
import { isDecimalSyntax, MAX_NUMBER_CHARS, scanDecimal } from './decimal.ts';
import { FormatError } from './format-error.ts';
import { readGatingMl } from './gating-ml/read-gating-ml.ts';
import { MAX_VIDEOS, readNanoSightExperimentSummary } from './nanosight/read-experiment-summary.ts';
import { writeNanoSightExperimentSummary } from './nanosight/write-experiment-summary.ts';
import { profilesFromTable, readDelimitedTable } from './pk-csv/read-concentration-table.ts';
import { readProteinTable } from './proteomics/read-protein-table.ts';

const FORMER_REGEX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function timed<T>(fn: () => T): { ms: number; result: T | unknown } {
  const t0 = performance.now();
  let result: T | unknown;
  try {
    result = fn();
  } catch (error) {
    result = error;
  }
  return { ms: performance.now() - t0, result };
}

describe('decimal scanner', () => {
  it('accepts exactly what the former regex accepted (below the length bound)', () => {
    const chars = fc.constantFrom('0', '1', '9', '.', 'e', 'E', '+', '-', 'x', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (cs) => {
        const s = cs.join('');
        expect(isDecimalSyntax(s)).toBe(FORMER_REGEX.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('is linear: a 100,000-digit cell that fails at the end is refused in well under 50 ms', () => {
    const cell = `${'1'.repeat(100_000)}x`;
    const { ms, result } = timed(() => scanDecimal(cell));
    expect(result).toBe('not-a-number');
    expect(ms).toBeLessThan(50);
    expect(scanDecimal('9'.repeat(MAX_NUMBER_CHARS - 1))).toBe('overflow');
    expect(scanDecimal('1.8e308')).toBe('overflow');
    expect(scanDecimal('-1.5e3')).toBe(-1500);
  });
});

describe('NanoSight reader', () => {
  const text = new TextDecoder('latin1').decode(
    writeNanoSightExperimentSummary(
      syntheticNtaSample({ medianDiameterNm: 120, geometricSd: 1.4, concentrationPerMl: 3e8, seed: 7 }),
    ),
  );
  /** The synthetic file with the second cell of the first size-distribution data row replaced. */
  function withCell(value: string): Uint8Array {
    const lines = text.split('\n');
    const header = lines.findIndex((l) => /^bin centre/i.test(l));
    const row = (lines[header + 1] as string).split(',');
    row[1] = value;
    lines[header + 1] = row.join(',');
    return new TextEncoder().encode(lines.join('\n'));
  }

  it('refuses a cell that overflows to Infinity with a typed error naming it (never stored as parsed)', () => {
    const { result } = timed(() => readNanoSightExperimentSummary(withCell(`1${'0'.repeat(309)}`), 'x.csv'));
    expect(result).toBeInstanceOf(FormatError);
    expect((result as FormatError).code).toBe('malformed-number');
    expect((result as FormatError).message).toMatch(/overflows a double/);
    expect((result as FormatError).line).toBeGreaterThan(1);
  });

  it('refuses a 100,000-digit cell fast', () => {
    const { ms, result } = timed(() =>
      readNanoSightExperimentSummary(withCell(`${'7'.repeat(100_000)}x`), 'x.csv'),
    );
    expect(result).toBeInstanceOf(FormatError);
    expect(ms).toBeLessThan(1000);
  });
});

describe('PK concentration table reader', () => {
  it('refuses a 300,000-character line fast with a typed error naming the line', () => {
    const text = `Subject,Time,conc\n1,${'"'.repeat(2)}${' "'.repeat(150_000)},1\n`;
    const { ms, result } = timed(() => readDelimitedTable(text, 'pk.csv'));
    expect(result).toBeInstanceOf(FormatError);
    expect((result as FormatError).code).toBe('too-large');
    expect((result as FormatError).line).toBe(2);
    expect(ms).toBeLessThan(200);
  });

  it('refuses a 100,000-digit cell fast', () => {
    const text = `Subject,Time,conc\n1,0.5,${'1'.repeat(99_000)}x\n`;
    const { ms, result } = timed(() => readDelimitedTable(text, 'pk.csv'));
    expect(result).toBeInstanceOf(FormatError);
    expect(ms).toBeLessThan(200);
  });

  it('refuses a concentration beyond a double instead of reading Infinity', () => {
    const text = `Subject,Time,conc\n1,0,1\n1,1,${'9'.repeat(320)}\n`;
    const table = readDelimitedTable(text, 'pk.csv');
    expect(() => profilesFromTable(table, { id: 'Subject', time: 'Time', conc: 'conc' }, 'pk.csv')).toThrow(
      FormatError,
    );
  });

  it('still reads quoted cells, doubled quotes and comma decimals in a semicolon table', () => {
    const t = readDelimitedTable('a;"b ""x""";c\n 1,5 ; "2;3" ;x\n', 't.csv');
    expect(t.columns).toEqual(['a', 'b "x"', 'c']);
    expect(t.rows[0]?.cells).toEqual(['1,5', '2;3', 'x']);
  });
});

describe('biodistribution reader (fuzz findings)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('splits quoted cells in linear time: 90,000 blanks before a quote and 30,000 quoted cells', () => {
    const blanks = `organ,time_h,value,unit\n${' '.repeat(90_000)}"Liver",1,2,%ID\n`;
    const quoted = `organ,time_h,value,unit\n${'"a",'.repeat(24_000)}\n`;
    for (const text of [blanks, quoted]) {
      const { ms } = timed(() => readBiodistributionCsv(enc(text), 'bd.csv'));
      expect(ms).toBeLessThan(1000);
    }
    expect(readBiodistributionCsv(enc(blanks), 'bd.csv').rows[0]?.organ).toBe('Liver');
  });

  it('refuses a 400,000-character line fast with too-large naming the line', () => {
    const text = `organ,1 h\nliver,${'.'.repeat(400_000)}\n`;
    const { ms, result } = timed(() => readBiodistributionCsv(enc(text), 'bd.csv'));
    expect(result).toBeInstanceOf(FormatError);
    expect((result as FormatError).code).toBe('too-large');
    expect((result as FormatError).line).toBe(2);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a 90,000-character header cell and a 90,000-digit value fast, with clipped messages', () => {
    const header = `organ,time_${'('.repeat(90_000)},value\nliver,1,2\n`;
    const digits = `organ,time_h,value,unit\nliver,1,${'1'.repeat(90_000)}x,%ID\n`;
    for (const text of [header, digits]) {
      const { ms, result } = timed(() => readBiodistributionCsv(enc(text), 'bd.csv'));
      expect(result).toBeInstanceOf(FormatError);
      expect((result as FormatError).message.length).toBeLessThan(400);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('refuses a value or a time beyond a double instead of reading Infinity', () => {
    for (const text of [
      'organ,time_h,value,unit\nliver,1,1e309,%ID\n',
      'organ,time_h,value,unit\nliver,1e309,1,%ID\n',
      'organ,time (d),value,unit\nliver,1e308,1,%ID\n',
      'organ (%ID),1e308 d\nliver,1\n',
    ]) {
      const { result } = timed(() => readBiodistributionCsv(enc(text), 'bd.csv'));
      expect(result, text).toBeInstanceOf(FormatError);
      expect((result as FormatError).line).toBeGreaterThan(0);
    }
  });

  it(`caps the rows at ${MAX_TABLE_ROWS}`, () => {
    const text = `organ,time_h,value,unit\n${'liver,1,2,%ID\n'.repeat(MAX_TABLE_ROWS + 1)}`;
    const { result } = timed(() => readBiodistributionCsv(enc(text), 'bd.csv'));
    expect(result).toBeInstanceOf(FormatError);
    expect((result as FormatError).code).toBe('too-large');
  });
});

describe('NanoSight reader bounds (fuzz findings)', () => {
  const text = new TextDecoder('latin1').decode(
    writeNanoSightExperimentSummary(
      syntheticNtaSample({ medianDiameterNm: 120, geometricSd: 1.4, concentrationPerMl: 3e8, seed: 7 }),
    ),
  );

  it(`refuses more than ${MAX_VIDEOS} video columns with too-large naming the line`, () => {
    const lines = text.split('\n');
    const header = lines.findIndex((l) => /^bin centre/i.test(l));
    lines[header] = `${lines[header]}${',video'.repeat(MAX_VIDEOS + 20)}`;
    const { ms, result } = timed(() =>
      readNanoSightExperimentSummary(new TextEncoder().encode(lines.join('\n')), 'x.csv'),
    );
    expect(result).toBeInstanceOf(FormatError);
    expect((result as FormatError).code).toBe('too-large');
    expect((result as FormatError).line).toBe(header + 1);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a 500,000-character line of quoted cells fast', () => {
    const lines = text.split('\n');
    lines.splice(20, 0, `"1;${'1;'.repeat(250_000)}`);
    const { ms, result } = timed(() =>
      readNanoSightExperimentSummary(new TextEncoder().encode(lines.join('\n')), 'x.csv'),
    );
    expect(result).toBeInstanceOf(FormatError);
    expect((result as FormatError).code).toBe('too-large');
    expect((result as FormatError).line).toBe(21);
    expect(ms).toBeLessThan(1000);
  });
});

describe('Gating-ML reader (fuzz finding)', () => {
  it('refuses XML the validator passes but the parser rejects (NUL in the declaration) with a FormatError', () => {
    const xml = '<?\u00001.0" encoding="UTF-8"?>\n<gating:Gating-ML xmlns:gating="x"></gating:Gating-ML>\n';
    expect(() => readGatingMl(xml, 'g.xml')).toThrow(FormatError);
  });
});

describe('protein table readers (fuzz finding)', () => {
  it('find every sample column in linear time: a FragPipe header of 60,000 sample columns', () => {
    // Looking up each sample's columns with indexOf over the header was quadratic (1.3 s for 78,856 cells).
    const samples = Array.from({ length: 20_000 }, (_, i) => `S${i}`);
    const header = [
      'Protein',
      'Protein ID',
      'Gene',
      ...samples.flatMap((s) => [`${s} Total Spectral Count`, `${s} Intensity`, `${s} MaxLFQ Intensity`]),
    ];
    const row = ['sp|P21926|CD9_HUMAN', 'P21926', 'CD9', ...samples.flatMap(() => ['3', '100', '90'])];
    const bytes = new TextEncoder().encode(`${header.join('\t')}\n${row.join('\t')}\n`);
    const { ms, result } = timed(() => readProteinTable(bytes, 'combined_protein.tsv'));
    expect(result).not.toBeInstanceOf(Error);
    expect((result as { samples: string[] }).samples).toHaveLength(20_000);
    expect(ms).toBeLessThan(1000);
  });
});
