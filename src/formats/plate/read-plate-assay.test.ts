import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { analysePlateAssay } from '../../science/assay/analyse-plate-assay.ts';
import { FormatError } from '../format-error.ts';
import { detectPlateFormat, readPlateAssay } from './read-plate-assay.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describeWithReference('assay', 'SoftMax Pro export (real ELISA, softmax-Assay_2.txt)', () => {
  const bytes = readFileSync(referencePath('assay', 'softmax-Assay_2.txt'));
  const record = readPlateAssay(bytes, 'softmax-Assay_2.txt');

  it('reads the plate block, the groups, Masked wells and the two-wavelength reduction', () => {
    expect(detectPlateFormat(bytes)).toBe('softmax');
    expect(record.format).toBe('softmax-pro');
    expect(record.concentrationUnit).toBe('pg/mL');
    expect(record.responseLabel).toBe('A450 − A620');
    const standards = record.wells.filter((w) => w.role === 'standard');
    expect(standards).toHaveLength(24);
    expect(standards.filter((w) => w.masked).map((w) => w.well)).toEqual(['C1', 'E1', 'F1', 'G2']);
    // A1: 2.2416 − 0.0372 at 450/620 nm; SoftMax prints Value 2.204.
    expect(standards[0]?.response).toBeCloseTo(2.2044, 10);
    expect(record.notes.filter((n) => n.includes('differs'))).toEqual([]);
    const p1 = record.wells.filter((w) => w.id === 'P1');
    expect(p1.map((w) => [w.well, w.dilution, w.masked])).toEqual([
      ['B4', 10, false],
      ['B5', 10, false],
      ['B6', 10, true],
    ]);
    expect(record.wells.filter((w) => w.role === 'control')).toHaveLength(3);
  });

  it("a 4PL fit reproduces SoftMax Pro's BackCalcConc within 1 % on every standard it reports", () => {
    const report = analysePlateAssay(record, { model: '4pl' });
    expect(report.fitTo).toBe('means');
    expect(report.instrumentComparison).toHaveLength(19);
    for (const c of report.instrumentComparison) {
      expect(c.evlab, c.well ?? '').not.toBeNull();
      expect(Math.abs(c.differencePct ?? 99), `${c.well} ${c.instrument} vs ${c.evlab}`).toBeLessThan(1);
    }
  });

  it("dilution-corrected results equal SoftMax's AdjResult (mean of well results × Dilution) within 1 %", () => {
    const report = analysePlateAssay(record, { model: '4pl' });
    const adjusted = record.instrument?.adjustedResults ?? [];
    expect(adjusted.length).toBe(15);
    for (const a of adjusted) {
      const sample = report.samples.find((s) => s.id === a.id);
      const wells = (sample?.wellConcentrations ?? []).filter((v): v is number => v !== null);
      const mean = wells.reduce((s, v) => s + v, 0) / wells.length;
      expect(Math.abs(mean - (a.adjResult as number)) / (a.adjResult as number), a.id).toBeLessThan(0.01);
    }
    const p10 = report.samples.find((s) => s.id === 'P10');
    expect(p10?.dilution).toBe(10);
    expect(p10?.ciLow).toBeLessThan(p10?.concentration as number);
    expect(p10?.ciHigh).toBeGreaterThan(p10?.concentration as number);
  });
});

describe('long CSV plates', () => {
  const csv = [
    'type,id,concentration (µg/mL),response,dilution',
    'blank,blank,,0.095,',
    'blank,blank,,0.097,',
    ...[0, 125, 250, 500, 750, 1000, 1500, 2000].flatMap((c) => [
      `standard,S${c},${c},${(0.096 + 0.00105 * c).toFixed(4)},`,
      `standard,S${c},${c},${(0.096 + 0.00102 * c).toFixed(4)},`,
    ]),
    'sample,EV-1,,0.411,2',
    'sample,EV-1,,0.421,2',
    'sample,EV-2,,masked,1',
    'sample,EV-2,,2.95,1',
  ].join('\r\n');

  it('reads roles, units, masked cells and dilutions; blank subtraction and dilution correction apply', () => {
    const record = readPlateAssay(enc(csv), 'bca.csv');
    expect(record.format).toBe('long-csv');
    expect(record.concentrationUnit).toBe('µg/mL');
    const report = analysePlateAssay(record, { model: 'linear' });
    expect(report.blank).toEqual({ wells: 2, meanResponse: 0.096 });
    // After subtracting 0.096 the line passes (nearly) through the origin with slope ≈ 0.001035.
    expect(report.parameters.intercept).toBeCloseTo(0, 2);
    expect(report.parameters.slope).toBeCloseTo(0.001035, 5);
    const ev1 = report.samples.find((s) => s.id === 'EV-1');
    expect(ev1?.replicates).toBe(2);
    expect(ev1?.concentration).toBeCloseTo(((0.416 - 0.096) / 0.001035) * 2, -1);
    const ev2 = report.samples.find((s) => s.id === 'EV-2');
    expect(ev2?.replicates).toBe(1);
    expect(ev2?.flags).toContain('above-standards');
  });

  it('names the line of a bad number, an unknown type and NaN', () => {
    const bad = (body: string) => () =>
      readPlateAssay(enc(`type,id,concentration,response\n${body}`), 'x.csv');
    expect(bad('standard,S1,abc,0.1')).toThrow(/x\.csv, line 2.*concentration/);
    expect(bad('standard,S1,1,0.1\nreagent,R,,0.1')).toThrow(/line 3.*reagent/);
    expect(bad('standard,S1,1,NaN')).toThrow(FormatError);
    expect(bad('standard,S1,1,Infinity')).toThrow(/not a finite number/);
    expect(() => readPlateAssay(enc('hello\nworld'), 'x.csv')).toThrow(/not a plate export/);
  });
});

describe('plate grid with a plate map (synthetic 96-well BCA, written by this test)', () => {
  const cols = Array.from({ length: 12 }, (_, i) => i + 1);
  const standards = [0, 25, 125, 250, 500, 750, 1000, 1500];
  const rows = 'ABCDEFGH'.split('');
  const response = (c: number) => 0.1 + 0.0011 * c - 1.2e-7 * c * c;
  const respGrid = rows.map((r, i) => {
    const cells = cols.map((c) => {
      if (c <= 2) return (response(standards[i] as number) + 0.05).toFixed(4);
      if (c === 3 && i < 2) return '0.0500';
      if (c === 4) return (response(600) + 0.05).toFixed(4);
      return '';
    });
    return `${r},${cells.join(',')}`;
  });
  const mapGrid = rows.map((r, i) => {
    const cells = cols.map((c) => {
      if (c <= 2) return `std:${standards[i]}`;
      if (c === 3 && i < 2) return 'blank';
      if (c === 4) return i === 7 ? 'masked:sample:EV-A:5' : 'sample:EV-A:5';
      return '';
    });
    return `${r},${cells.join(',')}`;
  });
  const text = [
    'Responses',
    `,${cols.join(',')}`,
    ...respGrid,
    '',
    'Plate map (µg/mL)',
    `,${cols.join(',')}`,
    ...mapGrid,
  ].join('\n');

  it('maps wells to roles and fits a quadratic that recovers the sample', () => {
    const bytes = enc(text);
    expect(detectPlateFormat(bytes)).toBe('grid');
    const record = readPlateAssay(bytes, 'plate.csv');
    expect(record.concentrationUnit).toBe('µg/mL');
    expect(record.wells.filter((w) => w.role === 'standard')).toHaveLength(16);
    expect(record.wells.filter((w) => w.masked).map((w) => w.well)).toEqual(['H4']);
    const report = analysePlateAssay(record, { model: 'quadratic' });
    const ev = report.samples.find((s) => s.id === 'EV-A');
    expect(ev?.replicates).toBe(7);
    // The blank (0.05) is subtracted from standards and samples alike.
    expect(ev?.measuredConcentration).toBeCloseTo(600, 1);
    expect(ev?.concentration).toBeCloseTo(3000, 0);
  });

  it('rejects a map cell it does not understand, naming the line', () => {
    const broken = text.replace('sample:EV-A:5', 'reagent');
    expect(() => readPlateAssay(enc(broken), 'plate.csv')).toThrow(
      /plate\.csv, line \d+: well A4: "reagent"/,
    );
  });
});

describe('SoftMax Pro damage', () => {
  it('a truncated plate block and a non-time layout are typed errors', () => {
    expect(() =>
      readPlateAssay(enc('##BLOCKS= 1\r\nPlate:\tP\t1.3\tTimeFormat\r\n\tT\tA1\r\n\t24\t0.1\r\n'), 's.txt'),
    ).toThrow(/without "~End"/);
    expect(() =>
      readPlateAssay(enc('##BLOCKS= 1\r\nPlate:\tP\t1.3\tPlateFormat\r\n~End\r\n'), 's.txt'),
    ).toThrow(/Time \(column\) format/);
  });
});
