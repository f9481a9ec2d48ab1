/**
 * Minimal NumPy .npy reader for tests (format v1/v2/v3, little-endian float64/float32/int32, C order): the
 * header is an ASCII Python dict literal after the magic "\x93NUMPY" (NumPy NEP 1,
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 */
export interface NpyArray {
  shape: number[];
  data: Float64Array | Float32Array | Int32Array;
}

export function readNpy(bytes: Uint8Array): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY') throw new Error('not a .npy file');
  const major = bytes[6] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  if (fortran !== 'False') throw new Error('only C-order arrays are supported');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLen;
  const copy = bytes.slice(start, start + count * 8).buffer;
  if (descr === '<f8') return { shape, data: new Float64Array(copy, 0, count) };
  if (descr === '<f4') return { shape, data: new Float32Array(bytes.slice(start, start + count * 4).buffer) };
  if (descr === '<i4') return { shape, data: new Int32Array(bytes.slice(start, start + count * 4).buffer) };
  throw new Error(`unsupported dtype ${descr}`);
}
