/**
 * Organ-level biodistribution analysis: from rows of (organ, time, value, unit) to per-organ exposure
 * (AUC, Cmax, Tmax in %ID/g and %ID, or in the relative signal unit), tissue:blood ratios, the fraction of
 * the dose in liver, spleen, lung, kidney and brain over time, and the label's caveats.
 *
 * Replicate animals at one organ and time are averaged (mean, sample SD); exposure is computed on the means
 * (destructive sampling gives one animal per organ and time). Optional decay correction multiplies every
 * value by 2^(Δt/T½) with Δt the counting time (countTimeH, else timeH).
 */
import type { Citation } from '../../../domain/citation.ts';
import { EV_LABELS, type EvLabel, type LabelModality } from '../../../domain/ev-label.ts';
import {
  type BiodistributionRow,
  type BiodistributionUnit,
  isDoseFractionUnit,
  PK_SPECIES_LABELS,
} from '../../../domain/pk-study.ts';
import { FDA_KM_TABLE } from '../dosing/km-factors.ts';
import { decayCorrectionFactor } from './decay-correction.ts';
import { type CaveatFlag, labelCaveatFlags } from './label-caveats.ts';
import { type DoseFractions, organDoseFractions } from './organ-dose-fractions.ts';
import { type ExposureMetrics, exposureMetrics, type TimePoint } from './organ-exposure.ts';
import { BLOOD_KEYS, isBloodKey, organDisplayName, organKey } from './organ-names.ts';
import { type OrganMassSource, organMass } from './percent-id-conversion.ts';
import { halfLifeHours, NUDAT_ENSDF, RADIONUCLIDE_HALF_LIVES } from './radionuclide-half-lives.ts';
import { BROWN_1997 } from './reference-organ-masses.ts';
import { type RatioAtTime, tissueToBloodAucRatio, tissueToBloodRatios } from './tissue-to-blood-ratio.ts';

export interface BiodistributionOptions {
  label?: EvLabel | null;
  /** Correct every value for radioactive decay back to the dosing time. */
  decayCorrect?: boolean;
  /** Half-life override, hours (default: the label's ENSDF half-life). */
  halfLifeH?: number | null;
  /** Species for reference organ masses (default mouse). */
  species?: string;
  /** Body weight, kg (default: the FDA 2005 Table 1 reference weight of the species). */
  bodyWeightKg?: number | null;
  /** Organ masses in grams by organ name, overriding the reference masses. */
  organMassesG?: Readonly<Record<string, number>>;
}

/** Input the analysis cannot use; `rowIndex` is 0-based in the rows given, `field` the row field at fault. */
export class BiodistributionInputError extends Error {
  override readonly name = 'BiodistributionInputError';
  constructor(
    message: string,
    readonly rowIndex: number | null = null,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface Stat {
  mean: number;
  /** Sample standard deviation (n − 1); null for a single value. */
  sd: number | null;
}

export interface OrganPoint {
  timeH: number;
  n: number;
  percentIdPerG: Stat | null;
  percentId: Stat | null;
  /** Relative signal (radiance, radiant efficiency, counts); null for dose-fraction units. */
  signal: Stat | null;
}

export interface OrganSummary {
  organ: string;
  name: string;
  isBlood: boolean;
  /** Mass used for %ID/g ↔ %ID (null when measured per row or unknown). */
  massG: number | null;
  massSource: OrganMassSource | null;
  massCitation: Citation | null;
  points: OrganPoint[];
  /** %ID/g: AUC in %ID/g·h. */
  concentration: ExposureMetrics | null;
  /** %ID in the organ: AUC in %ID·h. */
  amount: ExposureMetrics | null;
  /** Relative signal: AUC in signal·h. */
  signal: ExposureMetrics | null;
  tissueToBlood: RatioAtTime[];
  tissueToBloodAucRatio: number | null;
}

export interface BiodistributionWarning {
  code: string;
  message: string;
}

export interface BiodistributionReport {
  label: EvLabel | null;
  modality: LabelModality | null;
  units: BiodistributionUnit[];
  unitKind: 'dose-fraction' | 'relative';
  /** Unit of `signal` metrics for relative data. */
  signalUnit: BiodistributionUnit | null;
  decayCorrection: {
    applied: boolean;
    halfLifeH: number | null;
    nuclide: string | null;
    citation: Citation | null;
  };
  species: string;
  bodyWeightKg: number | null;
  bodyWeightSource: 'given' | 'reference' | null;
  referenceMasses: Citation;
  timesH: number[];
  rowCount: number;
  bloodOrgan: string | null;
  organs: OrganSummary[];
  fractions: DoseFractions;
  flags: CaveatFlag[];
  warnings: BiodistributionWarning[];
}

/** Organ totals above this percent of the dose at one time are flagged (evlab threshold: 10 % over 100). */
export const SUM_OVER_DOSE_PERCENT = 110;

function stat(values: number[]): Stat | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, sd: null };
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (values.length - 1)) };
}

function series(points: OrganPoint[], pick: (p: OrganPoint) => Stat | null): TimePoint[] {
  const out: TimePoint[] = [];
  for (const p of points) {
    const s = pick(p);
    if (s) out.push({ timeH: p.timeH, value: s.mean });
  }
  return out;
}

export function analyseBiodistribution(
  rows: readonly BiodistributionRow[],
  options: BiodistributionOptions = {},
): BiodistributionReport {
  if (rows.length === 0) throw new BiodistributionInputError('no biodistribution rows');
  const label = options.label ?? null;
  const species = options.species ?? 'mouse';

  // ---- units: dose fractions (%ID/g, %ID may mix) or one relative unit throughout.
  const units = [...new Set(rows.map((r) => r.unit))];
  const relative = units.filter((u) => !isDoseFractionUnit(u));
  if (relative.length > 0 && units.length > 1) {
    const first = rows[0] as BiodistributionRow;
    const index = rows.findIndex((r) => r.unit !== first.unit);
    throw new BiodistributionInputError(
      `row ${index + 1}: unit ${rows[index]?.unit} mixed with ${first.unit}; relative signals (${relative.join(', ')}) cannot be combined with other units`,
      index,
      'unit',
    );
  }
  const unitKind = relative.length > 0 ? 'relative' : 'dose-fraction';
  const signalUnit = unitKind === 'relative' ? (units[0] as BiodistributionUnit) : null;

  // ---- decay correction
  const decayCorrect = options.decayCorrect ?? false;
  let halfLifeH: number | null = null;
  if (decayCorrect) {
    halfLifeH = options.halfLifeH ?? halfLifeHours(label);
    if (halfLifeH === null) {
      throw new BiodistributionInputError(
        `decay correction needs a radioisotope label (${Object.keys(RADIONUCLIDE_HALF_LIVES).join(', ')}) or a half-life`,
        null,
        'label',
      );
    }
    if (!(halfLifeH > 0))
      throw new BiodistributionInputError('the half-life must be > 0 h', null, 'halfLifeH');
  }

  // ---- body weight and organ masses
  const warnings: BiodistributionWarning[] = [];
  let bodyWeightKg: number | null = options.bodyWeightKg ?? null;
  let bodyWeightSource: 'given' | 'reference' | null = bodyWeightKg !== null ? 'given' : null;
  if (bodyWeightKg !== null && !(bodyWeightKg > 0)) {
    throw new BiodistributionInputError('the body weight must be > 0 kg', null, 'bodyWeightKg');
  }
  const needsMasses = unitKind === 'dose-fraction' && units.length >= 1;
  if (bodyWeightKg === null && needsMasses) {
    const reference = (FDA_KM_TABLE as Record<string, { referenceWeightKg: number }>)[species];
    if (reference) {
      bodyWeightKg = reference.referenceWeightKg;
      bodyWeightSource = 'reference';
    }
  }
  const givenMasses: Record<string, number> = {};
  for (const [name, g] of Object.entries(options.organMassesG ?? {})) {
    if (!(g > 0))
      throw new BiodistributionInputError(`organ mass of ${name} must be > 0 g`, null, 'organMassesG');
    givenMasses[organKey(name)] = g;
  }

  // ---- per row values, grouped by organ and time
  interface Acc {
    perG: number[];
    pct: number[];
    signal: number[];
    n: number;
  }
  const groups = new Map<string, Map<number, Acc>>();
  const massOf = new Map<string, ReturnType<typeof organMass>>();
  const unconverted = new Set<string>();
  rows.forEach((row, index) => {
    if (!Number.isFinite(row.value)) {
      throw new BiodistributionInputError(`row ${index + 1}: value is not a number`, index, 'value');
    }
    const key = organKey(row.organ);
    const countH = row.countTimeH ?? row.timeH;
    const value = halfLifeH !== null ? row.value * decayCorrectionFactor(countH, halfLifeH) : row.value;
    if (!massOf.has(key)) massOf.set(key, organMass(key, species, bodyWeightKg, givenMasses));
    const mass = row.organMassG ?? massOf.get(key)?.massG ?? null;
    const byTime = groups.get(key) ?? new Map<number, Acc>();
    groups.set(key, byTime);
    const acc = byTime.get(row.timeH) ?? { perG: [], pct: [], signal: [], n: 0 };
    byTime.set(row.timeH, acc);
    acc.n += 1;
    if (row.unit === '%ID/g') {
      acc.perG.push(value);
      if (mass !== null) acc.pct.push(value * mass);
      else if (!isBloodKey(key) || key === 'blood') unconverted.add(key);
    } else if (row.unit === '%ID') {
      acc.pct.push(value);
      if (mass !== null) acc.perG.push(value / mass);
      else unconverted.add(key);
    } else {
      acc.signal.push(value);
    }
  });

  const organs: OrganSummary[] = [];
  for (const [key, byTime] of groups) {
    const points: OrganPoint[] = [...byTime.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([timeH, acc]) => ({
        timeH,
        n: acc.n,
        // A mean over a subset would mislead: convert only when every replicate converted.
        percentIdPerG: acc.perG.length === acc.n ? stat(acc.perG) : null,
        percentId: acc.pct.length === acc.n ? stat(acc.pct) : null,
        signal: acc.signal.length === acc.n ? stat(acc.signal) : null,
      }));
    const mass = massOf.get(key) ?? null;
    const perG = series(points, (p) => p.percentIdPerG);
    const pct = series(points, (p) => p.percentId);
    const sig = series(points, (p) => p.signal);
    organs.push({
      organ: key,
      name: organDisplayName(key),
      isBlood: isBloodKey(key),
      massG: mass?.massG ?? null,
      massSource: mass?.source ?? null,
      massCitation: mass?.citation ?? null,
      points,
      concentration: perG.length > 0 ? exposureMetrics(perG) : null,
      amount: pct.length > 0 ? exposureMetrics(pct) : null,
      signal: sig.length > 0 ? exposureMetrics(sig) : null,
      tissueToBlood: [],
      tissueToBloodAucRatio: null,
    });
  }
  // Blood first, then by descending AUC (%ID/g, else %ID, else signal), then name.
  const primary = (o: OrganSummary) => {
    const m = o.concentration ?? o.amount ?? o.signal;
    return m?.auc ?? m?.cmax ?? 0;
  };
  organs.sort(
    (a, b) =>
      Number(b.isBlood) - Number(a.isBlood) || primary(b) - primary(a) || a.organ.localeCompare(b.organ),
  );

  // ---- tissue:blood
  const bloodOrgan = BLOOD_KEYS.find((k) => groups.has(k)) ?? null;
  const concentrationOf = (o: OrganSummary) =>
    unitKind === 'relative' ? series(o.points, (p) => p.signal) : series(o.points, (p) => p.percentIdPerG);
  const blood = bloodOrgan ? organs.find((o) => o.organ === bloodOrgan) : undefined;
  if (blood) {
    const bloodSeries = concentrationOf(blood);
    for (const organ of organs) {
      if (organ.isBlood) continue;
      const tissue = concentrationOf(organ);
      organ.tissueToBlood = tissueToBloodRatios(tissue, bloodSeries);
      organ.tissueToBloodAucRatio = tissueToBloodAucRatio(tissue, bloodSeries);
    }
  }

  // ---- fractions of dose (or of measured signal) over time
  const amounts = new Map<string, Map<number, number>>();
  for (const organ of organs) {
    const s =
      unitKind === 'relative'
        ? series(organ.points, (p) => p.signal)
        : series(organ.points, (p) => p.percentId);
    if (s.length > 0) amounts.set(organ.organ, new Map(s.map((p) => [p.timeH, p.value])));
  }
  const fractions = organDoseFractions(
    amounts,
    unitKind === 'relative' ? 'share-of-measured-signal' : 'percent-of-dose',
    isBloodKey,
  );

  // ---- warnings
  const timesH = [...new Set(rows.map((r) => r.timeH))].sort((a, b) => a - b);
  if (timesH.length < 2) {
    warnings.push({ code: 'single-time-point', message: 'One time point: no AUC can be computed.' });
  }
  if (bodyWeightSource === 'reference' && bodyWeightKg !== null) {
    const speciesName = (PK_SPECIES_LABELS as Record<string, string>)[species] ?? species;
    warnings.push({
      code: 'reference-body-weight',
      message: `No body weight given: reference organ masses use the ${speciesName} reference weight of ${bodyWeightKg} kg (FDA 2005, Table 1).`,
    });
  }
  if (unconverted.size > 0 && unitKind === 'dose-fraction') {
    warnings.push({
      code: 'organ-mass-missing',
      message: `No organ mass for ${[...unconverted].map(organDisplayName).join(', ')}: give measured masses to convert between %ID/g and %ID.`,
    });
  }
  if (fractions.basis === 'percent-of-dose') {
    for (const row of fractions.rows) {
      if (row.totalMeasured > SUM_OVER_DOSE_PERCENT) {
        warnings.push({
          code: 'sum-exceeds-dose',
          message: `At ${row.timeH} h the organs add up to ${row.totalMeasured.toFixed(1)} %ID, more than the dose: check units, organ masses or decay correction.`,
        });
      }
    }
  }

  // ---- caveats
  const caveatSeries = new Map<string, TimePoint[]>();
  for (const organ of organs) {
    const s = concentrationOf(organ);
    caveatSeries.set(organ.organ, s.length > 0 ? s : series(organ.points, (p) => p.percentId));
  }
  const flags = labelCaveatFlags({
    label,
    series: caveatSeries,
    blood: blood ? concentrationOf(blood) : null,
    decayCorrected: decayCorrect,
    relativeUnits: unitKind === 'relative',
  });

  const nuclide =
    label && Object.hasOwn(RADIONUCLIDE_HALF_LIVES, label)
      ? RADIONUCLIDE_HALF_LIVES[label as keyof typeof RADIONUCLIDE_HALF_LIVES].nuclide
      : null;
  return {
    label,
    modality: label ? EV_LABELS[label] : null,
    units,
    unitKind,
    signalUnit,
    decayCorrection: {
      applied: decayCorrect,
      halfLifeH,
      nuclide: decayCorrect ? nuclide : null,
      citation: decayCorrect && options.halfLifeH == null ? NUDAT_ENSDF : null,
    },
    species,
    bodyWeightKg,
    bodyWeightSource,
    referenceMasses: BROWN_1997,
    timesH,
    rowCount: rows.length,
    bloodOrgan,
    organs,
    fractions,
    flags,
    warnings,
  };
}
