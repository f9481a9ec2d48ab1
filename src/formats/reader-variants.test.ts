/**
 * Real-world variant matrix for the characterization readers (issue 11): every reader must give the same
 * record for the same table however a lab's software or spreadsheet saved it — LF or CRLF, UTF-8 with or
 * without BOM, Latin-1 (Windows-1252), UTF-16 LE with BOM ("Unicode text" of Excel, tab-separated),
 * semicolons with decimal commas (Excel and instrument software in German/French locales), padded blank
 * rows — and a typed FormatError naming file and line when the table is truly unreadable.
 * Tables are evlab's own, in the layouts documented by each format (ImageJ Results, plate long table and
 * grid, ImageJ Measure/Gel Analyzer densitometry, FragPipe combined_protein.tsv, ZetaView .txt).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../test/support/environment.ts';
import { FormatError } from './format-error.ts';
import { readImageJResults } from './imagej-results/read-imagej-results.ts';
import { detectPlateFormat, readPlateAssay } from './plate/read-plate-assay.ts';
import { detectProteinTable, readProteinTable } from './proteomics/read-protein-table.ts';
import { readDensitometry, sniffDensitometry } from './western-blot/read-densitometry.ts';
import { readZetaViewTxt, sniffZetaView } from './zetaview/read-zetaview-txt.ts';
import { syntheticZetaViewBins, writeZetaViewTxt } from './zetaview/write-zetaview-txt.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/** A number cell ("0.125", "-1.5E-03") written with a decimal comma; other cells unchanged. */
function commaDecimal(cell: string): string {
  return /^[+-]?\d*\.\d+(E[+-]?\d+)?$/i.test(cell) ? cell.replace('.', ',') : cell;
}

/** The saved forms of one comma-separated table (no quoted cells, LF line ends). */
function variants(csv: string, options: { separatorVariants?: boolean } = {}): [string, Uint8Array][] {
  const lines = csv.split('\n');
  const withSep = (sep: string, comma: boolean) =>
    lines
      .map((l) =>
        l
          .split(',')
          .map((c) => (comma ? commaDecimal(c) : c))
          .join(sep),
      )
      .join('\r\n');
  const out: [string, Uint8Array][] = [
    ['UTF-8, LF', utf8(csv)],
    ['UTF-8, CRLF', utf8(lines.join('\r\n'))],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)])],
    ['Latin-1 (Windows-1252)', latin1(csv)],
  ];
  if (options.separatorVariants !== false) {
    out.push(['UTF-16 LE with BOM, tab-separated (Excel Unicode text)', utf16le(withSep('\t', false))]);
    out.push(['semicolons, decimal commas, Latin-1 (German Excel)', latin1(withSep(';', true))]);
    out.push(['tabs, decimal commas', utf8(withSep('\t', true))]);
  } else out.push(['UTF-16 LE with BOM', utf16le(lines.join('\r\n'))]);
  return out;
}

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('ImageJ Results (TEM) variants', () => {
  const csv = [
    ' ,Area,Mean,Perim.,Feret,MinFeret,Circ.',
    '1,1963.495,120.5,157.08,50.0,50.0,1.0',
    '2,2500.25,118.0,220.5,82.0,38.0,0.649',
  ].join('\n');
  for (const [name, bytes] of variants(csv))
    it(name, () => {
      const r = readImageJResults(bytes, 'Results.csv');
      expect(r.particles.map((p) => [p.index, p.area, p.feret, p.circularity])).toEqual([
        [1, 1963.495, 50, 1],
        [2, 2500.25, 82, 0.649],
      ]);
    });

  it('leaves out the Mean/SD/Min/Max rows of Analyze ▸ Summarize and missing optional columns', () => {
    const summarized = `${csv}\nMean,2231.873,119.25,188.79,66.0,44.0,0.8245\nSD,379.6,1.77,44.8,22.6,8.5,0.248\nMin,1963.495,118,157.08,50,38,0.649\nMax,2500.25,120.5,220.5,82,50,1`;
    expect(readImageJResults(utf8(summarized), 'R.csv').particles).toHaveLength(2);
    const areaOnly = readImageJResults(utf8('Area\n10\n20'), 'R.csv');
    expect(areaOnly.particles.map((p) => [p.area, p.feret])).toEqual([
      [10, null],
      [20, null],
    ]);
  });

  it('a comma inside a number of a comma-separated table is an error naming line and column', () => {
    const e = formatError(() => readImageJResults(utf8(' ,Area,Feret\n1,"1,5",4'), 'R.csv'));
    expect([e.code, e.line]).toEqual(['malformed-number', 2]);
    expect(e.message).toContain('column 2 (Area)');
  });
});

describe('plate long table (BCA/ELISA) variants', () => {
  const csv = [
    'type,id,concentration (µg/mL),response,dilution',
    'blank,blank,,0.095,',
    'standard,S0,0,0.096,',
    'standard,S250,250,0.358,',
    'standard,S500,500,0.615,',
    'standard,S1000,1000,1.125,',
    'sample,EV-1,,0.411,2',
  ].join('\n');
  for (const [name, bytes] of variants(csv))
    it(name, () => {
      expect(detectPlateFormat(bytes)).toBe('long');
      const r = readPlateAssay(bytes, 'bca.csv');
      expect(r.concentrationUnit).toBe('µg/mL');
      expect(r.wells.map((w) => [w.role, w.concentration, w.response, w.dilution])).toEqual([
        ['blank', null, 0.095, 1],
        ['standard', 0, 0.096, 1],
        ['standard', 250, 0.358, 1],
        ['standard', 500, 0.615, 1],
        ['standard', 1000, 1.125, 1],
        ['sample', null, 0.411, 2],
      ]);
    });

  it('without the optional dilution column every dilution is 1', () => {
    const r = readPlateAssay(
      utf8('type,id,concentration,response\nstandard,S1,1,0.1\nsample,A,,0.2'),
      'x.csv',
    );
    expect(r.wells.map((w) => w.dilution)).toEqual([1, 1]);
  });

  it('a bad number names file and line', () => {
    const e = formatError(() =>
      readPlateAssay(utf8('type;id;concentration;response\nstandard;S1;1,2,3;0,1'), 'de.csv'),
    );
    expect([e.code, e.file, e.line]).toEqual(['malformed-number', 'de.csv', 2]);
  });
});

describe('plate grid with plate map variants', () => {
  const cols = [1, 2, 3];
  const csv = [
    'Responses',
    `,${cols.join(',')}`,
    'A,0.100,0.105,0.050',
    'B,0.650,0.640,0.420',
    '',
    'Plate map (µg/mL)',
    `,${cols.join(',')}`,
    'A,std:0,std:0,blank',
    'B,std:500,std:500,sample:EV-A:5',
  ].join('\n');
  for (const [name, bytes] of variants(csv))
    it(name, () => {
      expect(detectPlateFormat(bytes)).toBe('grid');
      const r = readPlateAssay(bytes, 'plate.csv');
      const by = Object.fromEntries(r.wells.map((w) => [w.well, [w.role, w.concentration, w.response]]));
      expect(by.B2).toEqual(['standard', 500, 0.64]);
      expect(by.B3).toEqual(['sample', null, 0.42]);
      expect(by.A3).toEqual(['blank', null, 0.05]);
    });
});

describe('Western blot densitometry (ImageJ Measure) variants', () => {
  const csv = [
    'Marker,Lane,Label,Area,Mean,IntDen,RawIntDen',
    'CD63,1,blot.tif,400,120.5,48200.5,48200',
    'CD63,2,blot.tif,400,60.25,24100.25,24100',
  ].join('\n');
  for (const [name, bytes] of variants(csv))
    it(name, () => {
      expect(sniffDensitometry(bytes)).toBe(true);
      const r = readDensitometry(bytes, 'measure.csv');
      expect(r.signalColumn).toBe('IntDen');
      expect(r.bands.map((b) => [b.marker, b.lane, b.signal, b.percent])).toEqual([
        ['CD63', 1, 48200.5, null],
        ['CD63', 2, 24100.25, null],
      ]);
    });

  it('leaves out Summarize rows and padded blank rows', () => {
    const r = readDensitometry(
      utf8(`Label,Area,IntDen,Lane\nblot,400,100,1\nblot,400,50,2\n,,,\nMean,400,75,1.5\nSD,0,35.4,0.7`),
      'm.csv',
      'TSG101',
    );
    expect(r.bands.map((b) => b.signal)).toEqual([100, 50]);
  });
});

describe('FragPipe combined_protein.tsv variants (tab-separated by definition)', () => {
  const header = [
    'Protein',
    'Protein ID',
    'Entry Name',
    'Gene',
    'Organism',
    'Description',
    'Combined Total Spectral Count',
    'EV_1 Total Spectral Count',
    'EV_2 Total Spectral Count',
    'EV_1 MaxLFQ Intensity',
    'EV_2 MaxLFQ Intensity',
  ];
  const tsv = [
    header.join('\t'),
    [
      'sp|P21926|CD9_HUMAN',
      'P21926',
      'CD9_HUMAN',
      'CD9',
      'Homo sapiens',
      'CD9 antigen',
      '22',
      '10',
      '12',
      '100000000',
      '120000000',
    ].join('\t'),
    [
      'sp|P08962|CD63_HUMAN',
      'P08962',
      'CD63_HUMAN',
      'CD63',
      'Homo sapiens',
      'CD63 antigen',
      '7',
      '3',
      '4',
      '5500000.5',
      '6100000',
    ].join('\t'),
  ].join('\n');
  const forms: [string, Uint8Array][] = [
    ['UTF-8, LF', utf8(tsv)],
    ['UTF-8, CRLF', utf8(tsv.replaceAll('\n', '\r\n'))],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(tsv)])],
    ['UTF-16 LE with BOM (Excel Unicode text)', utf16le(tsv.replaceAll('\n', '\r\n'))],
  ];
  for (const [name, bytes] of forms)
    it(name, () => {
      expect(detectProteinTable(bytes)).toBe('fragpipe');
      const r = readProteinTable(bytes, 'combined_protein.tsv');
      expect(r.samples).toEqual(['EV_1', 'EV_2']);
      expect(r.rows.map((row) => row.genes)).toEqual([['CD9'], ['CD63']]);
      expect(r.rows[1]?.quantities.lfq?.[0]).toBe(5500000.5);
    });
});

describe('ZetaView .txt variants', () => {
  const bins = syntheticZetaViewBins({ medianNm: 110, geometricSd: 1.4, traces: 1500, bins: 60 });
  const logBins = syntheticZetaViewBins({
    medianNm: 110,
    geometricSd: 1.4,
    traces: 1500,
    bins: 20,
    log: true,
  });
  const point = writeZetaViewTxt({ linearBins: bins, logBins, dilution: 500 });
  const comma = writeZetaViewTxt({ linearBins: bins, logBins, dilution: 500, decimalComma: true });
  const text = new TextDecoder('latin1').decode(point);
  const forms: [string, Uint8Array][] = [
    ['as written (Latin-1, CRLF)', point],
    ['decimal commas (8.05, German locale)', comma],
    ['LF line ends', latin1(text.replaceAll('\r\n', '\n'))],
    ['UTF-8 with BOM (re-saved)', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])],
    ['UTF-16 LE with BOM (re-saved as Unicode)', utf16le(text)],
  ];
  for (const [name, bytes] of forms)
    it(name, () => {
      expect(sniffZetaView(bytes)).toBe(true);
      const r = readZetaViewTxt(bytes, 'EV1_size.txt');
      expect(r.kind).toBe('size');
      expect(r.header.dilution).toBe(500);
      expect(r.linearBins.map((b) => b.number)).toEqual(bins.map((b) => b.number));
      expect(r.linearBins[10]?.sizeNm).toBeCloseTo(bins[10]?.sizeNm as number, 6);
    });
});

describeWithReference('assay', 'SoftMax Pro text export variants (real ELISA, softmax-Assay_2.txt)', () => {
  const original = readFileSync(referencePath('assay', 'softmax-Assay_2.txt'));
  const text = new TextDecoder('latin1').decode(original);
  const reference = readPlateAssay(original, 'softmax-Assay_2.txt');
  const germanLocale = text
    .split('\n')
    .map((line) => line.split('\t').map(commaDecimal).join('\t'))
    .join('\n');
  const forms: [string, Uint8Array][] = [
    ['decimal commas (SoftMax Pro in a German locale)', latin1(germanLocale)],
    ['UTF-16 LE with BOM (re-saved as Unicode text)', utf16le(text)],
    [
      'UTF-8 with BOM, LF line ends',
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text.replaceAll('\r\n', '\n'))]),
    ],
  ];
  for (const [name, bytes] of forms)
    it(name, () => {
      expect(germanLocale).not.toBe(text);
      expect(detectPlateFormat(bytes)).toBe('softmax');
      const r = readPlateAssay(bytes, 'softmax-Assay_2.txt');
      expect(r.wells.map((w) => [w.well, w.role, w.concentration, w.response, w.dilution, w.masked])).toEqual(
        reference.wells.map((w) => [w.well, w.role, w.concentration, w.response, w.dilution, w.masked]),
      );
    });
});

describeWithReference('proteomics', 'MaxQuant proteinGroups.txt variants (real file)', () => {
  const original = readFileSync(referencePath('proteomics', 'maxquant-proteinGroups.txt'));
  const text = new TextDecoder('utf-8').decode(original);
  const reference = readProteinTable(original, 'proteinGroups.txt');
  const forms: [string, Uint8Array][] = [
    ['CRLF line ends', utf8(text.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n'))],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...original])],
    ['UTF-16 LE with BOM (re-saved by Excel as Unicode text)', utf16le(text)],
  ];
  for (const [name, bytes] of forms)
    it(name, () => {
      expect(detectProteinTable(bytes)).toBe('maxquant');
      const r = readProteinTable(bytes, 'proteinGroups.txt');
      expect(r.rows).toHaveLength(reference.rows.length);
      expect(r.samples).toEqual(reference.samples);
      expect(r.rows.map((row) => row.quantities.lfq?.[0])).toEqual(
        reference.rows.map((row) => row.quantities.lfq?.[0]),
      );
    });
});
