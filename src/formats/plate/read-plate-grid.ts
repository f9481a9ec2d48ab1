/**
 * A 96- or 384-well plate as two grids in one text file (comma, semicolon or tab separated):
 *
 *   Responses                      ← optional title line
 *   ,1,2,3,…,12                    ← column numbers
 *   A,0.101,0.098,…                ← one row per plate row (A–H, or A–P for 384 wells)
 *   …
 *   Plate map                      ← a line starting "Plate map" (or "Layout") opens the map
 *   ,1,2,3,…,12
 *   A,std:2000,std:2000,blank,sample:EV-01:10,…
 *
 * Map cells: `std:<concentration>` (or `standard:`), `blank`, `sample:<name>[:<dilution>]`
 * (or `unk:`), `control:<name>`, `masked:<anything above>` to exclude a well, empty = unused.
 * A concentration unit may follow the title: `Plate map (µg/mL)`.
 */
import type { PlateAssayRecord, PlateWell, PlateWellRole } from '../../science/assay/plate-assay-record.ts';
import { FormatError } from '../format-error.ts';
import { decodePlateText, detectDelimiter, parseFiniteNumber, splitRow } from './plate-text.ts';

interface Grid {
  rows: Map<string, string[]>;
  columns: number[];
  firstLine: number;
}

export function sniffPlateGrid(text: string): boolean {
  const lower = text.slice(0, 20_000).toLowerCase();
  return lower.includes('plate map') || lower.includes('\nlayout');
}

function readGrid(
  lines: readonly string[],
  start: number,
  delimiter: string,
  file: string,
): { grid: Grid; next: number } {
  let i = start;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const headerCells = splitRow(lines[i] ?? '', delimiter, file, i + 1);
  const columns = headerCells
    .slice(1)
    .filter((c) => c !== '')
    .map((c) => parseFiniteNumber(c, 'column number', file, i + 1));
  if (columns.length === 0 || columns.some((c) => !Number.isInteger(c) || c < 1 || c > 24))
    throw new FormatError('malformed-row', 'expected a header row of column numbers 1…12 (or 1…24)', {
      file,
      line: i + 1,
    });
  const rows = new Map<string, string[]>();
  const firstLine = i + 1;
  i++;
  for (; i < lines.length; i++) {
    const cells = splitRow(lines[i] ?? '', delimiter, file, i + 1);
    const label = (cells[0] ?? '').toUpperCase();
    if (label.length !== 1 || label < 'A' || label > 'P') break;
    rows.set(label, cells.slice(1, 1 + columns.length));
  }
  if (rows.size === 0)
    throw new FormatError('missing-section', 'a grid without rows A, B, …', { file, line: firstLine });
  return { grid: { rows, columns, firstLine }, next: i };
}

export function readPlateGrid(bytes: Uint8Array, file: string): PlateAssayRecord {
  const { lines } = decodePlateText(bytes, file);
  const delimiter = detectDelimiter(lines.slice(0, 12));
  const mapLine = lines.findIndex((l) => {
    const s = l.trim().toLowerCase();
    return s.startsWith('plate map') || s.startsWith('layout');
  });
  if (mapLine < 0)
    throw new FormatError(
      'missing-section',
      'no "Plate map" section: a grid needs a map of standards, blanks and samples',
      { file },
    );
  let firstDataLine = 0;
  while (firstDataLine < mapLine) {
    const first = (lines[firstDataLine] ?? '').split(delimiter)[0]?.trim() ?? '';
    const second = (lines[firstDataLine] ?? '').split(delimiter)[1]?.trim() ?? '';
    if (first === '' && second === '1') break;
    firstDataLine++;
  }
  const responses = readGrid(lines, firstDataLine, delimiter, file).grid;
  const map = readGrid(lines, mapLine + 1, delimiter, file).grid;
  const title = (lines[mapLine] ?? '').split(delimiter)[0] ?? '';
  const open = title.indexOf('(');
  const close = title.lastIndexOf(')');
  const unit = open >= 0 && close > open ? title.slice(open + 1, close).trim() : null;

  const wells: PlateWell[] = [];
  for (const [row, cells] of map.rows) {
    const rowIndex = row.charCodeAt(0) - 65;
    map.columns.forEach((col, j) => {
      let spec = (cells[j] ?? '').trim();
      if (spec === '') return;
      const lineNo = map.firstLine + 1 + rowIndex;
      let masked = false;
      if (spec.toLowerCase().startsWith('masked:')) {
        masked = true;
        spec = spec.slice(7);
      }
      const parts = spec.split(':').map((p) => p.trim());
      const kind = (parts[0] ?? '').toLowerCase();
      const well = `${row}${col}`;
      const respCells = responses.rows.get(row);
      const ci = responses.columns.indexOf(col);
      const respText = respCells && ci >= 0 ? (respCells[ci] ?? '') : '';
      const respLine = responses.firstLine + 1 + rowIndex;
      let response: number | null = null;
      if (respText === '' || respText.toLowerCase() === 'masked') masked = true;
      else response = parseFiniteNumber(respText, `response of well ${well}`, file, respLine);
      let role: PlateWellRole;
      let id: string;
      let concentration: number | null = null;
      let dilution = 1;
      if (kind === 'std' || kind === 'standard') {
        role = 'standard';
        concentration = parseFiniteNumber(
          parts[1] ?? '',
          `standard concentration in well ${well}`,
          file,
          lineNo,
        );
        id = `std ${parts[1]}`;
      } else if (kind === 'blank') {
        role = 'blank';
        id = 'blank';
      } else if (kind === 'sample' || kind === 'unk' || kind === 'control') {
        role = kind === 'control' ? 'control' : 'sample';
        id = parts[1] ?? '';
        if (id === '')
          throw new FormatError('malformed-row', `well ${well}: ${kind} without a name`, {
            file,
            line: lineNo,
          });
        if ((parts[2] ?? '') !== '') {
          dilution = parseFiniteNumber(parts[2] as string, `dilution in well ${well}`, file, lineNo);
          if (!(dilution > 0))
            throw new FormatError('malformed-number', `well ${well}: dilution must be > 0`, {
              file,
              line: lineNo,
            });
        }
      } else {
        throw new FormatError(
          'malformed-row',
          `well ${well}: "${spec.slice(0, 30)}" is not std:, blank, sample: or control:`,
          {
            file,
            line: lineNo,
          },
        );
      }
      wells.push({ id, role, well, concentration, response: masked ? null : response, dilution, masked });
    });
  }
  if (!wells.some((w) => w.role === 'standard'))
    throw new FormatError('missing-section', 'the plate map names no standard wells', {
      file,
      line: map.firstLine,
    });
  const size = Math.max(...responses.columns) > 12 || responses.rows.size > 8 ? 384 : 96;
  return {
    format: 'plate-grid',
    concentrationUnit: unit,
    responseLabel: null,
    wells,
    instrument: null,
    notes: [`${size}-well plate, ${wells.length} mapped wells`],
  };
}
