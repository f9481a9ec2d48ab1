/**
 * Across-subject summary of the NCA results, as PK reports tabulate it (src/science/pk/nca/
 * summary-statistics.ts), and the AUC extrapolation warnings (> 20 %).
 */
import {
  AUC_EXTRAPOLATION_LIMIT_PERCENT,
  type SummaryStatistics,
  summaryStatistics,
} from '../../../../src/science/pk/nca/summary-statistics.ts';
import type { SubjectOutcome } from './nca-panel-model.ts';

/** Parameters summarised across subjects (CDISC codes), in the order PK reports list them. */
export const SUMMARY_CODES = [
  'CMAX',
  'TMAX',
  'AUCLST',
  'AUCIFO',
  'AUCPEO',
  'LAMZHL',
  'CLFO',
  'CLO',
  'VZFO',
  'VZO',
];

export interface SummaryRow extends SummaryStatistics {
  code: string;
  unit: string;
}

export function ncaSummaryRows(subjects: readonly SubjectOutcome[]): SummaryRow[] {
  const analysed = subjects.filter((s) => s.result);
  const rows: SummaryRow[] = [];
  for (const code of SUMMARY_CODES) {
    const values = analysed.map(
      (s) => (s.result?.parameters as Record<string, number | null | undefined> | undefined)?.[code] ?? null,
    );
    if (!values.some((v) => v !== null && Number.isFinite(v))) continue;
    const withUnit = analysed.find((s) => (s.result?.units as Record<string, string> | undefined)?.[code]);
    rows.push({
      code,
      unit: (withUnit?.result?.units as Record<string, string> | undefined)?.[code] ?? '',
      ...summaryStatistics(values),
    });
  }
  return rows;
}

/** Subjects whose AUC∞ is more than 20 % extrapolated, with the percentage. */
export function extrapolationWarnings(
  subjects: readonly SubjectOutcome[],
): { id: string; percent: number }[] {
  return subjects.flatMap((s) => {
    const percent = (s.result?.parameters as Record<string, number | null | undefined> | undefined)?.AUCPEO;
    return typeof percent === 'number' && percent > AUC_EXTRAPOLATION_LIMIT_PERCENT
      ? [{ id: s.id, percent }]
      : [];
  });
}
