import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { readNpy } from '../../../test/support/read-npy.ts';
import { FormatError } from '../format-error.ts';
import { fcsColumnsValues, fcsColumnValues } from './fcs-scaled-values.ts';
import { readFcs } from './read-fcs.ts';
import { writeFcs } from './write-fcs.ts';

const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

describeWithReference('fcs', 'FCS reader on the FlowIO reference files', () => {
  const dir = referencePath('fcs', 'flowio');

  it('parses every file in the reference folder', () => {
    const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.fcs'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const file = readFcs(bytesOf(`${dir}/${f}`), f);
      const d = file.datasets[0];
      expect(d?.eventCount, f).toBeGreaterThan(0);
      for (let i = 0; i < (d?.parameters.length ?? 0); i++) {
        expect(d?.events.column(i).length, f).toBe(d?.eventCount);
      }
    }
  });

  it('data1.fcs equals the truth arrays: raw exactly, scaled to float64 rounding', () => {
    const d = readFcs(bytesOf(`${dir}/data1.fcs`), 'data1.fcs').datasets[0];
    if (!d) throw new Error('no data set');
    const original = readNpy(bytesOf(referencePath('fcs', 'truth', 'data1_original_events.npy')));
    const preprocessed = readNpy(bytesOf(referencePath('fcs', 'truth', 'data1_preprocessed.npy')));
    expect(original.shape).toEqual([d.eventCount, d.parameters.length]);
    const raw = fcsColumnsValues(d, 'raw');
    const scaled = fcsColumnsValues(d, 'scaled');
    let rawDiffs = 0;
    let worstScaled = 0;
    let exactScaled = 0;
    const p = d.parameters.length;
    for (let e = 0; e < d.eventCount; e++) {
      for (let i = 0; i < p; i++) {
        if ((raw[i] as Float64Array)[e] !== original.data[e * p + i]) rawDiffs++;
        const a = (scaled[i] as Float64Array)[e] as number;
        const t = preprocessed.data[e * p + i] as number;
        if (a === t) exactScaled++;
        else worstScaled = Math.max(worstScaled, Math.abs(a - t) / Math.abs(t));
      }
    }
    expect(rawDiffs).toBe(0);
    // 10^x in V8 and in the C library may differ in the last bit: at most one unit in the last place.
    expect(worstScaled).toBeLessThanOrEqual(Number.EPSILON);
    expect(exactScaled).toBeGreaterThan(0.9 * d.eventCount * p);
  });

  it('reads the documented details of each file', () => {
    const aria = readFcs(bytesOf(`${dir}/100715.fcs`), '100715.fcs').datasets[0];
    expect(aria?.version).toBe('2.0');
    expect(aria?.dataType).toBe('F');
    expect(aria?.byteOrder).toBe('big-endian');
    expect(aria?.spillover?.keyword).toBe('SPILL');
    expect(aria?.spillover?.parameters).toHaveLength(13);
    expect(aria?.spillover?.matrix[0]?.[0]).toBe(1);
    expect(aria?.timestep).toBe(0.08);
    const facscan = readFcs(bytesOf(`${dir}/3FITC_4PE_004.fcs`), '3FITC.fcs').datasets[0];
    expect(facscan?.parameters[2]?.amplification).toEqual([4, 1]); // "$P3E 4,0" read as 4,1
    expect(facscan?.eventCount).toBe(94569);
    const g11 = readFcs(bytesOf(`${dir}/G11.fcs`), 'G11.fcs');
    expect(g11.version).toBe('3.1');
    expect(g11.datasets[0]?.byteOrder).toBe('little-endian');
    expect(g11.datasets[0]?.parameters[5]?.label).toBe('Alexa Fluor™ 405-A');
    expect(g11.datasets[0]?.keywords.$P3F).toBe('488/10'); // "488//10": escaped delimiter
    const variable = readFcs(bytesOf(`${dir}/variable_int_example.fcs`), 'v.fcs').datasets[0];
    expect(variable?.parameters.map((q) => q.bits)).toContain(32);
    expect(variable?.parameters.map((q) => q.bits)).toContain(16);
    expect(variable?.events.matrix).toBeNull(); // mixed widths → records (FcsRecords), not one matrix
    expect(variable?.events.records?.recordBytes).toBe(54);
    // The 3.0 file's TEXT offsets are zero-padded: $BEGINDATA 00006081.
    expect(variable?.dataSegment.begin).toBe(6081);
  });
});

// ---------- synthetic files (made here, byte by byte) ----------

interface Synthetic {
  version?: string;
  delimiter?: string;
  keywords: [string, string][];
  data: Uint8Array;
  /** Override the HEADER DATA offsets (default: the true ones). */
  headerData?: [number, number];
  /** Put $BEGINDATA/$ENDDATA into TEXT (default true for 3.x). */
  textOffsets?: boolean | [number, number];
  nextData?: number;
}

function synth(s: Synthetic): Uint8Array {
  const d = s.delimiter ?? '/';
  const esc = (v: string) => v.replaceAll(d, d + d);
  const version = s.version ?? '3.1';
  const withText = s.textOffsets ?? !version.startsWith('2');
  const build = (dataBegin: number) => {
    const kws = [...s.keywords];
    if (withText) {
      const [b, e] = typeof withText === 'object' ? withText : [dataBegin, dataBegin + s.data.length - 1];
      kws.push(['$BEGINDATA', String(b).padStart(10, '0')], ['$ENDDATA', String(e).padStart(10, '0')]);
    }
    if (s.nextData !== undefined) kws.push(['$NEXTDATA', String(s.nextData).padStart(10, '0')]);
    return new TextEncoder().encode(d + kws.map(([k, v]) => `${esc(k)}${d}${esc(v)}${d}`).join(''));
  };
  let text = build(0);
  text = build(58 + text.length);
  const dataBegin = 58 + text.length;
  const [hb, he] = s.headerData ?? [dataBegin, dataBegin + s.data.length - 1];
  const f = (n: number) => String(n).padStart(8, ' ');
  const header = `FCS${version}    ${f(58)}${f(58 + text.length - 1)}${f(hb)}${f(he)}${f(0)}${f(0)}`;
  const out = new Uint8Array(dataBegin + s.data.length);
  out.set(new TextEncoder().encode(header));
  out.set(text, 58);
  out.set(s.data, dataBegin);
  return out;
}

function params(bits: number[], extra: (n: number) => [string, string][] = () => []): [string, string][] {
  const out: [string, string][] = [['$PAR', String(bits.length)]];
  bits.forEach((b, i) => {
    out.push(
      [`$P${i + 1}N`, `P${i + 1}`],
      [`$P${i + 1}B`, String(b)],
      [`$P${i + 1}R`, String(2 ** Math.min(b, 32))],
    );
    out.push(...extra(i + 1));
  });
  return out;
}

function catchFormatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

describe('FCS reader on synthetic files (made in this test)', () => {
  it('refuses a file without $TOT whose DATA end lies before its begin (fuzz finding, issue 10)', () => {
    // found by bench/fuzz-readers.bench.ts: the event count derived from a negative DATA length was
    // negative and `new Float32Array(-44)` threw a RangeError instead of a FormatError
    for (const [widths, type] of [
      [[32, 32], 'F'],
      [[16, 24], 'I'],
    ] as const) {
      const file = synth({
        keywords: [['$BYTEORD', '1,2,3,4'], ['$DATATYPE', type], ['$MODE', 'L'], ...params([...widths])],
        data: new Uint8Array(16),
        textOffsets: [352, 6],
      });
      const error = catchFormatError(() => readFcs(file, 'negative.fcs'));
      expect(error.code).toBe('inconsistent-columns');
      expect(error.file).toBe('negative.fcs');
    }
  });

  it('reads mixed 8/16/24/32/64-bit integers in both byte orders', () => {
    const widths = [8, 16, 24, 32, 64];
    const values = [
      [200, 60000, 0xabcdef, 0xdeadbeef, 2 ** 40 + 7],
      [1, 2, 3, 4, 5],
    ];
    for (const order of ['little', 'big'] as const) {
      const bytes: number[] = [];
      for (const row of values) {
        row.forEach((v, i) => {
          const w = (widths[i] as number) / 8;
          const le: number[] = [];
          let x = BigInt(v);
          for (let k = 0; k < w; k++) {
            le.push(Number(x & 0xffn));
            x >>= 8n;
          }
          bytes.push(...(order === 'little' ? le : le.reverse()));
        });
      }
      const file = synth({
        keywords: [
          ['$BYTEORD', order === 'little' ? '1,2,3,4' : '4,3,2,1'],
          ['$DATATYPE', 'I'],
          ['$MODE', 'L'],
          ['$TOT', '2'],
          ...params(widths),
        ],
        data: new Uint8Array(bytes),
      });
      const d = readFcs(file, 'mixed.fcs').datasets[0];
      if (!d) throw new Error('no data set');
      for (let i = 0; i < widths.length; i++) {
        expect(Array.from(fcsColumnValues(d, i, 'raw'))).toEqual(values.map((r) => r[i]));
      }
    }
  });

  it('masks integers with $PnR, applies $PnE (f2 = 0 → 1), $PnG and $TIMESTEP in the scaled view', () => {
    const data = new Uint8Array(new Uint16Array([0xfc00 | 512, 100, 50, 0x0400 | 10]).buffer); // LE host
    const file = synth({
      keywords: [
        ['$BYTEORD', '1,2'],
        ['$DATATYPE', 'I'],
        ['$TOT', '1'],
        ['$PAR', '4'],
        ['$TIMESTEP', '0.01'],
        ['$P1N', 'FL1-H'],
        ['$P1B', '16'],
        ['$P1R', '1024'],
        ['$P1E', '4,0'],
        ['$P2N', 'FSC-H'],
        ['$P2B', '16'],
        ['$P2R', '1024'],
        ['$p2g', '4'], // lower-case keyword: keywords are case-insensitive
        ['$P3N', 'TIME'],
        ['$P3B', '16'],
        ['$P3R', '1024'],
        ['$P4N', 'X'],
        ['$P4B', '16'],
        ['$P4R', '1000'],
      ],
      data,
    });
    const d = readFcs(file, 'scale.fcs').datasets[0];
    if (!d) throw new Error('no data set');
    expect(d.parameters[0]?.amplification).toEqual([4, 1]);
    expect(fcsColumnValues(d, 0, 'raw')[0]).toBe(512); // high bits masked off (range 1024 → 10 bits)
    expect(fcsColumnValues(d, 0, 'scaled')[0]).toBeCloseTo(100, 10); // 10^(4·512/1024) = 100
    expect(fcsColumnValues(d, 1, 'scaled')[0]).toBe(25);
    expect(fcsColumnValues(d, 2, 'scaled')[0]).toBeCloseTo(0.5, 12);
    expect(fcsColumnValues(d, 3, 'raw')[0]).toBe(10); // $PnR 1000 → mask 1023
  });

  it('scales in FlowIO’s order: time × $TIMESTEP (its $PnG ignored), then log amplification, then gain', () => {
    // FlowIO FlowData.as_array(preprocess=True): time channel × timestep with its gain forced to 1; then, per
    // channel, 10^(f1·x/$PnR)·f2 when f1 > 0 and, independently, x / $PnG when $PnG ∉ {0, 1}.
    const data = new Uint8Array(new Float32Array([300, 512, 2000]).buffer);
    const file = synth({
      keywords: [
        ['$BYTEORD', '1,2,3,4'],
        ['$DATATYPE', 'F'],
        ['$TOT', '1'],
        ['$PAR', '3'],
        ['$TIMESTEP', '0.1'],
        ['$P1N', 'Time'],
        ['$P1B', '32'],
        ['$P1R', '262144'],
        ['$P1G', '0.01'], // a gain on the time channel (common, meaningless): ignored
        ['$P2N', 'FL2-H'],
        ['$P2B', '32'],
        ['$P2R', '1024'],
        ['$P2E', '4,1'],
        ['$P2G', '2'], // gain on a log channel (non-conformant): FlowIO divides after the log decoding
        ['$P3N', 'SSC-A'],
        ['$P3B', '32'],
        ['$P3R', '262144'],
        ['$P3G', '0'], // 0 means no gain
      ],
      data,
    });
    const d = readFcs(file, 'order.fcs').datasets[0];
    if (!d) throw new Error('no data set');
    expect(fcsColumnValues(d, 0, 'scaled')[0]).toBe(Math.fround(300) * 0.1);
    expect(fcsColumnValues(d, 1, 'scaled')[0]).toBe((10 ** ((4 * 512) / 1024) * 1) / 2);
    expect(fcsColumnValues(d, 2, 'scaled')[0]).toBe(2000);
  });

  it('handles any delimiter, doubled-delimiter escapes and HEADER zeros for large files', () => {
    const data = new Uint8Array(new Float32Array([1.5, -2.25]).buffer);
    const file = synth({
      delimiter: '|',
      keywords: [
        ['$BYTEORD', '1,2,3,4'],
        ['$DATATYPE', 'F'],
        ['$TOT', '1'],
        ['$PAR', '2'],
        ['$P1N', 'A|B'],
        ['$P1B', '32'],
        ['$P1R', '1'],
        ['$P2N', 'C'],
        ['$P2B', '32'],
        ['$P2R', '1'],
      ],
      data,
      headerData: [0, 0], // what a writer puts there for DATA beyond byte 99,999,999
    });
    const d = readFcs(file, 'pipe.fcs').datasets[0];
    expect(d?.parameters[0]?.name).toBe('A|B');
    expect(Array.from(d?.events.column(1) ?? [])).toEqual([-2.25]);
    expect(d?.warnings).toEqual([]);
  });

  it('reads parameters numbered from $P0, warns about repeated $PnN, and a TEXT end given as the DATA begin', () => {
    const data = new Uint8Array(new Float32Array([1.25, 2.5, 3.75, 5]).buffer);
    const keywords: [string, string][] = [
      ['$BYTEORD', '1,2,3,4'],
      ['$DATATYPE', 'F'],
      ['$TOT', '2'],
      ['$PAR', '2'],
      ['$P0N', 'FSC-A'],
      ['$P0B', '32'],
      ['$P0R', '1024'],
      ['$P1N', 'SSC-A'],
      ['$P1B', '32'],
      ['$P1R', '1024'],
      ['$P1G', '2'],
    ];
    const zero = readFcs(synth({ keywords, data }), 'p0.fcs').datasets[0];
    expect(zero?.parameters.map((q) => [q.index, q.name, q.gain])).toEqual([
      [1, 'FSC-A', 1],
      [2, 'SSC-A', 2],
    ]);
    expect(Array.from(zero?.events.column(1) ?? [])).toEqual([2.5, 5]);
    expect(zero?.warnings.join(' ')).toMatch(/numbered from \$P0/);

    const twice = keywords.map(([k, v]): [string, string] => [
      k.replace('$P0', '$P2'),
      v === 'SSC-A' ? 'FSC-A' : v,
    ]);
    const dup = readFcs(synth({ keywords: twice, data }), 'dup.fcs').datasets[0];
    expect(dup?.parameters.map((q) => q.name)).toEqual(['FSC-A', 'FSC-A']);
    expect(dup?.warnings).toEqual([
      '$PnN "FSC-A" names parameters 1 and 2; gates and compensation use parameter 1',
    ]);

    // HEADER TEXT end = DATA begin: the first DATA byte (here 0xff, not UTF-8) must not join TEXT.
    const raw = new Uint8Array([0xff, 0, 0, 0x3f, 0, 0, 0x20, 0x40]);
    const file = synth({
      keywords: keywords.map(([k, v]) => [k.replace('$P0', '$P2'), k === '$TOT' ? '1' : v]),
      data: raw,
    });
    const dataBegin = Number(new TextDecoder().decode(file.subarray(26, 34)));
    file.set(new TextEncoder().encode(String(dataBegin).padStart(8, ' ')), 18);
    const shifted = readFcs(file, 'textend.fcs').datasets[0];
    expect(shifted?.warnings).toEqual([
      `the HEADER TEXT end (${dataBegin}) is the DATA begin; TEXT read up to byte ${dataBegin - 1}`,
    ]);
    expect(shifted?.keywords.$P1N).toBe('SSC-A');
    expect(shifted?.eventCount).toBe(1);
  });

  it('matches spillover names given as $PnS labels or parameter numbers to $PnN, with a warning', () => {
    const data = new Uint8Array(new Float32Array([1, 2, 3]).buffer);
    const base: [string, string][] = [
      ['$BYTEORD', '1,2,3,4'],
      ['$DATATYPE', 'F'],
      ['$TOT', '1'],
      ['$PAR', '3'],
      ['$P1N', 'FSC-A'],
      ['$P1B', '32'],
      ['$P1R', '1'],
      ['$P2N', 'FL1-A'],
      ['$P2S', 'CD63 FITC'],
      ['$P2B', '32'],
      ['$P2R', '1'],
      ['$P3N', 'FL2-A'],
      ['$P3S', 'CD81 PE'],
      ['$P3B', '32'],
      ['$P3R', '1'],
    ];
    const read = (spill: string) =>
      readFcs(synth({ keywords: [...base, ['$SPILLOVER', spill]], data }), 's.fcs').datasets[0];
    const byLabel = read('2,CD63 FITC,CD81 PE,1,0.12,0.03,1');
    expect(byLabel?.spillover?.parameters).toEqual(['FL1-A', 'FL2-A']);
    expect(byLabel?.spillover?.matrix).toEqual([
      [1, 0.12],
      [0.03, 1],
    ]);
    expect(byLabel?.warnings.join(' ')).toMatch(/\$PnS labels; matched to \$PnN/);
    expect(read('2,2,3,1,0.1,0,1')?.spillover?.parameters).toEqual(['FL1-A', 'FL2-A']);
    expect(read('2,fl1-a,FL2-A,1,0.1,0,1')?.spillover?.parameters).toEqual(['FL1-A', 'FL2-A']);
    const exact = read('2,FL1-A,FL2-A,1,0.1,0,1');
    expect(exact?.spillover?.parameters).toEqual(['FL1-A', 'FL2-A']);
    expect(exact?.warnings).toEqual([]);
    const unknown = read('2,FL9-A,FL2-A,1,0.1,0,1');
    expect(unknown?.spillover?.parameters).toEqual(['FL9-A', 'FL2-A']);
    expect(unknown?.warnings.join(' ')).toMatch(/"FL9-A", which match no parameter/);
  });

  it('reads a file whose writer left empty values ("$P1S//"), as flowCore does, with a warning', () => {
    const data = new Uint8Array(new Float32Array([7, 8]).buffer);
    const file = synth({
      keywords: [
        ['$BYTEORD', '1,2,3,4'],
        ['$DATATYPE', 'F'],
        ['$COM', ''], // empty: the writer puts "//", which FCS 3.1 reads as an escaped "/"
        ['$TOT', '1'],
        ['$PAR', '2'],
        ['$P1N', 'FSC-A'],
        ['$P1S', ''],
        ['$P1B', '32'],
        ['$P1R', '1024'],
        ['$DATE', '06/12/2026'], // real escapes in a value stay escapes
        ['$P2N', 'CD63-PE'],
        ['$P2B', '32'],
        ['$P2R', '1024'],
      ],
      data,
    });
    const d = readFcs(file, 'empty-values.fcs').datasets[0];
    expect(d?.parameters.map((q) => [q.name, q.label])).toEqual([
      ['FSC-A', null],
      ['CD63-PE', null],
    ]);
    expect(d?.keywords.$DATE).toBe('06/12/2026');
    expect(d?.keywords.$COM).toBe('');
    expect(Array.from(d?.events.column(1) ?? [])).toEqual([8]);
    expect(d?.warnings.join(' ')).toMatch(/2 empty value\(s\) written as a doubled delimiter/);
  });

  it('prefers TEXT offsets for 3.x and falls back to HEADER when TEXT does not fit $TOT', () => {
    const base = {
      keywords: [['$BYTEORD', '1,2,3,4'], ['$DATATYPE', 'F'], ['$TOT', '2'], ...params([32])] as [
        string,
        string,
      ][],
      data: new Uint8Array(new Float32Array([7, 8]).buffer),
    };
    const good = synth(base);
    const d = readFcs(good, 'ok.fcs').datasets[0];
    // Now corrupt the TEXT offsets: the HEADER ones are used, with a warning.
    const bad = synth({ ...base, textOffsets: [10, 2000] });
    const d2 = readFcs(bad, 'disc.fcs').datasets[0];
    expect(Array.from(d2?.events.column(0) ?? [])).toEqual([7, 8]);
    expect(d2?.warnings.join(' ')).toMatch(/differ/);
    expect(Array.from(d?.events.column(0) ?? [])).toEqual([7, 8]);
    // End offset one byte too far: read with a warning.
    const offByOne = synth({ ...base, version: '2.0', headerData: [0, 0], textOffsets: false });
    const view = new TextDecoder().decode(offByOne.subarray(0, 58));
    const begin = Number(view.slice(18, 26)) + 1;
    const patched = synth({ ...base, version: '2.0', headerData: [begin, begin + 8], textOffsets: false });
    const d3 = readFcs(patched, 'obo.fcs').datasets[0];
    expect(Array.from(d3?.events.column(0) ?? [])).toEqual([7, 8]);
    expect(d3?.warnings.join(' ')).toMatch(/one byte/);
  });

  it('reads several data sets chained by $NEXTDATA', () => {
    const one = (v: number, next?: number) =>
      synth({
        keywords: [['$BYTEORD', '1,2,3,4'], ['$DATATYPE', 'F'], ['$TOT', '1'], ...params([32])],
        data: new Uint8Array(new Float32Array([v]).buffer),
        nextData: next ?? 0,
      });
    const firstLen = one(1, 1).length;
    const first = one(1, firstLen);
    const second = one(2);
    const both = new Uint8Array(first.length + second.length);
    both.set(first);
    both.set(second, first.length);
    const file = readFcs(both, 'lmd.fcs');
    expect(file.datasets).toHaveLength(2);
    expect(file.datasets[1]?.byteOffset).toBe(first.length);
    expect(file.datasets[1]?.events.column(0)[0]).toBe(2);
  });

  it('in place: equals the copying read, also when one data set’s DATA holds another whole data set', () => {
    // Data set 2: two big-endian floats. Data set 1: big-endian uint16 whose DATA is all of data set 2, with
    // $NEXTDATA pointing into that DATA. Decoding data set 1 over its bytes would change data set 2's; the
    // reader must see the overlap and copy.
    const inner = synth({
      keywords: [['$BYTEORD', '4,3,2,1'], ['$DATATYPE', 'F'], ['$TOT', '2'], ...params([32])],
      data: new Uint8Array([0x3f, 0xc0, 0, 0, 0xc1, 0x20, 0, 0]), // 1.5, −10
    });
    const second = inner.length % 2 ? Uint8Array.from([...inner, 0]) : inner;
    const outer = (next: number) =>
      synth({
        keywords: [
          ['$BYTEORD', '4,3,2,1'],
          ['$DATATYPE', 'I'],
          ['$TOT', String(second.length / 2)],
          ...params([16]),
        ],
        data: second,
        nextData: next,
      });
    const dataBegin = outer(0).length - second.length; // $NEXTDATA is padded: TEXT has the same length
    const nested = outer(dataBegin);
    const copying = readFcs(nested, 'nested.fcs');
    expect(copying.datasets).toHaveLength(2);
    expect(Array.from(copying.datasets[1]?.events.column(0) ?? [])).toEqual([1.5, -10]);
    const owned = nested.slice();
    const inPlace = readFcs(owned, 'nested.fcs', { inPlace: true });
    copying.datasets.forEach((d, k) => {
      const e = inPlace.datasets[k]?.events;
      expect(Array.from(e?.column(0) ?? []), `data set ${k + 1}`).toEqual(Array.from(d.events.column(0)));
      expect(e?.matrix?.buffer, `data set ${k + 1} copied`).not.toBe(owned.buffer);
    });

    // Two data sets one after the other: both decoded over the caller's bytes, values as the copying read.
    const f32be = (v: number) => {
      const b = new DataView(new ArrayBuffer(4));
      b.setFloat32(0, v, false);
      return new Uint8Array(b.buffer);
    };
    const one = (v: number, next?: number) =>
      synth({
        keywords: [['$BYTEORD', '4,3,2,1'], ['$DATATYPE', 'F'], ['$TOT', '1'], ...params([32])],
        data: f32be(v),
        nextData: next ?? 0,
      });
    const first = one(3.25, one(3.25, 1).length);
    const chained = new Uint8Array(first.length + one(-7).length);
    chained.set(first);
    chained.set(one(-7), first.length);
    const sets = readFcs(chained, 'lmd.fcs', { inPlace: true }).datasets;
    expect(sets.map((d) => d.events.column(0)[0])).toEqual([3.25, -7]);
    for (const d of sets) expect(d.events.matrix?.buffer).toBe(chained.buffer);
  });

  it('refuses ASCII data, corrupt, truncated and header-only files with the byte offset', () => {
    const ascii = synth({
      keywords: [['$BYTEORD', '1,2,3,4'], ['$DATATYPE', 'A'], ['$TOT', '1'], ...params([8])],
      data: new Uint8Array([65]),
    });
    const a = catchFormatError(() => readFcs(ascii, 'a.fcs'));
    expect(a.code).toBe('unsupported-encoding');
    expect(a.message).toMatch(/\$DATATYPE A/);
    expect(a.byteOffset).toBe(58);

    const good = synth({
      keywords: [['$BYTEORD', '1,2,3,4'], ['$DATATYPE', 'F'], ['$TOT', '4'], ...params([32])],
      data: new Uint8Array(16),
    });
    const truncated = catchFormatError(() => readFcs(good.subarray(0, good.length - 5), 't.fcs'));
    expect(truncated.code).toBe('truncated');
    expect(truncated.byteOffset).toBe(good.length - 5);

    const headerOnly = catchFormatError(() => readFcs(good.subarray(0, 58), 'h.fcs'));
    expect(headerOnly.code).toBe('truncated');
    expect(headerOnly.byteOffset).toBe(18);

    const shortHeader = catchFormatError(() => readFcs(good.subarray(0, 30), 's.fcs'));
    expect(shortHeader.code).toBe('truncated');
    expect(shortHeader.byteOffset).toBe(30);

    const corrupt = good.slice();
    corrupt.set(new TextEncoder().encode('12x45678'), 10);
    const c = catchFormatError(() => readFcs(corrupt, 'c.fcs'));
    expect(c.code).toBe('malformed-number');
    expect(c.byteOffset).toBe(10);

    expect(catchFormatError(() => readFcs(new Uint8Array(0), 'e.fcs')).code).toBe('empty-file');
    expect(catchFormatError(() => readFcs(new TextEncoder().encode('hello world'), 'x.fcs')).code).toBe(
      'not-this-format',
    );
  });
});

describe('FCS 3.1 writer (round trip through the reader)', () => {
  it('writes float32 data with added parameters and reads it back unchanged', () => {
    const n = 1000;
    const fsc = new Float32Array(n).map((_, i) => i * 1.25);
    const diameter = new Float32Array(n).map((_, i) => 50 + (i % 300));
    const bytes = writeFcs({
      parameters: [
        { name: 'FSC-A', range: 262144 },
        { name: 'Diameter/nm', label: 'EV diameter (nm)', range: 1000 },
      ],
      columns: [fsc, diameter],
      keywords: { $CYT: 'Test cytometer', $PAR: '99', 'EVLAB CALIBRATION': 'scatter: Mie core-shell' },
    });
    const file = readFcs(bytes, 'written.fcs');
    const d = file.datasets[0];
    expect(file.version).toBe('3.1');
    expect(d?.parameters.map((q) => q.name)).toEqual(['FSC-A', 'Diameter/nm']);
    expect(d?.parameters[1]?.label).toBe('EV diameter (nm)');
    expect(d?.keywords.$CYT).toBe('Test cytometer');
    expect(d?.keywords['EVLAB CALIBRATION']).toBe('scatter: Mie core-shell');
    expect(d?.keywords.$PAR).toBe('2'); // reserved keywords are the writer's
    expect(d?.warnings).toEqual([]);
    expect(Array.from(d?.events.column(0) ?? [])).toEqual(Array.from(fsc));
    expect(Array.from(d?.events.column(1) ?? [])).toEqual(Array.from(diameter));
  });
});
