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
 */
import type { Citation } from '../../domain/citation.ts';
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';
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
  type Metric,
  SEVERITIES,
  type Severity,
  type SourcedRange,
} from './method-catalogue-schema.ts';
import type { SampleMatrix } from './sample-matrix.ts';

export interface Figure {
  min: number;
  max: number;
  representative: number;
  /** How the representative came about, in words ("median of 2 ranges", "TFF 70 % × SEC 65 %"). */
  basis: string;
  citations: Citation[];
  approximate: boolean;
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

/** The ranges of a metric that apply to a matrix: tagged with it, else untagged, else all. */
export function applicableRanges(metric: Metric, matrix: SampleMatrix | null): SourcedRange[] {
  if (matrix === null) return metric.values;
  const tagged = metric.values.filter((r) => r.matrices.includes(matrix));
  if (tagged.length > 0) return tagged;
  const general = metric.values.filter((r) => r.matrices.length === 0);
  return general.length > 0 ? general : metric.values;
}

/** Representative value and envelope of a metric (see the module comment). Null when nothing is reported. */
export function metricFigure(
  metric: Metric,
  matrix: SampleMatrix | null,
  scale: 'linear' | 'log' = 'linear',
): Figure | null {
  const ranges = applicableRanges(metric, matrix);
  if (ranges.length === 0) return null;
  const mids = ranges.map((r) => (scale === 'log' ? Math.sqrt(r.min * r.max) : (r.min + r.max) / 2));
  return {
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

export function singleProfile(entry: MethodEntry, matrix: SampleMatrix | null): MethodProfile {
  const coIsolates: Partial<Record<CoIsolate, CoIsolateLevel>> = {};
  for (const c of entry.coIsolates) coIsolates[c.kind] = { severity: c.severity, citations: c.citations };
  return {
    methods: [entry.slug],
    label: SHORT_LABELS[entry.slug],
    role: entry.role,
    recoveryPercent: metricFigure(entry.recoveryPercent, matrix),
    purityParticlesPerUgProtein: metricFigure(entry.purityParticlesPerUgProtein, matrix, 'log'),
    processingTimeH: metricFigure(entry.processingTimeH, matrix),
    inputVolumeMl: metricFigure(entry.sampleVolumeMl, matrix),
    outputVolumeMl: metricFigure(entry.outputVolumeMl, matrix),
    costClass: entry.cost.class,
    equipment: [...entry.equipment],
    gmp: entry.scalability.gmp,
    litreScale: entry.scalability.litreScale,
    coIsolates,
    integrity: entry.integrity.effect,
    gmpText: entry.scalability.text,
    integrityText: entry.integrity.text,
    citations: uniqueCitations([
      ...entry.cost.citations,
      ...entry.scalability.citations,
      ...entry.integrity.citations,
    ]),
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
  };
}

function round(x: number): string {
  return x >= 10 ? x.toFixed(0) : x.toPrecision(2);
}
