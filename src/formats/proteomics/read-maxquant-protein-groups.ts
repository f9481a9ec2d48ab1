/**
 * MaxQuant `proteinGroups.txt` (Cox & Mann 2008, Nat Biotechnol 26:1367; column meanings in MaxQuant's
 * tables.pdf / "proteinGroups.txt" documentation): `Protein IDs`, `Majority protein IDs`, `Gene names`,
 * `Intensity <sample>`, `LFQ intensity <sample>`, `iBAQ <sample>`, `MS/MS count <sample>`, and the
 * `Reverse`, `Potential contaminant` (`Contaminant` before 1.6), `Only identified by site` flags ("+").
 * Samples are taken from the `Intensity <sample>` columns.
 */

import type {
  ProteinRow,
  ProteinTableRecord,
  QuantityKind,
  TableCheck,
} from '../../science/proteomics/protein-table-record.ts';
import { FormatError } from '../format-error.ts';
import { columnFinder, decodeTable, forEachRow, quantity } from './protein-table-text.ts';

export function sniffMaxQuant(headerLine: string): boolean {
  return headerLine.startsWith('Protein IDs\t') && headerLine.includes('Majority protein IDs');
}

export function readMaxQuantProteinGroups(bytes: Uint8Array, file: string): ProteinTableRecord {
  const text = decodeTable(bytes, file);
  const pending: { cells: string[]; line: number }[] = [];
  const header = forEachRow(text, file, (r) => pending.push(r));
  const col = columnFinder(header);
  const iIds = col('Protein IDs');
  if (iIds !== 0 || col('Majority protein IDs') < 0)
    throw new FormatError(
      'not-this-format',
      'not a MaxQuant proteinGroups.txt (no "Protein IDs" / "Majority protein IDs" columns)',
      {
        file,
        line: 1,
      },
    );
  const samples = header.filter((h) => h.startsWith('Intensity ')).map((h) => h.slice('Intensity '.length));
  if (samples.length === 0)
    throw new FormatError('missing-section', 'no "Intensity <sample>" columns', { file, line: 1 });
  const columnsOf = (prefix: string) => samples.map((s) => col(`${prefix} ${s}`));
  const kinds: [QuantityKind, number[]][] = (
    [
      ['intensity', columnsOf('Intensity')],
      ['lfq', columnsOf('LFQ intensity')],
      ['ibaq', columnsOf('iBAQ')],
      ['spectralCount', columnsOf('MS/MS count')],
    ] as [QuantityKind, number[]][]
  ).filter(([, idx]) => idx.every((i) => i >= 0));
  const iGenes = col('Gene names');
  const iNames = col('Protein names');
  const iMajority = col('Majority protein IDs');
  const iRev = col('Reverse');
  const iCon = col('Potential contaminant') >= 0 ? col('Potential contaminant') : col('Contaminant');
  const iSite = col('Only identified by site');
  const iMsms = col('MS/MS count');
  const iFasta = col('Fasta headers');
  const rows: ProteinRow[] = [];
  let msmsMismatches = 0;
  let firstMismatch = 0;
  for (const { cells, line } of pending) {
    const quantities: ProteinRow['quantities'] = {};
    for (const [kind, idx] of kinds)
      quantities[kind] = idx.map((i, k) => quantity(cells[i], `${kind} of ${samples[k]}`, file, line));
    const majority = (cells[iMajority] ?? '').split(';').filter((s) => s !== '');
    const fasta = iFasta >= 0 ? (cells[iFasta] ?? '') : '';
    const organism = fasta.includes('OS=') ? (fasta.split('OS=')[1]?.split(' OX=')[0]?.trim() ?? null) : null;
    rows.push({
      proteinIds: majority.length > 0 ? majority : (cells[iIds] ?? '').split(';'),
      genes: (iGenes >= 0 ? (cells[iGenes] ?? '') : '')
        .split(';')
        .map((g) => g.trim())
        .filter((g) => g !== ''),
      description: iNames >= 0 ? ((cells[iNames] ?? '').split(';')[0] ?? '') : '',
      organism,
      reverse: iRev >= 0 && (cells[iRev] ?? '').trim() === '+',
      contaminant:
        (iCon >= 0 && (cells[iCon] ?? '').trim() === '+') || (cells[iIds] ?? '').startsWith('CON__'),
      onlyBySite: iSite >= 0 && (cells[iSite] ?? '').trim() === '+',
      quantities,
    });
    const sc = quantities.spectralCount;
    if (iMsms >= 0 && sc) {
      const total = quantity(cells[iMsms], 'MS/MS count', file, line);
      if (sc.reduce((s, v) => s + v, 0) !== total) {
        if (msmsMismatches === 0) firstMismatch = line;
        msmsMismatches++;
      }
    }
  }
  const checks: TableCheck[] = [];
  if (iMsms >= 0 && kinds.some(([k]) => k === 'spectralCount'))
    checks.push({
      name: 'msms-count-sum',
      passed: msmsMismatches === 0,
      detail:
        msmsMismatches === 0
          ? `MS/MS count equals the sum of the ${samples.length} per-sample columns on all ${rows.length} rows`
          : `MS/MS count differs from the per-sample sum on ${msmsMismatches} rows (first: line ${firstMismatch})`,
    });
  return { software: 'maxquant', samples, quantityKinds: kinds.map(([k]) => k), rows, checks };
}
