/**
 * Tissue:blood concentration ratios (both in %ID/g, or both in the same relative unit) at each time both
 * were sampled, and the ratio of their AUCs over the times they share.
 */
import { type TimePoint, trapezoidAuc } from './organ-exposure.ts';

export interface RatioAtTime {
  timeH: number;
  ratio: number | null;
}

export function tissueToBloodRatios(
  tissue: readonly TimePoint[],
  blood: readonly TimePoint[],
): RatioAtTime[] {
  const bloodAt = new Map(blood.map((p) => [p.timeH, p.value]));
  return tissue
    .filter((p) => bloodAt.has(p.timeH))
    .sort((a, b) => a.timeH - b.timeH)
    .map((p) => {
      const b = bloodAt.get(p.timeH) as number;
      return { timeH: p.timeH, ratio: b > 0 ? p.value / b : null };
    });
}

/** AUC(tissue) / AUC(blood) over the times both have; null with fewer than 2 shared times or zero blood AUC. */
export function tissueToBloodAucRatio(
  tissue: readonly TimePoint[],
  blood: readonly TimePoint[],
): number | null {
  const bloodAt = new Map(blood.map((p) => [p.timeH, p.value]));
  const shared = tissue.filter((p) => bloodAt.has(p.timeH)).sort((a, b) => a.timeH - b.timeH);
  const aucTissue = trapezoidAuc(shared);
  const aucBlood = trapezoidAuc(
    shared.map((p) => ({ timeH: p.timeH, value: bloodAt.get(p.timeH) as number })),
  );
  if (aucTissue === null || aucBlood === null || !(aucBlood > 0)) return null;
  return aucTissue / aucBlood;
}
