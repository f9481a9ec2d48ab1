import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { syntheticNtaSample } from '../../science/nta/synthetic-nta-sample.ts';
import { FormatError, type FormatErrorCode } from '../format-error.ts';
import {
  parseNanoSightTimeCaptured,
  READER_NAME,
  READER_VERSION,
  readNanoSightExperimentSummary,
  sniffNanoSight,
} from './read-experiment-summary.ts';
import { writeNanoSightExperimentSummary } from './write-experiment-summary.ts';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const asText = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

function expectFormatError(fn: () => unknown, code: FormatErrorCode, line?: number): FormatError {
  const e = formatError(fn);
  expect(e.code).toBe(code);
  if (line !== undefined) expect(e.line).toBe(line);
  expect(e.file).toBe('f.csv');
  return e;
}

/** 1-based number of the first line satisfying `test`. */
function lineOf(text: string, test: (line: string) => boolean, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (test(lines[i] as string)) return i + 1;
  throw new Error('line not found');
}

// A complete export written by evlab's writer (its byte-for-byte fidelity to NTA 3.3 is tested on the
// reference files in write-experiment-summary.test.ts); synthetic so these tests run on a bare machine.
const base = writeNanoSightExperimentSummary(
  syntheticNtaSample({
    medianDiameterNm: 110,
    geometricSd: 1.5,
    concentrationPerMl: 5e10,
    dilutionFactor: 200,
    seed: 5,
  }),
);
const baseText = asText(base);
const read = (text: string | Uint8Array) =>
  readNanoSightExperimentSummary(typeof text === 'string' ? latin1(text) : text, 'f.csv');

describe('readNanoSightExperimentSummary: well-formed input', () => {
  it('names itself', () => {
    expect(READER_NAME).toBe('nanosight-experiment-summary');
    expect(READER_VERSION).toBe('1.0.0');
    const s = read(base);
    expect(s.source).toMatchObject({
      reader: READER_NAME,
      readerVersion: READER_VERSION,
      encoding: 'latin1',
      file: 'f.csv',
    });
  });

  it('derives the number of videos from the columns (1, 3 and 7 videos)', () => {
    for (const videos of [1, 3, 7]) {
      const bytes = writeNanoSightExperimentSummary(
        syntheticNtaSample({
          medianDiameterNm: 100,
          geometricSd: 1.4,
          concentrationPerMl: 3e8,
          seed: videos,
          videos,
        }),
      );
      const s = read(bytes);
      expect(s.videos).toHaveLength(videos);
      expect(s.sizeDistributions.number.perVideo).toHaveLength(videos);
      expect(s.sizeData.volume?.percentiles?.perVideo).toHaveLength(videos);
      expect(s.diffusionCoefficientData?.surfaceArea?.perVideo).toHaveLength(videos);
    }
  });

  it('tolerates CRLF, missing trailing commas and extra blank lines', () => {
    const variant = baseText
      .split('\n')
      .map((l) => l.replace(/,+$/, ''))
      .join('\r\n')
      .replace('[Conditions]', '\r\n\r\n[Conditions]');
    const a = read(base);
    const b = read(variant);
    expect(b.videos).toEqual(a.videos);
    expect(b.sizeDistributions).toEqual(a.sizeDistributions);
    expect(b.average).toEqual(a.average);
  });

  it('optional sections missing → null/empty, with the required number-weighted Size Data kept', () => {
    const drop = (text: string, name: string) => {
      const lines = text.split('\n');
      const start = lines.findIndex((l) => l.startsWith(`[${name}]`));
      let end = lines.findIndex((l, i) => i > start && l.startsWith('['));
      if (end < 0) end = lines.length - 1;
      return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
    };
    let text = baseText;
    for (const name of [
      'Conditions',
      'Settings',
      'Exclusion Regions',
      'Results',
      'Concentration Warnings',
      'Information',
      'Data Included',
      'Diffusion Coefficient Data',
    ]) {
      text = drop(text, name);
    }
    const s = read(text);
    expect(s.conditions).toBeNull();
    expect(s.settings).toBeNull();
    expect(s.exclusionRegions).toBeNull();
    expect(s.results).toEqual([]);
    expect(s.concentrationWarnings).toBeNull();
    expect(s.information).toBeNull();
    expect(s.dataIncluded).toBeNull();
    expect(s.diffusionCoefficientData).toBeNull();
    expect(s.status).toEqual([]);
    expect(s.videos[0]?.conditions.temperatureC).toBeNull();
    expect(s.videos[0]?.results.concentrationPerMl).toBeNull();
    expect(s.average.concentrationPerMl).toEqual({ value: null, standardError: null });
    expect(s.sizeDistributions.number.perVideo).toHaveLength(5);
  });

  it('notes a block listed in [Data Included] but absent', () => {
    const lines = baseText.split('\n');
    const start = lines.findIndex((l) => l.startsWith('[Diffusion Coefficient Data]'));
    const s = read(`${lines.slice(0, start).join('\n')}\n`);
    expect(s.diffusionCoefficientData).toBeNull();
    expect(s.notes.some((n) => n.includes('Diffusion distribution - Number weighting'))).toBe(true);
  });

  it('reads a comma-separated spreadsheet re-save: UTF-8 BOM, every field quoted, CRLF', () => {
    const resaved = baseText
      .split('\n')
      .map((line) =>
        line === ''
          ? ''
          : line
              .replace(/,$/, '')
              .split(',')
              .map((c) => `"${c}"`)
              .join(','),
      )
      .join('\r\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(resaved)]);
    const a = read(base);
    const b = readNanoSightExperimentSummary(bytes, 'f.csv');
    expect(b.source).toMatchObject({ encoding: 'utf-8', byteOrderMark: true, quotedFields: true });
    expect(b.videos).toEqual(a.videos);
    expect(b.sample).toEqual(a.sample);
    expect(b.sizeDistributions).toEqual(a.sizeDistributions);
    expect(b.sizeData.number?.binUnit).toBe('nm');
    expect(b.diffusionCoefficientData?.number?.binUnit).toBe('E4 nm²/s');
  });

  it('keeps a quoted text field with commas in one piece', () => {
    const s = read(base);
    expect(s.sample.remarks).toBe('synthetic: log-normal median 110 nm, GSD 1.5, seed 5');
  });

  it('parses Time Captured (dd/mm/yyyy) and rejects impossible dates', () => {
    expect(parseNanoSightTimeCaptured('15:42:48  01/04/2021')).toBe('2021-04-01T15:42:48');
    expect(parseNanoSightTimeCaptured('9:05:00 31/12/1999')).toBe('1999-12-31T09:05:00');
    expect(parseNanoSightTimeCaptured('15:42:48  31/04/2021')).toBeNull();
    expect(parseNanoSightTimeCaptured('2021-04-01 15:42')).toBeNull();
    const s = read(baseText.replace(/Time Captured,[^\n]*/, 'Time Captured,yesterday,'));
    expect(s.sample.capturedAt).toBeNull();
    expect(s.timeCapturedRaw).toBe('yesterday');
    expect(s.notes.join(' ')).toContain('Time Captured');
  });
});

describe('readNanoSightExperimentSummary: malformed input', () => {
  it('empty file', () => {
    expectFormatError(() => read(new Uint8Array()), 'empty-file', 1);
    expectFormatError(() => read('\n\r\n  \n'), 'empty-file', 1);
  });

  it('binary content names the first NUL byte', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const e = expectFormatError(() => read(png), 'binary-content', 3); // two LF bytes precede it
    expect(e.byteOffset).toBe(8);
    const withNul = base.slice();
    withNul[1000] = 0;
    const e2 = expectFormatError(
      () => read(withNul),
      'binary-content',
      baseText.slice(0, 1000).split('\n').length,
    );
    expect(e2.byteOffset).toBe(1000);
  });

  it('an .xlsx workbook (ZIP) is binary content', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
    expect(expectFormatError(() => read(zip), 'binary-content', 1).reason).toMatch(/ZIP/);
  });

  it('UTF-16 with and without a byte-order mark', () => {
    const utf16le = (text: string, bom: boolean) => {
      const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
      let o = 0;
      if (bom) {
        out[o++] = 0xff;
        out[o++] = 0xfe;
      }
      for (const ch of text) {
        out[o++] = ch.charCodeAt(0) & 0xff;
        out[o++] = ch.charCodeAt(0) >> 8;
      }
      return out;
    };
    const head = baseText.slice(0, 3000);
    for (const bom of [true, false]) {
      const e = expectFormatError(() => read(utf16le(head, bom)), 'unsupported-encoding', 1);
      expect(e.byteOffset).toBe(0);
      expect(e.reason).toMatch(/UTF-16/);
    }
    const be = new Uint8Array([0xfe, 0xff, 0, 0x4e, 0, 0x54]);
    expectFormatError(() => read(be), 'unsupported-encoding', 1);
  });

  it('semicolon-separated Excel re-save (BOM, quoted, decimal commas) → not-this-format on line 1', () => {
    const resaved = baseText
      .split('\n')
      .map((line) =>
        line
          .replace(/,$/, '')
          .split(',')
          .map((c) => (/^-?\d+\.\d+$/.test(c) ? c.replace('.', ',') : c))
          .map((c) => (c.includes(',') || c.includes(' ') ? `"${c}"` : c))
          .join(';'),
      )
      .join('\r\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(resaved)]);
    const e = expectFormatError(() => readNanoSightExperimentSummary(bytes, 'f.csv'), 'not-this-format', 1);
    expect(e.reason).toMatch(/^semicolon-separated: this looks like an Excel re-save; export again from NTA/);
  });

  it('semicolon-separated with unquoted decimal commas, no BOM → not-this-format on line 1', () => {
    const resaved = baseText
      .split('\n')
      .map((line) =>
        line
          .replace(/,$/, '')
          .split(',')
          .map((c) => (/^-?\d+\.\d+$/.test(c) ? c.replace('.', ',') : c))
          .join(';'),
      )
      .join('\n');
    expect(expectFormatError(() => read(resaved), 'not-this-format', 1).reason).toMatch(
      /^semicolon-separated/,
    );
  });

  it('tab-separated re-save → not-this-format on line 1', () => {
    const tabbed = baseText.replace(/,/g, '\t');
    expect(expectFormatError(() => read(tabbed), 'not-this-format', 1).reason).toMatch(/^tab-separated/);
  });

  it('another file → not-this-format', () => {
    const e = expectFormatError(() => read('Time,Value\n1,2\n3,4\n'), 'not-this-format', 1);
    expect(e.reason).toContain('NTA Experiment Summary File');
  });

  it('missing [Size Data], or its Number block → missing-section', () => {
    const lines = baseText.split('\n');
    const size = lines.findIndex((l) => l.startsWith('[Size Data]'));
    const diffusion = lines.findIndex((l) => l.startsWith('[Diffusion Coefficient Data]'));
    const withoutSize = [...lines.slice(0, size), ...lines.slice(diffusion)].join('\n');
    expect(expectFormatError(() => read(withoutSize), 'missing-section').reason).toMatch(/\[Size Data\]/);
    const withoutNumber = baseText.replace('Weighting,Number,', 'Weighting,Intensity,');
    const e = expectFormatError(() => read(withoutNumber), 'missing-section', size + 1);
    expect(e.reason).toMatch(/Number/);
  });

  it('truncated mid Graph Data (mid-line, no final newline) → truncated naming the last line', () => {
    const start = baseText.indexOf('Bin centre (nm)');
    const cut = baseText.indexOf('\n', start + 6000) + 7; // a few characters into a bin row
    const text = baseText.slice(0, cut);
    const lastLine = text.split('\n').length;
    const e = expectFormatError(() => read(text), 'truncated', lastLine);
    expect(e.reason).toMatch(/Size Data Number Graph Data/);
    expect(e.byteOffset).toBe(text.lastIndexOf('\n') + 1);
  });

  it('truncated at a line boundary inside Graph Data → truncated', () => {
    const start = baseText.indexOf('Bin centre (nm)');
    const cut = baseText.indexOf('\n', start + 9000) + 1;
    const text = baseText.slice(0, cut);
    expectFormatError(() => read(text), 'truncated', text.split('\n').length - 1);
  });

  it('truncated inside a later block or a percentile table → truncated', () => {
    const volume = baseText.indexOf('Weighting,Volume');
    const inVolumeBins = baseText.slice(
      0,
      baseText.indexOf('\n', baseText.indexOf('Graph Data', volume) + 3000) + 1,
    );
    expectFormatError(() => read(inVolumeBins), 'truncated');
    const pct = baseText.indexOf('Percentile', volume);
    const inPercentiles = baseText.slice(0, baseText.indexOf('\n', pct + 300) + 1);
    expect(expectFormatError(() => read(inPercentiles), 'truncated').reason).toMatch(/percentiles/);
  });

  it('truncated before [Size Data] without a final newline → truncated', () => {
    const text = baseText.slice(0, baseText.indexOf('[Results]') + 20);
    expectFormatError(() => read(text), 'truncated', text.split('\n').length);
  });

  it('malformed number names line and column', () => {
    const text = baseText.replace(/^(Temperature\/C,[^,]*,)[^,]*/m, '$126.7x7');
    const line = lineOf(text, (l) => l.startsWith('Temperature/C'));
    const e = expectFormatError(() => read(text), 'malformed-number', line);
    expect(e.reason).toContain('"26.7x7"');
    expect(e.reason).toContain('column 3');
    expect(e.reason).toContain('video 2');
    const lineStart =
      text
        .split('\n')
        .slice(0, line - 1)
        .join('\n').length + 1;
    expect(e.byteOffset).toBe(lineStart + (text.split('\n')[line - 1] ?? '').indexOf('26.7x7'));
  });

  it('malformed number inside Graph Data', () => {
    const line = lineOf(baseText, (l) => l.startsWith('100.5,'));
    const lines = baseText.split('\n');
    const cells = (lines[line - 1] ?? '').split(',');
    cells[4] = '12e';
    lines[line - 1] = cells.join(',');
    const e = expectFormatError(() => read(lines.join('\n')), 'malformed-number', line);
    expect(e.reason).toContain('column 5');
  });

  it('a short row in the middle of Graph Data → inconsistent-columns', () => {
    const line = lineOf(baseText, (l) => l.startsWith('200.5,'));
    const lines = baseText.split('\n');
    lines[line - 1] = (lines[line - 1] ?? '').split(',').slice(0, 4).join(',');
    expectFormatError(() => read(lines.join('\n')), 'inconsistent-columns', line);
  });

  it('"Not recorded" dilution is null, other text is malformed', () => {
    const s = read(baseText.replace(/^(Dilution factor[^,]*),200/m, '$1,Not recorded'));
    expect(s.videos[0]?.results.dilutionFactor).toBeNull();
    expect(s.videos[1]?.results.dilutionFactor).toBe(200);
    expectFormatError(
      () => read(baseText.replace(/^(Dilution factor[^,]*),200/m, '$1,two hundred')),
      'malformed-number',
    );
  });
});

describe('sniffNanoSight', () => {
  it('recognises exports, including re-saved and UTF-16 ones, and nothing else', () => {
    expect(sniffNanoSight(base)).toBe(true);
    expect(sniffNanoSight(new Uint8Array([0xef, 0xbb, 0xbf, ...base.slice(0, 100)]))).toBe(true);
    expect(sniffNanoSight(latin1(`"NTA Experiment Summary File"\r\n`))).toBe(true);
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from(baseText.slice(0, 60)).flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    expect(sniffNanoSight(utf16)).toBe(true);
    expect(sniffNanoSight(latin1('Time,Value\n1,2\n'))).toBe(false);
    expect(sniffNanoSight(new Uint8Array())).toBe(false);
  });
});

describeWithReference('nanosight', 'readNanoSightExperimentSummary on NTA 3.3 reference exports', () => {
  const dir = referencePath('nanosight', '20210401');
  // The body is collected even when skipped: list files only when the directory exists.
  const files = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('-ExperimentSummary.csv'));
  const readRef = (name: string) => readNanoSightExperimentSummary(readFileSync(join(dir, name)), name);
  const byPrefix = (prefix: string) => files.find((f) => f.startsWith(prefix)) as string;

  it('finds the nine exports', () => {
    expect(files).toHaveLength(9);
  });

  it.each(files)('returns every section of %s', (name) => {
    const bytes = readFileSync(join(dir, name));
    expect(sniffNanoSight(bytes)).toBe(true);
    const s = readNanoSightExperimentSummary(bytes, name);
    expect(s.notes).toEqual([]);
    expect(s.header.title).toBe('NTA Experiment Summary File');
    expect(s.header.createdWith).toBe('NTA 3.3 - Sample Assistant Dev Build 3.3.203');
    expect(Object.keys(s.experimentDetails)).toEqual([
      'Software Version',
      'Experiment Name',
      'Operator Name',
      'Time Captured',
      'Sample Description',
      'Pre-treatment',
      'Diluent',
      'Remarks',
    ]);
    expect(s.videos).toHaveLength(5);
    expect(s.videoFileNames).toHaveLength(5);
    expect(s.conditions?.rows.map((r) => r.key)).toHaveLength(12);
    expect(s.settings?.rows).toHaveLength(7);
    expect(s.exclusionRegions).toEqual({ used: false, rows: [['No Exclusion Regions Used']] });
    expect(s.results.map((r) => r.key)).toHaveLength(8);
    expect(s.concentrationWarnings).toHaveLength(7);
    expect(s.information).toHaveLength(9);
    expect(s.status).toHaveLength(16);
    expect(s.dataIncluded).toHaveLength(6);
    for (const section of [s.sizeData, s.diffusionCoefficientData]) {
      expect(section?.analysisMethod).toBe('FTLA');
      for (const block of [section?.number, section?.surfaceArea, section?.volume]) {
        expect(block?.binCenters).toHaveLength(1000);
        expect(block?.perVideo).toHaveLength(5);
        expect(block?.average).toHaveLength(1000);
        expect(block?.standardError).toHaveLength(1000);
        expect(block?.statistics.perVideo).toHaveLength(5);
        expect(block?.statistics.average?.mean).not.toBeNull();
        expect(block?.validTracks).toHaveLength(5);
        expect(block?.percentiles?.percent).toEqual(Array.from({ length: 101 }, (_, i) => i));
        expect(block?.percentiles?.perVideo).toHaveLength(5);
      }
    }
    expect(s.sizeData.number?.binCenters[0]).toBe(0.5);
    expect(s.sizeData.number?.binCenters[999]).toBe(999.5);
    expect(s.diffusionCoefficientData?.number?.binCenters[0]).toBe(2);
    expect(s.diffusionCoefficientData?.number?.binCenters[999]).toBe(3998);
    expect(s.sizeDistributions.surfaceArea?.unit).toBe('nm²/mL');
    expect(s.sizeDistributions.volume?.unit).toBe('nm³/mL');
  });

  it('spot-checks EMT1 d200 against values read from the file', () => {
    const s = readRef(byPrefix('EMT1 d200'));
    expect(s.sample).toEqual({
      software: 'NTA 3.3 - Sample Assistant Dev Build 3.3.203',
      experimentName: 'EMT1 d200 2021-04-01 15-42-48.nano',
      operator: 'MG',
      capturedAt: '2021-04-01T15:42:48',
      sampleDescription: 'd200',
      pretreatment: null,
      diluent: 'pbs',
      remarks: null,
    });
    expect(s.timeCapturedRaw).toBe('15:42:48  01/04/2021');
    const v1 = s.videos[0];
    expect(v1?.name).toBe('EMT1 d200 2021-04-01 15-43-10');
    expect(v1?.conditions).toEqual({
      temperatureC: 26.677,
      viscosityCP: 0.855745,
      cameraType: 'sCMOS',
      laserType: 'Unknown',
      cameraLevel: 16,
      shutterMs: 32.5,
      frameRateFps: 24.9825,
    });
    expect(v1?.results).toEqual({
      dilutionFactor: null,
      concentrationPerMl: 2.08e8,
      particlesPerFrame: 22.7,
      centresPerFrame: 24.3,
      completedTracks: 4204,
      validTracks: 1353,
      driftXPixPerFrame: 3.2,
      driftYPixPerFrame: -0,
    });
    expect(s.videos[4]?.conditions.temperatureC).toBe(26.845);
    expect(s.average.concentrationPerMl).toEqual({ value: 2.16e8, standardError: 1.01e7 });
    expect(s.average.particlesPerFrame).toEqual({ value: 22.3, standardError: 0.8 });
    expect(s.conditions?.sliderShutter).toEqual([1300, 1300, 1300, 1300, 1300]);
    expect(s.settings?.maxJumpDistance).toEqual([15.4129, 16.9359, 15.8479, 16.446, 16.6567]);
    expect(s.settings?.totalFramesAnalysed[0]).toBe(1498);
    expect(s.settings?.blur[0]).toBe('Auto');
    expect(s.results.find((r) => r.key === 'Concentration Upgrade?')?.perVideo).toEqual([
      'Yes',
      'Yes',
      'Yes',
      'Yes',
      'Yes',
    ]);
    expect(s.status.find((r) => r.item === 'Vibration detected')?.perVideo).toEqual([
      'Minor vibration',
      'No',
      'Minor vibration',
      'Minor vibration',
      'Minor vibration',
    ]);
    const number = s.sizeData.number;
    expect(number?.statistics.perVideo[0]).toEqual({
      mean: 92.0,
      mode: 61.5,
      sd: 48.9,
      d10: 59.6,
      d50: 72.7,
      d90: 153.7,
    });
    expect(number?.statistics.average).toEqual({
      mean: 87.9,
      mode: 61.7,
      sd: 46.9,
      d10: 57.7,
      d50: 72.5,
      d90: 134.3,
    });
    expect(number?.statistics.standardError?.d90).toBe(7.2);
    expect(number?.validTracks).toEqual([1353, 1591, 1198, 1431, 1396]);
    expect(number?.binCenters[46]).toBe(46.5);
    expect(number?.perVideo.map((v) => v[46])).toEqual([16, 425780, 172520, 53140, 162]);
    expect(number?.average?.[46]).toBe(130324);
    expect(number?.standardError?.[46]).toBe(80298);
    expect(number?.percentiles?.perVideo[0]?.[50]).toBe(72.7);
    expect(number?.percentiles?.perVideo[4]?.[100]).toBe(263.0);
    expect(s.sizeData.surfaceArea?.statistics.perVideo[0]?.mean).toBe(161.7);
    expect(s.sizeData.volume?.statistics.perVideo[4]?.d90).toBe(241.0);
    expect(s.sizeData.volume?.perVideo[0]?.[81]).toBe(585672437345);
    const diffusion = s.diffusionCoefficientData;
    expect(diffusion?.number?.binUnit).toBe('E4 nm²/s');
    expect(diffusion?.number?.statistics.perVideo[0]).toEqual({
      mean: 651.7,
      mode: 827.8,
      sd: 197.9,
      d10: 334.2,
      d50: 705.4,
      d90: 862.2,
    });
    expect(diffusion?.number?.perVideo[1]?.[27]).toBe(5723); // bin 110.0
    expect(diffusion?.volume?.percentiles?.perVideo[1]?.[100]).toBe(2288.0);
  });

  it('reads the all-zero video of MPC 28 Stretch d200 as written (0.0 placeholders, zero bins)', () => {
    const s = readRef(byPrefix('MPC 28 Stretch d200'));
    expect(s.videos[0]?.results.concentrationPerMl).toBe(0);
    expect(s.videos[0]?.results.completedTracks).toBe(0);
    expect(s.sizeDistributions.number.perVideo[0]?.every((x) => x === 0)).toBe(true);
    expect(s.sizeData.number?.statistics.perVideo[0]?.mean).toBe(0);
    expect(s.status.find((r) => r.item === 'Validity of concentration measurement')?.perVideo[0]).toBe(
      'Unreliable',
    );
    expect(
      s.status.find((r) => r.group === 'Information' && r.item === 'Completed Tracks')?.perVideo[0],
    ).toBe('<100');
  });
});
