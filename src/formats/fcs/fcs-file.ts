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
    const m = this.matrix;
    let out: FcsColumn;
    if (m) out = extractColumn(m, i, this.parameterCount, this.eventCount);
    else if (this.records) out = extractRecordColumn(this.records, i, this.eventCount);
    else throw new RangeError(`column ${i} missing`);
    this.cache[i] = out;
    return out;
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

/**
 * Parameter i of the records as its own array (Uint8/16/32Array, Float64Array for 64-bit), its mask applied: a
 * strided copy over a typed view of the records where the value's alignment allows one (every 16-bit value and
 * most 32-bit ones), else byte by byte. Each loop is specialised to one array type (monomorphic loops are
 * several times faster). A mask of 0 (none) becomes all ones: `x & -1` is x for every stored width ≤ 32 bits
 * once written to the unsigned array.
 */
function extractRecordColumn(r: FcsRecords, i: number, n: number): FcsColumn {
  const w = r.widths[i] as number;
  const s = r.recordBytes;
  const m = (r.masks[i] as number) === 0 ? -1 : (r.masks[i] as number) | 0;
  const { buffer, byteOffset, byteLength } = r.bytes;
  const at = byteOffset + (r.offsets[i] as number); // absolute offset of event 0's value
  if (w === 1) return stridedMasked8(r.bytes, new Uint8Array(n), r.offsets[i] as number, s, m);
  if (w === 2 || w === 4) {
    const unit = at % 4 === 0 && s % 4 === 0 && w === 4 ? 4 : at % 2 === 0 && s % 2 === 0 ? 2 : 1;
    if (unit === 4) {
      const words = new Uint32Array(
        buffer,
        byteOffset - (byteOffset % 4),
        (byteLength + (byteOffset % 4)) >>> 2,
      );
      return stridedMasked32(words, new Uint32Array(n), (at - (byteOffset - (byteOffset % 4))) / 4, s / 4, m);
    }
    if (unit === 2) {
      const halves = new Uint16Array(
        buffer,
        byteOffset - (byteOffset % 2),
        (byteLength + (byteOffset % 2)) >>> 1,
      );
      const first = (at - (byteOffset - (byteOffset % 2))) / 2;
      if (w === 2) return stridedMasked16(halves, new Uint16Array(n), first, s / 2, m);
      return pairsOfHalves(halves, new Uint32Array(n), first, s / 2, m);
    }
  }
  const view = new DataView(buffer, byteOffset, byteLength);
  const out = w === 8 ? new Float64Array(n) : w === 2 ? new Uint16Array(n) : new Uint32Array(n);
  if (w === 8) {
    for (let e = 0, k = r.offsets[i] as number; e < n; e++, k += s) out[e] = recordValue(view, r.bytes, k, w);
  } else {
    for (let e = 0, k = r.offsets[i] as number; e < n; e++, k += s)
      out[e] = recordValue(view, r.bytes, k, w) & m;
  }
  return out;
}

/** 32-bit values at 2-byte alignment: low half first (little-endian host), masked. */
function pairsOfHalves(
  from: Uint16Array,
  to: Uint32Array,
  first: number,
  step: number,
  m: number,
): Uint32Array {
  const n = to.length;
  for (let e = 0, k = first; e < n; e++, k += step)
    to[e] = ((from[k] as number) | ((from[k + 1] as number) << 16)) & m;
  return to;
}

/** Strided copies of one integer column with its mask (m = −1: none), one function per array type. */
function stridedMasked8(from: Uint8Array, to: Uint8Array, i: number, p: number, m: number): Uint8Array {
  const n = to.length;
  for (let e = 0, k = i; e < n; e++, k += p) to[e] = (from[k] as number) & m;
  return to;
}

function stridedMasked16(from: Uint16Array, to: Uint16Array, i: number, p: number, m: number): Uint16Array {
  const n = to.length;
  for (let e = 0, k = i; e < n; e++, k += p) to[e] = (from[k] as number) & m;
  return to;
}

function stridedMasked32(from: Uint32Array, to: Uint32Array, i: number, p: number, m: number): Uint32Array {
  const n = to.length;
  for (let e = 0, k = i; e < n; e++, k += p) to[e] = (from[k] as number) & m;
  return to;
}

/** Strided copy of one column, specialised per array type (monomorphic loops are several times faster). */
function extractColumn(m: FcsColumn, i: number, p: number, n: number): FcsColumn {
  if (m instanceof Float32Array) return strided(m, new Float32Array(n), i, p);
  if (m instanceof Float64Array) return strided(m, new Float64Array(n), i, p);
  if (m instanceof Uint16Array) return strided(m, new Uint16Array(n), i, p);
  if (m instanceof Uint32Array) return strided(m, new Uint32Array(n), i, p);
  return strided(m, new Uint8Array(n), i, p);
}

function strided<T extends FcsColumn>(from: T, to: T, i: number, p: number): T {
  const n = to.length;
  for (let e = 0, k = i; e < n; e++, k += p) to[e] = from[k] as number;
  return to;
}
