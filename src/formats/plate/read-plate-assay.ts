/**
 * One entry point for plate exports: detects the form (SoftMax Pro text, a grid with a plate map, or a
 * long table) or takes it from the caller, then reads it into a PlateAssayRecord.
 */
import type { PlateAssayRecord } from '../../science/assay/plate-assay-record.ts';
import { FormatError } from '../format-error.ts';
import { sniffHead } from '../text-decoding.ts';
import { readLongCsv, sniffLongCsv } from './read-long-csv.ts';
import { readPlateGrid, sniffPlateGrid } from './read-plate-grid.ts';
import { readSoftMaxPro, sniffSoftMaxPro } from './read-softmax-pro.ts';

export const READER_NAME = 'evlab-plate';
export const READER_VERSION = '1.0.0';

export const PLATE_FORMATS = ['long', 'grid', 'softmax'] as const;
export type PlateFormat = (typeof PLATE_FORMATS)[number];

function head(bytes: Uint8Array): string {
  return sniffHead(bytes, 20_000);
}

export function detectPlateFormat(bytes: Uint8Array): PlateFormat | null {
  const text = head(bytes).replace(/^\u00ef\u00bb\u00bf/, '');
  if (sniffSoftMaxPro(text)) return 'softmax';
  if (sniffPlateGrid(text)) return 'grid';
  if (sniffLongCsv(text)) return 'long';
  return null;
}

export function readPlateAssay(bytes: Uint8Array, file: string, format?: PlateFormat): PlateAssayRecord {
  const chosen = format ?? detectPlateFormat(bytes);
  if (chosen === 'softmax') return readSoftMaxPro(bytes, file);
  if (chosen === 'grid') return readPlateGrid(bytes, file);
  if (chosen === 'long') return readLongCsv(bytes, file);
  throw new FormatError(
    'not-this-format',
    'not a plate export evlab knows: expected a SoftMax Pro text export (##BLOCKS=), a grid with a "Plate map", or a table with type,id,concentration,response',
    { file, line: 1, byteOffset: 0 },
  );
}
