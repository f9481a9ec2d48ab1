import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { decodeFcsData, type FcsDecodePath, fcsIntegerMasks } from './decode-fcs-data.ts';
import { type FcsColumn, FcsEvents, type FcsParameter } from './fcs-file.ts';
import { fcsSimdKernel, fcsSimdModuleBytes } from './fcs-simd-kernel.ts';
import { readFcs } from './read-fcs.ts';

/** Parameters of one width; `range` sets the $PnR mask (e.g. 1024 → 0x3ff). */
function params(p: number, bits: number, ranges: number[]): FcsParameter[] {
  return Array.from({ length: p }, (_, i) => ({
    index: i + 1,
    name: `P${i + 1}`,
    label: null,
    bits,
    range: ranges[i % ranges.length] as number,
    amplification: [0, 0] as [number, number],
    gain: 1,
  }));
}

/** Encodes values (row-major) into bytes in the given order, placed `shift` bytes into a larger buffer. */
function encode(
  values: number[],
  width: number,
  kind: 'uint' | 'float',
  little: boolean,
  shift: number,
): { bytes: Uint8Array; begin: number } {
  const buf = new ArrayBuffer(shift + values.length * width + 8);
  const view = new DataView(buf);
  values.forEach((v, k) => {
    const at = shift + k * width;
    if (kind === 'float' && width === 4) view.setFloat32(at, v, little);
    else if (kind === 'float') view.setFloat64(at, v, little);
    else if (width === 1) view.setUint8(at, v);
    else if (width === 2) view.setUint16(at, v, little);
    else view.setUint32(at, v, little);
  });
  return { bytes: new Uint8Array(buf), begin: shift };
}

const decode = (
  bytes: Uint8Array,
  begin: number,
  n: number,
  ps: FcsParameter[],
  type: 'I' | 'F' | 'D',
  little: boolean,
  kernel: 'auto' | 'js' = 'js',
) => {
  // The JS paths by default (the path names below are theirs); 'auto' takes the WebAssembly SIMD kernel.
  const trace: { path?: FcsDecodePath } = {};
  const events = decodeFcsData(bytes, begin, n, ps, type, little ? 'little-endian' : 'big-endian', trace, {
    kernel,
  });
  const out: number[] = [];
  for (let e = 0; e < n; e++) for (let i = 0; i < ps.length; i++) out.push(events.value(e, i));
  return { out, path: trace.path, events };
};

/** Reproducible pseudo-random bytes (an LCG): each call continues the sequence of its `seed`. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let state = seed;
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state >>> 16;
    });
}

/** Count of positions that differ (toEqual on 100,000-element arrays is slow). */
function mismatches(a: number[], b: number[]): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

describe('decodeFcsData: zero-copy views and the one-pass swap + mask', () => {
  const n = 7; // odd event count: word pairs straddle events
  for (const p of [3, 4]) {
    for (const little of [true, false]) {
      for (const shift of [0, 1, 2, 4]) {
        it(`16-bit integers, ${p} parameters, ${little ? 'LE' : 'BE'}, data at +${shift}`, () => {
          // Stored values carry flag bits above the 10-bit $PnR 1024 mask on every third value.
          const stored = Array.from(
            { length: n * p },
            (_, k) => ((k * 37) % 1024) | (k % 3 === 0 ? 0xa000 : 0),
          );
          const masks = [1024, 65536, 4096];
          const ps = params(p, 16, masks);
          const expected = stored.map((v, k) => {
            const r = masks[(k % p) % masks.length] as number;
            return r >= 65536 ? v : v & (r - 1);
          });
          const { bytes, begin } = encode(stored, 2, 'uint', little, shift);
          const { out, path } = decode(bytes, begin, n, ps, 'I', little);
          expect(out).toEqual(expected);
          expect(path).not.toBe('view'); // flag bits are set: never a view on them
          // Other byte order: memcpy + native swap, masks applied because flag bits are set.
          if (!little) expect(path).toBe('copy+swap');
          else if (shift % 2 !== 0 || shift === 2) expect(path).toBe('copy+word-pass');
        });
      }
    }
  }

  it('is a view on the caller’s bytes when native order, aligned and within the masks', () => {
    const p = 4;
    const stored = Array.from({ length: 8 * p }, (_, k) => (k * 101) % 1024);
    const { bytes, begin } = encode(stored, 2, 'uint', true, 4);
    const { out, path, events } = decode(bytes, begin, 8, params(p, 16, [1024]), 'I', true);
    expect(out).toEqual(stored);
    expect(path).toBe('view');
    expect(events.matrix?.buffer).toBe(bytes.buffer);
    // Same file, big-endian: a fresh array (memcpy + native byte swap; nothing to mask).
    const be = encode(stored, 2, 'uint', false, 4);
    const b = decode(be.bytes, be.begin, 8, params(p, 16, [1024]), 'I', false);
    expect(b.out).toEqual(stored);
    expect(b.path).toBe('copy+swap');
    expect(b.events.matrix?.buffer).not.toBe(be.bytes.buffer);
  });

  it('32-bit integers with masks, float32 and float64 in both orders and alignments', () => {
    const n32 = 5;
    const stored = Array.from(
      { length: n32 * 3 },
      (_, k) => ((k * 7919) % 262144) | (k % 2 ? 0x80000000 : 0),
    );
    const exp32 = stored.map((v, k) => (k % 3 === 1 ? v >>> 0 : (v & 0x3ffff) >>> 0));
    for (const little of [true, false]) {
      for (const shift of [0, 3, 4]) {
        const e = encode(stored, 4, 'uint', little, shift);
        const ps = params(3, 32, [262144, 2 ** 32, 200000]);
        expect(decode(e.bytes, e.begin, n32, ps, 'I', little).out).toEqual(exp32);
        const floats = stored.map((v) => Math.fround(v / 3 - 1000.25));
        const f = encode(floats, 4, 'float', little, shift);
        const fd = decode(f.bytes, f.begin, n32, params(3, 32, [1]), 'F', little);
        expect(fd.out).toEqual(floats);
        if (little && shift % 4 === 0) expect(fd.path).toBe('view');
        const doubles = stored.map((v) => v / 7 - 1e9);
        for (const s8 of [shift, 8]) {
          const d = encode(doubles, 8, 'float', little, s8);
          const dd = decode(d.bytes, d.begin, n32, params(3, 64, [1]), 'D', little);
          expect(dd.out).toEqual(doubles);
          if (little && s8 === 8) expect(dd.path).toBe('view');
        }
      }
    }
  });

  it('8-bit integers: view when within the mask, masked copy otherwise', () => {
    const stored = Array.from({ length: 30 }, (_, k) => (k * 13) % 256);
    const e = encode(stored, 1, 'uint', true, 1);
    const all = decode(e.bytes, e.begin, 10, params(3, 8, [256]), 'I', true);
    expect(all.out).toEqual(stored);
    expect(all.path).toBe('view');
    const masked = decode(e.bytes, e.begin, 10, params(3, 8, [64]), 'I', false);
    expect(masked.out).toEqual(stored.map((v) => v & 63));
  });

  it('large blocks: one word pass (or memcpy + pass when misaligned), for every width and order', () => {
    const n = 12_001; // odd: the last vector is partial
    for (const p of [3, 8]) {
      const ranges = [1024, 65536, 256];
      const stored = Array.from({ length: n * p }, (_, k) => (k * 7919) % 65536);
      const expected = stored.map((v, k) => {
        const r = ranges[(k % p) % ranges.length] as number;
        return r >= 65536 ? v : v & (r - 1);
      });
      for (const little of [true, false]) {
        for (const shift of [0, 3]) {
          const e = encode(stored, 2, 'uint', little, shift);
          const d = decode(e.bytes, e.begin, n, params(p, 16, ranges), 'I', little);
          const pass = shift === 0 && (n * p) % 2 === 0 ? 'word-pass' : 'copy+word-pass';
          expect(d.path).toBe(little ? pass : 'copy+swap');
          expect(mismatches(d.out, expected)).toBe(0);
        }
      }
      const floats = stored.map((v) => Math.fround(v * 1.5 - 3));
      const f = encode(floats, 4, 'float', false, 1);
      const fd = decode(f.bytes, f.begin, n, params(p, 32, [1]), 'F', false);
      expect(fd.path).toBe('copy+swap');
      expect(mismatches(fd.out, floats)).toBe(0);
      const doubles = stored.map((v) => v / 3 - 7);
      const g = encode(doubles, 8, 'float', false, 4);
      const gd = decode(g.bytes, g.begin, n, params(p, 64, [1]), 'D', false);
      expect(gd.path).toBe('copy+swap');
      expect(mismatches(gd.out, doubles)).toBe(0);
      // Native order, misaligned, nothing to mask: one memcpy.
      const c = encode(floats, 4, 'float', true, 2);
      const cd = decode(c.bytes, c.begin, n, params(p, 32, [1]), 'F', true);
      expect(cd.path).toBe('copy');
      expect(mismatches(cd.out, floats)).toBe(0);
    }
  });
});

describe('decodeFcsData without a native byte swap (browsers: no Buffer)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('the portable word pass swaps and masks the same values, aligned or not, for every width', () => {
    vi.stubGlobal('Buffer', undefined);
    const n = 1001; // odd: 16-bit totals of an odd number of values take the per-value pass
    for (const p of [3, 4]) {
      const ranges = [1024, 65536, 256];
      const stored = Array.from({ length: n * p }, (_, k) => (k * 7919) % 65536);
      const expected = stored.map((v, k) => {
        const r = ranges[(k % p) % ranges.length] as number;
        return r >= 65536 ? v : v & (r - 1);
      });
      for (const shift of [0, 1, 4]) {
        const e = encode(stored, 2, 'uint', false, shift);
        const d = decode(e.bytes, e.begin, n, params(p, 16, ranges), 'I', false);
        expect(d.path === 'word-pass' || d.path === 'copy+word-pass').toBe(true);
        expect(mismatches(d.out, expected)).toBe(0);
      }
      const floats = stored.map((v) => Math.fround(v * 1.5 - 3));
      const f = encode(floats, 4, 'float', false, 4);
      const fd = decode(f.bytes, f.begin, n, params(p, 32, [1]), 'F', false);
      expect(fd.path).toBe('word-pass');
      expect(mismatches(fd.out, floats)).toBe(0);
      const doubles = stored.map((v) => v / 3 - 7);
      const g = encode(doubles, 8, 'float', false, 3);
      const gd = decode(g.bytes, g.begin, n, params(p, 64, [1]), 'D', false);
      expect(gd.path).toBe('copy+word-pass');
      expect(mismatches(gd.out, doubles)).toBe(0);
    }
  });

  it('with the native swap, masks are applied only where a value needs them (32-bit, several masks)', () => {
    // Flag bits only in the last value of the block: the quick OR check fails, the exact table pass masks.
    const p = 3;
    const n = 4001;
    const ranges = [262144, 2 ** 32, 200000];
    const stored = Array.from({ length: n * p }, (_, k) => (k * 7919) % 131072);
    stored[stored.length - 1] = (stored[stored.length - 1] as number) | 0x40000000;
    const expected = stored.map((v, k) => (k % p === 1 ? v : (v & 0x3ffff) >>> 0));
    const e = encode(stored, 4, 'uint', false, 1);
    const d = decode(e.bytes, e.begin, n, params(p, 32, ranges), 'I', false);
    expect(d.path).toBe('copy+swap');
    expect(mismatches(d.out, expected)).toBe(0);
    expect(d.out[d.out.length - 1]).not.toBe(stored[stored.length - 1]);
  });
});

describe('decodeFcsData on a Node Buffer (what fs.readFile gives)', () => {
  // Buffer#slice is a view, not a copy: decoding through it read the file from byte 0 (TEXT as data) and
  // swapped the caller's bytes in place. Every copying path must copy.
  const cases: [string, number, 'uint' | 'float', 'I' | 'F', boolean, number[]][] = [
    ['int16 other order, masked', 2, 'uint', 'I', false, [323, 218, 220, 394, 1023, 5, 183, 0]],
    ['float32 other order', 4, 'float', 'F', false, [1.5, -2.25, 1e6, 0.125, 3, 4, 5, 6]],
    ['int16 native order, masked, odd offset', 2, 'uint', 'I', true, [1, 2, 3, 4, 1000, 6, 7, 8]],
  ];
  for (const [name, width, kind, type, little, values] of cases) {
    it(name, () => {
      const shift = name.includes('odd') ? 57 : 56;
      const { bytes } = encode(values, width, kind, little, shift);
      // A Buffer over the same memory, with ASCII where TEXT would be.
      const buf = Buffer.from(bytes.buffer, 0, bytes.byteLength);
      buf.fill(0x41, 0, shift);
      const before = Buffer.from(buf);
      const ps = params(4, width * 8, type === 'I' ? [1024] : [0]);
      const { out } = decode(buf, shift, values.length / 4, ps, type, little);
      const expected = decode(new Uint8Array(before), shift, values.length / 4, ps, type, little).out;
      expect(out).toEqual(expected);
      expect(out[0]).toBe(type === 'I' ? values[0] : Math.fround(values[0] as number));
      expect(buf.equals(before)).toBe(true);
    });
  }
});

/** The bytes of a typed array (bit-level comparison: NaN payloads and -0 included). */
const bytesOfColumn = (c: FcsColumn): Uint8Array => new Uint8Array(c.buffer, c.byteOffset, c.byteLength);

/** Every value of every parameter as bytes, row-major block or columns alike. */
function eventBytes(events: FcsEvents): Uint8Array[] {
  if (events.matrix) return [bytesOfColumn(events.matrix)];
  return Array.from({ length: events.parameterCount }, (_, i) => bytesOfColumn(events.column(i)));
}

function sameBytes(a: Uint8Array[], b: Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as Uint8Array;
    const y = b[k] as Uint8Array;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/**
 * What the decode must give, computed independently of both paths: each stored value's bytes reversed when
 * the file's order is not the (little-endian) host's, then the integer ANDed with its $PnR mask.
 */
function expectedBytes(
  src: Uint8Array,
  begin: number,
  values: number,
  width: number,
  swap: boolean,
  masks: number[],
) {
  const out = new Uint8Array(values * width);
  for (let v = 0; v < values; v++) {
    const m = masks[v % masks.length] as number;
    for (let b = 0; b < width; b++) {
      const byte = src[begin + v * width + (swap ? width - 1 - b : b)] as number;
      out[v * width + b] = m === 0 ? byte : byte & ((m >>> (8 * b)) & 0xff);
    }
  }
  return out;
}

describe('decodeFcsData: WebAssembly SIMD kernel and the JS paths give bit-identical events', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('the module validates and the kernel is available on Node 20', () => {
    expect(WebAssembly.validate(fcsSimdModuleBytes())).toBe(true);
    expect(fcsSimdKernel()).not.toBeNull();
  });

  // Random bytes: integers use bits above their masks, floats include NaNs with payloads, denormals, -0.
  const random = seededBytes(12345);
  const layouts: [string, 'I' | 'F' | 'D', number, number[]][] = [
    ['uint8, masks 63/none/1', 'I', 8, [64, 256, 2]],
    ['uint16, masks 1023/none/255', 'I', 16, [1024, 65536, 200]],
    ['uint16, one mask', 'I', 16, [1024]],
    ['uint32, masks 2^18−1/none/2^20−1', 'I', 32, [262144, 2 ** 32, 1e6]],
    ['float32', 'F', 32, [0]],
    ['float64', 'D', 64, [0]],
  ];
  for (const [label, type, bits, ranges] of layouts) {
    it(`${label}: every order, alignment and parameter count, across chunk boundaries`, () => {
      const width = bits / 8;
      for (const p of [1, 3, 4, 8, 11]) {
        const ps = params(p, bits, ranges);
        const masks = fcsIntegerMasks(ps, type);
        for (const little of [true, false]) {
          for (const shift of [0, 1, 4]) {
            // 11 parameters × 6007 events is over one 64 KiB chunk at every width; odd value counts leave tails.
            const n = p === 11 ? 6007 : 1001;
            const bytes = random(shift + n * p * width + 5);
            const order = little ? 'little-endian' : 'big-endian';
            const trace: { path?: FcsDecodePath } = {};
            const simd = decodeFcsData(bytes, shift, n, ps, type, order, trace);
            const js = decodeFcsData(bytes, shift, n, ps, type, order, undefined, { kernel: 'js' });
            vi.stubGlobal('Buffer', undefined);
            const portable = decodeFcsData(bytes, shift, n, ps, type, order, undefined, { kernel: 'js' });
            vi.unstubAllGlobals();
            const expected = [expectedBytes(bytes, shift, n * p, width, !little, masks)];
            const where = `${label} p=${p} ${order} +${shift}`;
            expect(sameBytes(eventBytes(simd), expected), where).toBe(true);
            expect(sameBytes(eventBytes(js), expected), where).toBe(true);
            expect(sameBytes(eventBytes(portable), expected), where).toBe(true);
            // Random bytes always spill over the masks: only unmasked native-order data is viewed (aligned) or
            // copied (misaligned); everything else takes the kernel.
            const native = little || width === 1;
            const unmasked = masks.every((m) => m === 0);
            const path = native && unmasked ? (shift % width === 0 ? 'view' : 'copy') : 'simd';
            expect(trace.path, where).toBe(path);
          }
        }
      }
    });
  }
});

describeWithReference('fcs', 'decodeFcsData on the reference files: SIMD kernel = JS paths', () => {
  const dir = referencePath('fcs', 'flowio');
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('every data set of every reference file decodes to the same bytes either way', () => {
    const files = readdirSync(dir).filter((f) => /\.(fcs|lmd)$/i.test(f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const paths = new Set<string | undefined>();
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(`${dir}/${f}`));
      for (const d of readFcs(bytes, f).datasets) {
        const args = [
          bytes,
          d.dataSegment.begin,
          d.eventCount,
          d.parameters,
          d.dataType,
          d.byteOrder,
        ] as const;
        const trace: { path?: FcsDecodePath } = {};
        const simd = eventBytes(decodeFcsData(...args, trace));
        const js = eventBytes(decodeFcsData(...args, undefined, { kernel: 'js' }));
        vi.stubGlobal('Buffer', undefined);
        const portable = eventBytes(decodeFcsData(...args, undefined, { kernel: 'js' }));
        vi.unstubAllGlobals();
        expect(sameBytes(simd, js), f).toBe(true);
        expect(sameBytes(simd, portable), f).toBe(true);
        paths.add(trace.path);
      }
    }
    // The byte-swapped and masked files (100715 F32 BE, data1 I16 BE, 3FITC I16 LE over $PnR) take the kernel.
    expect(paths.has('simd')).toBe(true);
  });
});

describe('decoded blocks own their memory', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('each result has an ArrayBuffer of exactly its size at offset 0 (never a slice of a shared pool)', () => {
    // Node's pooled Buffer.allocUnsafe would hand out slices of one 8 KiB pool: a typed view made on
    // `.buffer` at offset 0 would then read another block's bytes. Small and large blocks, both paths.
    for (const values of [300, 5000, 70_000]) {
      const ps = params(4, 32, [0]);
      const bytes = Uint8Array.from({ length: values * 4 + 1 }, (_, i) => (i * 37) & 0xff);
      const expected = [expectedBytes(bytes, 1, values, 4, true, [0, 0, 0, 0])];
      for (const portable of [false, true]) {
        if (portable) vi.stubGlobal('Buffer', undefined);
        const first = decodeFcsData(bytes, 1, values / 4, ps, 'F', 'big-endian');
        const second = decodeFcsData(bytes, 1, values / 4, ps, 'F', 'big-endian');
        vi.unstubAllGlobals();
        for (const e of [first, second]) {
          const m = e.matrix as Float32Array;
          expect(m.byteOffset).toBe(0);
          expect(m.buffer.byteLength).toBe(values * 4);
          expect(sameBytes(eventBytes(e), expected), `${values} values, portable ${portable}`).toBe(true);
        }
        expect((first.matrix as Float32Array).buffer).not.toBe((second.matrix as Float32Array).buffer);
      }
    }
  });
});

describe('decodeFcsData in place (the caller hands its bytes over)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const random = seededBytes(777);
  const layouts: [string, 'I' | 'F' | 'D', number, number[]][] = [
    ['uint8 masked', 'I', 8, [64, 256, 2]],
    ['uint16 masked', 'I', 16, [1024, 65536, 200]],
    ['uint16 unmasked', 'I', 16, [65536]],
    ['uint32 masked', 'I', 32, [262144, 2 ** 32, 1e6]],
    ['float32', 'F', 32, [0]],
    ['float64', 'D', 64, [0]],
  ];
  const kernels = ['simd', 'js', 'portable'] as const;
  const pool = random(1 << 20); // random() per byte is slow: each case takes a slice at its own start

  it('gives the copying decode’s values, writes only between its target and the end of DATA, allocates nothing', () => {
    let inPlaceCount = 0;
    let inPlaceCases = 0;
    for (const [label, type, bits, ranges] of layouts) {
      const width = bits / 8;
      for (const p of [1, 3, 11]) {
        const ps = params(p, bits, ranges);
        const masks = fcsIntegerMasks(ps, type);
        for (const little of [true, false]) {
          for (const shift of [0, 1, 2, 4, 5, 13]) {
            for (const kernel of kernels) {
              for (const floor of ['begin', 0] as const) {
                const n = p === 11 ? 6007 : 1001; // over one 64 KiB kernel chunk with 11 parameters
                const total = n * p * width;
                const start = (inPlaceCases++ * 7919) % ((1 << 20) - (shift + total + 7));
                const original = pool.slice(start, start + shift + total + 7);
                const bytes = original.slice();
                const order = little ? 'little-endian' : 'big-endian';
                const expected = [expectedBytes(original, shift, n * p, width, !little, masks)];
                if (kernel === 'portable') vi.stubGlobal('Buffer', undefined);
                const trace: { path?: FcsDecodePath } = {};
                const events = decodeFcsData(bytes, shift, n, ps, type, order, trace, {
                  kernel: kernel === 'simd' ? 'auto' : 'js',
                  inPlace: floor === 'begin' ? true : { writableFrom: floor },
                });
                vi.unstubAllGlobals();
                const where = `${label} p=${p} ${order} +${shift} ${kernel} floor=${floor}`;
                expect(sameBytes(eventBytes(events), expected), where).toBe(true);
                const m = events.matrix as FcsColumn;
                const path = trace.path ?? '';
                if (path.endsWith('-in-place')) {
                  inPlaceCount++;
                  expect(m.buffer, where).toBe(bytes.buffer);
                  // Moved down to an aligned offset, never below the floor, never more than 7 bytes.
                  expect(m.byteOffset % Math.max(width, 4), where).toBe(0);
                  expect(m.byteOffset, where).toBeGreaterThanOrEqual(floor === 'begin' ? shift : 0);
                  expect(shift - m.byteOffset, where).toBeLessThan(8);
                  const before = [bytes.subarray(0, m.byteOffset), bytes.subarray(shift + total)];
                  const after = [original.subarray(0, m.byteOffset), original.subarray(shift + total)];
                  expect(sameBytes(before, after), `${where}: bytes outside the target changed`).toBe(true);
                } else {
                  // The view, or a copying fallback: the caller's bytes are untouched.
                  expect(sameBytes([bytes], [original]), where).toBe(true);
                  if (path !== 'view') expect(m.buffer, where).not.toBe(bytes.buffer);
                }
                // With the floor at 0 and the kernel, everything that is not a view is done in place.
                const plain = (little || width === 1) && masks.every((x) => x === 0);
                const viewable = plain && shift % width === 0;
                if (floor === 0 && kernel === 'simd') {
                  // Native order and nothing to mask but misaligned: a memmove within the buffer.
                  expect(path, where).toBe(viewable ? 'view' : plain ? 'shift-in-place' : 'simd-in-place');
                }
                if (floor === 'begin' && shift % Math.max(width, 4) !== 0 && !viewable) {
                  expect(path.endsWith('-in-place'), where).toBe(false);
                }
              }
            }
          }
        }
      }
    }
    expect(inPlaceCount).toBeGreaterThan(400);
  });

  it('masks native-order data over itself with the kernel (no read-only check); the JS path still views it', () => {
    const ps = params(4, 16, [1024]);
    const values = Array.from({ length: 4000 }, (_, k) => (k * 37) % 1024); // all within the 10-bit masks
    for (const kernel of ['auto', 'js'] as const) {
      const { bytes } = encode(values, 2, 'uint', true, 0);
      const trace: { path?: FcsDecodePath } = {};
      const events = decodeFcsData(bytes, 0, 1000, ps, 'I', 'little-endian', trace, {
        kernel,
        inPlace: true,
      });
      expect(trace.path).toBe(kernel === 'auto' ? 'simd-in-place' : 'view');
      expect(Array.from(events.matrix as Uint16Array)).toEqual(values);
    }
  });

  it('takes the JS in-place paths when the kernel is not used', () => {
    const ps = params(4, 16, [1024]);
    const seen = new Set<string | undefined>();
    for (const portable of [false, true]) {
      for (const little of [true, false]) {
        const bytes = random(3 + 1000 * 4 * 2);
        if (portable) vi.stubGlobal('Buffer', undefined);
        const trace: { path?: FcsDecodePath } = {};
        decodeFcsData(bytes, 3, 1000, ps, 'I', little ? 'little-endian' : 'big-endian', trace, {
          kernel: 'js',
          inPlace: { writableFrom: 0 },
        });
        vi.unstubAllGlobals();
        seen.add(trace.path);
      }
    }
    const unmasked = params(4, 16, [65536]);
    const trace: { path?: FcsDecodePath } = {};
    decodeFcsData(random(3 + 8000), 3, 1000, unmasked, 'I', 'little-endian', trace, {
      inPlace: { writableFrom: 0 },
    });
    seen.add(trace.path);
    expect([...seen].sort()).toEqual(['shift-in-place', 'swap-in-place', 'word-pass-in-place']);
  });
});

describeWithReference('fcs', 'readFcs in place on the reference files', () => {
  it('every data set of every reference file equals the copying read; byte-swapped DATA is decoded over the input', () => {
    const dir = referencePath('fcs', 'flowio');
    const files = readdirSync(dir).filter((f) => /\.(fcs|lmd)$/i.test(f));
    let overInput = 0;
    for (const f of files) {
      const original = new Uint8Array(readFileSync(`${dir}/${f}`));
      const copying = readFcs(original, f);
      const owned = original.slice();
      const inPlace = readFcs(owned, f, { inPlace: true });
      expect(inPlace.datasets.length, f).toBe(copying.datasets.length);
      copying.datasets.forEach((d, k) => {
        const e = inPlace.datasets[k]?.events as FcsEvents;
        expect(sameBytes(eventBytes(e), eventBytes(d.events)), `${f} #${k}`).toBe(true);
        if (e.matrix && e.matrix.buffer === owned.buffer) overInput++;
      });
      if (f === '100715.fcs') expect(inPlace.datasets[0]?.events.matrix?.buffer).toBe(owned.buffer);
    }
    expect(overInput).toBeGreaterThanOrEqual(3);
  });
});

describe('decodeFcsData: integers of mixed widths as records (the kernel’s permute and mask passes)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const random = seededBytes(4242);
  const pool = random(1 << 20);
  const mixed = (widths: number[], ranges: number[]): FcsParameter[] =>
    widths.map((w, i) => ({
      index: i + 1,
      name: `P${i + 1}`,
      label: null,
      bits: 8 * w,
      range: ranges[i] as number,
      amplification: [0, 0] as [number, number],
      gain: 1,
    }));
  // The reference file's layout (a 32-bit value at byte 50 of 54: it straddles a 16-byte vector every few
  // events), 24- and 64-bit integers, odd record sizes, and layouts drawn at random.
  const layouts: number[][] = [
    [...Array(25).fill(2), 4],
    [1, 2, 4, 8, 3],
    [3, 3, 2],
    [4, 2, 2, 4, 2],
    [8, 1],
    [2, 4],
    [...Array(12).fill(2), 4, 8], // the 16-bit swap + halves path with a 64-bit value
  ];
  const pick = random(64);
  for (let k = 0; k < 5; k++) {
    const p = 2 + ((pick[k] as number) % 11);
    layouts.push(
      Array.from(
        { length: p },
        (_, i) => [1, 2, 3, 4, 8][(pick[8 + k * 5 + (i % 5)] as number) % 5] as number,
      ),
    );
  }

  /** The value a reader must give, computed from the stored bytes alone. */
  function expectedValue(src: Uint8Array, at: number, w: number, little: boolean, mask: number): number {
    let v = 0;
    for (let b = 0; b < w; b++) {
      const byte = src[at + (little ? w - 1 - b : b)] as number; // most significant first
      v = v * 256 + byte;
    }
    if (w === 8) {
      // hi · 2^32 + lo, rounded as the decoders round it (exact below 2^53)
      let hi = 0;
      let lo = 0;
      for (let b = 0; b < 4; b++) {
        hi = hi * 256 + (src[at + (little ? 7 - b : b)] as number);
        lo = lo * 256 + (src[at + (little ? 3 - b : 4 + b)] as number);
      }
      return hi * 4294967296 + lo;
    }
    return mask === 0 ? v : (v & mask) >>> 0;
  }

  it('every column equals the stored values (masked), copying or in place, in both byte orders', () => {
    let cases = 0;
    const paths = new Set<string>();
    for (const [l, widths] of layouts.entries()) {
      const record = widths.reduce((s, w) => s + w, 0);
      const lastMaskable = widths.findLastIndex((w) => w <= 4);
      for (const masked of ['all', 'one', 'none'] as const) {
        // a range below 2^bits (0x3ff, 0xffffff, …) for every parameter of ≤ 32 bits, for the last one only (a
        // time counter), or for none
        const ranges = widths.map((w, i) =>
          w <= 4 && (masked === 'all' || (masked === 'one' && i === lastMaskable))
            ? 1 + (((pool[l * 31 + i] as number) * 65599) % (2 ** (8 * w) - 1))
            : 2 ** (8 * w),
        );
        const ps = mixed(widths, ranges);
        const masks = fcsIntegerMasks(ps, 'I');
        for (const n of [1, 5, Math.ceil(140_000 / record)]) {
          for (const little of [true, false]) {
            for (const shift of [0, 1, 6]) {
              for (const mode of ['copy', 'in-place', 'in-place floor 0', 'js', 'js in place'] as const) {
                const total = n * record;
                const start = (cases++ * 7919) % ((1 << 20) - (shift + total + 16));
                const original = pool.slice(start, start + shift + total + 16);
                const bytes = original.slice();
                const trace: { path?: FcsDecodePath } = {};
                const order = little ? 'little-endian' : 'big-endian';
                const events = decodeFcsData(bytes, shift, n, ps, 'I', order, trace, {
                  kernel: mode.startsWith('js') ? 'js' : 'auto',
                  inPlace:
                    mode === 'in-place'
                      ? true
                      : mode.endsWith('floor 0') || mode === 'js in place'
                        ? { writableFrom: 0 }
                        : undefined,
                });
                const where = `layout ${l} [${widths}] masked=${masked} n=${n} ${order} +${shift} ${mode}`;
                const path = trace.path ?? '';
                paths.add(path);
                // Native order: always a view (masks apply on read), never a pass.
                const plain = little;
                const inPlace = mode !== 'copy' && mode !== 'js';
                const js = mode.startsWith('js') || total < 16 * 1024;
                const wide = widths.filter((w) => w > 2).length;
                const halves = !js && !little && widths.every((w) => w % 2 === 0) && wide * 16 <= record;
                const kind = js ? '-js' : halves ? '-halves' : '';
                expect(path, where).toBe(
                  plain ? 'records-view' : `records${kind}${inPlace ? '-in-place' : ''}`,
                );
                expect(events.matrix, where).toBeNull();
                let wrong = 0;
                for (let i = 0; i < widths.length; i++) {
                  const col = events.column(i);
                  const w = widths[i] as number;
                  expect(col.constructor.name, where).toBe(
                    w === 1
                      ? 'Uint8Array'
                      : w === 2
                        ? 'Uint16Array'
                        : w === 8
                          ? 'Float64Array'
                          : 'Uint32Array',
                  );
                  const off = widths.slice(0, i).reduce((s, x) => s + x, 0);
                  for (let e = 0; e < n; e++) {
                    const want = expectedValue(
                      original,
                      shift + e * record + off,
                      w,
                      little,
                      masks[i] as number,
                    );
                    if (col[e] !== want) wrong++;
                  }
                }
                expect(wrong, where).toBe(0);
                // value(e, i) straight from the records (a fresh decode: no column cached yet).
                const again = decodeFcsData(original.slice(), shift, n, ps, 'I', order, undefined, {
                  kernel: mode.startsWith('js') ? 'js' : 'auto',
                });
                for (const e of [0, n >> 1, n - 1]) {
                  for (let i = 0, off = 0; i < widths.length; off += widths[i] as number, i++) {
                    const want = expectedValue(
                      original,
                      shift + e * record + off,
                      widths[i] as number,
                      little,
                      masks[i] as number,
                    );
                    if (again.value(e, i) !== want) wrong++;
                  }
                }
                expect(wrong, `${where}: value(e, i)`).toBe(0);
                // extractAll (block by block) gives the same columns as column(i) one by one.
                again.extractAll();
                for (let i = 0; i < widths.length; i++) {
                  const a = again.column(i);
                  const b = events.column(i);
                  expect(a.constructor, where).toBe(b.constructor);
                  for (let e = 0; e < n; e++) if (a[e] !== b[e]) wrong++;
                }
                expect(wrong, `${where}: extractAll`).toBe(0);
                if (path.endsWith('-in-place')) {
                  const target = events.records?.bytes as Uint8Array;
                  expect(target.buffer, where).toBe(bytes.buffer);
                  // Moved down to a 4-byte boundary when the floor allows, never below it, never by 4 or more.
                  const floor = mode === 'in-place' ? shift : 0;
                  expect(target.byteOffset, where).toBeGreaterThanOrEqual(floor);
                  expect(shift - target.byteOffset, where).toBeLessThan(4);
                  if (floor === 0) expect(target.byteOffset % 4, where).toBe(0);
                  const outside = [bytes.subarray(0, target.byteOffset), bytes.subarray(shift + total)];
                  const was = [original.subarray(0, target.byteOffset), original.subarray(shift + total)];
                  expect(sameBytes(outside, was), `${where}: bytes outside the target changed`).toBe(true);
                } else {
                  expect(sameBytes([bytes], [original]), `${where}: the caller's bytes changed`).toBe(true);
                  if (path !== 'records-view')
                    expect(events.records?.bytes.buffer, where).not.toBe(bytes.buffer);
                  if (path === 'records-view') expect(events.records?.bytes.buffer, where).toBe(bytes.buffer);
                }
              }
            }
          }
        }
      }
    }
    expect([...paths].sort()).toEqual([
      'records',
      'records-halves',
      'records-halves-in-place',
      'records-in-place',
      'records-js',
      'records-js-in-place',
      'records-view',
    ]);
  });

  it('value(e, i) reads the records directly and agrees with the extracted columns', () => {
    const widths = [2, 4, 3, 8, 1, 2];
    const ps = mixed(widths, [1024, 2 ** 32, 2 ** 24, 2 ** 64, 100, 65536]);
    const record = 20;
    const n = 999;
    const src = pool.slice(5000, 5000 + n * record + 3);
    for (const order of ['little-endian', 'big-endian'] as const) {
      const fresh = decodeFcsData(src, 3, n, ps, 'I', order, undefined, {});
      const reference = decodeFcsData(src, 3, n, ps, 'I', order, undefined, { kernel: 'js' });
      expect(fresh.records).not.toBeNull();
      for (let e = 0; e < n; e += 7) {
        for (let i = 0; i < widths.length; i++)
          expect(fresh.value(e, i), `${order} ${e},${i}`).toBe(reference.value(e, i));
      }
      for (let i = 0; i < widths.length; i++) {
        expect(Array.from(fresh.column(i)), `${order} column ${i}`).toEqual(Array.from(reference.column(i)));
        expect(fresh.value(n - 1, i)).toBe(reference.column(i)[n - 1]);
      }
    }
  });
});

describe('FcsEvents.extractAll on a row-major matrix', () => {
  it('gives every column as column(i) does, across block boundaries, for every element type', () => {
    const random = seededBytes(99);
    // 64 KiB blocks: 26 float64 parameters make 315-row blocks, so n = 1000 spans four with a remainder.
    for (const p of [1, 3, 26]) {
      for (const n of [1, 63, 1000]) {
        const bytes = random(n * p * 8);
        const matrices: FcsColumn[] = [
          new Float32Array(bytes.buffer, 0, n * p),
          new Float64Array(bytes.buffer, 0, n * p).map((x) => (Number.isFinite(x) ? x : 1)),
          new Uint8Array(bytes.buffer, 0, n * p),
          new Uint16Array(bytes.buffer, 0, n * p),
          new Uint32Array(bytes.buffer, 0, n * p),
        ];
        for (const m of matrices) {
          const where = `${m.constructor.name} p=${p} n=${n}`;
          const all = new FcsEvents(n, p, m);
          all.column(p - 1); // one cached before: extractAll leaves it as it is
          const cachedBefore = all.column(p - 1);
          all.extractAll();
          expect(all.column(p - 1), where).toBe(cachedBefore);
          let wrong = 0;
          for (let i = 0; i < p; i++) {
            const c = all.column(i);
            expect(c.constructor, where).toBe(m.constructor);
            expect(c.length, where).toBe(n);
            for (let e = 0; e < n; e++) if (!Object.is(c[e], m[e * p + i])) wrong++;
          }
          expect(wrong, where).toBe(0);
        }
      }
    }
  });
});

describe('fcsIntegerMasks', () => {
  it('is the next power of two of $PnR minus one, or 0 (none) when the range fills the word', () => {
    const one = (bits: number, range: number) => fcsIntegerMasks(params(1, bits, [range]), 'I')[0];
    expect(one(16, 1024)).toBe(0x3ff);
    expect(one(16, 1025)).toBe(0x7ff);
    expect(one(16, 1000)).toBe(0x3ff);
    expect(one(16, 2)).toBe(1);
    expect(one(16, 65536)).toBe(0);
    expect(one(16, 70000)).toBe(0);
    expect(one(32, 11209599)).toBe(0xffffff); // variable_int_example.fcs's time counter
    expect(one(32, 2 ** 31 + 1)).toBe(0xffffffff);
    expect(one(32, 2 ** 32)).toBe(0);
    expect(one(24, 2 ** 20)).toBe(0xfffff);
    expect(one(8, 200.5)).toBe(0xff);
    expect(one(8, 100)).toBe(0x7f);
    expect(one(64, 1024)).toBe(0); // 64-bit integers are never masked
    expect(one(16, 1)).toBe(0);
    expect(one(16, 0)).toBe(0);
    expect(one(16, Number.NaN)).toBe(0);
    expect(fcsIntegerMasks(params(2, 32, [1024]), 'F')).toEqual([0, 0]);
  });
});
