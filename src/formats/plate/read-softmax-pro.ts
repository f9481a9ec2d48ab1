/**
 * SoftMax Pro (Molecular Devices) plate-section text export, "Time" (column) format: `##BLOCKS= n`,
 * then blocks ending in `~End`. A `Plate:` block holds the raw reads, one row per wavelength with a
 * column per well; `Group:` blocks hold the software's tables (Standards with `Concentration <unit>`,
 * `BackCalcConc`, `Wells`, `Value`; unknowns with `Wells`, `Value`, `Result`, `Dilution`, `AdjResult`).
 * Latin-1, CRLF, tab-separated; `Masked` marks excluded wells, `Range?` a value off the curve.
 *
 * Responses are taken from the plate block at full precision: for a two-wavelength read, the first
 * wavelength minus the second (the usual reference-wavelength reduction, e.g. A450 − A620 for TMB
 * ELISAs); the group tables' `Value` (rounded to 3 decimals) is checked against it.
 * Reference: SoftMax Pro 5/6/7 user guide, "Exporting data: plate and group sections as text".
 */
import type { PlateAssayRecord, PlateWell } from '../../science/assay/plate-assay-record.ts';
import { FormatError } from '../format-error.ts';
import { canonicalWell, decodePlateText, parseFiniteNumber, splitRow } from './plate-text.ts';

export function sniffSoftMaxPro(text: string): boolean {
  return text.startsWith('##BLOCKS=') || text.startsWith('\ufeff##BLOCKS=');
}

interface GroupTable {
  name: string;
  header: string[];
  rows: { cells: string[]; line: number }[];
}

const isMissing = (s: string) => s === '' || s === ' ';

export function readSoftMaxPro(bytes: Uint8Array, file: string): PlateAssayRecord {
  const { lines, offsets } = decodePlateText(bytes, file);
  const first = (lines[0] ?? '').replace(/^\ufeff/, '');
  if (!first.startsWith('##BLOCKS='))
    throw new FormatError('not-this-format', 'a SoftMax Pro text export starts with "##BLOCKS="', {
      file,
      line: 1,
      byteOffset: 0,
    });
  const declared = Number((first.split('\t')[0] ?? '').slice('##BLOCKS='.length).trim());
  const notes: string[] = [];

  const plateValues = new Map<string, number[]>();
  let wavelengths: number[] = [];
  const groups: GroupTable[] = [];
  let blocks = 0;

  let i = 1;
  while (i < lines.length) {
    const cells = splitRow(lines[i] ?? '', '\t', file, i + 1);
    const head = cells[0] ?? '';
    if (head === 'Plate:') {
      blocks++;
      const readMode = cells[3] ?? '';
      if (readMode !== 'TimeFormat')
        throw new FormatError(
          'not-this-format',
          `plate section in ${readMode || 'an unknown'} layout; export it in Time (column) format`,
          {
            file,
            line: i + 1,
            byteOffset: offsets[i] ?? 0,
          },
        );
      wavelengths = (cells[15] ?? '')
        .split(' ')
        .filter((w) => w !== '')
        .map((w) => parseFiniteNumber(w, 'wavelength', file, i + 1));
      const headerLine = i + 1;
      const header = splitRow(lines[headerLine] ?? '', '\t', file, headerLine + 1);
      const wellCols = header.map((h) => canonicalWell(h));
      const reads: number[][] = [];
      let j = headerLine + 1;
      for (; j < lines.length; j++) {
        const line = lines[j] ?? '';
        if (line.startsWith('~End')) break;
        const row = splitRow(line, '\t', file, j + 1);
        if (row.every((c) => c === '')) continue;
        const values: number[] = [];
        wellCols.forEach((w, k) => {
          if (w === null) return;
          const c = row[k] ?? '';
          values.push(c === '' ? Number.NaN : parseFiniteNumber(c, `read of well ${w}`, file, j + 1));
        });
        reads.push(values);
      }
      if (j >= lines.length)
        throw new FormatError('truncated', 'plate block without "~End"', { file, line: lines.length });
      const wellNames = wellCols.filter((w): w is string => w !== null);
      wellNames.forEach((w, k) => {
        plateValues.set(
          w,
          reads.map((r) => r[k] ?? Number.NaN),
        );
      });
      if (wavelengths.length > 0 && reads.length !== wavelengths.length)
        notes.push(
          `plate block declares ${wavelengths.length} wavelength(s) but holds ${reads.length} read row(s)`,
        );
      i = j + 1;
      continue;
    }
    if (head.startsWith('Group:')) {
      blocks++;
      const name = head.slice('Group:'.length).trim();
      const header = splitRow(lines[i + 1] ?? '', '\t', file, i + 2);
      const rows: GroupTable['rows'] = [];
      let j = i + 2;
      for (; j < lines.length; j++) {
        const line = lines[j] ?? '';
        if (line.startsWith('~End')) break;
        const row = splitRow(line, '\t', file, j + 1);
        if (row.every((c) => c === '')) {
          // The table ends at the first empty line; the formula list and summaries follow.
          while (j < lines.length && !(lines[j] ?? '').startsWith('~End')) j++;
          break;
        }
        rows.push({ cells: row, line: j + 1 });
      }
      if (j >= lines.length)
        throw new FormatError('truncated', `group "${name}" without "~End"`, { file, line: lines.length });
      groups.push({ name, header, rows });
      i = j + 1;
      continue;
    }
    if (head.startsWith('Note:')) blocks++;
    i++;
  }
  if (Number.isFinite(declared) && declared !== blocks)
    notes.push(`##BLOCKS= declares ${declared} block(s); ${blocks} read`);
  if (plateValues.size === 0 && groups.length === 0)
    throw new FormatError('missing-section', 'neither a plate block nor a group table', { file });

  const responseOf = (well: string): number | null => {
    const reads = plateValues.get(well);
    if (!reads || reads.length === 0) return null;
    const v = reads.length >= 2 ? (reads[0] as number) - (reads[1] as number) : (reads[0] as number);
    return Number.isFinite(v) ? v : null;
  };
  const responseLabel =
    wavelengths.length >= 2
      ? `A${wavelengths[0]} − A${wavelengths[1]}`
      : wavelengths.length === 1
        ? `A${wavelengths[0]}`
        : null;

  const wells: PlateWell[] = [];
  const backCalculated: NonNullable<PlateAssayRecord['instrument']>['backCalculated'] = [];
  const adjustedResults: NonNullable<PlateAssayRecord['instrument']>['adjustedResults'] = [];
  let concentrationUnit: string | null = null;
  let valueMismatches = 0;

  for (const g of groups) {
    const col = (name: string) => g.header.findIndex((h) => h === name || h.startsWith(`${name} `));
    const iSample = col('Sample');
    const iWells = col('Wells');
    const iValue = g.header.findIndex((h) => h === 'Value' || h === 'Values');
    const iConc = col('Concentration');
    const iBack = col('BackCalcConc');
    const iDil = col('Dilution');
    const iAdj = col('AdjResult');
    if (iWells < 0) {
      notes.push(`group "${g.name}" has no Wells column; skipped`);
      continue;
    }
    const isStandards = iConc >= 0 || g.name.toLowerCase().startsWith('standard');
    const isBlank = g.name.toLowerCase().includes('blank');
    const isControl = g.name.toLowerCase().includes('control');
    if (isStandards && iConc >= 0) {
      const unit = (g.header[iConc] ?? '').slice('Concentration'.length).trim();
      if (unit !== '') concentrationUnit = unit;
    }
    let currentId = '';
    let currentConc: number | null = null;
    let currentDil = 1;
    for (const { cells, line } of g.rows) {
      const sample = cells[iSample] ?? '';
      if (!isMissing(sample)) {
        currentId = sample;
        currentConc = null;
        currentDil = 1;
        if (isStandards && iConc >= 0)
          currentConc = parseFiniteNumber(cells[iConc] ?? '', 'standard concentration', file, line);
        if (iDil >= 0 && !isMissing(cells[iDil] ?? '')) {
          currentDil = parseFiniteNumber(cells[iDil] ?? '', 'dilution', file, line);
          if (!(currentDil > 0))
            throw new FormatError('malformed-number', `dilution must be > 0, got ${currentDil}`, {
              file,
              line,
            });
        }
        if (iAdj >= 0) {
          const adj = cells[iAdj] ?? '';
          adjustedResults.push({
            id: currentId,
            adjResult:
              isMissing(adj) || adj === 'Range?' ? null : parseFiniteNumber(adj, 'AdjResult', file, line),
            dilution: iDil >= 0 && !isMissing(cells[iDil] ?? '') ? currentDil : null,
          });
        }
      }
      if (currentId === '')
        throw new FormatError('malformed-row', `group "${g.name}": a replicate row before any sample`, {
          file,
          line,
        });
      const well = canonicalWell(cells[iWells] ?? '');
      if (well === null)
        throw new FormatError(
          'malformed-row',
          `group "${g.name}": "${(cells[iWells] ?? '').slice(0, 10)}" is not a well name`,
          { file, line },
        );
      const valueCell = iValue >= 0 ? (cells[iValue] ?? '') : '';
      const masked = valueCell === 'Masked';
      let response: number | null = masked ? null : responseOf(well);
      if (!masked && iValue >= 0 && !isMissing(valueCell)) {
        const reported = parseFiniteNumber(valueCell, `Value of well ${well}`, file, line);
        if (response === null) response = reported;
        else if (Math.abs(reported - response) > 0.0005 + 1e-9) valueMismatches++;
      }
      wells.push({
        id: isStandards ? `std ${currentId}` : currentId,
        role: isStandards ? 'standard' : isBlank ? 'blank' : isControl ? 'control' : 'sample',
        well,
        concentration: isStandards ? currentConc : null,
        response,
        dilution: isStandards ? 1 : currentDil,
        masked,
      });
      if (isStandards && iBack >= 0) {
        const bc = cells[iBack] ?? '';
        backCalculated.push({
          id: `std ${currentId}`,
          well,
          concentration:
            isMissing(bc) || bc === 'Masked' || bc === 'Range?'
              ? null
              : parseFiniteNumber(bc, 'BackCalcConc', file, line),
        });
      }
    }
  }
  if (valueMismatches > 0)
    notes.push(
      `${valueMismatches} well(s) whose group Value differs from the plate reads' ${responseLabel ?? 'value'} by more than its rounding`,
    );
  if (!wells.some((w) => w.role === 'standard'))
    throw new FormatError('missing-section', 'no "Group: Standards" table with a Concentration column', {
      file,
    });
  return {
    format: 'softmax-pro',
    concentrationUnit,
    responseLabel,
    wells,
    instrument: { backCalculated, adjustedResults },
    notes,
  };
}
