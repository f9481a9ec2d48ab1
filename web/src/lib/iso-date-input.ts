/**
 * Props for a date field that always reads and writes ISO 8601 (YYYY-MM-DD; issue 9 item 12). A native
 * `type="date"` input shows the browser's locale format (03/14/2025 in en-US, 14.03.2025 in de-DE), which
 * is ambiguous between labs; a text field with the ISO pattern shows the date exactly as stored.
 */
export const ISO_DATE_PATTERN = '\\d{4}-\\d{2}-\\d{2}';

export const ISO_DATE_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  pattern: ISO_DATE_PATTERN,
  placeholder: 'YYYY-MM-DD',
  maxLength: 10,
  autoComplete: 'off',
  title: 'Date as YYYY-MM-DD (ISO 8601)',
} as const;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  if (!new RegExp(`^${ISO_DATE_PATTERN}$`).test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
