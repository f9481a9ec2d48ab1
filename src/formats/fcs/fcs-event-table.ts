/**
 * An FCS data set as the gating engine's event table: scaled channel values by $PnN (computed on first use
 * and cached) and the file's spillover matrix for compensation-ref="FCS".
 */
import type { FlowEventTable } from '../../science/flow/evaluate-gating.ts';
import type { FcsDataset } from './fcs-file.ts';
import { type FcsValues, fcsColumnValues } from './fcs-scaled-values.ts';

export function fcsEventTable(d: FcsDataset, values: FcsValues = 'scaled'): FlowEventTable {
  const names = d.parameters.map((p) => p.name);
  const cache = new Map<string, Float64Array>();
  return {
    eventCount: d.eventCount,
    names,
    column(name) {
      const hit = cache.get(name);
      if (hit) return hit;
      const i = names.indexOf(name);
      if (i < 0) throw new RangeError(`no parameter ${name}`);
      const col = fcsColumnValues(d, i, values);
      cache.set(name, col);
      return col;
    },
    spillover: d.spillover
      ? {
          detectors: d.spillover.parameters,
          fluorochromes: d.spillover.parameters,
          matrix: d.spillover.matrix,
        }
      : null,
  };
}
