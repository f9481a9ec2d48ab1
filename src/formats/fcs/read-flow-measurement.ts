/**
 * FCS file → what a stored flow measurement keeps: the file's structure without its events (`parsed`: HEADER
 * facts, keywords, parameters, spillover of every data set) and per-channel statistics of the first data set
 * (`metrics`, scaled values). The events stay in the raw file (content-addressed blob) and are read again
 * for plots and gating.
 */
import { channelStatistics, type FlowMetrics } from '../../science/flow/flow-channel-statistics.ts';
import type { FcsParameter, FcsSpillover } from './fcs-file.ts';
import { fcsColumnValues } from './fcs-scaled-values.ts';
import { readFcs } from './read-fcs.ts';

export interface FlowFileSummary {
  fileName: string;
  version: string;
  datasets: {
    number: number;
    eventCount: number;
    dataType: string;
    byteOrder: string;
    parameters: FcsParameter[];
    keywords: Record<string, string>;
    spillover: FcsSpillover | null;
    warnings: string[];
  }[];
}

/** `inPlace`: the caller owns `bytes` and will not read them again (see ReadFcsOptions.inPlace). */
export function readFlowMeasurement(
  bytes: Uint8Array,
  fileName: string,
  options: { inPlace?: boolean } = {},
): { summary: FlowFileSummary; metrics: FlowMetrics } {
  const file = readFcs(bytes, fileName, { inPlace: options.inPlace === true });
  const summary: FlowFileSummary = {
    fileName,
    version: file.version,
    datasets: file.datasets.map((d) => ({
      number: d.number,
      eventCount: d.eventCount,
      dataType: d.dataType,
      byteOrder: d.byteOrder,
      parameters: d.parameters,
      keywords: d.keywords,
      spillover: d.spillover,
      warnings: d.warnings,
    })),
  };
  const d = file.datasets[0];
  d?.events.extractAll(); // statistics for every channel: one pass over the events, not one per channel
  const metrics: FlowMetrics = {
    kind: 'flow',
    file: fileName,
    version: file.version,
    datasets: file.datasets.length,
    events: d?.eventCount ?? 0,
    channels: d
      ? d.parameters.map((p, i) => channelStatistics(p.name, p.label, fcsColumnValues(d, i, 'scaled')))
      : [],
    spillover: Boolean(d?.spillover),
    warnings: file.datasets.flatMap((x) => x.warnings),
  };
  return { summary, metrics };
}
