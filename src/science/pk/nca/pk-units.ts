/**
 * Units for NCA: the data's time, concentration and dose units, the time unit results are reported in, how
 * a dose converts into the amount unit of the concentration (so CL = Dose/AUC comes out as a volume per
 * time), and the unit of every reported parameter. Without units the numbers are used as given (CL = Dose/AUC in "dose/(conc·time)"), which is
 * what WinNonlin does when no units are set.
 *
 * Amounts: mass (pg…g), particle counts (NTA particles, EVs), percent of the injected dose (%ID, the unit
 * of radiolabel/fluorescence biodistribution studies) and protein mass (µg protein, the usual EV dose,
 * Théry C et al. (2018) MISEV2018, J Extracell Vesicles 7:1535750). A dose and a concentration can be
 * converted into each other only when they count the same kind of amount.
 */
import type { NcaDimension } from './cdisc-parameters.ts';

export type TimeUnit = 'min' | 'h' | 'd';
export const TIME_UNITS: readonly TimeUnit[] = ['min', 'h', 'd'];

/** Minutes, hours and days in hours (SI-accepted units, BIPM SI Brochure 9th ed., Table 8). */
export const HOURS_PER_TIME_UNIT: Record<TimeUnit, number> = { min: 1 / 60, h: 1, d: 24 };

/**
 * The same units in whole minutes (1 h = 60 min, 1 d = 1440 min; BIPM SI Brochure 9th ed., Table 8): with
 * integers a conversion is one exact multiplication and one division, so min → h → min returns the value.
 */
const MINUTES_PER_TIME_UNIT: Record<TimeUnit, number> = { min: 1, h: 60, d: 1440 };

/**
 * Power of time in each dimension: a value in the data's time unit becomes a value in the report unit when
 * multiplied by (data unit / report unit)^power: times and MRT ^1, λz ^−1, AUC ^1 (conc·time), AUMC ^2
 * (conc·time²), clearance ^−1 (volume/time); concentrations, volumes, ratios and percentages do not
 * depend on the time unit.
 */
export const TIME_POWER: Record<NcaDimension, number> = {
  time: 1,
  'per-time': -1,
  conc: 0,
  auc: 1,
  aumc: 2,
  'conc-per-dose': 0,
  'auc-per-dose': 1,
  volume: 0,
  clearance: -1,
  percent: 0,
  ratio: 0,
  count: 0,
};

type AmountKind = 'mass' | 'count' | 'percent-dose' | 'protein';

interface Amount {
  kind: AmountKind;
  /** Size of one unit in the kind's base (g for mass and protein, 1 for counts and %ID). */
  factor: number;
  label: string;
}

interface VolumeUnit {
  label: string;
  /** In litres; tissue grams are their own base (1 g). */
  factor: number;
  kind: 'volume' | 'tissue-mass';
}

/** SI prefixes (BIPM SI Brochure 9th ed., Table 7). */
const MASS_G: Record<string, number> = {
  pg: 1e-12,
  ng: 1e-9,
  µg: 1e-6,
  ug: 1e-6,
  mcg: 1e-6,
  mg: 1e-3,
  g: 1,
};

const VOLUME_L: Record<string, VolumeUnit> = {
  µl: { label: 'µL', factor: 1e-6, kind: 'volume' },
  ul: { label: 'µL', factor: 1e-6, kind: 'volume' },
  ml: { label: 'mL', factor: 1e-3, kind: 'volume' },
  dl: { label: 'dL', factor: 1e-1, kind: 'volume' },
  l: { label: 'L', factor: 1, kind: 'volume' },
  g: { label: 'g', factor: 1, kind: 'tissue-mass' },
};

const COUNT_WORDS = new Set(['particles', 'particle', 'p', 'evs', 'ev', 'vesicles', 'count']);

function normalise(text: string): string {
  return text.trim().replace(/μ/g, 'µ').replace(/\s+/g, ' ');
}

function parseAmount(text: string): Amount | null {
  const t = normalise(text);
  const lower = t.toLowerCase();
  if (lower === '%id' || lower === '% id' || lower === 'percent dose' || lower === '%dose') {
    return { kind: 'percent-dose', factor: 1, label: '%ID' };
  }
  if (COUNT_WORDS.has(lower)) return { kind: 'count', factor: 1, label: 'particles' };
  const protein = /^(pg|ng|µg|ug|mcg|mg|g) ?protein$/i.exec(t);
  if (protein) {
    const unit = (protein[1] as string).toLowerCase().replace('ug', 'µg').replace('mcg', 'µg');
    return { kind: 'protein', factor: MASS_G[unit] as number, label: `${unit} protein` };
  }
  const mass = lower.replace('ug', 'µg').replace('mcg', 'µg');
  if (mass in MASS_G) return { kind: 'mass', factor: MASS_G[mass] as number, label: mass };
  return null;
}

export interface ConcUnit {
  amount: Amount;
  volume: VolumeUnit;
  label: string;
}

export interface DoseUnit {
  amount: Amount;
  perKg: boolean;
  label: string;
}

/** "ng/mL", "particles/mL", "%ID/mL", "%ID/g", "µg protein/mL"; null when not understood. */
export function parseConcUnit(text: string): ConcUnit | null {
  const t = normalise(text);
  const slash = t.lastIndexOf('/');
  if (slash <= 0) return null;
  const amount = parseAmount(t.slice(0, slash));
  const volume =
    VOLUME_L[
      t
        .slice(slash + 1)
        .trim()
        .toLowerCase()
    ];
  if (!amount || !volume) return null;
  return { amount, volume, label: `${amount.label}/${volume.label}` };
}

/** "mg", "µg protein", "particles", "%ID", each optionally "/kg"; null when not understood. */
export function parseDoseUnit(text: string): DoseUnit | null {
  const t = normalise(text);
  const perKg = /\/ ?kg$/i.test(t);
  const amount = parseAmount(perKg ? t.replace(/\/ ?kg$/i, '') : t);
  if (!amount) return null;
  return { amount, perKg, label: `${amount.label}${perKg ? '/kg' : ''}` };
}

export function parseTimeUnit(text: string): TimeUnit | null {
  const t = text.trim().toLowerCase();
  if (t === 'min' || t === 'minute' || t === 'minutes') return 'min';
  if (t === 'h' || t === 'hr' || t === 'hour' || t === 'hours') return 'h';
  if (t === 'd' || t === 'day' || t === 'days') return 'd';
  return null;
}

/** The data's units as the user gives them (any may be missing), and the time unit of the report. */
export interface NcaUnits {
  /** Unit of the data's time column (and of every time given as an option: duration, τ, λz range…). */
  time?: TimeUnit;
  /** Unit the time-dimensioned results are reported in (default: `time`); needs `time`. */
  reportTime?: TimeUnit;
  conc?: string;
  dose?: string;
}

export interface ResolvedUnits {
  /** Multiply a dose by this to express it in the concentration's amount unit; 1 when not convertible. */
  doseToConcAmount: number;
  /** Whether CL and V are true volumes (dose and concentration count the same kind of amount). */
  volumesConverted: boolean;
  /** The data's time unit and the report's (both null without a time unit). */
  dataTime: TimeUnit | null;
  reportTime: TimeUnit | null;
  labels: Record<NcaDimension, string>;
  notes: string[];
}

/** Unit labels of every dimension, and the dose conversion; throws RangeError for a unit it cannot read. */
export function resolveUnits(units: NcaUnits): ResolvedUnits {
  const notes: string[] = [];
  if (units.time !== undefined && !TIME_UNITS.includes(units.time)) {
    throw new RangeError(`unknown time unit "${units.time}" (min, h or d)`);
  }
  if (units.reportTime !== undefined) {
    if (!TIME_UNITS.includes(units.reportTime)) {
      throw new RangeError(`unknown report time unit "${units.reportTime}" (min, h or d)`);
    }
    if (units.time === undefined) {
      throw new RangeError(
        `a report time unit (${units.reportTime}) needs the data's time unit to convert from`,
      );
    }
  }
  const dataTime = units.time ?? null;
  const t = units.reportTime ?? dataTime;
  if (dataTime !== null && t !== null && t !== dataTime) {
    notes.push(`times are in ${dataTime} in the data and reported in ${t}`);
  }
  const conc = units.conc !== undefined ? parseConcUnit(units.conc) : null;
  if (units.conc !== undefined && !conc) {
    throw new RangeError(
      `unknown concentration unit "${units.conc}" (e.g. ng/mL, µg/L, particles/mL, %ID/mL, %ID/g, µg protein/mL)`,
    );
  }
  const dose = units.dose !== undefined ? parseDoseUnit(units.dose) : null;
  if (units.dose !== undefined && !dose) {
    throw new RangeError(
      `unknown dose unit "${units.dose}" (e.g. mg, µg, mg/kg, particles, µg protein, %ID)`,
    );
  }
  const tl = t ?? 'time';
  const cl = conc?.label ?? 'conc';
  const dl = dose?.label ?? 'dose';
  /** Parenthesised when it holds a slash or a space, so "(ng/mL)/mg" and "(h·ng/mL)/(mg/kg)" read unambiguously. */
  const group = (u: string) => (/[/ ]/.test(u) ? `(${u})` : u);
  const auc = `${tl}·${cl}`;
  const aumc = `${tl}²·${cl}`;
  let doseToConcAmount = 1;
  let volumesConverted = false;
  let volume = `${group(dl)}/${group(cl)}`;
  if (conc && dose) {
    if (conc.amount.kind === dose.amount.kind) {
      doseToConcAmount = dose.amount.factor / conc.amount.factor;
      volumesConverted = true;
      volume = `${conc.volume.label}${dose.perKg ? '/kg' : ''}`;
      if (conc.volume.kind === 'tissue-mass') {
        notes.push('concentration is per gram of tissue: volumes are reported as gram-equivalents');
      }
    } else {
      notes.push(
        `dose (${dose.label}) and concentration (${conc.label}) count different quantities: CL and V are dose/AUC in mixed units`,
      );
    }
  }
  const clearance = volumesConverted
    ? `${conc?.volume.label}/${tl}${dose?.perKg ? '/kg' : ''}`
    : `${group(dl)}/(${tl}·${cl})`;
  return {
    doseToConcAmount,
    volumesConverted,
    dataTime,
    reportTime: t,
    labels: {
      time: tl,
      'per-time': `1/${tl}`,
      conc: cl,
      auc,
      aumc,
      'conc-per-dose': `${group(cl)}/${group(dl)}`,
      'auc-per-dose': `${group(auc)}/${group(dl)}`,
      volume,
      clearance,
      percent: '%',
      ratio: '',
      count: '',
    },
    notes,
  };
}

/** Converts a time value between units (for durations given in another unit than the data). */
export function convertTime(value: number, from: TimeUnit, to: TimeUnit): number {
  if (from === to) return value;
  return (value * MINUTES_PER_TIME_UNIT[from]) / MINUTES_PER_TIME_UNIT[to];
}

/**
 * Converts a value of the given dimension from the data's time unit to the report's: multiplies by
 * (from/to)^p for p > 0 and divides by (from/to)^|p| for p < 0, with the ratio kept as two whole minute
 * counts so that, e.g., λz in 1/min × 60 gives 1/h exactly as a hand conversion would.
 */
export function convertToReportTime(
  value: number,
  dimension: NcaDimension,
  from: TimeUnit,
  to: TimeUnit,
): number {
  const power = TIME_POWER[dimension];
  if (power === 0 || from === to) return value;
  const num = MINUTES_PER_TIME_UNIT[from] ** Math.abs(power);
  const den = MINUTES_PER_TIME_UNIT[to] ** Math.abs(power);
  return power > 0 ? (value * num) / den : (value * den) / num;
}
