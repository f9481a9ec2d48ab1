/**
 * The recommender's criteria, their weights per downstream use and the maps from catalogue values to a
 * 0–1 criterion score. These are evlab's documented judgement calls (not literature constants), chosen so
 * a reader can check every ranking by hand; the sources behind each emphasis are cited per use.
 */
import type {
  CoIsolate,
  CostClass,
  GmpLevel,
  IntegrityEffect,
  LitreScale,
  Severity,
} from './method-catalogue-schema.ts';
import type { DownstreamUse } from './recommendation-input.ts';
import type { SampleMatrix } from './sample-matrix.ts';

export const CRITERIA = [
  'recovery',
  'purity',
  'co-isolates',
  'integrity',
  'gmp-scalability',
  'time',
  'cost',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/**
 * Weights per downstream use (each row sums to 1).
 * - omics/biomarker discovery: purity and freedom from co-isolates dominate, because contaminating proteins
 *   and lipoproteins are read as EV cargo (Théry et al. 2018 MISEV2018; Welsh et al. 2024 MISEV2023).
 * - in-vitro function: intact, active vesicles first; co-isolated proteins confound activity (Takov et al.
 *   2019; Gámez-Valero et al. 2016).
 * - therapy: a GMP-compatible, scalable process first (Watson et al. 2018), then integrity and yield.
 */
export const CRITERION_WEIGHTS: Record<DownstreamUse, Record<Criterion, number>> = {
  omics: {
    recovery: 0.2,
    purity: 0.3,
    'co-isolates': 0.25,
    integrity: 0.05,
    'gmp-scalability': 0,
    time: 0.1,
    cost: 0.1,
  },
  'in-vitro-function': {
    recovery: 0.2,
    purity: 0.2,
    'co-isolates': 0.15,
    integrity: 0.25,
    'gmp-scalability': 0.05,
    time: 0.05,
    cost: 0.1,
  },
  therapy: {
    recovery: 0.15,
    purity: 0.15,
    'co-isolates': 0.15,
    integrity: 0.2,
    'gmp-scalability': 0.3,
    time: 0,
    cost: 0.05,
  },
};

/**
 * Score when a figure is not reported (the reason says so): neutral for recovery and time; below neutral
 * for purity, because purity is what MISEV asks a preparation to demonstrate (Welsh et al. 2024) and an
 * unverified one should not outrank a measured mid-band one.
 */
export const UNKNOWN_SCORES = { recovery: 0.5, purity: 0.25, time: 0.5 } as const;

/** Time: 15 min scores 1, 24 h scores 0, logarithmic in between (a 2× longer run costs the same anywhere). */
export const TIME_BEST_H = 0.25;
export const TIME_WORST_H = 24;

export const COST_SCORES: Record<CostClass, number> = { low: 1, medium: 0.6, high: 0.2 };
export const INTEGRITY_SCORES: Record<IntegrityEffect, number> = {
  preserved: 1,
  'some-damage': 0.5,
  compromised: 0.1,
};
export const GMP_SCORES: Record<GmpLevel, number> = {
  established: 1,
  feasible: 0.75,
  limited: 0.35,
  'not-recommended': 0,
};
export const LITRE_SCORES: Record<LitreScale, number> = { yes: 1, 'parallel-runs': 0.5, no: 0 };
/** From 1 L of starting material on, litre scalability counts 40 % of the GMP/scalability criterion. */
export const LITRE_SCALE_FROM_ML = 1000;
export const LITRE_SHARE = 0.4;

/** Share of the co-isolate score a contaminant of this severity removes. */
export const SEVERITY_PENALTIES: Record<Severity, number> = { low: 0.1, moderate: 0.4, high: 0.8 };

/**
 * How much a co-isolate matters in a matrix (0–1). Lipoproteins outnumber EVs in blood (Karimi et al. 2018)
 * and milk; serum-supplemented media carry bovine lipoproteins; uromodulin is a urine problem
 * (Lozano-Ramos et al. 2015).
 */
export function coIsolateRelevance(kind: CoIsolate, matrix: SampleMatrix): number {
  switch (kind) {
    case 'lipoproteins':
      return matrix === 'plasma' || matrix === 'serum' || matrix === 'milk'
        ? 1
        : matrix === 'conditioned-medium' || matrix === 'csf'
          ? 0.5
          : 0;
    case 'uromodulin':
      return matrix === 'urine' ? 1 : 0;
    case 'viruses':
    case 'nucleic-acids':
      return 0.5;
    default:
      return 1;
  }
}
