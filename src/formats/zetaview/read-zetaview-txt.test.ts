/**
 * ZetaView reader tests. No real ZetaView file is in ../shared/reference and none could be found in the
 * searchable public code index, so the fixtures here are evlab's own synthetic files (write-zetaview-txt.ts)
 * in the published 8.05/8.06 layout: header `Key:<TAB>value` lines with the multi-pair traces/dilution line,
 * `Size Distribution`, linear bins, the `-1.000E+0` separator, logarithmic bins; Latin-1, CRLF.
 */
import { describe, expect, it } from 'vitest';
import { analyseZetaView } from '../../science/zetaview/analyse-zetaview.ts';
import { FormatError } from '../format-error.ts';
import { headerPairs, readZetaViewTxt, sniffZetaView } from './read-zetaview-txt.ts';
import { syntheticZetaViewBins, writeZetaViewTxt } from './write-zetaview-txt.ts';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const linear = syntheticZetaViewBins({ medianNm: 110, geometricSd: 1.4, traces: 2000 });
const log = syntheticZetaViewBins({ medianNm: 110, geometricSd: 1.4, traces: 2000, bins: 33, log: true });

function expectFormatError(fn: () => unknown, code: string, line?: number): FormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    const e = error as FormatError;
    expect(e.code).toBe(code);
    if (line !== undefined) expect(e.line).toBe(line);
    return e;
  }
  throw new Error('expected a FormatError');
}

describe('headerPairs', () => {
  it('splits the multi-pair line of the issue (traces, particles per frame, dilution with "::")', () => {
    const pairs = headerPairs(
      'Number of Traces:\t630 (at 0.099990) Average Number of Particles:\t30.6 Dilution::\t500.000000',
    );
    expect(pairs).toEqual([
      { key: 'Number of Traces', value: '630 (at 0.099990)' },
      { key: 'Average Number of Particles', value: '30.6' },
      { key: 'Dilution', value: '500.000000' },
    ]);
  });
  it('does not read SetTemperature as Temperature, or General Remarks as Remarks', () => {
    expect(headerPairs('TempControl:\toff\tSetTemperature:\t25.00').map((p) => p.key)).toEqual([
      'TempControl',
      'SetTemperature',
    ]);
    expect(headerPairs('General Remarks:\tnone').map((p) => p.key)).toEqual(['General Remarks']);
  });
});

describe('readZetaViewTxt — size files (synthetic fixtures in the 8.06 / 8.05 layout)', () => {
  const bytes806 = writeZetaViewTxt({ linearBins: linear, logBins: log, dilution: 500, numberOfTraces: 630 });
  const bytes805 = writeZetaViewTxt({
    linearBins: linear,
    logBins: log,
    dilution: 500,
    numberOfTraces: 630,
    decimalComma: true,
    softwareVersion: '8.05.12 SP2',
  });

  it('reads header, linear and logarithmic tables', () => {
    const r = readZetaViewTxt(bytes806, 'sample_size_488.txt');
    expect(r.kind).toBe('size');
    expect(r.header.dilution).toBe(500);
    expect(r.header.numberOfTraces).toBe(630);
    expect(r.header.averageParticlesPerFrame).toBe(30.6);
    expect(r.header.temperatureC).toBe(24.2);
    expect(r.header.softwareVersion).toBe('8.06.01');
    expect(r.linearBins).toHaveLength(linear.length);
    expect(r.logBins).toHaveLength(33);
    expect(r.linearBins[0]?.sizeNm).toBe(2.5);
    expect(sniffZetaView(bytes806)).toBe(true);
  });

  it('8.05 decimal-comma files give the same numbers as 8.06 decimal-point files', () => {
    const a = analyseZetaView(readZetaViewTxt(bytes806, 'a.txt'), 'a.txt');
    const b = analyseZetaView(readZetaViewTxt(bytes805, 'b.txt'), 'b.txt');
    expect(readZetaViewTxt(bytes805, 'b.txt').header.decimalComma).toBe(true);
    expect(b.number).toEqual(a.number);
    expect(b.volume).toEqual(a.volume);
    expect(b.concentrationPerMl).toBe(a.concentrationPerMl);
    expect(b.dilution).toBe(500);
  });

  it('concentration is the sum of the Concentration column; original = × dilution', () => {
    const report = analyseZetaView(readZetaViewTxt(bytes806, 'a.txt'), 'a.txt');
    const sum = linear.reduce((s, b) => s + Number(b.concentrationPerMl.toExponential(3)), 0);
    expect(report.concentrationPerMl).toBeCloseTo(sum, 0);
    expect(report.originalConcentrationPerMl).toBeCloseTo(sum * 500, -2);
    expect(report.concentrationText).toBe('5.0E+7'); // 2000 traces × 2.5e4 per trace
    expect(report.originalConcentrationText).toBe('2.5E+10');
    // a log-normal with median 110 nm, σg 1.4: X50 close to 110 nm, X10 < X50 < X90, volume median larger
    expect(report.number.d50Nm as number).toBeGreaterThan(105);
    expect(report.number.d50Nm as number).toBeLessThan(115);
    expect(report.volume.d50Nm as number).toBeGreaterThan(report.number.d50Nm as number);
    expect(report.flags.map((f) => f.code)).toContain('few-traces');
  });

  it('a missing dilution is flagged, not invented', () => {
    const report = analyseZetaView(
      readZetaViewTxt(writeZetaViewTxt({ linearBins: linear, dilution: null }), 'x.txt'),
      'x.txt',
    );
    expect(report.dilution).toBeNull();
    expect(report.originalConcentrationPerMl).toBeNull();
    expect(report.flags.map((f) => f.code)).toContain('dilution-not-recorded');
  });

  it('malformed input: a named FormatError with line numbers', () => {
    const text = new TextDecoder('latin1').decode(bytes806);
    const lines = text.split('\r\n');
    const first = lines.findIndex((l) => l.startsWith('Size / nm')) + 1;
    const bad = [...lines];
    bad[first + 3] = 'NaN\t1\t2\t3\t4';
    const e = expectFormatError(
      () => readZetaViewTxt(latin1(bad.join('\r\n')), 'bad.txt'),
      'malformed-number',
      first + 4,
    );
    expect(e.message).toContain('bad.txt');
    const inf = [...lines];
    inf[first + 2] = '1.750E+1\tInfinity\t0\t0\t0';
    expectFormatError(
      () => readZetaViewTxt(latin1(inf.join('\r\n')), 'inf.txt'),
      'malformed-number',
      first + 3,
    );
    expectFormatError(() => readZetaViewTxt(new Uint8Array(0), 'e.txt'), 'empty-file');
    expectFormatError(
      () => readZetaViewTxt(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1]), 'r.pdf'),
      'binary-content',
    );
    expectFormatError(
      () => readZetaViewTxt(latin1('Sample:\tx\r\nSize Distribution\r\n'), 't.txt'),
      'missing-section',
    );
    expectFormatError(
      () => readZetaViewTxt(latin1('Operator:\tme\r\nnothing else\r\n'), 'n.txt'),
      'missing-section',
    );
  });

  it('reads Latin-1 characters in the sample name (µ, °)', () => {
    const bytes = writeZetaViewTxt({ linearBins: linear, sample: 'MSC-EV 0.2 µm °C' });
    expect(readZetaViewTxt(bytes, 'l.txt').header.sample).toBe('MSC-EV 0.2 µm °C');
  });
});

describe('readZetaViewTxt — positions and zeta files are their own kinds', () => {
  const positions = Array.from({ length: 11 }, (_, i) => ({
    position: i + 1,
    concentrationPerMl: (4 + (i % 3)) * 1e7,
    x50Nm: 100 + i,
    particles: 180 + i,
    removed: i === 3 || i === 9,
  }));
  it('reads the _11pos table with removed positions', () => {
    const r = readZetaViewTxt(writeZetaViewTxt({ positions }), 'S1_11pos_488.txt');
    expect(r.kind).toBe('positions');
    expect(r.positions).toHaveLength(11);
    expect(r.positions.filter((p) => p.removed).map((p) => p.position)).toEqual([4, 10]);
    expect(r.positions[0]).toEqual({
      position: 1,
      concentrationPerMl: 4e7,
      x50Nm: 100,
      particles: 180,
      removed: false,
    });
    const report = analyseZetaView(r, 'S1_11pos_488.txt');
    expect(report.kind).toBe('positions');
    expect(report.number.d50Nm).toBeNull();
  });
  it('a _prof_ file is kind "zeta", never read as a size distribution', () => {
    const bytes = writeZetaViewTxt({ linearBins: linear, zetaPotentialMv: -23.5 });
    const r = readZetaViewTxt(bytes, 'S1_prof_ZP_488.txt');
    expect(r.kind).toBe('zeta');
    expect(r.linearBins).toEqual([]);
    expect(r.zetaPotentialMv).toEqual([-23.5]);
    const report = analyseZetaView(r, 'S1_prof_ZP_488.txt');
    expect(report.concentrationPerMl).toBeNull();
    expect(report.flags.map((f) => f.code)).toContain('zeta-potential-file');
  });
});
