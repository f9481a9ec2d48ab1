/**
 * Typed record of an FCS (Flow Cytometry Standard) file: one or more data sets, each with its TEXT keywords,
 * its parameters and its events as typed arrays. Spec: ISAC FCS 3.1 (Spidlen et al. 2010,
 * doi:10.1002/cyto.a.20825), FCS 3.2 keywords (ISAC 2020), FCS 2.0 (Dean et al. 1990, doi:10.1002/cyto.990110303).
 */

/** The stored values of one parameter (one per event), in the narrowest typed array that holds them. */
export type FcsColumn = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

export interface FcsParameter {
  /** 1-based parameter number n of the $Pn… keywords. */
  index: number;
  /** $PnN, the short name (used for gating and compensation). */
  name: string;
  /** $PnS, the stain/label, or null. */
  label: string | null;
  /** $PnB bits per value (8/16/24/32/64 for integers; 32 for F, 64 for D). */
  bits: number;
  /** $PnR range (integers: values are masked to the next power of two minus 1, as FlowIO and flowCore do). */
  range: number;
  /** $PnE [f1 decades, f2 offset]; f2 = 0 with f1 > 0 is read as 1 (FCS 3.1 §3.3.27 note; FlowIO, flowCore). */
  amplification: [number, number];
  /** $PnG amplifier gain (1 when absent). */
  gain: number;
}

export interface FcsSpillover {
  /** Which keyword held it: $SPILLOVER (FCS 3.1), SPILL (BD FCS 2.0/3.0) or $COMP (FCS 3.0). */
  keyword: string;
  /** Parameter names ($PnN) in matrix order. */
  parameters: string[];
  /** Row i = spill of parameter i's dye into every detector (FCS 3.1 §3.3.52). */
  matrix: number[][];
}

export interface FcsDataset {
  /** 0-based number of the data set in the file (several via $NEXTDATA). */
  number: number;
  /** Byte offset of this data set's HEADER in the file. */
  byteOffset: number;
  version: string;
  /** Keywords as written (original case), in file order. */
  keywords: Record<string, string>;
  parameters: FcsParameter[];
  eventCount: number;
  dataType: 'I' | 'F' | 'D';
  byteOrder: 'little-endian' | 'big-endian';
  /** $TIMESTEP in seconds per time unit, or null. */
  timestep: number | null;
  spillover: FcsSpillover | null;
  /** Byte range [begin, end] (inclusive, absolute) of the DATA segment that was read. */
  dataSegment: { begin: number; end: number };
  events: FcsEvents;
  /** Anything the reader tolerated (offset discrepancies, off-by-one end offsets, odd TEXT). */
  warnings: string[];
}

export interface FcsFile {
  fileName: string;
  version: string;
  datasets: FcsDataset[];
}

/**
 * Integer events of mixed widths kept as records, one per event, as the file lays them out (e.g. 25 16-bit
 * parameters and a 32-bit time counter: 54 bytes per event) but in the host's byte order (little-endian): the
 * decoded form of such a layout, as the row-major matrix is for uniform ones. The $PnR masks are applied as
 * values are read (`FcsEvents.value` and `column`: `stored & mask`, one AND in a loop that reads the value
 * anyway), so records in the host's order are the file's own bytes, never rewritten; a decode that had to
 * swap bytes may have applied some masks already (masking twice changes nothing).
 */
export interface FcsRecords {
  /** eventCount × recordBytes bytes. */
  bytes: Uint8Array;
  recordBytes: number;
  /** Byte offset of each parameter within a record. */
  offsets: readonly number[];
  /** Byte width of each parameter: 1, 2, 3, 4 or 8. */
  widths: readonly number[];
  /** The $PnR mask of each parameter (0 = none; 64-bit values are never masked), applied on every read. */
  masks: readonly number[];
}

/**
 * The events of a data set. `matrix` is the row-major block (event × parameter) when every parameter has the
 * same byte width (the common case: zero-copy views are cheap); `records` holds mixed-width integer events
 * decoded in one pass (see FcsRecords); `column(i)` gives parameter i (0-based) as its own typed array
 * (extracted from either on first use, then cached).
 */
export class FcsEvents {
  private readonly cache: (FcsColumn | undefined)[];
  private recordView: DataView | null = null;
  constructor(
    readonly eventCount: number,
    readonly parameterCount: number,
    readonly matrix: FcsColumn | null,
    columns: (FcsColumn | undefined)[] = [],
    readonly records: FcsRecords | null = null,
  ) {
    this.cache = columns.slice();
  }

  column(i: number): FcsColumn {
    if (i < 0 || i >= this.parameterCount) throw new RangeError(`no parameter ${i}`);
    const hit = this.cache[i];
    if (hit) return hit;
    const fill = this.columnFill(i);
    fill.fill(0, this.eventCount);
    this.cache[i] = fill.out;
    return fill.out;
  }

  /**
   * Extracts every column not extracted yet, in one pass over the events instead of one pass per column: the
   * events go block by block (about 64 KiB of rows, which stay in cache while each column copies its share),
   * so the block or records are read from memory once, not once per parameter (1,000,000 events × 26
   * float32 parameters: 170 ms one by one, 57 ms here; 54-byte records, where the loops bound it: 54 → 45 ms;
   * bench/fcs-record-columns.bench.ts and bench/results/fcs-read.md, round 11). For callers that need every
   * column: channel statistics, export, calibration.
   */
  extractAll(): void {
    const n = this.eventCount;
    const fills: ColumnFill[] = [];
    const indices: number[] = [];
    for (let i = 0; i < this.parameterCount; i++) {
      if (this.cache[i]) continue;
      fills.push(this.columnFill(i));
      indices.push(i);
    }
    const rowBytes = this.matrix
      ? this.parameterCount * this.matrix.BYTES_PER_ELEMENT
      : (this.records?.recordBytes ?? 1);
    const block = Math.max(64, Math.floor(EXTRACT_BLOCK_BYTES / rowBytes));
    for (let e0 = 0; e0 < n; e0 += block) {
      const e1 = Math.min(n, e0 + block);
      for (const f of fills) f.fill(e0, e1);
    }
    for (let k = 0; k < fills.length; k++) this.cache[indices[k] as number] = (fills[k] as ColumnFill).out;
  }

  private columnFill(i: number): ColumnFill {
    if (this.matrix) return matrixColumnFill(this.matrix, i, this.parameterCount, this.eventCount);
    if (this.records) return recordColumnFill(this.records, i, this.eventCount);
    throw new RangeError(`column ${i} missing`);
  }

  /** Value of parameter i for event e, without building a column. */
  value(e: number, i: number): number {
    const c = this.cache[i];
    if (c) return c[e] as number;
    if (this.matrix) return this.matrix[e * this.parameterCount + i] as number;
    const r = this.records;
    if (r) {
      this.recordView ??= new DataView(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
      const v = recordValue(
        this.recordView,
        r.bytes,
        e * r.recordBytes + (r.offsets[i] as number),
        r.widths[i] as number,
      );
      const m = r.masks[i] as number;
      return m === 0 ? v : (v & m) >>> 0;
    }
    return this.column(i)[e] as number;
  }
}

/** One value of a record (host order: little-endian), at byte `at` of the records. */
function recordValue(view: DataView, bytes: Uint8Array, at: number, width: number): number {
  if (width === 1) return bytes[at] as number;
  if (width === 2) return view.getUint16(at, true);
  if (width === 3)
    return (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16);
  if (width === 4) return view.getUint32(at, true);
  // 64-bit unsigned integers: exact up to 2^53 (Number precision), as the per-column decode.
  return view.getUint32(at + 4, true) * 4294967296 + view.getUint32(at, true);
}

/** Rows per block of `extractAll`: about this many bytes of events, well inside L2 (64 KiB; cf. the kernel's chunks). */
const EXTRACT_BLOCK_BYTES = 64 * 1024;

/** A column being extracted: its array, and `fill(e0, e1)` copying events e0 … e1 − 1 into it. */
interface ColumnFill {
  out: FcsColumn;
  fill(e0: number, e1: number): void;
}

/**
 * Parameter i of the records as its own array (Uint8/16/32Array, Float64Array for 64-bit), its mask applied: a
 * strided copy over a typed view of the records where the value's alignment allows one (every 16-bit value and
 * most 32-bit ones), else byte by byte. Each loop is specialised to one array type (monomorphic loops are
 * several times faster). A mask of 0 (none) becomes all ones: `x & -1` is x for every stored width ≤ 32 bits
 * once written to the unsigned array.
 */
function recordColumnFill(r: FcsRecords, i: number, n: number): ColumnFill {
  const w = r.widths[i] as number;
  const s = r.recordBytes;
  const m = (r.masks[i] as number) === 0 ? -1 : (r.masks[i] as number) | 0;
  const { buffer, byteOffset, byteLength } = r.bytes;
  const off = r.offsets[i] as number;
  const at = byteOffset + off; // absolute offset of event 0's value
  if (w === 1) {
    const out = new Uint8Array(n);
    return { out, fill: (e0, e1) => stridedMasked8(r.bytes, out, off, s, m, e0, e1) };
  }
  if (w === 2 || w === 4) {
    const unit = at % 4 === 0 && s % 4 === 0 && w === 4 ? 4 : at % 2 === 0 && s % 2 === 0 ? 2 : 1;
    if (unit === 4) {
      const base = byteOffset - (byteOffset % 4);
      const words = new Uint32Array(buffer, base, (byteLength + (byteOffset % 4)) >>> 2);
      const out = new Uint32Array(n);
      const first = (at - base) / 4;
      return { out, fill: (e0, e1) => stridedMasked32(words, out, first, s / 4, m, e0, e1) };
    }
    if (unit === 2) {
      const base = byteOffset - (byteOffset % 2);
      const halves = new Uint16Array(buffer, base, (byteLength + (byteOffset % 2)) >>> 1);
      const first = (at - base) / 2;
      if (w === 2) {
        const out = new Uint16Array(n);
        return { out, fill: (e0, e1) => stridedMasked16(halves, out, first, s / 2, m, e0, e1) };
      }
      const out = new Uint32Array(n);
      return { out, fill: (e0, e1) => pairsOfHalves(halves, out, first, s / 2, m, e0, e1) };
    }
  }
  const view = new DataView(buffer, byteOffset, byteLength);
  const out = w === 8 ? new Float64Array(n) : w === 2 ? new Uint16Array(n) : new Uint32Array(n);
  const fill =
    w === 8
      ? (e0: number, e1: number) => {
          for (let e = e0, k = off + e0 * s; e < e1; e++, k += s) out[e] = recordValue(view, r.bytes, k, w);
        }
      : (e0: number, e1: number) => {
          for (let e = e0, k = off + e0 * s; e < e1; e++, k += s)
            out[e] = recordValue(view, r.bytes, k, w) & m;
        };
  return { out, fill };
}

/** 32-bit values at 2-byte alignment: low half first (little-endian host), masked; events e0 … e1 − 1. */
function pairsOfHalves(
  from: Uint16Array,
  to: Uint32Array,
  first: number,
  step: number,
  m: number,
  e0: number,
  e1: number,
): void {
  for (let e = e0, k = first + e0 * step; e < e1; e++, k += step)
    to[e] = ((from[k] as number) | ((from[k + 1] as number) << 16)) & m;
}

// Strided copies of one integer column with its mask (m = −1: none), events e0 … e1 − 1; one function per
// array type.
function stridedMasked8(
  from: Uint8Array,
  to: Uint8Array,
  i: number,
  p: number,
  m: number,
  e0: number,
  e1: number,
): void {
  for (let e = e0, k = i + e0 * p; e < e1; e++, k += p) to[e] = (from[k] as number) & m;
}

function stridedMasked16(
  from: Uint16Array,
  to: Uint16Array,
  i: number,
  p: number,
  m: number,
  e0: number,
  e1: number,
): void {
  for (let e = e0, k = i + e0 * p; e < e1; e++, k += p) to[e] = (from[k] as number) & m;
}

function stridedMasked32(
  from: Uint32Array,
  to: Uint32Array,
  i: number,
  p: number,
  m: number,
  e0: number,
  e1: number,
): void {
  for (let e = e0, k = i + e0 * p; e < e1; e++, k += p) to[e] = (from[k] as number) & m;
}

/** Column i of the row-major matrix: a strided copy, one function per array type. */
function matrixColumnFill(m: FcsColumn, i: number, p: number, n: number): ColumnFill {
  if (m instanceof Float32Array) {
    const out = new Float32Array(n);
    return { out, fill: (e0, e1) => stridedF32(m, out, i, p, e0, e1) };
  }
  if (m instanceof Float64Array) {
    const out = new Float64Array(n);
    return { out, fill: (e0, e1) => stridedF64(m, out, i, p, e0, e1) };
  }
  if (m instanceof Uint16Array) {
    const out = new Uint16Array(n);
    return { out, fill: (e0, e1) => stridedMasked16(m, out, i, p, -1, e0, e1) };
  }
  if (m instanceof Uint32Array) {
    const out = new Uint32Array(n);
    return { out, fill: (e0, e1) => stridedMasked32(m, out, i, p, -1, e0, e1) };
  }
  const out = new Uint8Array(n);
  return { out, fill: (e0, e1) => stridedMasked8(m, out, i, p, -1, e0, e1) };
}

function stridedF32(
  from: Float32Array,
  to: Float32Array,
  i: number,
  p: number,
  e0: number,
  e1: number,
): void {
  for (let e = e0, k = i + e0 * p; e < e1; e++, k += p) to[e] = from[k] as number;
}

function stridedF64(
  from: Float64Array,
  to: Float64Array,
  i: number,
  p: number,
  e0: number,
  e1: number,
): void {
  for (let e = e0, k = i + e0 * p; e < e1; e++, k += p) to[e] = from[k] as number;
}
