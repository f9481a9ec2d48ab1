/**
 * Gating-ML 2.0 scale transformations (Spidlen et al. 2015, Cytometry A 87:683, doi:10.1002/cyto.a.22690;
 * spec section 6). One file per transform; this module is their common type and dispatcher.
 * Every transform maps one channel value to a (usually 0…1) display/gating scale; ratio transforms combine
 * two channels (transform-ratio.ts) and are applied as "new dimensions" before any scale transform.
 */
import { fasinh } from './transform-fasinh.ts';
import { flin } from './transform-flin.ts';
import { flog } from './transform-flog.ts';
import { hyperlogScale } from './transform-hyperlog.ts';
import { logicleScale } from './transform-logicle.ts';

export type ScaleTransform =
  | { kind: 'flin'; T: number; A: number }
  | { kind: 'flog'; T: number; M: number }
  | { kind: 'fasinh'; T: number; M: number; A: number }
  | { kind: 'logicle'; T: number; W: number; M: number; A: number }
  | { kind: 'hyperlog'; T: number; W: number; M: number; A: number };

export interface RatioTransform {
  kind: 'fratio';
  A: number;
  B: number;
  C: number;
  /** Numerator and denominator channel names. */
  numerator: string;
  denominator: string;
}

export type FlowTransform = ScaleTransform | RatioTransform;

/** Returns a scalar function for a scale transform (parameters are precomputed once). */
export function scaleFunction(t: ScaleTransform): (x: number) => number {
  switch (t.kind) {
    case 'flin':
      return (x) => flin(x, t.T, t.A);
    case 'flog':
      return (x) => flog(x, t.T, t.M);
    case 'fasinh':
      return (x) => fasinh(x, t.T, t.M, t.A);
    case 'logicle':
      return logicleScale(t.T, t.W, t.M, t.A);
    case 'hyperlog':
      return hyperlogScale(t.T, t.W, t.M, t.A);
  }
}

/** Applies a scale transform to a whole column. */
export function applyScale(t: ScaleTransform, values: ArrayLike<number>): Float64Array {
  const f = scaleFunction(t);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f(values[i] as number);
  return out;
}
