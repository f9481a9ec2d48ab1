/**
 * CSV for evidence exports, through the shared cell writer src/domain/csv-cell.ts (RFC 4180, formula
 * injection neutralised).
 */
export { type CsvCell, csvCell, toCsv } from '../../domain/csv-cell.ts';

/** Joins a list into one CSV cell ("a; b; c"). */
export function listCell(values: readonly string[]): string {
  return values.join('; ');
}
