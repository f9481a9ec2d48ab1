/**
 * The isolation-method recommender. Candidates are every isolation method of the catalogue and every chain
 * of method-chains.ts; hard constraints exclude some (each with its reason), the rest are scored on the
 * criteria of criterion-weights.ts from catalogue values and ranked by the weighted sum.
 *
 * Hard constraints, in the order they are reported:
 * - `clearing-step-only`: low-speed centrifugation and filtration clear a sample but do not isolate EVs;
 * - `equipment-missing`: a step needs an instrument the lab does not have ("needs ultracentrifuge");
 * - `volume-out-of-range`: the sample volume is outside every volume the (first) step was reported with;
 * - `chain-volume-mismatch`: the first step's output volume does not fit the second step's input range;
 * - `gmp-incompatible`: therapy use and a step GMP-"not-recommended" (PEG, immunomagnetic beads);
 * - `purity-unreachable`: the best reported purity (upper end of the range) misses the required class —
 *   high: ≥ 3×10¹⁰ particles/µg, medium: ≥ 2×10⁹ (Webber & Clayton 2013); unreported purity fails "high";
 * - `budget-exceeded`: cost class above the budget (low budget: low cost; medium: up to medium);
 * - `time-exceeded`: even the fastest reported time exceeds the limit.
 *
 * Scale: each method is scored with the figures of the scale the sample's volume falls in (method-profile.ts
 * `scaleFor`); a chain's second step with the scale of what the first step gives. A scale reported only for
 * a concentrate (process-scale SEC) is open to a second step, never to the method alone.
 *
 * Confidence of an option: `high` when its recovery, purity and time are all reported or derived figures;
 * `medium` when one is approximate or missing; one level lower per caveat (a figure measured on another
 * matrix or at another scale, a scale-specific note, or, for therapy, a step without GMP use), `low` at the
 * least. Caveats are listed with the option; they do not change its score.
 */
import { type Citation, citationLabel } from '../../domain/citation.ts';
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';
import { scientificUnicode, toScientific } from '../../domain/number-format.ts';
import {
  COST_SCORES,
  CRITERIA,
  CRITERION_WEIGHTS,
  type Criterion,
  coIsolateRelevance,
  GMP_SCORES,
  INTEGRITY_SCORES,
  LITRE_SCALE_FROM_ML,
  LITRE_SCORES,
  LITRE_SHARE,
  SEVERITY_PENALTIES,
  TIME_BEST_H,
  TIME_WORST_H,
  UNKNOWN_SCORES,
} from './criterion-weights.ts';
import { ISOLATION_METHOD_CATALOGUE } from './method-catalogue.ts';
import {
  COST_CLASSES,
  type CoIsolate,
  type Equipment,
  type MethodCatalogue,
} from './method-catalogue-schema.ts';
import { METHOD_CHAINS, type MethodChain } from './method-chains.ts';
import {
  chainProfile,
  type Figure,
  type MethodProfile,
  type ScaleChoice,
  scaleFor,
  singleProfile,
  uniqueCitations,
} from './method-profile.ts';
import { formatHours, formatMl, threeSignificant } from './quantity-format.ts';
import {
  type RecommendationInput,
  type RecommendationInputDraft,
  recommendationInputSchema,
} from './recommendation-input.ts';
import { SAMPLE_MATRIX_LABELS } from './sample-matrix.ts';

export const CONSTRAINTS = [
  'clearing-step-only',
  'equipment-missing',
  'volume-out-of-range',
  'chain-volume-mismatch',
  'gmp-incompatible',
  'purity-unreachable',
  'budget-exceeded',
  'time-exceeded',
] as const;
export type ConstraintCode = (typeof CONSTRAINTS)[number];

export interface CriterionScore {
  name: Criterion;
  /** 0–1. */
  score: number;
  weight: number;
  reason: string;
}

export interface FigureSummary {
  min: number;
  max: number;
  representative: number;
  basis: string;
  approximate: boolean;
}

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

export interface RankedOption {
  rank: number;
  methods: IsolationMethod[];
  label: string;
  /** Weighted sum of the criterion scores, 0–1. */
  score: number;
  /** How far the figures behind the score can be trusted for this sample (see the module comment). */
  confidence: ConfidenceLevel;
  /** Why the confidence is not high, and what to check, in words. */
  caveats: string[];
  /** The scale each step was scored at, for methods that distinguish scales ("SEC: bench column …"). */
  scales: string[];
  criteria: CriterionScore[];
  reasons: string[];
  citations: Citation[];
  figures: {
    recoveryPercent: FigureSummary | null;
    purityParticlesPerUgProtein: FigureSummary | null;
    processingTimeH: FigureSummary | null;
  };
}

export interface ConstraintViolation {
  constraint: ConstraintCode;
  reason: string;
}

export interface ExcludedOption {
  methods: IsolationMethod[];
  label: string;
  /** The first constraint violated (in the order of CONSTRAINTS). */
  constraint: ConstraintCode;
  /** All reasons, joined. */
  reason: string;
  violations: ConstraintViolation[];
}

export interface Recommendation {
  input: RecommendationInput;
  catalogueVersion: string;
  weights: Record<Criterion, number>;
  ranked: RankedOption[];
  excluded: ExcludedOption[];
}

interface Candidate {
  profile: MethodProfile;
  chain: MethodChain | null;
  /** For a single method outside its single-step volumes: the scale it reaches only after concentration. */
  concentrateOnlyScale: ScaleChoice | null;
}

/** Runs the recommender on a (possibly partial) input; throws a ZodError on invalid input. */
export function recommendIsolation(
  draft: RecommendationInputDraft,
  catalogue: MethodCatalogue = ISOLATION_METHOD_CATALOGUE,
): Recommendation {
  const input = recommendationInputSchema.parse(draft);
  const candidates = buildCandidates(catalogue, input);
  const weights = CRITERION_WEIGHTS[input.use];
  const scored: Omit<RankedOption, 'rank'>[] = [];
  const excluded: ExcludedOption[] = [];

  for (const candidate of candidates) {
    const violations = hardConstraints(candidate, input, catalogue);
    if (violations.length > 0) {
      excluded.push({
        methods: candidate.profile.methods,
        label: candidate.profile.label,
        constraint: (violations[0] as ConstraintViolation).constraint,
        reason: violations.map((v) => v.reason).join('; '),
        violations,
      });
      continue;
    }
    scored.push(scoreCandidate(candidate, input, catalogue));
  }

  scored.sort(
    (a, b) => b.score - a.score || a.methods.length - b.methods.length || a.label.localeCompare(b.label),
  );
  return {
    input,
    catalogueVersion: catalogue.catalogueVersion,
    weights: { ...weights },
    ranked: scored.slice(0, input.top).map((option, i) => ({ rank: i + 1, ...option })),
    excluded,
  };
}

function buildCandidates(catalogue: MethodCatalogue, input: RecommendationInput): Candidate[] {
  const profiles = new Map<IsolationMethod, MethodProfile>();
  const out: Candidate[] = [];
  for (const entry of catalogue.methods) {
    const choice = scaleFor(entry, input.volumeMl);
    const profile = singleProfile(entry, input.matrix, choice);
    profiles.set(entry.slug, profile);
    const asSecond = scaleFor(entry, input.volumeMl, true);
    const concentrateOnlyScale =
      asSecond.profile?.afterConcentrationOnly === true &&
      input.volumeMl >= asSecond.profile.minVolumeMl &&
      input.volumeMl <= asSecond.profile.maxVolumeMl
        ? asSecond
        : null;
    out.push({ profile, chain: null, concentrateOnlyScale });
  }
  for (const chain of METHOD_CHAINS) {
    const first = profiles.get(chain.steps[0]);
    const secondEntry = catalogue.methods.find((m) => m.slug === chain.steps[1]);
    if (!first || !secondEntry) continue;
    // The second step works at the scale of what the first gives (its representative output volume).
    const handed = first.outputVolumeMl?.representative ?? input.volumeMl;
    const second = singleProfile(secondEntry, input.matrix, scaleFor(secondEntry, handed, true));
    out.push({
      profile: chainProfile(first, second, chain.citations),
      chain,
      concentrateOnlyScale: null,
    });
  }
  return out;
}

// ---------- hard constraints ----------

function hardConstraints(
  candidate: Candidate,
  input: RecommendationInput,
  catalogue: MethodCatalogue,
): ConstraintViolation[] {
  const p = candidate.profile;
  const out: ConstraintViolation[] = [];
  if (p.role === 'clearing') {
    out.push({
      constraint: 'clearing-step-only',
      reason: `${p.label} is a clearing step (cells, debris, large EVs), run before any isolation method; it does not isolate EVs`,
    });
    return out;
  }

  const missing = p.equipment.filter((e) => !input.equipment.includes(e));
  if (missing.length > 0) {
    out.push({ constraint: 'equipment-missing', reason: `needs ${missing.join(' and ')} (not available)` });
  }

  const volume = p.inputVolumeMl;
  if (volume && (input.volumeMl < volume.min || input.volumeMl > volume.max)) {
    const side = input.volumeMl < volume.min ? 'below the smallest' : 'above the largest';
    out.push({
      constraint: 'volume-out-of-range',
      reason: `${formatMl(input.volumeMl)} is ${side} volume ${p.methods.length > 1 ? `its first step (${p.label.split(' → ')[0]})` : p.label} was reported with (${formatMl(volume.min)}–${formatMl(volume.max)}; ${volume.citations.map(citationLabel).join(', ')})${concentrateFirst(candidate)}`,
    });
  }

  if (candidate.chain) {
    const [firstSlug, secondSlug] = candidate.chain.steps;
    const first = singleProfile(entryOf(catalogue, firstSlug), input.matrix);
    const second = singleProfile(entryOf(catalogue, secondSlug), input.matrix);
    const out1 = first.outputVolumeMl;
    const in2 = second.inputVolumeMl;
    if (out1 && in2 && (out1.min > in2.max || out1.max < in2.min)) {
      out.push({
        constraint: 'chain-volume-mismatch',
        reason: `${first.label} gives ${formatMl(out1.min)}–${formatMl(out1.max)}, but ${second.label} takes ${formatMl(in2.min)}–${formatMl(in2.max)}`,
      });
    }
  }

  if (input.use === 'therapy' && p.gmp === 'not-recommended') {
    const culprits = p.methods
      .map((m) => entryOf(catalogue, m))
      .filter((e) => e.scalability.gmp === 'not-recommended');
    out.push({
      constraint: 'gmp-incompatible',
      reason: culprits
        .map(
          (e) =>
            `${e.name}: not GMP-compatible for therapy — ${lowerFirst(e.scalability.text)} (${e.scalability.citations.map(citationLabel).join(', ')})`,
        )
        .join('; '),
    });
  }

  if (input.purity !== 'any') {
    const thresholds = catalogue.purityThresholds;
    const needed =
      input.purity === 'high'
        ? thresholds.highPurityMinParticlesPerUg
        : thresholds.lowPurityMinParticlesPerUg;
    const purity = p.purityParticlesPerUgProtein;
    if (!purity && input.purity === 'high') {
      out.push({
        constraint: 'purity-unreachable',
        reason: `purity in particles/µg is not reported for ${p.label}, so ${input.purity} purity (≥ ${formatPurity(needed)}) cannot be confirmed`,
      });
    } else if (purity && purity.max < needed) {
      out.push({
        constraint: 'purity-unreachable',
        reason: `best reported purity ${formatPurity(purity.max)} is below the ${input.purity}-purity threshold ${formatPurity(needed)} (${citationLabel(thresholds.citations[0] as Citation)})`,
      });
    }
  }

  const budgetIndex = COST_CLASSES.indexOf(input.budget);
  if (COST_CLASSES.indexOf(p.costClass) > budgetIndex) {
    out.push({
      constraint: 'budget-exceeded',
      reason: `${p.costClass} cost exceeds a ${input.budget} budget`,
    });
  }

  const time = p.processingTimeH;
  if (input.maxHours !== null && time && time.min > input.maxHours) {
    out.push({
      constraint: 'time-exceeded',
      reason: `takes at least ${formatHours(time.min)} (more than ${formatHours(input.maxHours)})`,
    });
  }
  return out;
}

/** The hint for a method that reaches this volume only after a concentration step. */
function concentrateFirst(candidate: Candidate): string {
  const s = candidate.concentrateOnlyScale?.profile;
  if (!s) return '';
  const citations = uniqueCitations(s.citations).map(citationLabel).join(', ');
  return `; at ${formatMl(s.minVolumeMl)}–${formatMl(s.maxVolumeMl)} ${candidate.profile.label} is reported only as a ${s.label} (${citations}): concentrate first (see the chains ending in ${candidate.profile.label})`;
}

function entryOf(catalogue: MethodCatalogue, slug: IsolationMethod) {
  const entry = catalogue.methods.find((m) => m.slug === slug);
  if (!entry) throw new Error(`isolation method catalogue has no entry for ${slug}`);
  return entry;
}

// ---------- scoring ----------

function scoreCandidate(
  candidate: Candidate,
  input: RecommendationInput,
  catalogue: MethodCatalogue,
): Omit<RankedOption, 'rank'> {
  const p = candidate.profile;
  const weights = CRITERION_WEIGHTS[input.use];
  const criteria: CriterionScore[] = CRITERIA.map((name) => {
    const { score, reason } = criterionScore(name, p, input, catalogue);
    return { name, score: round3(score), weight: weights[name], reason };
  });
  const total = criteria.reduce((sum, c) => sum + c.score * c.weight, 0);

  const weighted = criteria.filter((c) => c.weight > 0);
  const strengths = [...weighted]
    .sort((a, b) => b.score * b.weight - a.score * a.weight)
    .slice(0, 2)
    .map((c) => `${c.name}: ${c.reason}`);
  const weakest = [...weighted].sort((a, b) => a.score - b.score)[0];
  const reasons = [
    ...(candidate.chain ? [candidate.chain.rationale] : []),
    ...strengths,
    ...(weakest && weakest.score < 0.5 ? [`weakest — ${weakest.name}: ${weakest.reason}`] : []),
  ];

  const figureCitations = [p.recoveryPercent, p.purityParticlesPerUgProtein, p.processingTimeH].flatMap(
    (f) => f?.citations ?? [],
  );
  const coIsolateCitations = Object.values(p.coIsolates).flatMap((c) => c?.citations ?? []);
  const caveats = [...p.caveats];
  if (input.use === 'therapy') {
    for (const m of p.methods) {
      const e = entryOf(catalogue, m);
      if (e.scalability.gmp === 'limited') {
        caveats.push(`${e.name}: GMP use limited — ${lowerFirst(e.scalability.text)}`);
      }
    }
  }
  return {
    methods: p.methods,
    label: p.label,
    score: round3(total),
    confidence: confidenceOf(p, caveats.length),
    caveats,
    scales: p.scaleLabels,
    criteria,
    reasons,
    citations: uniqueCitations([...p.citations, ...figureCitations, ...coIsolateCitations]),
    figures: {
      recoveryPercent: summary(p.recoveryPercent),
      purityParticlesPerUgProtein: summary(p.purityParticlesPerUgProtein),
      processingTimeH: summary(p.processingTimeH),
    },
  };
}

function criterionScore(
  name: Criterion,
  p: MethodProfile,
  input: RecommendationInput,
  catalogue: MethodCatalogue,
): { score: number; reason: string } {
  switch (name) {
    case 'recovery': {
      const f = p.recoveryPercent;
      if (!f) return { score: UNKNOWN_SCORES.recovery, reason: 'recovery not reported (neutral score)' };
      return {
        score: clamp01(f.representative / 100),
        reason: `≈${formatPercent(f.representative)} recovered (${f.basis}; range ${formatPercent(f.min)}–${formatPercent(f.max)}${approx(f)}; ${sources(f)})`,
      };
    }
    case 'purity': {
      const f = p.purityParticlesPerUgProtein;
      if (!f)
        return {
          score: UNKNOWN_SCORES.purity,
          reason: 'purity in particles/µg not reported (scored as unverified)',
        };
      const t = catalogue.purityThresholds;
      return {
        score: purityScore(f.representative, t.impureMaxParticlesPerUg, t.highPurityMinParticlesPerUg),
        reason: `≈${formatPurity(f.representative)} (${f.basis}; ${purityBandLabel(f.representative, catalogue)}${approx(f)}; ${sources(f)})`,
      };
    }
    case 'co-isolates': {
      let penalty = 0;
      const notes: string[] = [];
      for (const [kind, level] of Object.entries(p.coIsolates) as [
        CoIsolate,
        { severity: keyof typeof SEVERITY_PENALTIES },
      ][]) {
        const relevance = coIsolateRelevance(kind, input.matrix);
        if (relevance === 0) continue;
        const k = relevance * SEVERITY_PENALTIES[level.severity];
        penalty = Math.max(penalty, k);
        if (level.severity !== 'low') notes.push(`${kind} ${level.severity}`);
      }
      return {
        score: 1 - penalty,
        reason:
          notes.length > 0
            ? `carries ${notes.join(', ')} in ${SAMPLE_MATRIX_LABELS[input.matrix]}`
            : `no major co-isolate reported for ${SAMPLE_MATRIX_LABELS[input.matrix]}`,
      };
    }
    case 'integrity':
      return { score: INTEGRITY_SCORES[p.integrity], reason: `${p.integrity} — ${p.integrityText}` };
    case 'gmp-scalability': {
      const gmp = GMP_SCORES[p.gmp];
      if (input.volumeMl >= LITRE_SCALE_FROM_ML) {
        const litre = LITRE_SCORES[p.litreScale];
        return {
          score: (1 - LITRE_SHARE) * gmp + LITRE_SHARE * litre,
          reason: `GMP ${p.gmp}, litre scale ${p.litreScale} — ${p.gmpText}`,
        };
      }
      return { score: gmp, reason: `GMP ${p.gmp} — ${p.gmpText}` };
    }
    case 'time': {
      const f = p.processingTimeH;
      if (!f) return { score: UNKNOWN_SCORES.time, reason: 'time not reported (neutral score)' };
      return {
        score: timeScore(f.representative),
        reason: `≈${formatHours(f.representative)} (${f.basis}${approx(f)}; ${sources(f)})`,
      };
    }
    case 'cost':
      return { score: COST_SCORES[p.costClass], reason: `${p.costClass} cost per preparation` };
  }
}

/** See the module comment: figures set the start, each caveat lowers it one level. */
export function confidenceOf(p: MethodProfile, caveatCount: number): ConfidenceLevel {
  const figures = [p.recoveryPercent, p.purityParticlesPerUgProtein, p.processingTimeH];
  const start = figures.every((f) => f !== null && !f.approximate) ? 0 : 1;
  return CONFIDENCE_LEVELS[Math.min(CONFIDENCE_LEVELS.length - 1, start + caveatCount)] as ConfidenceLevel;
}

/** 0 at or below the impure threshold, 1 at or above the high-purity one, logarithmic in between. */
export function purityScore(particlesPerUg: number, impureMax: number, highMin: number): number {
  if (particlesPerUg <= impureMax) return 0;
  if (particlesPerUg >= highMin) return 1;
  return Math.log(particlesPerUg / impureMax) / Math.log(highMin / impureMax);
}

/** 1 at 15 min or less, 0 at 24 h or more, logarithmic in between. */
export function timeScore(hours: number): number {
  return clamp01(1 - Math.log(hours / TIME_BEST_H) / Math.log(TIME_WORST_H / TIME_BEST_H));
}

/**
 * Webber & Clayton (2013) bands, worded as the protocol simulator classifies them: their low band is
 * 2×10⁹–2×10¹⁰ particles/µg, so 2×10¹⁰–3×10¹⁰ lies between the low and high bands, as does
 * 1.5×10⁹–2×10⁹ between impure and low.
 */
export function purityBandLabel(value: number, catalogue: MethodCatalogue): string {
  const t = catalogue.purityThresholds;
  if (value >= t.highPurityMinParticlesPerUg) return 'high-purity band';
  if (value > t.lowPurityMaxParticlesPerUg) return 'between the low- and high-purity bands';
  if (value >= t.lowPurityMinParticlesPerUg) return 'low-purity band';
  if (value >= t.impureMaxParticlesPerUg) return 'between the impure and low-purity bands';
  return 'impure band';
}

function summary(f: Figure | null): FigureSummary | null {
  if (!f) return null;
  return {
    min: f.min,
    max: f.max,
    representative: f.representative,
    basis: f.basis,
    approximate: f.approximate,
  };
}

const approx = (f: Figure) => (f.approximate ? ', approximate' : '');
const sources = (f: Figure) =>
  uniqueCitations(f.citations.map(({ location: _l, ...c }) => c))
    .map(citationLabel)
    .join(', ');

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');

export function formatPurity(particlesPerUg: number): string {
  const { mantissa, exponent } = toScientific(particlesPerUg, 2);
  return `${scientificUnicode(mantissa, exponent)} particles/µg`;
}

function formatPercent(p: number): string {
  return `${p >= 10 ? Math.round(p) : threeSignificant(p)} %`;
}

/** Equipment a result needs, for display. */
export function equipmentOf(
  methods: readonly IsolationMethod[],
  catalogue = ISOLATION_METHOD_CATALOGUE,
): Equipment[] {
  return [...new Set(methods.flatMap((m) => entryOf(catalogue, m).equipment))];
}
