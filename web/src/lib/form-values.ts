/** Conversions between form strings and API values. Empty means null; bad numbers stay visible as NaN. */

export function toNumberOrNull(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  return Number(t);
}

export function fromNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function toStringOrNull(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** zod issues → { 'a.b': message } for showing next to fields. */
export function issuesByPath(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    out[key] ??= issue.message;
  }
  return out;
}
