/**
 * Where the dose is over time: per time point, the percent of the injected dose in liver, spleen, lung,
 * kidney and brain (and in the other organs measured), or, for relative signals (radiance, counts), each
 * organ's share of the summed signal of the organs measured at that time.
 */
import { FOCUS_ORGANS } from './organ-names.ts';

export type FractionBasis = 'percent-of-dose' | 'share-of-measured-signal';

export interface DoseFractionRow {
  timeH: number;
  /** Per organ key: %ID in the organ (percent-of-dose) or percent of the measured signal; null = not measured. */
  byOrgan: Record<string, number | null>;
  /** Sum over liver, spleen, lung, kidney and brain (measured ones). */
  focusTotal: number;
  /** Sum over the other measured organs (blood excluded). */
  otherMeasured: number;
  /** Sum over every measured organ except blood, plasma and serum. */
  totalMeasured: number;
}

export interface DoseFractions {
  basis: FractionBasis;
  focusOrgans: readonly string[];
  rows: DoseFractionRow[];
}

/**
 * `amounts`: per organ key, time → amount (%ID in the organ, or the organ's relative signal). Blood-like
 * keys are left out of the sums (blood is a compartment spread over the whole body, not an organ sample).
 */
export function organDoseFractions(
  amounts: ReadonlyMap<string, ReadonlyMap<number, number>>,
  basis: FractionBasis,
  isBlood: (key: string) => boolean,
): DoseFractions {
  const times = [...new Set([...amounts.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const organs = [...amounts.keys()].filter((k) => !isBlood(k));
  const rows = times.map((timeH) => {
    const raw: Record<string, number | null> = {};
    let total = 0;
    for (const organ of organs) {
      const v = amounts.get(organ)?.get(timeH);
      raw[organ] = v === undefined ? null : v;
      if (v !== undefined) total += v;
    }
    const scale = basis === 'share-of-measured-signal' ? (total > 0 ? 100 / total : 0) : 1;
    const byOrgan: Record<string, number | null> = {};
    let focusTotal = 0;
    let otherMeasured = 0;
    for (const organ of organs) {
      const v = raw[organ];
      const scaled = v === null || v === undefined ? null : v * scale;
      byOrgan[organ] = scaled;
      if (scaled === null) continue;
      if ((FOCUS_ORGANS as readonly string[]).includes(organ)) focusTotal += scaled;
      else otherMeasured += scaled;
    }
    return { timeH, byOrgan, focusTotal, otherMeasured, totalMeasured: focusTotal + otherMeasured };
  });
  return { basis, focusOrgans: FOCUS_ORGANS, rows };
}
