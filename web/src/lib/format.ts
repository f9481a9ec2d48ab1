import { scientificUnicode, toScientific } from '../../../src/domain/number-format.ts';
/** Number, date and size formatting for a scientific audience: units always shown by the caller. */

export const DASH = '—';

export { superscriptNumber as superscript } from '../../../src/domain/number-format.ts';

/**
 * Scientific notation the way it is written in a paper: 2.1×10⁸. Values between 0.01 and 10 000 are written
 * plainly. `digits` is the number of significant digits.
 */
export function formatSci(
  value: number | null | undefined,
  digits = 2,
  options: { trim?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value === 0) return '0';
  // Trailing zeros are significant digits (3.20×10⁹ was measured to 3 digits); only axis ticks drop them.
  const tidy = options.trim ? trimZeros : (text: string) => text;
  const abs = Math.abs(value);
  if (abs >= 0.01 && abs < 10_000) return tidy(value.toPrecision(digits));
  const { mantissa, exponent } = toScientific(value, digits);
  return scientificUnicode(tidy(mantissa), exponent);
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

/** Axis ticks: keeps mantissas aligned (1×10⁸, 1.5×10⁸, 2×10⁸) and writes 0 as 0. */
export function formatSciTick(value: number): string {
  return formatSci(value, 3, { trim: true });
}

export function formatFixed(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return Math.round(value).toLocaleString('en-US');
}

/** A signed difference, e.g. +0.1 or −0.3 (true minus sign), 0.0 without a sign. */
export function formatDelta(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const rounded = Number(value.toFixed(decimals));
  if (rounded === 0) return (0).toFixed(decimals);
  const text = Math.abs(rounded).toFixed(decimals);
  return rounded > 0 ? `+${text}` : `−${text}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO timestamp → "2025-03-14 09:41" in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An instrument's local date-time without zone (NanoSight) is shown as written, not shifted. */
export function formatLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(iso);
  return m ? `${m[1]} ${m[2]}${m[3] ?? ''}` : iso;
}

export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return DASH;
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now - t) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days} d ago`;
  return formatDateTime(iso).slice(0, 10);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return DASH;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * One name for an actor the server could not identify (issue 9 item 12): the API records "anonymous"
 * when no user is given (src/api/request-context.ts); older rows may hold "system", "unknown" or nothing.
 */
export const UNKNOWN_ACTOR_LABEL = 'unknown user';
export function actorLabel(actor: string | null | undefined): string {
  const a = actor?.trim() ?? '';
  if (a === '' || /^(anonymous|unknown|system)$/i.test(a)) return UNKNOWN_ACTOR_LABEL;
  return a;
}

/**
 * A volume given in µL, written in the unit a bench scientist would use (issue 9 item 12): below 1 mL in µL,
 * below 1 L in mL, else in L — "82 mL", not "82000 µL". `digits` significant digits, as formatSci.
 */
export function formatVolumeUl(volumeUl: number | null | undefined, digits = 3): string {
  if (volumeUl === null || volumeUl === undefined || !Number.isFinite(volumeUl)) return DASH;
  const abs = Math.abs(volumeUl);
  if (abs >= 1e6) return `${formatSci(volumeUl / 1e6, digits, { trim: true })} L`;
  if (abs >= 1e3) return `${formatSci(volumeUl / 1e3, digits, { trim: true })} mL`;
  return `${formatSci(volumeUl, digits, { trim: true })} µL`;
}

// ---------------------------------------------------------------------------------------------------------
// One number format for the whole UI (issue 9 item 12). Everything in web/src formats numbers through these
// helpers; number-format-guard.test.ts fails when a toFixed/toPrecision/toExponential/toLocaleString call
// appears anywhere else.

/**
 * A computed value (an estimate, a ratio, a median) to `digits` significant digits, trailing zeros dropped:
 * plain between 0.01 and 10 000, else 2.1×10⁸ — the same thresholds as formatSci.
 */
export function formatSignificant(value: number | null | undefined, digits = 4): string {
  return formatSci(value, digits, { trim: true });
}

/** A number with a fixed count of decimals and no thousands separator (AIC, scores, log₂ ratios). */
export function formatDecimals(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const text = value.toFixed(decimals);
  // −0.00 is written 0.00; a negative value gets a true minus sign.
  if (Number(text) === 0) return (0).toFixed(decimals);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** A percentage (the value is already in %): "12.3 %". */
export function formatPercent(percent: number | null | undefined, decimals = 1): string {
  const text = formatDecimals(percent, decimals);
  return text === DASH ? DASH : `${text} %`;
}

/** A fraction (0–1) as a percentage: 0.123 → "12.3 %". */
export function formatFractionPercent(fraction: number | null | undefined, decimals = 1): string {
  return formatPercent(fraction === null || fraction === undefined ? fraction : fraction * 100, decimals);
}

/** A plot tick of a fraction axis written in percent, with as many decimals as needed (0.5 %, 12 %). */
export function formatPercentTick(fraction: number): string {
  return `${formatSignificant(fraction * 100, 3)} %`;
}

/**
 * A number for an editable input or a plain-text echo of a typed value: `digits` significant digits,
 * written so `Number()` reads it back (1.234e10, 0.0833333, 70), no ×10ⁿ and no separators.
 */
export function formatInputNumber(value: number | null | undefined, digits = 6): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) {
    const [mantissa = '0', exponent = '0'] = value.toExponential(Math.max(0, digits - 1)).split('e');
    return `${trimZeros(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(digits)));
}

/** A count with thousands separators: 12,345 events. */
export function formatCount(value: number | null | undefined): string {
  return formatInteger(value);
}

/** Plot ticks of any linear or log numeric axis: the one tick formatter (1×10⁸, 1.5×10⁸, 0.5, 250). */
export const plotTickFormat = formatSciTick;
