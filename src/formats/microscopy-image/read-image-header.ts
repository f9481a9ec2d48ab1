/**
 * Minimal header reader for micrographs (TEM/SEM images) uploaded as raw files: recognises PNG, JPEG and
 * TIFF by their signatures and reads the pixel dimensions, so that an image is stored, listed and shown
 * with its size; the pixels themselves are not decoded. PNG: IHDR (ISO/IEC 15948 §11.2.2); JPEG: the first
 * SOFn marker (ITU-T T.81 §B.2.2); TIFF: ImageWidth (256) and ImageLength (257) of the first IFD (TIFF 6.0
 * §2, both byte orders). Bounded: never reads past the buffer, never loops more than the marker count.
 */
import { FormatError } from '../format-error.ts';

export const IMAGE_READER_NAME = 'evlab-image-header';
export const IMAGE_READER_VERSION = '1.0.0';

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'tiff';
  mediaType: 'image/png' | 'image/jpeg' | 'image/tiff';
  widthPx: number;
  heightPx: number;
  sizeBytes: number;
}

export function imageFormatOf(bytes: Uint8Array): ImageHeader['format'] | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 4 &&
    ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0) ||
      (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 0x2a))
  )
    return 'tiff';
  return null;
}

export function readImageHeader(bytes: Uint8Array, file: string): ImageHeader {
  const format = imageFormatOf(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string, byteOffset = 0): never => {
    throw new FormatError(format === null ? 'not-this-format' : 'truncated', reason, { file, byteOffset });
  };
  if (format === null) return fail('not a PNG, JPEG or TIFF image (unknown signature)');
  let width = 0;
  let height = 0;
  if (format === 'png') {
    if (bytes.length < 24) fail('PNG shorter than its IHDR chunk', bytes.length);
    width = view.getUint32(16);
    height = view.getUint32(20);
  } else if (format === 'jpeg') {
    let p = 2;
    for (let markers = 0; markers < 10000 && p + 9 < bytes.length; markers++) {
      if (bytes[p] !== 0xff) fail('JPEG marker expected', p);
      const marker = bytes[p + 1] as number;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        p += 2;
        continue;
      }
      const length = view.getUint16(p + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) {
        height = view.getUint16(p + 5);
        width = view.getUint16(p + 7);
        break;
      }
      p += 2 + length;
    }
    if (width === 0) fail('no JPEG frame header (SOF) found', p);
  } else {
    const little = bytes[0] === 0x49;
    if (bytes.length < 8) fail('TIFF shorter than its header', bytes.length);
    const ifd = view.getUint32(4, little);
    if (ifd + 2 > bytes.length) fail('TIFF IFD offset beyond the end of the file', 4);
    const entries = view.getUint16(ifd, little);
    for (let i = 0; i < entries; i++) {
      const e = ifd + 2 + i * 12;
      if (e + 12 > bytes.length) fail('TIFF IFD truncated', e);
      const tag = view.getUint16(e, little);
      const type = view.getUint16(e + 2, little);
      const value = type === 3 ? view.getUint16(e + 8, little) : view.getUint32(e + 8, little);
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    if (width === 0 || height === 0) fail('TIFF without ImageWidth/ImageLength', ifd);
  }
  if (!(width > 0 && height > 0)) fail('image with zero width or height');
  return {
    format,
    mediaType: format === 'png' ? 'image/png' : format === 'jpeg' ? 'image/jpeg' : 'image/tiff',
    widthPx: width,
    heightPx: height,
    sizeBytes: bytes.length,
  };
}
