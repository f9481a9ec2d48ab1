/**
 * A WebAssembly SIMD kernel for the FCS DATA step: byte swap (2/4/8-byte values) and the per-parameter $PnR
 * masks in one 16-byte-vector pass, run over the block in cache-sized chunks; for records of mixed widths
 * (`permute`, `fcsSimdRecordTable`) a per-vector byte permutation drawn from neighbouring vectors, then the masks.
 *
 * Why chunks: the decoded block must be a plain ArrayBuffer the caller owns, and WebAssembly code can only
 * touch its own linear memory. So each chunk (64 KiB, a multiple of the mask period) is copied into a small
 * persistent scratch memory (memcpy), transformed there while it sits in L1/L2 (one SIMD pass: swizzle + AND,
 * 16 bytes per step), and copied out to the result (memcpy from cache). The file's bytes are read from RAM
 * once and the result written once, as in a plain memcpy of the DATA segment; the in-cache work is cheap.
 * (bench/fcs-read.bench.ts measures it against memcpy and a NumPy reader; bench/results/fcs-read.md.)
 *
 * The module is assembled here byte by byte (no toolchain dependency); every opcode is commented with its
 * name from the WebAssembly core specification 2.0 (§5 Binary format; SIMD opcodes from the fixed-width SIMD
 * proposal, merged into the 2.0 spec: https://webassembly.github.io/spec/core/binary/instructions.html).
 * Where WebAssembly or its SIMD extension is unavailable, `fcsSimdKernel()` returns null and the decoder
 * falls back to its pure-JS paths (bit-identical results: decode-fcs-data.test.ts checks both).
 */

/** Unsigned LEB128 (spec §5.2.2), as used for sizes, counts and indices. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A section: id, byte size (LEB128), contents (spec §5.5.2). */
function section(id: number, contents: number[]): number[] {
  return [id, ...uleb(contents.length), ...contents];
}

/** A vector: element count (LEB128), then the elements (spec §5.1.3). */
function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A name: byte length, then UTF-8 bytes (ASCII here). */
function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

const I32 = 0x7f; // valtype i32
const V128 = 0x7b; // valtype v128
const SIMD = 0xfd; // prefix byte of every SIMD instruction; the opcode follows as LEB128

/** Vectors per loop iteration; the block and the mask period are processed in units of 16·UNROLL bytes. */
const UNROLL = 4;
const STEP = 16 * UNROLL;

// Instructions used by the kernel (opcode bytes from spec §5.4; SIMD ones are 0xfd + LEB128 opcode).
const localGet = (i: number) => [0x20, i]; // local.get i
const localSet = (i: number) => [0x21, i]; // local.set i
const localTee = (i: number) => [0x22, i]; // local.tee i (set and keep on the stack)
const i32Const = (n: number) => [0x41, ...sleb(n)]; // i32.const n (signed LEB128)
const I32_ADD = [0x6a]; // i32.add
const I32_EQ = [0x46]; // i32.eq
const I32_LT_U = [0x49]; // i32.lt_u
const I32_GE_U = [0x4f]; // i32.ge_u
const BLOCK = [0x02, 0x40]; // block with empty result type (0x40): `br` to it jumps past its end
const LOOP = [0x03, 0x40]; // loop with empty result type: `br` to it jumps back to its start
const IF = [0x04, 0x40]; // if with empty result type
const END = [0x0b]; // end of a block, loop, if or function body
const brIf = (depth: number) => [0x0d, depth]; // br_if to the enclosing label `depth` levels out
/** memarg: alignment hint 2^4 = 16 bytes (a hint only: never traps), then the constant offset. */
const memarg = (offset: number) => [0x04, ...uleb(offset)];
const v128Load = (offset: number) => [SIMD, 0x00, ...memarg(offset)]; // v128.load
const v128Store = (offset: number) => [SIMD, 0x0b, ...memarg(offset)]; // v128.store
const v128Const = (bytes: number[]) => [SIMD, 0x0c, ...bytes]; // v128.const, 16 immediate bytes
const I8X16_SWIZZLE = [SIMD, 0x0e]; // i8x16.swizzle: result lane i = a[b[i]] (0 where b[i] > 15)
const V128_AND = [SIMD, 0x4e]; // v128.and
const V128_OR = [SIMD, 0x50]; // v128.or

/** Signed LEB128 (spec §5.2.2), for i32.const. */
function sleb(n: number): number[] {
  const out: number[] = [];
  while (true) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/**
 * One function `(ptr, end, table, tableEnd)`: for each 16-byte vector at ptr < end (in place),
 * v = swizzle(v, lanes) (if `lanes`), v = v & mask[t], where the mask vectors cycle through [table, tableEnd).
 * Locals: 0 ptr, 1 end, 2 table, 3 tableEnd (params), 4 t (i32: current mask vector), 5 lanes (v128: the
 * byte permutation, a constant set once before the loop).
 * `end − ptr` and `tableEnd − table` are multiples of STEP (UNROLL vectors per loop iteration).
 *
 * The swap is `i8x16.swizzle(v, lanes)` with the permutation in a local rather than `i8x16.shuffle(v, v, …)`:
 * V8 (Node 20) pattern-matches a 4-byte-reversing shuffle to six instructions (pshuflw, pshufhw, a copy, two
 * shifts, or), while a swizzle whose indices are a known in-range constant compiles to one pshufb
 * (inspected with `node --print-wasm-code --no-liftoff`; TurboFan also hoists the constant out of the loop).
 * The in-cache pass over flowio/100715.fcs's 4.16 MB (F32 BE) took 0.115 ms with the shuffle and 0.052 ms
 * with the swizzle (minimum of 60 calls on 64 KiB chunks; bench/results/fcs-read.md).
 */
function kernelBody(lanes: number[] | null, masked = true): number[] {
  const [PTR, END_, TABLE, , T, LANES] = [0, 1, 2, 3, 4, 5]; // 3 = tableEnd (used in loopTail)
  const code: number[] = [
    ...[0x02, 0x01, I32, 0x01, V128], // local declarations: 2 groups — 1 × i32 (t), 1 × v128 (lanes)
    ...localGet(TABLE),
    ...localSet(T), // t = table
    ...(lanes ? [...v128Const(lanes), ...localSet(LANES)] : []), // lanes = the permutation
    ...BLOCK,
    ...localGet(PTR),
    ...localGet(END_),
    ...I32_GE_U,
    ...brIf(0), // ptr >= end: nothing to do, leave the block
    ...LOOP,
  ];
  // UNROLL vectors per iteration (at ptr + 16·u, through the memarg offset): fewer loop branches.
  for (let u = 0; u < UNROLL; u++) {
    code.push(...localGet(PTR), ...localGet(PTR), ...v128Load(16 * u)); // store address, then the vector
    if (lanes) code.push(...localGet(LANES), ...I8X16_SWIZZLE); // byte swap: v = swizzle(v, lanes)
    if (masked) code.push(...localGet(T), ...v128Load(16 * u), ...V128_AND); // v & mask
    code.push(...v128Store(16 * u)); // → ptr + 16·u
  }
  code.push(...loopTail(STEP, STEP));
  return [...uleb(code.length), ...code];
}

/**
 * The end of both kernels' loops: ptr += `ptrStep`, t += `tableStep` (back to the table's start when its period
 * is over), loop again while ptr < end; then the ends of the loop, the block and the function. Locals 0 ptr,
 * 1 end, 2 table, 3 tableEnd, 4 t in both.
 */
function loopTail(ptrStep: number, tableStep: number): number[] {
  const [PTR, END_, TABLE, TABLE_END, T] = [0, 1, 2, 3, 4];
  return [
    ...localGet(PTR),
    ...i32Const(ptrStep),
    ...I32_ADD,
    ...localSet(PTR), // ptr += ptrStep
    ...localGet(T),
    ...i32Const(tableStep),
    ...I32_ADD,
    ...localTee(T), // t += tableStep
    ...localGet(TABLE_END),
    ...I32_EQ,
    ...IF, // the table's period is over: start it again
    ...localGet(TABLE),
    ...localSet(T),
    ...END,
    ...localGet(PTR),
    ...localGet(END_),
    ...I32_LT_U,
    ...brIf(0), // ptr < end: next iteration of the loop
    ...END, // loop
    ...END, // block
    ...END, // function
  ];
}

/**
 * One function `(ptr, end, table, tableEnd)` for records of mixed widths (e.g. 25 16-bit parameters and a 32-bit
 * time counter, 54 bytes per event): each 16-byte output vector k is assembled from input vectors k − 1, k and
 * k + 1 by three swizzles with per-vector index tables, ORed, then ANDed with the vector's mask. A value of w ≤ 8
 * bytes reversed in place moves each byte at most w − 1 < 16 positions, so its bytes always come from those
 * three vectors, wherever it sits relative to the 16-byte grid (a 32-bit value at byte 14 straddles vectors 0
 * and 1). The table holds 64 bytes per vector — indices from the previous, the current and the next vector
 * (0x80, out of range, gives 0), then the mask — and cycles every `tableEnd − table` bytes.
 * Locals: 0 ptr, 1 end, 2 table, 3 tableEnd (params), 4 t (i32), 5 prev, 6 cur, 7 next (v128: the *input*
 * vectors, read before the output overwrites them, so the pass works in place). `prev` starts as zero (locals
 * are zero-initialised, spec §4.4.10): a call starts at a record boundary, so no value reaches back across it.
 * Reads one vector past `end` (the caller leaves 16 bytes of slack; nothing there reaches the output).
 */
function permuteBody(): number[] {
  const [PTR, END_, TABLE, , T, PREV, CUR, NEXT] = [0, 1, 2, 3, 4, 5, 6, 7]; // 3 = tableEnd (loopTail)
  const swizzleFrom = (local: number, tableOffset: number) => [
    ...localGet(local),
    ...localGet(T),
    ...v128Load(tableOffset),
    ...I8X16_SWIZZLE,
  ];
  const code: number[] = [
    ...[0x02, 0x01, I32, 0x03, V128], // local declarations: 1 × i32 (t), 3 × v128 (prev, cur, next)
    ...localGet(TABLE),
    ...localSet(T), // t = table
    ...BLOCK,
    ...localGet(PTR),
    ...localGet(END_),
    ...I32_GE_U,
    ...brIf(0), // ptr >= end: nothing to do
    ...localGet(PTR),
    ...v128Load(0),
    ...localSet(CUR), // cur = the first input vector
    ...LOOP,
    ...localGet(PTR), // the store address, under the value computed next
    ...localGet(PTR),
    ...v128Load(16),
    ...localSet(NEXT), // next = the input vector after this one (not yet overwritten)
    ...swizzleFrom(PREV, 0),
    ...swizzleFrom(CUR, 16),
    ...V128_OR,
    ...swizzleFrom(NEXT, 32),
    ...V128_OR, // the vector's bytes, each from wherever its value's byte order puts it
    ...localGet(T),
    ...v128Load(48),
    ...V128_AND, // the $PnR masks
    ...v128Store(0), // → ptr
    ...localGet(CUR),
    ...localSet(PREV),
    ...localGet(NEXT),
    ...localSet(CUR),
    ...loopTail(16, 64), // one vector, one 64-byte table entry
  ];
  return [...uleb(code.length), ...code];
}

/** Shuffle lanes reversing each group of `width` bytes (2, 4 or 8) in a 16-byte vector. */
function reverseLanes(width: number): number[] {
  return Array.from({ length: 16 }, (_, i) => i - (i % width) + (width - 1 - (i % width)));
}

/**
 * `mask`: AND only; `swapN`: swap + AND; `swapNPlain`: swap only (floats, unmasked integers); `permute`: mixed
 * widths (per-vector byte permutation + AND).
 */
const EXPORTS = [
  'mask',
  'swap16',
  'swap32',
  'swap64',
  'swap16Plain',
  'swap32Plain',
  'swap64Plain',
  'permute',
] as const;

/** The module: imports memory `e.m`, exports one kernel per swap width (and `mask`: no swap). */
export function fcsSimdModuleBytes(): Uint8Array<ArrayBuffer> {
  const bodies = [
    kernelBody(null),
    kernelBody(reverseLanes(2)),
    kernelBody(reverseLanes(4)),
    kernelBody(reverseLanes(8)),
    kernelBody(reverseLanes(2), false),
    kernelBody(reverseLanes(4), false),
    kernelBody(reverseLanes(8), false),
    permuteBody(),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d], // magic "\0asm"
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    // type section (1): one function type (i32, i32, i32, i32) -> ()
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32]]), ...vec([])]])),
    // import section (2): memory "e"."m", import kind 0x02 (mem), limits 0x00 (min only) = 1 page
    ...section(2, vec([[...name('e'), ...name('m'), 0x02, 0x00, 0x01]])),
    // function section (3): every function has type index 0
    ...section(3, vec(bodies.map(() => [0x00]))),
    // export section (7): export kind 0x00 (func) with its function index
    ...section(7, vec(EXPORTS.map((n, i) => [...name(n), 0x00, ...uleb(i)]))),
    // code section (10): the bodies (each already prefixed with its size)
    ...section(10, [...uleb(bodies.length), ...bodies.flat()]),
  ];
  return new Uint8Array(bytes);
}

type KernelFn = (ptr: number, end: number, table: number, tableEnd: number) => void;

/**
 * Bytes per chunk when writing a fresh block: fits L2 on every current x86-64/ARM core with room for the
 * copy-out. In place (`out` over the source) a chunk that stays in L1 is faster: 16 KiB measured
 * 0.145–0.16 ms against 0.17–0.19 ms for 64 KiB per in-place pass over 100715.fcs (4.16 MB; minimum of 400
 * calls, 8–256 KiB tried; bench/results/fcs-read.md, round 9).
 */
const CHUNK_BYTES = 64 * 1024;
const IN_PLACE_CHUNK_BYTES = 16 * 1024;
const PAGE = 65536; // WebAssembly page size (spec §2.3.8)

export interface FcsSimdKernel {
  /**
   * Copies `total` bytes from `src` at `begin` to `out` (a fresh array of its own, or the source's own bytes
   * at or below `begin`: each chunk is read before its result is written), reversing each `width`-byte value
   * when `swap`, and ANDing with `maskBytes` (one mask period, a multiple of 64 bytes, cycled from the
   * block's first byte). `total` is a multiple of `width`. `afterChunk(offset, length)`, if given, runs after
   * each chunk is written to `out`, while it is still in cache; chunks are whole mask periods.
   */
  transform(
    src: Uint8Array,
    begin: number,
    total: number,
    out: Uint8Array,
    width: number,
    swap: boolean,
    maskBytes: Uint8Array,
    afterChunk?: (offset: number, length: number) => void,
  ): void;
  /**
   * The same for records of mixed widths: copies `total` bytes (whole records) from `src` at `begin` to `out`
   * (fresh, or the source's own bytes at or below `begin`), transformed by `table` (fcsSimdRecordTable).
   */
  transformRecords(
    src: Uint8Array,
    begin: number,
    total: number,
    out: Uint8Array,
    table: FcsSimdRecordTable,
  ): void;
}

let cached: FcsSimdKernel | null | undefined;

/** The kernel, or null where WebAssembly SIMD is unavailable. Compiled once (a ~300-byte module). */
export function fcsSimdKernel(): FcsSimdKernel | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const W = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
    if (!W) return null;
    const bytes = fcsSimdModuleBytes();
    if (!W.validate(bytes)) return null;
    const memory = new W.Memory({ initial: 4 });
    const instance = new W.Instance(new W.Module(bytes), { e: { m: memory } });
    const fns = instance.exports as unknown as Record<(typeof EXPORTS)[number], KernelFn>;
    cached = makeKernel(memory, fns);
  } catch {
    cached = null;
  }
  return cached;
}

function makeKernel(
  memory: WebAssembly.Memory,
  fns: Record<(typeof EXPORTS)[number], KernelFn>,
): FcsSimdKernel {
  let heap = new Uint8Array(memory.buffer);
  return {
    transform(src, begin, total, out, width, swap, maskBytes, afterChunk) {
      const period = maskBytes.length;
      const inPlace = out.buffer === src.buffer;
      const chunk = Math.max(1, Math.floor((inPlace ? IN_PLACE_CHUNK_BYTES : CHUNK_BYTES) / period)) * period;
      const tableAt = 0;
      const dataAt = period; // a multiple of 64
      const need = dataAt + chunk + STEP;
      if (heap.byteLength < need) {
        memory.grow(Math.ceil((need - heap.byteLength) / PAGE));
        heap = new Uint8Array(memory.buffer);
      }
      heap.set(maskBytes, tableAt);
      const plain = maskBytes.every((b) => b === 0xff);
      const key = `swap${8 * width}${plain ? 'Plain' : ''}` as (typeof EXPORTS)[number];
      const fn = !swap || width === 1 ? fns.mask : fns[key];
      for (let off = 0; off < total; off += chunk) {
        const len = Math.min(chunk, total - off);
        heap.set(src.subarray(begin + off, begin + off + len), dataAt);
        // Whole vectors only: the tail past `len` (stale scratch bytes) is transformed but never copied out.
        fn(dataAt, dataAt + Math.ceil(len / STEP) * STEP, tableAt, tableAt + period);
        out.set(heap.subarray(dataAt, dataAt + len), off);
        afterChunk?.(off, len);
      }
    },
    transformRecords(src, begin, total, out, table) {
      const { period, bytes } = table;
      const inPlace = out.buffer === src.buffer;
      // Chunks are whole periods, so each starts at a record boundary (no value straddles two calls).
      const chunk = Math.max(1, Math.floor((inPlace ? IN_PLACE_CHUNK_BYTES : CHUNK_BYTES) / period)) * period;
      const dataAt = bytes.length; // a multiple of 64
      const need = dataAt + chunk + STEP + 16; // slack: the tail and `permute`'s read of one vector more
      if (heap.byteLength < need) {
        memory.grow(Math.ceil((need - heap.byteLength) / PAGE));
        heap = new Uint8Array(memory.buffer);
      }
      heap.set(bytes, 0);
      const fn = table.kind === 'permute' ? fns.permute : fns.mask;
      for (let off = 0; off < total; off += chunk) {
        const len = Math.min(chunk, total - off);
        heap.set(src.subarray(begin + off, begin + off + len), dataAt);
        // Whole steps (vectors for `permute`, unrolled steps for `mask`); the tail is never copied out.
        const unit = table.kind === 'permute' ? 16 : STEP;
        fn(dataAt, dataAt + Math.ceil(len / unit) * unit, 0, bytes.length);
        out.set(heap.subarray(dataAt, dataAt + len), off);
      }
    },
  };
}

/**
 * How the kernel transforms records of mixed widths: `mask` (native byte order: the mask bytes of one period of
 * lcm(record, 64) bytes, for the `mask` function) or `permute` (other byte order: 64 table bytes per 16-byte
 * vector over a period of lcm(record, 16) bytes, for `permute`). decodeFcsData uses `permute` only: records in
 * native order are views whose masks apply on read (FcsRecords).
 */
export interface FcsSimdRecordTable {
  kind: 'mask' | 'permute';
  /** Bytes of data covered by one cycle of the table (a whole number of records). */
  period: number;
  bytes: Uint8Array;
}

/** Largest table built (bytes); a layout needing more is decoded per column instead. */
export const FCS_SIMD_MAX_RECORD_TABLE_BYTES = 1 << 20;

/**
 * The table for records whose parameters have byte `widths` (1, 2, 3, 4 or 8; a record is their sum) and $PnR
 * `masks` (0 = none), stored in the other byte order when `swap`. Null when there is nothing to do (native order,
 * no masks) or the table would exceed FCS_SIMD_MAX_RECORD_TABLE_BYTES. Output bytes are in the host's
 * (little-endian) order.
 */
export function fcsSimdRecordTable(
  widths: readonly number[],
  masks: readonly number[],
  swap: boolean,
): FcsSimdRecordTable | null {
  const record = widths.reduce((s, w) => s + w, 0);
  if (record === 0 || (!swap && masks.every((m) => m === 0))) return null;
  let period = record;
  while (period % (swap ? 16 : STEP) !== 0) period += record;
  if (period * (swap ? 4 : 1) > FCS_SIMD_MAX_RECORD_TABLE_BYTES) return null;
  // Byte r of a record: which value it belongs to (start, width) and its mask byte once in host order.
  const start = new Int32Array(record);
  const width = new Int32Array(record);
  const maskByte = new Uint8Array(record);
  let at = 0;
  widths.forEach((w, i) => {
    const m = masks[i] as number;
    for (let j = 0; j < w; j++) {
      start[at + j] = at;
      width[at + j] = w;
      // Little-endian host: byte j of the value carries bits 8j…8j+7.
      maskByte[at + j] = m === 0 || j >= 4 ? 0xff : (m >>> (8 * j)) & 0xff;
    }
    at += w;
  });
  if (!swap) {
    const bytes = new Uint8Array(period);
    for (let b = 0; b < period; b++) bytes[b] = maskByte[b % record] as number;
    return { kind: 'mask', period, bytes };
  }
  const bytes = new Uint8Array(period * 4).fill(0x80);
  for (let b = 0; b < period; b++) {
    const r = b % record;
    const valueStart = b - r + (start[r] as number);
    const j = b - valueStart;
    const src = valueStart + (width[r] as number) - 1 - j; // the byte reversed into position j
    const k = b >> 4;
    const from = (src >> 4) - k; // −1, 0 or +1
    bytes[64 * k + 16 * (from + 1) + (b & 15)] = src & 15;
    bytes[64 * k + 48 + (b & 15)] = maskByte[r] as number;
  }
  return { kind: 'permute', period, bytes };
}

/**
 * One mask period as bytes in the host's (little-endian) order after the swap: value v of the block has mask
 * masks[v mod p] (0 = none: all ones). The period is lcm(p·width, 64) bytes (64 = one unrolled loop step), so
 * each 16-byte vector of the block lines up with the same table vector every period.
 */
export function fcsSimdMaskBytes(masks: readonly number[], width: number): Uint8Array {
  const p = masks.length;
  const rowBytes = p * width;
  let period = rowBytes;
  while (period % STEP !== 0) period += rowBytes;
  const out = new Uint8Array(period);
  for (let v = 0; v < period / width; v++) {
    const m = masks[v % p] as number;
    for (let b = 0; b < width; b++) {
      out[v * width + b] = m === 0 || b >= 4 ? 0xff : (m >>> (8 * b)) & 0xff;
    }
  }
  return out;
}
