/**
 * FragPipe / Philosopher `combined_protein.tsv` (Kong et al. 2017, Nat Methods 14:513; da Veiga Leprevost
 * et al. 2020, Nat Methods 17:869): `Protein`, `Protein ID`, `Gene`, `Organism`, `Description`, per
 * experiment `<exp> Spectral Count`, `<exp> Unique Spectral Count`, `<exp> Total Spectral Count`,
 * `<exp> Intensity`, `<exp> MaxLFQ Intensity`. Decoys carry the `rev_` prefix, contaminants `contam_`.
 * Experiments are taken from the `<exp> Total Spectral Count` columns.
 */

import type {
  ProteinRow,
  ProteinTableRecord,
  QuantityKind,
  TableCheck,
} from '../../science/proteomics/protein-table-record.ts';
import { FormatError } from '../format-error.ts';
import { columnFinder, decodeTable, forEachRow, quantity } from './protein-table-text.ts';

export function sniffFragPipe(headerLine: string): boolean {
  return (
    headerLine.startsWith('Protein\tProtein ID\t') ||
    (headerLine.includes('\tProtein ID\t') && headerLine.includes('Spectral Count'))
  );
}

const TOTAL_SUFFIX = ' Total Spectral Count';

export function readFragPipeCombinedProtein(bytes: Uint8Array, file: string): ProteinTableRecord {
  const text = decodeTable(bytes, file);
  const pending: { cells: string[]; line: number }[] = [];
  const header = forEachRow(text, file, (r) => pending.push(r));
  const col = columnFinder(header);
  if (col('Protein') < 0 || col('Protein ID') < 0)
    throw new FormatError(
      'not-this-format',
      'not a FragPipe combined_protein.tsv (no "Protein" / "Protein ID" columns)',
      { file, line: 1 },
    );
  const samples = header
    .filter((h) => h.endsWith(TOTAL_SUFFIX) && h !== `Combined${TOTAL_SUFFIX}`)
    .map((h) => h.slice(0, -TOTAL_SUFFIX.length));
  if (samples.length === 0)
    throw new FormatError('missing-section', 'no "<experiment> Total Spectral Count" columns', {
      file,
      line: 1,
    });
  const columnsOf = (suffix: string) => samples.map((s) => col(`${s} ${suffix}`));
  const kinds: [QuantityKind, number[]][] = (
    [
      ['intensity', columnsOf('Intensity')],
      ['lfq', columnsOf('MaxLFQ Intensity')],
      ['spectralCount', columnsOf('Total Spectral Count')],
    ] as [QuantityKind, number[]][]
  ).filter(([, idx]) => idx.every((i) => i >= 0));
  const iProtein = col('Protein');
  const iId = col('Protein ID');
  const iGene = col('Gene');
  const iDesc = col('Description');
  const iOrg = col('Organism');
  const iIndist = col('Indistinguishable Proteins');
  const iCombined = col(`Combined${TOTAL_SUFFIX}`);
  const rows: ProteinRow[] = [];
  let mismatches = 0;
  let firstMismatch = 0;
  for (const { cells, line } of pending) {
    const quantities: ProteinRow['quantities'] = {};
    for (const [kind, idx] of kinds)
      quantities[kind] = idx.map((i, k) => quantity(cells[i], `${kind} of ${samples[k]}`, file, line));
    const protein = cells[iProtein] ?? '';
    const others =
      iIndist >= 0
        ? (cells[iIndist] ?? '')
            .split(',')
            .map((s) => s.trim().split('|')[1] ?? '')
            .filter((s) => s !== '')
        : [];
    rows.push({
      proteinIds: [cells[iId] ?? '', ...others].filter((s) => s !== ''),
      genes: iGene >= 0 && (cells[iGene] ?? '') !== '' ? [(cells[iGene] ?? '').trim()] : [],
      description: iDesc >= 0 ? (cells[iDesc] ?? '') : '',
      organism: iOrg >= 0 ? (cells[iOrg] ?? '') || null : null,
      reverse: protein.startsWith('rev_'),
      contaminant: protein.startsWith('contam_'),
      onlyBySite: false,
      quantities,
    });
    if (iCombined >= 0 && quantities.spectralCount) {
      const combined = quantity(cells[iCombined], 'Combined Total Spectral Count', file, line);
      if (quantities.spectralCount.reduce((s, v) => s + v, 0) !== combined) {
        if (mismatches === 0) firstMismatch = line;
        mismatches++;
      }
    }
  }
  const checks: TableCheck[] = [];
  if (iCombined >= 0)
    checks.push({
      name: 'combined-total-spectral-count-sum',
      passed: mismatches === 0,
      detail:
        mismatches === 0
          ? `Combined Total Spectral Count equals the sum of the ${samples.length} experiments on all ${rows.length} rows`
          : `Combined Total Spectral Count differs from the sum on ${mismatches} rows (first: line ${firstMismatch})`,
    });
  return { software: 'fragpipe', samples, quantityKinds: kinds.map(([k]) => k), rows, checks };
}
