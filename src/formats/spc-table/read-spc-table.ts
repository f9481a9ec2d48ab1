/**
 * A CSV/TSV table of process values for control charts and capability (`evlab spc chart|capability`):
 * a header row, one observation per row. Picks the value column, optionally a subgroup column (X̄ charts),
 * a size column or a constant size (p, np, u charts) and a label column. Rows keep file order. A value cell
 * that is empty or not a finite number is a FormatError naming the line; cells are bounded in length.
 * Pure (no node:*).
 */
import type { ChartData } from '../../science/spc/control-chart-of.ts';
import { FormatError } from '../format-error.ts';
import { columnIndex, parseNumberCell, readDelimitedTable } from '../pk-csv/read-concentration-table.ts';

/** Longest number cell accepted: a finite double needs far fewer characters. */
const MAX_NUMBER_CELL = 64;

export interface SpcColumns {
  value: string;
  subgroup?: string;
  /** A column name, or a positive number used for every row. */
  size?: string;
  label?: string;
}

export function readSpcTable(text: string, columns: SpcColumns, fileName?: string): ChartData {
  const table = readDelimitedTable(text, fileName);
  const at = (line: number) => ({ ...(fileName !== undefined ? { file: fileName } : {}), line });
  const valueIdx = columnIndex(table, columns.value, 'value', fileName);
  const subgroupIdx =
    columns.subgroup !== undefined ? columnIndex(table, columns.subgroup, 'subgroup', fileName) : null;
  const labelIdx = columns.label !== undefined ? columnIndex(table, columns.label, 'label', fileName) : null;
  const constantSize =
    columns.size !== undefined && /^\d{1,9}(\.\d{1,9})?$/.test(columns.size.trim())
      ? Number(columns.size)
      : null;
  const sizeIdx =
    columns.size !== undefined && constantSize === null
      ? columnIndex(table, columns.size, 'size', fileName)
      : null;
  const number = (cells: string[], idx: number, line: number, what: string): number => {
    const cell = (cells[idx] ?? '').trim();
    if (cell.length > MAX_NUMBER_CELL)
      throw new FormatError(
        'malformed-number',
        `the ${what} cell is longer than ${MAX_NUMBER_CELL} characters`,
        at(line),
      );
    const n = parseNumberCell(cell, table.delimiter);
    if (n === null || !Number.isFinite(n))
      throw new FormatError(
        'malformed-number',
        cell === '' ? `the ${what} cell is empty` : `the ${what} "${cell}" is not a finite number`,
        at(line),
      );
    return n;
  };
  if (table.rows.length === 0)
    throw new FormatError('empty-file', 'the table has a header but no rows', at(1));
  const values: number[] = [];
  const subgroups: string[] = [];
  const sizes: number[] = [];
  const labels: string[] = [];
  for (const row of table.rows) {
    values.push(number(row.cells, valueIdx, row.line, 'value'));
    if (subgroupIdx !== null) {
      const key = (row.cells[subgroupIdx] ?? '').trim();
      if (key === '') throw new FormatError('malformed-row', 'the subgroup cell is empty', at(row.line));
      subgroups.push(key.slice(0, 200));
    }
    if (sizeIdx !== null) sizes.push(number(row.cells, sizeIdx, row.line, 'size'));
    else if (constantSize !== null) sizes.push(constantSize);
    if (labelIdx !== null) labels.push((row.cells[labelIdx] ?? '').trim().slice(0, 200));
  }
  return {
    values,
    ...(subgroupIdx !== null ? { subgroups } : {}),
    ...(sizes.length > 0 ? { sizes } : {}),
    ...(labelIdx !== null ? { labels } : {}),
  };
}
