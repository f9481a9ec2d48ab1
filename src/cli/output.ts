import { scientificUnicode, toScientific } from '../domain/number-format.ts';
import type { CliIo } from './context.ts';

/**
 * Where each kind of output goes. With --json, stdout carries exactly one JSON document and nothing else;
 * every human message (status, warnings, errors) goes to stderr in both modes. Without --json the
 * command's result (tables, "listening on") goes to stdout.
 */
export class Output {
  constructor(
    private readonly io: Pick<CliIo, 'stdout' | 'stderr'>,
    readonly json: boolean,
  ) {}

  /** The machine result: one JSON document on stdout (pretty on a terminal, one line in a pipe). */
  result(value: unknown): void {
    const text = this.io.stdout.isTTY ? JSON.stringify(value, null, 2) : JSON.stringify(value);
    this.io.stdout.write(`${text}\n`);
  }

  /** Human result text on stdout; suppressed with --json (the JSON document is the result then). */
  print(text = ''): void {
    if (this.json) return;
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Status and progress messages: stderr, both modes. */
  info(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`warning: ${text}\n`);
  }

  error(text: string): void {
    this.io.stderr.write(`error: ${text}\n`);
  }
}

// ---------- numbers ----------

export const MISSING = '–';

/**
 * Scientific notation with `significant` digits: 2.16e8 → "2.16×10⁸" (style 'unicode', for people) or
 * "2.16e+08" (style 'e', C printf %.2e, for ASCII-only consumers). Null and non-finite values → "–".
 */
export function formatScientific(
  value: number | null | undefined,
  options: { significant?: number; style?: 'unicode' | 'e' } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const { mantissa, exponent } = toScientific(value, options.significant ?? 3);
  if ((options.style ?? 'unicode') === 'e') {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (value === 0) return '0';
  return scientificUnicode(mantissa, exponent);
}

/** Fixed decimals, "–" for null / non-finite. */
export function formatFixed(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value.toFixed(decimals);
}

/** Integer with thousands separators, "–" for null. */
/**
 * A whole number with en-US thousands separators ("12,345"), as toLocaleString('en-US') writes it, but
 * without Intl: the first Intl call costs tens of milliseconds of ICU start-up in a short CLI process.
 */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const n = Math.round(value);
  if (Math.abs(n) >= 1e21) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

// ---------- tables and charts ----------

export type Align = 'left' | 'right';

/** Plain-text table: columns padded to their widest cell, two spaces apart, header underlined. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { align?: readonly Align[]; indent?: string } = {},
): string {
  const all = [header, ...rows];
  const columns = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(...all.map((r) => displayWidth(r[c] ?? ''))),
  );
  const indent = options.indent ?? '';
  const line = (cells: readonly string[]) =>
    indent +
    widths
      .map((w, c) => {
        const cell = cells[c] ?? '';
        const pad = ' '.repeat(w - displayWidth(cell));
        return (options.align?.[c] ?? 'left') === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Width in terminal columns of text with no wide characters: code points. */
export function displayWidth(text: string): number {
  return [...text].length;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A one-line bar chart of a distribution: the values are summed into at most `width` equal groups and
 * each group is drawn as one of eight block heights (a blank for an empty group).
 */
export function sparkline(values: readonly number[], width = 60): string {
  if (values.length === 0) return '';
  const groups = Math.min(width, values.length);
  const sums = new Array<number>(groups).fill(0);
  values.forEach((v, i) => {
    const g = Math.min(groups - 1, Math.floor((i * groups) / values.length));
    sums[g] = (sums[g] ?? 0) + (Number.isFinite(v) && v > 0 ? v : 0);
  });
  const max = Math.max(...sums);
  if (max <= 0) return ' '.repeat(groups);
  return sums.map((s) => (s <= 0 ? ' ' : (BLOCKS[Math.min(7, Math.floor((s / max) * 8))] ?? '█'))).join('');
}
