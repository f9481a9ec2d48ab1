/**
 * Shared shapes of the isolation-chain simulator: the state a step receives and returns (EV particles per
 * size bin, soluble protein, lipoprotein particles, volume), what a step reports besides the new state
 * (cut-offs, fractions, warnings, assumptions), and the error raised for unusable input.
 */
import type { IsolationMethod } from '../../domain/isolation-protocol.ts';

/** Lipoprotein particle counts by class (absolute numbers in the whole preparation, or per mL in inputs). */
export interface LipoproteinCounts {
  hdl: number;
  ldl: number;
  vldl: number;
}

export const LIPOPROTEIN_CLASSES = ['hdl', 'ldl', 'vldl'] as const;
export type LipoproteinClass = (typeof LIPOPROTEIN_CLASSES)[number];

/**
 * What flows from one step to the next. Particle and lipoprotein numbers are totals in the preparation
 * (not per mL); protein is the free (non-vesicular) soluble protein in µg.
 */
export interface ChainState {
  /** Bin centres, nm (shared by every state of one simulation). */
  binsNm: Float64Array;
  /** EV particles per bin (total in the preparation). */
  particles: Float64Array;
  volumeMl: number;
  /** Free soluble protein (albumin-like), µg. */
  proteinUg: number;
  lipoproteins: LipoproteinCounts;
}

/**
 * One number or choice the model used, with where it comes from. `assumption: true` marks a typical value
 * the user should replace with their own (the step parameter of the same key changes it).
 */
export interface ModelAssumption {
  /** Parameter key the user can set to change it, or a dotted name for a fixed model constant. */
  key: string;
  description: string;
  value: number | string;
  unit: string | null;
  source: string;
  assumption: boolean;
}

export interface StepCutoff {
  name: string;
  description: string;
  value: number | null;
  unit: string;
}

/** One collected fraction of a gradient or a column (numbered from 1 as the bench numbers them). */
export interface StepFraction {
  number: number;
  startMl: number;
  endMl: number;
  /** Gradient density at the fraction's middle (density gradients only). */
  densityGPerMl: number | null;
  particles: number;
  proteinUg: number;
  lipoproteins: LipoproteinCounts;
  collected: boolean;
}

/** What a step model returns besides the new state. */
export interface StepModelResult {
  state: ChainState;
  cutoffs: StepCutoff[];
  fractions: StepFraction[] | null;
  /** Processing time the model estimates (UF/TFF permeate time, centrifugation run time), minutes. */
  timeMinutes: number | null;
  warnings: string[];
  assumptions: ModelAssumption[];
  /** 'physical' = a transport model; 'assumed' = typical recoveries only (no physical model of the step). */
  model: 'physical' | 'assumed';
}

/** A problem with the chain or population a user supplied; `path` names the field as in the request body. */
export interface ChainIssue {
  path: (string | number)[];
  message: string;
}

/** Raised for unusable input (exit code 2 in the CLI, 400 in the API). */
export class ChainInputError extends Error {
  override readonly name = 'ChainInputError';
  constructor(readonly issues: ChainIssue[]) {
    super(issues.map((i) => i.message).join('; '));
  }
}

export type ParameterValue = number | string | boolean | null;
export type ResolvedParameters = Record<string, ParameterValue>;

/** Context a step model gets besides its state and parameters. */
export interface StepContext {
  index: number;
  method: IsolationMethod;
}
