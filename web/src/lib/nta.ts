/** Helpers for NtaReport (src/science/nta/nta-report.ts) in the browser. */
import type { NtaReport, NtaSizeStats } from '../../../src/science/nta/nta-report.ts';

export function isNtaReport(value: unknown): value is NtaReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<NtaReport>;
  return (
    Array.isArray(r.videos) &&
    typeof r.distribution === 'object' &&
    r.distribution !== null &&
    Array.isArray(r.distribution.binCentersNm) &&
    Array.isArray(r.distribution.concentrationPerMl)
  );
}

export const SIZE_STATS: { key: keyof NtaSizeStats; label: string; toleranceNm: number }[] = [
  // Tolerances: the export writes statistics to 0.1 nm, and evlab's recomputation from the 1 nm bins is
  // checked to agree within 0.1 nm (mode: one 1 nm bin) — ../shared/reference/README.md, nanosight/20210401.
  { key: 'meanNm', label: 'Mean', toleranceNm: 0.1 },
  { key: 'modeNm', label: 'Mode', toleranceNm: 1 },
  { key: 'sdNm', label: 'SD', toleranceNm: 0.1 },
  { key: 'd10Nm', label: 'D10', toleranceNm: 0.1 },
  { key: 'd50Nm', label: 'D50', toleranceNm: 0.1 },
  { key: 'd90Nm', label: 'D90', toleranceNm: 0.1 },
];

/** Video labels for legends: "Video 1" …, the full file names go in tooltips and tables. */
export function videoLabels(report: NtaReport): string[] {
  return report.videos.map((_, i) => `Video ${i + 1}`);
}

export function meanOf(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Human name of a measurement: sample description, else the file name without the NanoSight suffix. */
export function reportTitle(report: NtaReport): string {
  const file = report.file.replace(/-ExperimentSummary\.csv$/i, '').replace(/\.csv$/i, '');
  return report.sample ? `${report.sample} · ${file}` : file;
}
