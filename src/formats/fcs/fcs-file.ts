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
 * The events of a data set. `matrix` is the row-major block (event × parameter) when every parameter has the
 * same byte width (the common case: zero-copy views are cheap); `column(i)` gives parameter i (0-based) as its
 * own typed array (cached).
 */
export class FcsEvents {
  private readonly cache: (FcsColumn | undefined)[];
  constructor(
    readonly eventCount: number,
    readonly parameterCount: number,
    readonly matrix: FcsColumn | null,
    columns: (FcsColumn | undefined)[] = [],
  ) {
    this.cache = columns.slice();
  }

  column(i: number): FcsColumn {
    if (i < 0 || i >= this.parameterCount) throw new RangeError(`no parameter ${i}`);
    const hit = this.cache[i];
    if (hit) return hit;
    const m = this.matrix;
    if (!m) throw new RangeError(`column ${i} missing`);
    const out = extractColumn(m, i, this.parameterCount, this.eventCount);
    this.cache[i] = out;
    return out;
  }

  /** Value of parameter i for event e, without building a column. */
  value(e: number, i: number): number {
    const c = this.cache[i];
    if (c) return c[e] as number;
    if (this.matrix) return this.matrix[e * this.parameterCount + i] as number;
    return this.column(i)[e] as number;
  }
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
