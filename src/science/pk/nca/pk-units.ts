/**
 * Units for NCA: the data's time, concentration and dose units, how a dose converts into the amount unit
 * of the concentration (so CL = Dose/AUC comes out as a volume per time), and the unit of every reported
 * parameter. Without units the numbers are used as given (CL = Dose/AUC in "dose/(conc·time)"), which is
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

/** The data's units as the user gives them (any may be missing). */
export interface NcaUnits {
  time?: TimeUnit;
  conc?: string;
  dose?: string;
}

export interface ResolvedUnits {
  /** Multiply a dose by this to express it in the concentration's amount unit; 1 when not convertible. */
  doseToConcAmount: number;
  /** Whether CL and V are true volumes (dose and concentration count the same kind of amount). */
  volumesConverted: boolean;
  labels: Record<NcaDimension, string>;
  notes: string[];
}

/** Unit labels of every dimension, and the dose conversion; throws RangeError for a unit it cannot read. */
export function resolveUnits(units: NcaUnits): ResolvedUnits {
  const notes: string[] = [];
  const t = units.time ?? null;
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
  return (value * HOURS_PER_TIME_UNIT[from]) / HOURS_PER_TIME_UNIT[to];
}
