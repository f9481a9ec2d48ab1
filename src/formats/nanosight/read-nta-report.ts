/**
 * Convenience: a NanoSight export's bytes → the NanoSight summary and evlab's NtaReport of it.
 */
import { analyseNta } from '../../science/nta/analyse-nta.ts';
import type { NtaReport } from '../../science/nta/nta-report.ts';
import type { NanoSightExperimentSummary } from './nanosight-experiment-summary.ts';
import { readNanoSightExperimentSummary } from './read-experiment-summary.ts';

/** Reads a NanoSight NTA 3.x experiment summary and analyses it. Throws FormatError for unreadable files. */
export function readNtaReport(
  bytes: Uint8Array,
  fileName: string,
): { summary: NanoSightExperimentSummary; report: NtaReport } {
  const summary = readNanoSightExperimentSummary(bytes, fileName);
  return { summary, report: analyseNta(summary, fileName) };
}
