/**
 * A fresh byte block for a decode that overwrites every byte of it.
 *
 * `new Uint8Array(n)` zero-fills its memory first; for a 4 MB DATA block that fill is a whole extra pass
 * over cold memory (0.06–0.12 ms of a 0.35 ms decode of flowio/100715.fcs on the evlab box, measured with
 * the bench in bench/fcs-read.bench.ts). Under Node, `Buffer.allocUnsafeSlow` returns an unpooled block
 * with its own ArrayBuffer of exactly `size` bytes (byteOffset 0) and skips the fill, as NumPy's `np.empty`
 * does; callers must write every byte before anyone reads it. Elsewhere (browsers) or for small blocks
 * (below 4 KiB the fill is negligible) the zero-filled constructor is used. `Buffer` is looked up at call
 * time so that code hiding it (the bench's pure-JS column, tests) gets the portable path.
 */
interface UnsafeAllocator {
  allocUnsafeSlow(size: number): Uint8Array;
}

/** Below this size the zero fill costs less than the call into Node's allocator. */
const MIN_UNSAFE_BYTES = 4096;

export function uninitialisedBlock(size: number): Uint8Array {
  const B = (globalThis as { Buffer?: UnsafeAllocator }).Buffer;
  if (size >= MIN_UNSAFE_BYTES && B && typeof B.allocUnsafeSlow === 'function') {
    const block = B.allocUnsafeSlow(size);
    // A plain Uint8Array view on the block's own buffer (not the Buffer subclass) for the callers.
    return new Uint8Array(block.buffer, block.byteOffset, size);
  }
  return new Uint8Array(size);
}
