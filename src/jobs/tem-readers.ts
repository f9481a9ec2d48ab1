/**
 * Measurement readers for electron microscopy: ImageJ/Fiji "Analyze Particles" Results tables (`tem`) and
 * the micrographs themselves (`tem-image`, PNG/JPEG/TIFF: stored as raw files and shown; only the header is
 * read). A Results table carries no unit, so ingest stores the particles and a summary; sizes in nm are
 * computed with the image scale by the API (`GET /api/measurements/:id/tem?nmPerPx=…`) and `evlab tem`.
 * Images are never claimed by content alone (a Western blot is a PNG too): they need the kind given on
 * upload, or a file name that says TEM/SEM/micrograph.
 */
import {
  IMAGEJ_READER_NAME,
  IMAGEJ_READER_VERSION,
  readImageJResults,
} from '../formats/imagej-results/read-imagej-results.ts';
import {
  IMAGE_READER_NAME,
  IMAGE_READER_VERSION,
  readImageHeader,
} from '../formats/microscopy-image/read-image-header.ts';
import type { MeasurementReader } from './measurement-readers.ts';

function sniffImageJ(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const firstLine = head.split('\n', 1)[0] ?? '';
  return (
    (firstLine.includes(',Area,') || firstLine.includes('\tArea\t') || firstLine.startsWith('Area')) &&
    (firstLine.includes('Feret') ||
      firstLine.includes('Circ.') ||
      firstLine.includes('Perim.') ||
      firstLine.includes('Solidity'))
  );
}

export const temTableReader: MeasurementReader = {
  kind: 'tem',
  instrument: 'TEM/SEM (ImageJ Analyze Particles)',
  readerName: IMAGEJ_READER_NAME,
  readerVersion: IMAGEJ_READER_VERSION,
  fileNamePattern: /(^|[/\\_ -])(results|tem|sem)[^/\\]*\.(csv|xls|txt)$/i,
  sniff: sniffImageJ,
  read(bytes, fileName) {
    const parsed = readImageJResults(bytes, fileName);
    return {
      parsed,
      metrics: { particles: parsed.particles.length, columns: parsed.columns, needsScale: true },
    };
  },
};

export const temImageReader: MeasurementReader = {
  kind: 'tem-image',
  instrument: 'TEM/SEM micrograph',
  readerName: IMAGE_READER_NAME,
  readerVersion: IMAGE_READER_VERSION,
  fileNamePattern: /(tem|sem|micrograph|cryo)[^/\\]*\.(png|jpe?g|tiff?)$/i,
  sniff: () => false,
  read(bytes, fileName) {
    const header = readImageHeader(bytes, fileName);
    return { parsed: header, metrics: header };
  },
};
