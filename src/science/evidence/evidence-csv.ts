/**
 * CSV for evidence exports: RFC 4180 (comma separated, CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled). Cells that a spreadsheet would run as a formula (starting with =, +, -,
 * @, tab or carriage return) get a leading apostrophe (OWASP "CSV Injection" guidance).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  // Numbers stay numbers ("-3" is a value, not a formula).
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** Joins a list into one CSV cell ("a; b; c"). */
export function listCell(values: readonly string[]): string {
  return values.join('; ');
}
