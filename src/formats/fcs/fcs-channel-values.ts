/** The scaled values of one channel of an FCS data set, found by $PnN name or $PnS label (case-insensitive). */
import type { FcsDataset } from './fcs-file.ts';
import { fcsColumnValues } from './fcs-scaled-values.ts';

export function fcsChannelValues(dataset: FcsDataset, channel: string): Float64Array | null {
  const c = channel.toLowerCase();
  let i = dataset.parameters.findIndex((p) => p.name.toLowerCase() === c);
  if (i < 0) i = dataset.parameters.findIndex((p) => p.label?.toLowerCase() === c);
  return i < 0 ? null : fcsColumnValues(dataset, i, 'scaled');
}
