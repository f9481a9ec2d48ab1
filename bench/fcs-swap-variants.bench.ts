/**
 * Benchmark: the candidate inner loops for FCS blocks in the other byte order and with $PnR masks, each
 * against a plain memcpy of the same block (a fresh Uint8Array + set, as in fcs-read.bench.ts). The fastest
 * became decode-fcs-data.ts's 'copy+swap' path (memcpy + Buffer#swapN + a read-only OR check).
 *
 *   node bin/run-ts.mjs bench/fcs-swap-variants.bench.ts [--samples=60]
 *
 * Reports the minimum over single-run samples (the machine is shared; contention only adds time).
 */
import { performance } from 'node:perf_hooks';

const samples = Number(process.argv.find((a) => a.startsWith('--samples='))?.split('=')[1] ?? 60);

function best(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < samples; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function swap32Js(src: Int32Array, dst: Int32Array): void {
  const n = src.length;
  for (let k = 0; k < n; k++) {
    const x = src[k] as number;
    dst[k] = (x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
  }
}

function swap16MaskJs(src: Int32Array, dst: Int32Array, m: number): void {
  const n = src.length;
  for (let k = 0; k < n; k++) {
    const x = src[k] as number;
    dst[k] = (((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff)) & m;
  }
}

function orAll1(a: Int32Array): number {
  let acc = 0;
  for (let k = 0; k < a.length; k++) acc |= a[k] as number;
  return acc;
}

function orAll4(a: Int32Array): number {
  const n4 = a.length - (a.length % 4);
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let k = 0;
  for (; k < n4; k += 4) {
    a0 |= a[k] as number;
    a1 |= a[k + 1] as number;
    a2 |= a[k + 2] as number;
    a3 |= a[k + 3] as number;
  }
  for (; k < a.length; k++) a0 |= a[k] as number;
  return a0 | a1 | a2 | a3;
}

for (const size of [4_160_000, 16_000_000]) {
  const bytes = new Uint8Array(size + 8);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0x03;
  const begin = 8;
  const block = () => bytes.slice(begin, begin + size);
  const variants: Record<string, () => void> = {
    memcpy: () => {
      new Uint8Array(size).set(bytes.subarray(begin, begin + size));
    },
    'js swap32 → new buffer (old word pass)': () => {
      swap32Js(new Int32Array(bytes.buffer, begin, size >> 2), new Int32Array(new ArrayBuffer(size)));
    },
    'js swap16+mask → new buffer (old word pass)': () => {
      const out = new Int32Array(new ArrayBuffer(size));
      swap16MaskJs(new Int32Array(bytes.buffer, begin, size >> 2), out, 0x03ff03ff);
    },
    'memcpy + js swap32 in place': () => {
      const a = new Int32Array(block().buffer);
      swap32Js(a, a);
    },
    'memcpy + Buffer#swap16': () => {
      const c = block();
      Buffer.from(c.buffer, 0, size).swap16();
    },
    'memcpy + Buffer#swap32': () => {
      const c = block();
      Buffer.from(c.buffer, 0, size).swap32();
    },
    'memcpy + Buffer#swap64': () => {
      const c = block();
      Buffer.from(c.buffer, 0, size).swap64();
    },
    'OR check, 1 accumulator (read only)': () => {
      orAll1(new Int32Array(bytes.buffer, begin, size >> 2));
    },
    'OR check, 4 accumulators (read only)': () => {
      orAll4(new Int32Array(bytes.buffer, begin, size >> 2));
    },
    'memcpy + Buffer#swap16 + OR check (chosen, 16-bit masked)': () => {
      const c = block();
      Buffer.from(c.buffer, 0, size).swap16();
      orAll4(new Int32Array(c.buffer));
    },
  };
  const times = Object.entries(variants).map(([name, fn]) => [name, best(fn)] as const);
  const memcpy = times[0]?.[1] as number;
  console.log(`\n${(size / 1e6).toFixed(2)} MB block, min of ${samples} samples`);
  for (const [name, ms] of times) {
    console.log(`  ${name.padEnd(58)} ${ms.toFixed(3).padStart(8)} ms  ${(ms / memcpy).toFixed(2)}× memcpy`);
  }
}
