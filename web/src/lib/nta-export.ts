/**
 * CSV exports of NTA results (issue 9 item 15), written with the formula-safe CSV writer (csv.ts):
 * - the size statistics of a measurement, one row per video (instrument as exported and evlab recomputed);
 * - an overlay: one row per size bin, one column per curve, in the units shown.
 */
import type { NtaReport } from '../../../src/science/nta/nta-report.ts';
import { toCsv } from './csv.ts';
import { SIZE_STATS } from './nta.ts';

export function ntaStatisticsCsv(report: NtaReport, instrument: string): string {
  const header = [
    'video',
    'file',
    ...SIZE_STATS.flatMap((s) => [`${s.label} ${instrument} (nm)`, `${s.label} evlab (nm)`]),
  ];
  const rows = report.videos.map((v, i) => [
    i + 1,
    v.name,
    ...SIZE_STATS.flatMap((s) => [v.reported[s.key], v.computed[s.key]]),
  ]);
  return toCsv(header, rows);
}

export interface OverlayCsvSeries {
  label: string;
  binCentersNm: readonly number[];
  values: readonly number[];
}

/** Bins of all curves (union, ascending) as rows; a curve without a bin leaves its cell empty. */
export function overlayCsv(series: readonly OverlayCsvSeries[], valueUnit: string): string {
  const bins = [...new Set(series.flatMap((s) => s.binCentersNm))].sort((a, b) => a - b);
  const lookup = series.map((s) => new Map(s.binCentersNm.map((b, i) => [b, s.values[i]])));
  const header = ['diameter (nm)', ...series.map((s) => `${s.label} (${valueUnit})`)];
  return toCsv(
    header,
    bins.map((b) => [b, ...lookup.map((m) => m.get(b) ?? null)]),
  );
}
