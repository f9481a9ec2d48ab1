import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { readImageHeader } from './read-image-header.ts';

// Hand-built headers following the specifications cited in read-image-header.ts.
function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

describe('readImageHeader', () => {
  it('PNG: IHDR width and height', () => {
    expect(readImageHeader(png(2048, 1536), 'tem.png')).toMatchObject({
      format: 'png',
      widthPx: 2048,
      heightPx: 1536,
    });
  });
  it('JPEG: dimensions from the SOF0 marker after an APP0 segment', () => {
    const b = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x02, 0x00, 0x04, 0x00, 1, 1, 0x11, 0,
    ]);
    expect(readImageHeader(b, 'sem.jpg')).toMatchObject({ format: 'jpeg', widthPx: 1024, heightPx: 512 });
  });
  it('TIFF little-endian: ImageWidth/ImageLength tags', () => {
    const b = new Uint8Array(8 + 2 + 24 + 4);
    const v = new DataView(b.buffer);
    b.set([0x49, 0x49, 0x2a, 0]);
    v.setUint32(4, 8, true);
    v.setUint16(8, 2, true);
    v.setUint16(10, 256, true);
    v.setUint16(12, 3, true);
    v.setUint32(14, 1, true);
    v.setUint16(18, 4096, true);
    v.setUint16(22, 257, true);
    v.setUint16(24, 4, true);
    v.setUint32(26, 1, true);
    v.setUint32(30, 4096, true);
    expect(readImageHeader(b, 'tem.tif')).toMatchObject({ format: 'tiff', widthPx: 4096, heightPx: 4096 });
  });
  it('rejects other files and truncated images', () => {
    expect(() => readImageHeader(new TextEncoder().encode('Area\n1\n'), 'x.csv')).toThrow(FormatError);
    expect(() => readImageHeader(png(1, 1).subarray(0, 18), 't.png')).toThrow(/IHDR/);
  });
});
