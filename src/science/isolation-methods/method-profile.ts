/**
 * A method or a two-step chain reduced to the figures the recommender scores: representative recovery,
 * purity and time (with the range they come from and their sources), the volume it takes and gives, cost,
 * equipment, GMP/scalability, co-isolates and integrity.
 *
 * Representative values: the median of the midpoints of the ranges that apply to the sample matrix
 * (ranges tagged with the matrix; else untagged ranges; else all). Purity spans orders of magnitude, so
 * its midpoints are geometric (√(min·max)); recovery, time and volume use arithmetic midpoints.
 *
 * Chain composition (documented rules, see chainProfile):
 * - recovery multiplies (each step loses its share of what it receives);
 * - purity is the better of the two steps (the purer step sets the ceiling; no gain factor is invented);
 * - co-isolates: a contaminant is carried through only if both steps carry it, at the lower severity;
 * - time adds; cost, GMP level and integrity are those of the worse step; equipment is the union;
 *   input volume and litre scalability come from the first step, output volume from the second.
 *
 * Scale: a method's ranges may be tagged `bench` or `process` and the method may list `scales` (volumes,
 * equipment, cost per scale). A profile is built for one scale: tagged ranges of that scale (and untagged
 * ones) are used; when a figure has none at that scale, the other scale's ranges are used and the profile
 * carries a caveat saying so. Likewise a figure measured only on other matrices carries a caveat.
 */
import type { Citation } from '../../domain/citation.ts';
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';
import { LITRE_SCALE_FROM_ML } from './criterion-weights.ts';
import {
  COST_CLASSES,
  type CoIsolate,
  type CostClass,
  type Equipment,
  GMP_LEVELS,
  type GmpLevel,
  INTEGRITY_EFFECTS,
  type IntegrityEffect,
  type LitreScale,
  type MethodEntry,
  type MethodRole,
  type MethodScale,
  type Metric,
  type ScaleProfile,
  SEVERITIES,
  type Severity,
  type SourcedRange,
} from './method-catalogue-schema.ts';
import { SAMPLE_MATRIX_LABELS, type SampleMatrix } from './sample-matrix.ts';

export interface Figure {
  min: number;
  max: number;
  representative: number;
  /** How the representative came about, in words ("median of 2 ranges", "TFF 70 % × SEC 65 %"). */
  basis: string;
  citations: Citation[];
  approximate: boolean;
  /** The matrices the figure was measured in, when none is the sample's (else null). */
  measuredOnOtherMatrices?: SampleMatrix[] | null;
  /** The scale the figure was measured at, when it is not the sample's (else null). */
  measuredAtOtherScale?: MethodScale | null;
}

export interface CoIsolateLevel {
  severity: Severity;
  citations: Citation[];
}

export interface MethodProfile {
  methods: IsolationMethod[];
  label: string;
  role: MethodRole;
  recoveryPercent: Figure | null;
  purityParticlesPerUgProtein: Figure | null;
  processingTimeH: Figure | null;
  /** Envelope of the volumes the (first) step takes. */
  inputVolumeMl: Figure | null;
  outputVolumeMl: Figure | null;
  costClass: CostClass;
  equipment: Equipment[];
  gmp: GmpLevel;
  litreScale: LitreScale;
  coIsolates: Partial<Record<CoIsolate, CoIsolateLevel>>;
  integrity: IntegrityEffect;
  /** The catalogue's words on scalability/GMP and on integrity (per step for chains). */
  gmpText: string;
  integrityText: string;
  /** Sources of the qualitative values (cost, scalability, integrity) and, for chains, of the combination. */
  citations: Citation[];
  /** The scale the profile was built for ("SEC: bench column …"), when the method distinguishes scales. */
  scaleLabels: string[];
  /** What a user must know before trusting the figures (other matrix, other scale, scale-specific notes). */
  caveats: string[];
}

/** The scale a method is scored at for a volume, and the method's profile of that scale (if it lists one). */
export interface ScaleChoice {
  scale: MethodScale;
  profile: ScaleProfile | null;
}

/**
 * The scale of `entry` for `volumeMl`: the listed scale whose volumes contain it (a scale reported only
 * after concentration counts only for a second step); else, for a method that lists scales, its first scale
 * that a single step can use (the volume check then reports the mismatch). Methods without listed scales:
 * litres (from LITRE_SCALE_FROM_ML, criterion-weights.ts) are process scale, less is bench scale.
 */
export function scaleFor(entry: MethodEntry, volumeMl: number, asSecondStep = false): ScaleChoice {
  const usable = entry.scales.filter((s) => asSecondStep || !s.afterConcentrationOnly);
  const fit = usable.find((s) => volumeMl >= s.minVolumeMl && volumeMl <= s.maxVolumeMl);
  if (fit) return { scale: fit.scale, profile: fit };
  const fallback = usable[0] ?? entry.scales[0];
  if (fallback) return { scale: fallback.scale, profile: fallback };
  return { scale: volumeMl >= LITRE_SCALE_FROM_ML ? 'process' : 'bench', profile: null };
}

export const SHORT_LABELS: Record<IsolationMethod, string> = {
  'differential-ultracentrifugation': 'dUC',
  'density-gradient-ultracentrifugation': 'DG',
  ultrafiltration: 'UF',
  'tangential-flow-filtration': 'TFF',
  'anion-exchange-chromatography': 'AEC',
  'size-exclusion-chromatography': 'SEC',
  'polymer-precipitation': 'PEG',
  'immunomagnetic-beads': 'IMB',
  microfluidics: 'microfluidics',
  'acoustic-oscillation': 'EXODUS',
  'low-speed-centrifugation': 'low-speed',
  filtration: 'filtration',
};

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Ranges measured at `scale` (or at any scale); all of them when none is. */
function rangesAtScale(values: SourcedRange[], scale: MethodScale | null): SourcedRange[] {
  if (scale === null) return values;
  const at = values.filter((r) => r.scale === undefined || r.scale === scale);
  return at.length > 0 ? at : values;
}

/**
 * The ranges of a metric that apply to a matrix (tagged with it, else untagged, else all) at a scale
 * (tagged with it or untagged, else all).
 */
export function applicableRanges(
  metric: Metric,
  matrix: SampleMatrix | null,
  scale: MethodScale | null = null,
): SourcedRange[] {
  const values = rangesAtScale(metric.values, scale);
  if (matrix === null) return values;
  const tagged = values.filter((r) => r.matrices.includes(matrix));
  if (tagged.length > 0) return tagged;
  const general = values.filter((r) => r.matrices.length === 0);
  return general.length > 0 ? general : values;
}

/** Representative value and envelope of a metric (see the module comment). Null when nothing is reported. */
export function metricFigure(
  metric: Metric,
  matrix: SampleMatrix | null,
  scale: 'linear' | 'log' = 'linear',
  methodScale: MethodScale | null = null,
): Figure | null {
  const ranges = applicableRanges(metric, matrix, methodScale);
  if (ranges.length === 0) return null;
  const mids = ranges.map((r) => (scale === 'log' ? Math.sqrt(r.min * r.max) : (r.min + r.max) / 2));
  const otherMatrices =
    matrix !== null && ranges.every((r) => r.matrices.length > 0 && !r.matrices.includes(matrix))
      ? [...new Set(ranges.flatMap((r) => r.matrices))]
      : null;
  const otherScale =
    methodScale !== null && ranges.every((r) => r.scale !== undefined && r.scale !== methodScale)
      ? ((ranges[0] as SourcedRange).scale as MethodScale)
      : null;
  return {
    measuredOnOtherMatrices: otherMatrices,
    measuredAtOtherScale: otherScale,
    min: Math.min(...ranges.map((r) => r.min)),
    max: Math.max(...ranges.map((r) => r.max)),
    representative: median(mids),
    basis: ranges.length === 1 ? 'midpoint of the reported range' : `median of ${ranges.length} ranges`,
    citations: uniqueCitations(ranges.flatMap((r) => r.citations)),
    approximate: ranges.some((r) => r.confidence === 'approximate'),
  };
}

/** Citations without repeats (same DOI and location). */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const c of citations) {
    const key = `${c.doi ?? `${c.authors} ${c.year}`}|${c.location ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/**
 * The profile of one method, for a sample matrix and (optionally) a scale. Without a scale every range is
 * used (the catalogue view and the chain volume check).
 */
export function singleProfile(
  entry: MethodEntry,
  matrix: SampleMatrix | null,
  choice: ScaleChoice | null = null,
): MethodProfile {
  const coIsolates: Partial<Record<CoIsolate, CoIsolateLevel>> = {};
  for (const c of entry.coIsolates) coIsolates[c.kind] = { severity: c.severity, citations: c.citations };
  const scale = choice?.scale ?? null;
  const label = SHORT_LABELS[entry.slug];
  const recoveryPercent = metricFigure(entry.recoveryPercent, matrix, 'linear', scale);
  const purityParticlesPerUgProtein = metricFigure(entry.purityParticlesPerUgProtein, matrix, 'log', scale);
  const processingTimeH = metricFigure(entry.processingTimeH, matrix, 'linear', scale);
  const caveats: string[] = [];
  const figures: [string, Figure | null][] = [
    ['recovery', recoveryPercent],
    ['purity', purityParticlesPerUgProtein],
    ['time', processingTimeH],
  ];
  if (matrix !== null) {
    for (const [what, f] of figures) {
      if (f?.measuredOnOtherMatrices) {
        caveats.push(
          `${label} ${what} was measured on ${f.measuredOnOtherMatrices.map((m) => SAMPLE_MATRIX_LABELS[m]).join(', ')}, not on ${SAMPLE_MATRIX_LABELS[matrix]}`,
        );
      }
    }
  }
  if (scale !== null) {
    const other = figures.filter(([, f]) => f?.measuredAtOtherScale).map(([what]) => what);
    if (other.length > 0) {
      caveats.push(
        `${label} ${other.join(' and ')} ${other.length === 1 ? 'was' : 'were'} measured at ${scale === 'process' ? 'bench' : 'process'} scale only; at the ${scale} scale of this sample ${other.length === 1 ? 'it is' : 'they are'} extrapolated`,
      );
    }
  }
  const scaleProfile = choice?.profile ?? null;
  if (scaleProfile && scaleProfile.caveat !== '') caveats.push(`${label}: ${scaleProfile.caveat}`);
  const cost = scaleProfile?.cost ?? entry.cost;
  return {
    methods: [entry.slug],
    label,
    role: entry.role,
    recoveryPercent,
    purityParticlesPerUgProtein,
    processingTimeH,
    inputVolumeMl: metricFigure(entry.sampleVolumeMl, matrix, 'linear', scale),
    outputVolumeMl: metricFigure(entry.outputVolumeMl, matrix, 'linear', scale),
    costClass: cost.class,
    equipment: [...new Set([...entry.equipment, ...(scaleProfile?.equipment ?? [])])],
    gmp: entry.scalability.gmp,
    litreScale: entry.scalability.litreScale,
    coIsolates,
    integrity: entry.integrity.effect,
    gmpText: entry.scalability.text,
    integrityText: entry.integrity.text,
    citations: uniqueCitations([
      ...cost.citations,
      ...entry.scalability.citations,
      ...entry.integrity.citations,
      ...(scaleProfile?.citations ?? []),
    ]),
    scaleLabels: scaleProfile ? [`${label}: ${scaleProfile.label}`] : [],
    caveats,
  };
}

const worse = <T extends string>(order: readonly T[], a: T, b: T): T =>
  order.indexOf(a) >= order.indexOf(b) ? a : b;

function composeRecovery(a: Figure | null, b: Figure | null, labels: [string, string]): Figure | null {
  if (!a || !b) return null;
  return {
    min: (a.min * b.min) / 100,
    max: (a.max * b.max) / 100,
    representative: (a.representative * b.representative) / 100,
    basis: `${labels[0]} ${round(a.representative)} % × ${labels[1]} ${round(b.representative)} %`,
    citations: uniqueCitations([...a.citations, ...b.citations]),
    approximate: a.approximate || b.approximate,
  };
}

function composePurity(a: Figure | null, b: Figure | null, labels: [string, string]): Figure | null {
  if (!a && !b) return null;
  if (!a || !b) {
    const known = (a ?? b) as Figure;
    return { ...known, basis: `${a ? labels[0] : labels[1]} (the other step reports none)` };
  }
  const best = b.representative >= a.representative ? b : a;
  return {
    min: Math.max(a.min, b.min),
    max: Math.max(a.max, b.max),
    representative: best.representative,
    basis: `the purer step, ${best === b ? labels[1] : labels[0]}`,
    citations: uniqueCitations([...a.citations, ...b.citations]),
    approximate: a.approximate || b.approximate,
  };
}

function composeTime(a: Figure | null, b: Figure | null, labels: [string, string]): Figure | null {
  if (!a || !b) return a ?? b;
  return {
    min: a.min + b.min,
    max: a.max + b.max,
    representative: a.representative + b.representative,
    basis: `${labels[0]} ${round(a.representative)} h + ${labels[1]} ${round(b.representative)} h`,
    citations: uniqueCitations([...a.citations, ...b.citations]),
    approximate: a.approximate || b.approximate,
  };
}

function composeCoIsolates(
  a: MethodProfile['coIsolates'],
  b: MethodProfile['coIsolates'],
): MethodProfile['coIsolates'] {
  const out: MethodProfile['coIsolates'] = {};
  for (const [kind, levelA] of Object.entries(a) as [CoIsolate, CoIsolateLevel][]) {
    const levelB = b[kind];
    if (!levelB) continue;
    const lower =
      SEVERITIES.indexOf(levelA.severity) <= SEVERITIES.indexOf(levelB.severity) ? levelA : levelB;
    out[kind] = {
      severity: lower.severity,
      citations: uniqueCitations([...levelA.citations, ...levelB.citations]),
    };
  }
  return out;
}

/** The profile of `first → second` under the rules of the module comment. */
export function chainProfile(
  first: MethodProfile,
  second: MethodProfile,
  chainCitations: Citation[],
): MethodProfile {
  const labels: [string, string] = [first.label, second.label];
  return {
    methods: [...first.methods, ...second.methods],
    label: `${first.label} → ${second.label}`,
    role: 'isolation',
    recoveryPercent: composeRecovery(first.recoveryPercent, second.recoveryPercent, labels),
    purityParticlesPerUgProtein: composePurity(
      first.purityParticlesPerUgProtein,
      second.purityParticlesPerUgProtein,
      labels,
    ),
    processingTimeH: composeTime(first.processingTimeH, second.processingTimeH, labels),
    inputVolumeMl: first.inputVolumeMl,
    outputVolumeMl: second.outputVolumeMl,
    costClass: worse(COST_CLASSES, first.costClass, second.costClass),
    equipment: [...new Set([...first.equipment, ...second.equipment])],
    gmp: worse(GMP_LEVELS, first.gmp, second.gmp),
    litreScale: first.litreScale,
    coIsolates: composeCoIsolates(first.coIsolates, second.coIsolates),
    integrity: worse(INTEGRITY_EFFECTS, first.integrity, second.integrity),
    gmpText: `${first.label}: ${first.gmpText} ${second.label}: ${second.gmpText}`,
    integrityText: `${first.label}: ${first.integrityText} ${second.label}: ${second.integrityText}`,
    citations: uniqueCitations([...chainCitations, ...first.citations, ...second.citations]),
    scaleLabels: [...first.scaleLabels, ...second.scaleLabels],
    caveats: [...first.caveats, ...second.caveats],
  };
}

function round(x: number): string {
  return x >= 10 ? x.toFixed(0) : x.toPrecision(2);
}
