/**
 * The DATA step of the FCS reader: list-mode bytes → typed arrays.
 *
 * Uniform layouts (every parameter 8, 16 or 32-bit integers, 32-bit F or 64-bit D — nearly every instrument)
 * become one row-major typed array (event × parameter):
 * - **zero copy** when the file's byte order is the host's, the segment is aligned for the element type and
 *   no stored value uses bits above its $PnR mask: the result is a view on the caller's bytes (a read-only
 *   OR-reduction over 32-bit words decides the mask question; the view must then not outlive changes to
 *   the input buffer, which readers never make);
 * - other byte order: **memcpy + native byte swap** in place (Node's Buffer#swap16/32/64), then a read-only
 *   OR check decides whether any mask must be applied (a second in-place pass only then). Measured against the
 *   JS word pass below (bench/fcs-read.bench.ts, `portableMs`; bench/results/fcs-read.md) and kept as the
 *   faster; where Buffer is absent (browsers) the word pass is used;
 * - otherwise (native order with mask spill, or no Buffer) **one pass** over 32-bit words that swaps the bytes and applies the masks together, reading the
 *   file's bytes and writing a fresh aligned array (when the segment is not 4-byte aligned in memory it is
 *   first copied with `Uint8Array.set`, i.e. memcpy, and the pass runs in place). The pass is one small
 *   monomorphic loop per case over Int32Array (values stay small integers in V8's optimised code);
 * - native order but not aligned for a typed array and nothing to mask: one memcpy.
 * Integers of mixed widths (a 32-bit time counter among 16-bit parameters; 24- and 64-bit integers) become
 * records (FcsRecords, `decodeRecords` below) whose $PnR masks apply as values are read: in native order a
 * view on the caller's bytes, otherwise one pass — the kernel's, or a JS one for small blocks and without the
 * kernel — that byte-swaps every value wherever it sits; columns are extracted on first use. Non-uniform F/D
 * (not valid FCS 3.1) is decoded per column with a DataView.
 *
 * **In place** (`inPlace`): a caller that owns its bytes and will not read them again (the CLI and the jobs
 * read a file into a fresh buffer only to parse it) lets the decode write the result over the DATA segment
 * itself, moved down to the nearest aligned offset when the segment is misaligned (at most 7 bytes, never
 * below `inPlace.writableFrom`). The result is then a view on the caller's buffer and no block is allocated:
 * the decode becomes one transform pass over memory that is already there, instead of a pass that also writes
 * a fresh block (what `byteswap()` does in fcsparser, and what the copying paths above do). Peak memory for a
 * big file drops by the size of its DATA. The values are identical to the copying paths (tests compare every
 * path); a layout that cannot be done in place (odd totals without the kernel, big-endian hosts, per-column
 * layouts) silently takes the copying path.
 *
 * Integer masks: values use only the bits below the next power of two of $PnR (FCS 3.1 §3.3.40 $PnR; what
 * FlowIO and flowCore do, and fcsparser's `data &= 2**ceil(log2($PnR)) - 1`).
 */
import { type FcsColumn, FcsEvents, type FcsParameter, type FcsRecords } from './fcs-file.ts';
import { fcsSimdKernel, fcsSimdMaskBytes, fcsSimdRecordTable } from './fcs-simd-kernel.ts';
import { uninitialisedBlock } from './uninitialised-block.ts';

const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * How a decode was done (for tests and the bench): zero-copy view, memcpy, one word pass, memcpy + pass,
 * memcpy + native byte swap (+ masks if needed), per column.
 */
export type FcsDecodePath =
  | 'view'
  | 'copy'
  | 'simd'
  | 'word-pass'
  | 'copy+word-pass'
  | 'copy+swap'
  | 'columns'
  | 'records'
  | 'records-view'
  | 'records-in-place'
  | 'records-js'
  | 'records-js-in-place'
  | 'records-halves'
  | 'records-halves-in-place'
  | 'shift-in-place'
  | 'simd-in-place'
  | 'swap-in-place'
  | 'word-pass-in-place';

/**
 * `kernel: 'js'` skips the WebAssembly SIMD kernel (tests and the bench compare both paths).
 * `inPlace`: the caller hands its bytes over; the decode may overwrite bytes `writableFrom` … end of DATA
 * (indices into `bytes`; `writableFrom` ≤ `begin`, default `begin`) and return views on them.
 */
export interface FcsDecodeOptions {
  kernel?: 'auto' | 'js';
  inPlace?: boolean | { writableFrom: number };
}

/** The $PnR mask of each parameter (0 = none: not an integer, or the range fills the word). */
export function fcsIntegerMasks(parameters: readonly FcsParameter[], dataType: 'I' | 'F' | 'D'): number[] {
  const out = new Array<number>(parameters.length);
  for (let i = 0; i < parameters.length; i++) {
    const q = parameters[i] as FcsParameter;
    const r = Math.ceil(q.range);
    // The next power of two ≥ r is 2^(32 − clz32(r − 1)) for 1 < r ≤ 2^32; r = 1 (and a range that fills the
    // word, or none) means no mask.
    // (Powers of two from a table: `2 ** x` with a variable x calls the C library's pow, ~50 ns a parameter.)
    out[i] =
      dataType !== 'I' || q.bits > 32 || !(r > 1) || r >= (POW2[q.bits] as number)
        ? 0
        : (POW2[32 - Math.clz32(r - 1)] as number) - 1;
  }
  return out;
}

/** Whether any parameter has a mask. */
function anyMask(masks: readonly number[]): boolean {
  for (let i = 0; i < masks.length; i++) if (masks[i] !== 0) return true;
  return false;
}

/** 2^0 … 2^64, exactly. */
const POW2 = Array.from({ length: 65 }, (_, k) => 2 ** k);

export function decodeFcsData(
  bytes: Uint8Array,
  begin: number,
  eventCount: number,
  parameters: FcsParameter[],
  dataType: 'I' | 'F' | 'D',
  byteOrder: 'little-endian' | 'big-endian',
  trace?: { path?: FcsDecodePath },
  options: FcsDecodeOptions = {},
): FcsEvents {
  const p = parameters.length;
  // Plain loops, no closures: this runs once per data set, and for a small file (2 events) its fixed cost is
  // the whole decode (a closure per call also pays a `__name` property under tsx/esbuild's keepNames).
  const widths = new Array<number>(p);
  let same = true;
  for (let i = 0; i < p; i++) {
    widths[i] = (parameters[i] as FcsParameter).bits / 8;
    same &&= widths[i] === widths[0];
  }
  const w0 = widths[0] as number;
  const uniform =
    same && (dataType === 'I' ? w0 === 1 || w0 === 2 || w0 === 4 : w0 === (dataType === 'F' ? 4 : 8));
  const masks = fcsIntegerMasks(parameters, dataType);
  if (uniform && eventCount > 0) {
    const simd = options.kernel !== 'js';
    const place = options.inPlace
      ? inPlaceTarget(bytes, begin, eventCount * p * w0, w0, simd, options.inPlace)
      : null;
    const { matrix, path } = decodeUniform(
      bytes,
      begin,
      eventCount * p,
      p,
      w0,
      dataType,
      byteOrder,
      masks,
      simd,
      place,
    );
    if (trace) trace.path = path;
    return new FcsEvents(eventCount, p, matrix);
  }
  if (dataType === 'I' && eventCount > 0) {
    const simd = options.kernel !== 'js';
    const records = decodeRecords(bytes, begin, eventCount, widths, byteOrder, masks, simd, options.inPlace);
    if (records) {
      if (trace) trace.path = records.path;
      return new FcsEvents(eventCount, p, null, [], records.records);
    }
  }
  if (trace) trace.path = 'columns';
  return new FcsEvents(
    eventCount,
    p,
    null,
    decodeColumns(bytes, begin, eventCount, parameters, widths, dataType, byteOrder, masks),
  );
}

/**
 * Below this many bytes of DATA the records are transformed in JS: building the kernel's table and calling it
 * costs more than a per-value pass over a few thousand values (flowio/variable_int_example.fcs, 2 events of
 * 54 bytes: 7 µs through the kernel; bench/results/fcs-read.md, round 10).
 */
const RECORDS_KERNEL_MIN_BYTES = 16 * 1024;

/**
 * Integers of mixed widths (e.g. 16-bit parameters with a 32-bit time counter) as records (FcsRecords), whose
 * $PnR masks are applied as values are read. Native order: a view on the caller's bytes ('records-view': no
 * pass at all, masks or not). The other order: one pass that byte-swaps every value into host (little-endian)
 * order (applying masks where that is free):
 * - the kernel's `permute` function (each value reversed wherever it sits on the 16-byte grid) over
 *   cache-sized chunks, writing a fresh block or, in place, the DATA segment itself (moved down to a 4-byte
 *   boundary when the floor allows, so columns extract through 32-bit views);
 * - with only even widths and few values wider than 16 bits: the kernel's uniform 16-bit swap, then a strided
 *   JS pass over those values ('records-halves');
 * - in JS, value by value, for small blocks and without the kernel ('records-js').
 * Columns are extracted from the records on first use, as from the uniform matrix. Null (→ the per-column
 * decode) on big-endian hosts and for widths other than 1, 2, 3, 4 or 8 bytes.
 *
 * Why masks on read: fcsparser ANDs each masked field of its record array in a separate pass over the whole
 * block (54 MB for 1M events of 54 bytes), and so did this decode (a strided pass, 2.0 ms in place). Reading a
 * value reads its bytes anyway, so the AND there costs one instruction in a loop that is memory-bound, and the
 * decode of a native-order file becomes a view (bench/results/fcs-read.md, round 11).
 */
function decodeRecords(
  bytes: Uint8Array,
  begin: number,
  eventCount: number,
  widths: number[],
  byteOrder: 'little-endian' | 'big-endian',
  masks: number[],
  simd: boolean,
  inPlace: FcsDecodeOptions['inPlace'],
): { records: FcsRecords; path: FcsDecodePath } | null {
  let recordBytes = 0;
  for (const w of widths) {
    if (w !== 1 && w !== 2 && w !== 3 && w !== 4 && w !== 8) return null;
    recordBytes += w;
  }
  if (!hostLittleEndian) return null;
  const offsets = new Array<number>(widths.length);
  for (let i = 0, at = 0; i < widths.length; at += widths[i] as number, i++) offsets[i] = at;
  const total = eventCount * recordBytes;
  if (byteOrder === 'little-endian') {
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset + begin, total);
    return { records: { bytes: view, recordBytes, offsets, widths, masks }, path: 'records-view' };
  }
  const records = (view: Uint8Array): FcsRecords => ({ bytes: view, recordBytes, offsets, widths, masks });
  // In place: the DATA offset moved down to a 4-byte boundary when the floor allows (never below it).
  let place = -1;
  if (inPlace) {
    const floor = inPlace === true ? begin : Math.min(begin, Math.max(0, inPlace.writableFrom));
    const at = bytes.byteOffset + begin;
    const aligned = at - (at % 4);
    place = aligned >= bytes.byteOffset + floor ? aligned : at;
  }
  const kernel = simd && total >= RECORDS_KERNEL_MIN_BYTES ? fcsSimdKernel() : null;
  // Every width even (16/32/64-bit), few values wider than 16 bits (e.g. 25 16-bit parameters and a 32-bit
  // time counter): the kernel's uniform 16-bit swap (one constant swizzle, about half the cost of `permute`),
  // then a strided JS pass that swaps the halves of the wider values.
  const wide = widths.filter((w) => w > 2).length;
  if (kernel && widths.every((w) => w % 2 === 0) && wide * 16 <= recordBytes) {
    const block = place >= 0 ? new Uint8Array(bytes.buffer, place, total) : uninitialisedBlock(total);
    // A mask table of whole records (all ones) makes every chunk whole records, so each is fixed up while it
    // is still in cache.
    const period = fcsSimdMaskBytes(new Array<number>(recordBytes / 2).fill(0), 2);
    kernel.transform(bytes, begin, total, block, 2, true, period, (off, len) => {
      halvesPass(block.subarray(off, off + len), len / recordBytes, recordBytes, offsets, widths, masks);
    });
    return { records: records(block), path: place >= 0 ? 'records-halves-in-place' : 'records-halves' };
  }
  const table = kernel ? fcsSimdRecordTable(widths, masks, true) : null;
  if (kernel && table) {
    if (place >= 0) {
      // Each chunk is copied into the kernel's scratch memory before its result is written back at or below it.
      const target = new Uint8Array(bytes.buffer, place, total);
      kernel.transformRecords(bytes, begin, total, target, table);
      return { records: records(target), path: 'records-in-place' };
    }
    const out = uninitialisedBlock(total); // every byte is written by the transform
    kernel.transformRecords(bytes, begin, total, out, table);
    return { records: records(out), path: 'records' };
  }
  let block: Uint8Array;
  if (place >= 0) {
    if (place !== bytes.byteOffset + begin) bytes.copyWithin(place - bytes.byteOffset, begin, begin + total);
    block = new Uint8Array(bytes.buffer, place, total);
  } else {
    block = total >= RECORDS_KERNEL_MIN_BYTES ? uninitialisedBlock(total) : new Uint8Array(total);
    block.set(bytes.subarray(begin, begin + total));
  }
  recordPass(block, eventCount, recordBytes, offsets, widths, masks);
  return { records: records(block), path: place >= 0 ? 'records-js-in-place' : 'records-js' };
}

/**
 * The records transform in JS for big-endian records, over `block` in place: each value wider than a byte is
 * read big-endian, masked, and written back little-endian (bytes are left as they are: their masks apply on
 * read). One monomorphic loop per width.
 */
function recordPass(
  block: Uint8Array,
  n: number,
  recordBytes: number,
  offsets: number[],
  widths: number[],
  masks: number[],
): void {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i] as number;
    const m = masks[i] as number;
    const off = offsets[i] as number;
    if (w === 2) halfPass(view, off, recordBytes, n, m === 0 ? 0xffff : m);
    else if (w === 3) tripletPass(block, off, recordBytes, n, m === 0 ? 0xffffff : m);
    else if (w === 4) wordPass32(view, off, recordBytes, n, m === 0 ? 0xffffffff : m);
    else if (w === 8) reverseOctets(block, off, recordBytes, n); // 64-bit: never masked; here only to swap
  }
}

/**
 * After a 16-bit swap of the whole block (big-endian file, little-endian host): each 32-bit value reads as its
 * halves in the wrong order (stored AA BB CC DD → BB AA DD CC, i.e. 0xCCDDAABB), so rotate by 16 bits (masked
 * on the way: free); 64-bit values get their four halves reversed. 16-bit values are already right (their
 * masks apply on read).
 */
function halvesPass(
  block: Uint8Array,
  n: number,
  recordBytes: number,
  offsets: number[],
  widths: number[],
  masks: number[],
): void {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i] as number;
    const m = masks[i] as number;
    const off = offsets[i] as number;
    if (w === 4) rotatePass32(view, off, recordBytes, n, m === 0 ? 0xffffffff : m);
    else if (w === 8) reverseHalves64(view, off, recordBytes, n);
  }
}

function rotatePass32(view: DataView, off: number, step: number, n: number, m: number): void {
  for (let e = 0, at = off; e < n; e++, at += step) {
    const v = view.getUint32(at, true);
    view.setUint32(at, (((v >>> 16) | (v << 16)) & m) >>> 0, true);
  }
}

function reverseHalves64(view: DataView, off: number, step: number, n: number): void {
  for (let e = 0, at = off; e < n; e++, at += step) {
    const h0 = view.getUint16(at, true);
    const h1 = view.getUint16(at + 2, true);
    view.setUint16(at, view.getUint16(at + 6, true), true);
    view.setUint16(at + 2, view.getUint16(at + 4, true), true);
    view.setUint16(at + 4, h1, true);
    view.setUint16(at + 6, h0, true);
  }
}

// Big-endian value → masked, little-endian, one width each.
function halfPass(view: DataView, off: number, step: number, n: number, m: number): void {
  for (let e = 0, at = off; e < n; e++, at += step) view.setUint16(at, view.getUint16(at, false) & m, true);
}

function wordPass32(view: DataView, off: number, step: number, n: number, m: number): void {
  for (let e = 0, at = off; e < n; e++, at += step)
    view.setUint32(at, (view.getUint32(at, false) & m) >>> 0, true);
}

function tripletPass(block: Uint8Array, off: number, step: number, n: number, m: number): void {
  for (let e = 0, at = off; e < n; e++, at += step) {
    const b0 = block[at] as number;
    const b2 = block[at + 2] as number;
    const v = ((b0 << 16) | ((block[at + 1] as number) << 8) | b2) & m;
    block[at] = v & 0xff;
    block[at + 1] = (v >>> 8) & 0xff;
    block[at + 2] = v >>> 16;
  }
}

function reverseOctets(block: Uint8Array, off: number, step: number, n: number): void {
  for (let e = 0, at = off; e < n; e++, at += step) {
    for (let j = 0; j < 4; j++) {
      const t = block[at + j] as number;
      block[at + j] = block[at + 7 - j] as number;
      block[at + 7 - j] = t;
    }
  }
}

/**
 * Where an in-place decode writes its result (an absolute offset in `bytes.buffer`): the DATA offset moved
 * down to a multiple of max(width, 4) (typed-array views need the element size; the JS word pass and the
 * mask check read 32-bit words), or null when that would go below `writableFrom` or the layout has no
 * in-place path (see the file comment).
 */
function inPlaceTarget(
  bytes: Uint8Array,
  begin: number,
  total: number,
  width: number,
  simd: boolean,
  inPlace: true | { writableFrom: number },
): number | null {
  if (!hostLittleEndian) return null;
  if (total % 4 !== 0 && !(simd && fcsSimdKernel())) return null;
  const floor = inPlace === true ? begin : Math.min(begin, Math.max(0, inPlace.writableFrom));
  const at = bytes.byteOffset + begin;
  const place = at - (at % Math.max(width, 4));
  return place < bytes.byteOffset + floor ? null : place;
}

function typedView(
  dataType: 'I' | 'F' | 'D',
  width: number,
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
): FcsColumn {
  if (dataType === 'F') return new Float32Array(buffer, byteOffset, length);
  if (dataType === 'D') return new Float64Array(buffer, byteOffset, length);
  if (width === 1) return new Uint8Array(buffer, byteOffset, length);
  if (width === 2) return new Uint16Array(buffer, byteOffset, length);
  return new Uint32Array(buffer, byteOffset, length);
}

/**
 * The mask as a repeating table of 32-bit words: word k of the row-major block covers values
 * [k·4/w, (k+1)·4/w) and so parameters (k·4/w) mod p …; the pattern repeats every lcm(p, 4/w) values.
 * Null when no parameter is masked. (8-byte elements never have masks.)
 */
function wordMaskTable(masks: number[], p: number, width: number): Uint32Array | null {
  if (!anyMask(masks) || width > 4) return null;
  const perWord = 4 / width;
  let period = p;
  while (period % perWord !== 0) period += p; // lcm(p, perWord) values
  const words = period / perWord;
  const full = width === 1 ? 0xff : width === 2 ? 0xffff : 0xffffffff;
  const table = new Uint32Array(words);
  for (let k = 0; k < words; k++) {
    let word = 0;
    for (let j = 0; j < perWord; j++) {
      const m = masks[(k * perWord + j) % p] as number;
      // Little-endian host: value j of the word sits at bits 8·w·j.
      word |= (m === 0 ? full : m) << (8 * width * j);
    }
    table[k] = word >>> 0;
  }
  return table;
}

function decodeUniform(
  bytes: Uint8Array,
  begin: number,
  values: number,
  p: number,
  width: number,
  dataType: 'I' | 'F' | 'D',
  byteOrder: 'little-endian' | 'big-endian',
  masks: number[],
  simd: boolean,
  place: number | null,
): { matrix: FcsColumn; path: FcsDecodePath } {
  const total = values * width;
  const swap = width > 1 && (byteOrder === 'little-endian') !== hostLittleEndian;
  const maskTable = hostLittleEndian ? wordMaskTable(masks, p, width) : null;
  const masked = anyMask(masks);
  const at = bytes.byteOffset + begin;
  const wordAligned = at % 4 === 0 && total % 4 === 0;

  // In place with the kernel, masked native-order data is masked over itself without the read-only check:
  // ANDing values that fit their masks changes nothing, and the kernel's pass costs about half the JS check
  // (3FITC_4PE_004.fcs, 0.76 MB: 0.04 vs 0.08 ms; bench/results/fcs-read.md, round 9).
  const maskOverItself = place !== null && masked && simd && fcsSimdKernel() !== null;
  if (!swap && at % width === 0 && !maskOverItself) {
    const view = typedView(dataType, width, bytes.buffer, at, values);
    if (!masked || fitsMasksAnyAlignment(view, bytes.buffer, at, total, wordAligned, maskTable, masks, p)) {
      return { matrix: view, path: 'view' };
    }
  }
  if (place !== null)
    return decodeInPlace(bytes, begin, values, p, width, dataType, swap, masks, simd, place);
  if (!swap && !masked) {
    // Native order, not aligned for a view: one memcpy.
    return {
      matrix: typedView(dataType, width, copyOf(bytes, begin, begin + total).buffer, 0, values),
      path: 'copy',
    };
  }
  const kernel = simd && hostLittleEndian ? fcsSimdKernel() : null;
  if (kernel) {
    // WebAssembly SIMD: byte swap and masks in one pass over cache-sized chunks copied through a scratch
    // memory (fcs-simd-kernel.ts); the masks are applied unconditionally (AND with all-ones where none).
    const out = uninitialisedBlock(total); // every byte is written by the transform
    kernel.transform(bytes, begin, total, out, width, swap, fcsSimdMaskBytes(masks, width));
    return { matrix: typedView(dataType, width, out.buffer, 0, values), path: 'simd' };
  }
  if (!hostLittleEndian) {
    // Big-endian hosts (none that run Node 20 in practice): copy, then generic swap and mask.
    const copy = copyOf(bytes, begin, begin + total);
    if (swap) swapBytesInPlace(copy, width);
    const out = typedView(dataType, width, copy.buffer, 0, values);
    if (masked) maskInPlace(out as Uint8Array | Uint16Array | Uint32Array, p, masks);
    return { matrix: out, path: 'copy+word-pass' };
  }
  const nativeSwap = swap ? nativeByteSwap(width) : null;
  if (nativeSwap) {
    // Other byte order (FCS 2.0 files from Mac-era instruments, big-endian floats): memcpy to a fresh
    // aligned buffer, the runtime's native byte swap in place, then the masks only if some value needs them
    // (a read-only OR-reduction decides). Measured fastest of the variants (bench/results/fcs-read.md).
    const copy = copyOf(bytes, begin, begin + total);
    nativeSwap(copy);
    const out = typedView(dataType, width, copy.buffer, 0, values);
    if (masked) maskIfNeeded(copy, out as Uint8Array | Uint16Array | Uint32Array, p, width, masks, maskTable);
    return { matrix: out, path: 'copy+swap' };
  }
  if (!wordAligned && total % 4 === 0) {
    // Misaligned in memory: memcpy to an aligned buffer, then the same pass in place.
    const copy = copyOf(bytes, begin, begin + total);
    wordPass(copy.buffer, 0, copy.buffer, 0, total >>> 2, width, swap, maskTable);
    return { matrix: typedView(dataType, width, copy.buffer, 0, values), path: 'copy+word-pass' };
  }
  if (wordAligned) {
    const out = uninitialisedBlock(total).buffer; // the pass writes every word
    wordPass(bytes.buffer, at, out, 0, total >>> 2, width, swap, maskTable);
    return { matrix: typedView(dataType, width, out, 0, values), path: 'word-pass' };
  }
  // Odd totals (an odd number of 8/16-bit values): per-value pass on a copy.
  const copy = copyOf(bytes, begin, begin + total);
  if (swap) swapBytesInPlace(copy, width);
  const out = typedView(dataType, width, copy.buffer, 0, values);
  if (masked) maskInPlace(out as Uint8Array | Uint16Array | Uint32Array, p, masks);
  return { matrix: out, path: 'copy+word-pass' };
}

/**
 * The in-place paths (see the file comment): the same transforms as the copying paths, written over the DATA
 * segment at `place` (≤ the segment's own offset, so a forward pass never overwrites bytes not yet read).
 */
function decodeInPlace(
  bytes: Uint8Array,
  begin: number,
  values: number,
  p: number,
  width: number,
  dataType: 'I' | 'F' | 'D',
  swap: boolean,
  masks: number[],
  simd: boolean,
  place: number,
): { matrix: FcsColumn; path: FcsDecodePath } {
  const total = values * width;
  const masked = anyMask(masks);
  const target = new Uint8Array(bytes.buffer, place, total);
  const shift = () => {
    if (place !== bytes.byteOffset + begin) bytes.copyWithin(place - bytes.byteOffset, begin, begin + total);
  };
  if (!swap && !masked) {
    shift(); // memmove within the caller's buffer
    return { matrix: typedView(dataType, width, bytes.buffer, place, values), path: 'shift-in-place' };
  }
  const kernel = simd ? fcsSimdKernel() : null;
  if (kernel) {
    // Each chunk is copied into the kernel's scratch memory before its result is written back at or below it.
    kernel.transform(bytes, begin, total, target, width, swap, fcsSimdMaskBytes(masks, width));
    return { matrix: typedView(dataType, width, bytes.buffer, place, values), path: 'simd-in-place' };
  }
  shift();
  const maskTable = wordMaskTable(masks, p, width);
  const out = typedView(dataType, width, bytes.buffer, place, values);
  const nativeSwap = swap ? nativeByteSwap(width) : null;
  if (nativeSwap) {
    nativeSwap(target);
    if (masked)
      maskIfNeeded(target, out as Uint8Array | Uint16Array | Uint32Array, p, width, masks, maskTable);
    return { matrix: out, path: 'swap-in-place' };
  }
  // total % 4 === 0 here (inPlaceTarget): one word pass over the block, in place.
  wordPass(bytes.buffer, place, bytes.buffer, place, total >>> 2, width, swap, maskTable);
  return { matrix: out, path: 'word-pass-in-place' };
}

/** Node's Buffer (a global there, absent in browsers), seen through the slice of it the decoder uses. */
interface SwappableBufferClass {
  from(
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): {
    swap16(): unknown;
    swap32(): unknown;
    swap64(): unknown;
  };
}

/**
 * The runtime's native in-place byte swap for `width`-byte values (Node's Buffer#swap16/32/64: C++ for
 * blocks over 128 bytes), or null where there is none (browsers): the JS word pass is used there. Looked up
 * per call, so tests can hide Buffer to exercise the portable path.
 */
function nativeByteSwap(width: number): ((block: Uint8Array) => void) | null {
  const B = (globalThis as { Buffer?: SwappableBufferClass }).Buffer;
  if (!B || typeof B.from !== 'function') return null;
  if (width === 2) return (u) => B.from(u.buffer, u.byteOffset, u.byteLength).swap16();
  if (width === 4) return (u) => B.from(u.buffer, u.byteOffset, u.byteLength).swap32();
  if (width === 8) return (u) => B.from(u.buffer, u.byteOffset, u.byteLength).swap64();
  return null;
}

/**
 * Masks applied in place on a fresh (already swapped) copy, only when some value uses a bit its mask clears:
 * the read-only check costs less than a write pass, and real files rarely carry such flag bits.
 */
function maskIfNeeded(
  copy: Uint8Array,
  out: Uint8Array | Uint16Array | Uint32Array,
  p: number,
  width: number,
  masks: number[],
  maskTable: Uint32Array | null,
): void {
  const total = copy.byteLength;
  if (maskTable && total % 4 === 0) {
    if (fitsMasks(copy.buffer, copy.byteOffset, total >>> 2, maskTable)) return;
    wordPass(
      copy.buffer,
      copy.byteOffset,
      copy.buffer,
      copy.byteOffset,
      total >>> 2,
      width,
      false,
      maskTable,
    );
    return;
  }
  if (!fitsMasksAnyAlignment(out, copy.buffer, copy.byteOffset, total, false, null, masks, p)) {
    maskInPlace(out, p, masks);
  }
}

function fitsMasksAnyAlignment(
  view: FcsColumn,
  buffer: ArrayBufferLike,
  at: number,
  total: number,
  wordAligned: boolean,
  maskTable: Uint32Array | null,
  masks: number[],
  p: number,
): boolean {
  if (maskTable && wordAligned) return fitsMasks(buffer, at, total >>> 2, maskTable);
  // Element by element (2-byte aligned 16-bit data, odd lengths): OR of (value & ~mask) per parameter.
  const inverse = masks.map((m) => (m === 0 ? 0 : ~m));
  let spill = 0;
  for (let k = 0, i = 0; k < view.length; k++) {
    spill |= (view[k] as number) & (inverse[i] as number);
    if (++i === p) i = 0;
  }
  return spill === 0;
}

/**
 * True when no value uses a bit its mask clears: OR of (word & ~mask) over the block is 0. First one OR over
 * all words (four independent accumulators: no loop-carried dependency on one register) against the
 * strictest mask word; only if that fails, the exact per-word table.
 */
function fitsMasks(buffer: ArrayBufferLike, at: number, words: number, table: Uint32Array): boolean {
  const src = new Int32Array(buffer, at, words);
  let strictest = -1;
  for (let j = 0; j < table.length; j++) strictest &= table[j] as number;
  if ((orAll(src) & ~strictest) === 0) return true;
  if (table.length === 1) return false;
  const t = table.length;
  let spill = 0;
  for (let k = 0, j = 0; k < words; k++) {
    spill |= (src[k] as number) & ~(table[j] as number);
    if (++j === t) j = 0;
  }
  return spill === 0;
}

function orAll(src: Int32Array): number {
  const n = src.length;
  const n4 = n - (n % 4);
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let k = 0;
  for (; k < n4; k += 4) {
    a0 |= src[k] as number;
    a1 |= src[k + 1] as number;
    a2 |= src[k + 2] as number;
    a3 |= src[k + 3] as number;
  }
  for (; k < n; k++) a0 |= src[k] as number;
  return a0 | a1 | a2 | a3;
}

/**
 * One pass over 32-bit words from `src` to `dst` (may be the same buffer): byte swap of each 2/4/8-byte
 * value (8-byte values as swapped word pairs) and the per-parameter mask table. Each case is its own small
 * loop, so V8 optimises each for one shape.
 */
function wordPass(
  srcBuffer: ArrayBufferLike,
  srcAt: number,
  dstBuffer: ArrayBufferLike,
  dstAt: number,
  words: number,
  width: number,
  swap: boolean,
  maskTable: Uint32Array | null,
): void {
  const src = new Int32Array(srcBuffer, srcAt, words);
  const dst = new Int32Array(dstBuffer, dstAt, words);
  const table = maskTable ? new Int32Array(maskTable.buffer, maskTable.byteOffset, maskTable.length) : null;
  if (!swap) {
    if (!table) {
      if (src.buffer !== dst.buffer || srcAt !== dstAt) dst.set(src);
    } else if (table.length === 1) mask1(src, dst, table[0] as number);
    else maskN(src, dst, table);
  } else if (width === 2) {
    if (!table) swap16(src, dst, -1);
    else if (table.length === 1) swap16(src, dst, table[0] as number);
    else swap16N(src, dst, table);
  } else if (width === 4) {
    if (!table) swap32(src, dst, -1);
    else if (table.length === 1) swap32(src, dst, table[0] as number);
    else swap32N(src, dst, table);
  } else swap64(src, dst);
}

function mask1(src: Int32Array, dst: Int32Array, m: number): void {
  const n = src.length;
  for (let k = 0; k < n; k++) dst[k] = (src[k] as number) & m;
}

function maskN(src: Int32Array, dst: Int32Array, table: Int32Array): void {
  const n = src.length;
  const t = table.length;
  for (let k = 0, j = 0; k < n; k++) {
    dst[k] = (src[k] as number) & (table[j] as number);
    if (++j === t) j = 0;
  }
}

function swap16(src: Int32Array, dst: Int32Array, m: number): void {
  const n = src.length;
  for (let k = 0; k < n; k++) {
    const x = src[k] as number;
    dst[k] = (((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff)) & m;
  }
}

function swap16N(src: Int32Array, dst: Int32Array, table: Int32Array): void {
  const n = src.length;
  const t = table.length;
  for (let k = 0, j = 0; k < n; k++) {
    const x = src[k] as number;
    dst[k] = (((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff)) & (table[j] as number);
    if (++j === t) j = 0;
  }
}

function swap32(src: Int32Array, dst: Int32Array, m: number): void {
  const n = src.length;
  for (let k = 0; k < n; k++) {
    const x = src[k] as number;
    dst[k] = ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) & m;
  }
}

function swap32N(src: Int32Array, dst: Int32Array, table: Int32Array): void {
  const n = src.length;
  const t = table.length;
  for (let k = 0, j = 0; k < n; k++) {
    const x = src[k] as number;
    dst[k] = ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) & (table[j] as number);
    if (++j === t) j = 0;
  }
}

function swap64(src: Int32Array, dst: Int32Array): void {
  const n = src.length;
  for (let k = 0; k + 1 < n; k += 2) {
    const a = src[k] as number;
    const b = src[k + 1] as number;
    dst[k] = (b << 24) | ((b & 0xff00) << 8) | ((b >>> 8) & 0xff00) | (b >>> 24);
    dst[k + 1] = (a << 24) | ((a & 0xff00) << 8) | ((a >>> 8) & 0xff00) | (a >>> 24);
  }
}

function swapBytesInPlace(buf: Uint8Array, width: number): void {
  for (let i = 0; i + width <= buf.length; i += width) {
    for (let j = 0; j < width >>> 1; j++) {
      const a = buf[i + j] as number;
      buf[i + j] = buf[i + width - 1 - j] as number;
      buf[i + width - 1 - j] = a;
    }
  }
}

function maskInPlace(u: Uint8Array | Uint16Array | Uint32Array, p: number, masks: number[]): void {
  for (let i = 0; i < p; i++) {
    const m = masks[i] as number;
    if (m !== 0) for (let k = i; k < u.length; k += p) u[k] = (u[k] as number) & m;
  }
}

/**
 * Generic path: one column per parameter, any mix of widths (24-bit, 64-bit integers included). What mixed
 * widths take on big-endian hosts, where the records (host order = little-endian) do not apply.
 */
function decodeColumns(
  bytes: Uint8Array,
  begin: number,
  eventCount: number,
  parameters: FcsParameter[],
  widths: number[],
  dataType: 'I' | 'F' | 'D',
  byteOrder: 'little-endian' | 'big-endian',
  masks: number[],
): FcsColumn[] {
  const bytesPerEvent = widths.reduce((s, w) => s + w, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = byteOrder === 'little-endian';
  const columns: FcsColumn[] = parameters.map((q) => {
    if (dataType === 'F') return new Float32Array(eventCount);
    if (dataType === 'D' || q.bits === 64) return new Float64Array(eventCount);
    if (q.bits === 8) return new Uint8Array(eventCount);
    if (q.bits === 16) return new Uint16Array(eventCount);
    return new Uint32Array(eventCount);
  });
  let offset = 0;
  for (let i = 0; i < parameters.length; i++) {
    const col = columns[i] as FcsColumn;
    const w = widths[i] as number;
    const m = masks[i] as number;
    let at = begin + offset;
    offset += w;
    for (let e = 0; e < eventCount; e++, at += bytesPerEvent) {
      let v: number;
      if (dataType === 'F') v = view.getFloat32(at, little);
      else if (dataType === 'D') v = view.getFloat64(at, little);
      else if (w === 1) v = bytes[at] as number;
      else if (w === 2) v = view.getUint16(at, little);
      else if (w === 4) v = view.getUint32(at, little);
      else if (w === 3) {
        const b0 = bytes[at] as number;
        const b1 = bytes[at + 1] as number;
        const b2 = bytes[at + 2] as number;
        v = little ? b0 | (b1 << 8) | (b2 << 16) : (b0 << 16) | (b1 << 8) | b2;
      } else {
        // 64-bit unsigned integers: exact up to 2^53 (Number precision).
        const hi = view.getUint32(little ? at + 4 : at, little);
        const lo = view.getUint32(little ? at : at + 4, little);
        v = hi * 4294967296 + lo;
      }
      if (m !== 0) v = (v & m) >>> 0;
      col[e] = v;
    }
  }
  return columns;
}

/**
 * A fresh copy of bytes [begin, end) in its own ArrayBuffer (byteOffset 0). Not `bytes.slice`: on a Node
 * Buffer (what fs.readFile gives) `slice` is a view into the file's memory, so an in-place swap would change
 * the caller's bytes and `.buffer` would start at the file's first byte, not at DATA.
 */
function copyOf(bytes: Uint8Array, begin: number, end: number): Uint8Array {
  const out = uninitialisedBlock(end - begin);
  out.set(bytes.subarray(begin, end));
  return out;
}
