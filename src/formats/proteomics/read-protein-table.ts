import type { ProteinTableRecord } from '../../science/proteomics/protein-table-record.ts';
import { FormatError } from '../format-error.ts';
import { sniffHead } from '../text-decoding.ts';
import { readFragPipeCombinedProtein, sniffFragPipe } from './read-fragpipe-combined-protein.ts';
import { readMaxQuantProteinGroups, sniffMaxQuant } from './read-maxquant-protein-groups.ts';

export const READER_NAME = 'evlab-protein-table';
export const READER_VERSION = '1.0.0';

function headerLine(bytes: Uint8Array): string {
  const head = sniffHead(bytes, 65_536);
  const nl = head.indexOf('\n');
  return nl < 0 ? head : head.slice(0, nl);
}

export function detectProteinTable(bytes: Uint8Array): 'maxquant' | 'fragpipe' | null {
  const h = headerLine(bytes);
  if (sniffMaxQuant(h)) return 'maxquant';
  if (sniffFragPipe(h)) return 'fragpipe';
  return null;
}

export function readProteinTable(bytes: Uint8Array, file: string): ProteinTableRecord {
  const kind = detectProteinTable(bytes);
  if (kind === 'maxquant') return readMaxQuantProteinGroups(bytes, file);
  if (kind === 'fragpipe') return readFragPipeCombinedProtein(bytes, file);
  throw new FormatError(
    'not-this-format',
    'not a protein table evlab knows: expected MaxQuant proteinGroups.txt or FragPipe combined_protein.tsv',
    { file, line: 1, byteOffset: 0 },
  );
}
