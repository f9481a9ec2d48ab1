/**
 * The one CSV cell writer for every export (evidence, NCA results, PK study observations): RFC 4180
 * (fields with a comma, quote or line break quoted, quotes doubled). Text cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return) get a leading apostrophe (OWASP "CSV
 * Injection"); numbers stay numbers ("-3" passed as a number is a value, not a formula). Pure.
 */
export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && text.length > 0) {
    const c = text.charCodeAt(0);
    // = + - @ TAB CR (no regex on cell text).
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) text = `'${text}`;
  }
  let needsQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) {
      needsQuotes = true;
      break;
    }
  }
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header + rows, CRLF line ends, a final CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
