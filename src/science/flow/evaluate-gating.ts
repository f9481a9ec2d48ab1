/**
 * Applies a Gating-ML document to events: computes each gate dimension (compensation → ratio → scale
 * transform, Gating-ML 2.0 §3), tests every event, then intersects each gate with its parent. Returns one
 * 0/1 membership array per population (quadrants count as populations).
 */
import { compensate, type SpilloverMatrix } from './compensation.ts';
import type { FlowGate, GateDimension, GatingDocument } from './flow-gate.ts';
import { applyScale, type ScaleTransform } from './flow-transform.ts';
import { combineBoolean } from './gate-boolean.ts';
import { ellipsoidTest } from './gate-ellipsoid.ts';
import { inPolygon } from './gate-polygon.ts';
import { intervalIndex } from './gate-quadrant.ts';
import { inRectangle } from './gate-rectangle.ts';
import { fratio } from './transform-ratio.ts';

/** Events to gate: channel values by $PnN (already scaled: gain and log amplification applied). */
export interface FlowEventTable {
  eventCount: number;
  names: string[];
  column(name: string): ArrayLike<number>;
  /** The file's own spillover ($SPILLOVER), for compensation-ref="FCS"; null = none (identity). */
  spillover: SpilloverMatrix | null;
}

export class GatingError extends Error {
  override readonly name = 'GatingError';
}

export function evaluateGating(doc: GatingDocument, table: FlowEventTable): Map<string, Uint8Array> {
  const n = table.eventCount;
  const compensated = new Map<string, Map<string, Float64Array>>();
  const dimensionCache = new Map<string, Float64Array>();

  const channel = (name: string): ArrayLike<number> => {
    if (!table.names.includes(name)) throw new GatingError(`the events have no parameter "${name}"`);
    return table.column(name);
  };

  const compensatedValues = (ref: string, name: string): ArrayLike<number> => {
    if (ref === 'uncompensated') return channel(name);
    let matrix: SpilloverMatrix | null;
    if (ref === 'FCS') matrix = table.spillover;
    else {
      matrix = doc.spectrumMatrices.get(ref) ?? null;
      if (!matrix) throw new GatingError(`compensation-ref "${ref}" names no spectrum matrix`);
    }
    if (!matrix) return channel(name);
    let cols = compensated.get(ref);
    if (!cols) {
      const m = matrix;
      const out = compensate(m, (d) => channel(d));
      cols = new Map(m.fluorochromes.map((f, i) => [f, out[i] as Float64Array]));
      compensated.set(ref, cols);
    }
    return cols.get(name) ?? channel(name);
  };

  const dimension = (d: GateDimension): Float64Array => {
    const key = `${d.compensationRef}\u0000${d.name ?? ''}\u0000${d.ratioRef ?? ''}\u0000${d.transformationRef ?? ''}`;
    const hit = dimensionCache.get(key);
    if (hit) return hit;
    let values: Float64Array;
    if (d.ratioRef) {
      const t = doc.transforms.get(d.ratioRef);
      if (t?.kind !== 'fratio') throw new GatingError(`"${d.ratioRef}" is not a ratio transform`);
      const x = compensatedValues(d.compensationRef, t.numerator);
      const y = compensatedValues(d.compensationRef, t.denominator);
      values = new Float64Array(n);
      for (let e = 0; e < n; e++) values[e] = fratio(x[e] as number, y[e] as number, t.A, t.B, t.C);
    } else if (d.name) {
      values = Float64Array.from(compensatedValues(d.compensationRef, d.name));
    } else {
      throw new GatingError('a gate dimension names neither a parameter nor a ratio');
    }
    if (d.transformationRef) {
      const t = doc.transforms.get(d.transformationRef);
      if (!t || t.kind === 'fratio')
        throw new GatingError(`"${d.transformationRef}" is not a scale transform`);
      values = applyScale(t as ScaleTransform, values);
    }
    dimensionCache.set(key, values);
    return values;
  };

  const own = new Map<string, Uint8Array>();
  const byId = new Map<string, FlowGate>();
  const quadrantOwner = new Map<string, FlowGate>();
  for (const g of doc.gates) {
    byId.set(g.id, g);
    if (g.kind === 'quadrant') for (const q of g.quadrants) quadrantOwner.set(q.id, g);
  }

  const evaluateOwn = (g: FlowGate): void => {
    if (g.kind === 'rectangle') {
      const cols = g.dimensions.map(dimension);
      const out = new Uint8Array(n);
      const row: number[] = new Array(cols.length);
      for (let e = 0; e < n; e++) {
        for (let i = 0; i < cols.length; i++) row[i] = (cols[i] as Float64Array)[e] as number;
        out[e] = inRectangle(row, g.dimensions) ? 1 : 0;
      }
      own.set(g.id, out);
    } else if (g.kind === 'polygon') {
      const [xs, ys] = [dimension(g.dimensions[0]), dimension(g.dimensions[1])];
      const out = new Uint8Array(n);
      for (let e = 0; e < n; e++) out[e] = inPolygon(xs[e] as number, ys[e] as number, g.vertices) ? 1 : 0;
      own.set(g.id, out);
    } else if (g.kind === 'ellipsoid') {
      const cols = g.dimensions.map(dimension);
      const test = ellipsoidTest(g.mean, g.covariance, g.distanceSquare);
      const out = new Uint8Array(n);
      const row: number[] = new Array(cols.length);
      for (let e = 0; e < n; e++) {
        for (let i = 0; i < cols.length; i++) row[i] = (cols[i] as Float64Array)[e] as number;
        out[e] = test(row) ? 1 : 0;
      }
      own.set(g.id, out);
    } else if (g.kind === 'quadrant') {
      const dividers = new Map(
        g.dividers.map((d) => {
          const splits = [...d.values].sort((a, b) => a - b);
          return [d.id, { splits, values: dimension(d.dimension) }] as const;
        }),
      );
      for (const q of g.quadrants) {
        const out = new Uint8Array(n).fill(1);
        for (const p of q.positions) {
          const d = dividers.get(p.dividerRef);
          if (!d) throw new GatingError(`quadrant ${q.id} refers to an unknown divider ${p.dividerRef}`);
          const want = intervalIndex(p.location, d.splits);
          for (let e = 0; e < n; e++) {
            if (out[e] && intervalIndex(d.values[e] as number, d.splits) !== want) out[e] = 0;
          }
        }
        own.set(q.id, out);
      }
    } else {
      const operands = g.refs.map((r) => ({ members: resolve(r.ref), complement: r.complement }));
      own.set(g.id, combineBoolean(g.op, operands, n));
    }
  };

  const done = new Map<string, Uint8Array>();
  const visiting = new Set<string>();
  /** Membership of a population including its ancestors. */
  const resolve = (id: string): Uint8Array => {
    const cached = done.get(id);
    if (cached) return cached;
    const gate = byId.get(id) ?? quadrantOwner.get(id);
    if (!gate) throw new GatingError(`gate "${id}" is referenced but not defined`);
    if (visiting.has(id)) throw new GatingError(`gate "${id}" is its own ancestor`);
    visiting.add(id);
    if (!own.has(id)) evaluateOwn(gate);
    const mine = own.get(id) as Uint8Array;
    let result = mine;
    if (gate.parentId) {
      const parent = resolve(gate.parentId);
      result = new Uint8Array(n);
      for (let e = 0; e < n; e++) result[e] = (mine[e] as number) & (parent[e] as number);
    }
    visiting.delete(id);
    done.set(id, result);
    return result;
  };

  const out = new Map<string, Uint8Array>();
  for (const g of doc.gates) {
    if (g.kind === 'quadrant') for (const q of g.quadrants) out.set(q.id, resolve(q.id));
    else out.set(g.id, resolve(g.id));
  }
  return out;
}
