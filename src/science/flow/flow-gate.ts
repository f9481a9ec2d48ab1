/**
 * Gate definitions (Gating-ML 2.0 §4: rectangle/range, polygon, ellipsoid, quadrant, boolean gates; any gate
 * may name a parent gate, and then only contains events that are also in the parent).
 */
import type { SpilloverMatrix } from './compensation.ts';
import type { FlowTransform } from './flow-transform.ts';

/** How one gate coordinate is computed from the events. */
export interface GateDimension {
  /** "uncompensated", "FCS" (the file's spillover) or the id of a spectrum matrix. */
  compensationRef: string;
  /** Id of a scale transform applied last, or undefined. */
  transformationRef?: string;
  /** An FCS dimension ($PnN or a fluorochrome of the compensation). */
  name?: string;
  /** Or a new dimension: the id of a ratio transform. */
  ratioRef?: string;
}

export interface RangeDimension extends GateDimension {
  /** Inclusive lower bound (Gating-ML 2.0 §4.1: min ≤ x < max); undefined = unbounded. */
  min?: number;
  max?: number;
}

interface GateBase {
  id: string;
  parentId?: string;
}

export type FlowGate =
  | (GateBase & { kind: 'rectangle'; dimensions: RangeDimension[] })
  | (GateBase & { kind: 'polygon'; dimensions: [GateDimension, GateDimension]; vertices: [number, number][] })
  | (GateBase & {
      kind: 'ellipsoid';
      dimensions: GateDimension[];
      mean: number[];
      covariance: number[][];
      distanceSquare: number;
    })
  | (GateBase & {
      kind: 'quadrant';
      dividers: { id: string; dimension: GateDimension; values: number[] }[];
      quadrants: { id: string; positions: { dividerRef: string; location: number }[] }[];
    })
  | (GateBase & { kind: 'boolean'; op: 'and' | 'or' | 'not'; refs: { ref: string; complement: boolean }[] });

/** A whole Gating-ML document: transforms, spectrum matrices and gates (in document order). */
export interface GatingDocument {
  transforms: Map<string, FlowTransform>;
  spectrumMatrices: Map<string, SpilloverMatrix>;
  gates: FlowGate[];
}

/** Ids of every population a document defines (quadrant gates define one per quadrant). */
export function populationIds(doc: GatingDocument): string[] {
  const out: string[] = [];
  for (const g of doc.gates) {
    if (g.kind === 'quadrant') out.push(...g.quadrants.map((q) => q.id));
    else out.push(g.id);
  }
  return out;
}
