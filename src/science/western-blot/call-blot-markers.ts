/**
 * Western blot calls per marker and EV lane: present or absent, and enriched, similar or depleted
 * relative to the parent-cell lysate loaded at equal protein (MISEV2018 §"Protein content", Théry et al.
 * 2018, J Extracell Vesicles 7:1535750: EV markers should be enriched and category-4 markers such as
 * calnexin depleted in EVs compared with the producing cells, on the same blot at equal protein).
 *
 * Signals are compared per µg loaded. The thresholds are parameters (`BlotThresholds`, every caller may
 * pass its own; the report states the ones used and the convention in words). Defaults:
 * - present when the band exceeds `presentFractionOfMax` (5 %) of the strongest band of that marker on the
 *   blot AND `blankMultiple` (3×) the blank lane when there is one. The 3× blank is the signal-to-noise 3:1
 *   detection limit of ICH Q2(R1) §6.2 / Q2(R2) (limit of detection); the 5 % of the strongest band is
 *   evlab's guard for blots without a blank lane (densitometry has no universal detection limit);
 * - EV vs lysate at equal protein: ratio r = (EV signal/µg) / (lysate signal/µg); enriched when
 *   r ≥ `enrichedRatio` (2), depleted when r ≤ `depletedRatio` (0.5), similar in between: a two-fold change,
 *   the usual resolution of semi-quantitative chemiluminescent blots (Pillai-Kastoori et al. 2020, Anal
 *   Biochem 593:113608). A band present in one lane and absent in the other is enriched/depleted whatever r.
 */
import { type EvMarker, findMarker, type MarkerCategory } from '../../domain/ev-marker-catalogue.ts';
import type { BlotLane, DensitometryRecord } from './western-blot-record.ts';

/** 5 % of the strongest band of the marker: evlab's convention (see the file comment). */
export const PRESENT_FRACTION_OF_MAX = 0.05;
/** 3× the blank lane: signal-to-noise 3:1 detection limit, ICH Q2(R1) §6.2. */
export const BLANK_MULTIPLE = 3;
/** Two-fold per µg: Pillai-Kastoori et al. 2020, Anal Biochem 593:113608. */
export const ENRICHED_RATIO = 2;
export const DEPLETED_RATIO = 0.5;

export interface BlotThresholds {
  /** A band is present above this fraction of the marker's strongest band (0–1). */
  presentFractionOfMax: number;
  /** …and above this multiple of the blank lane's signal (when there is a blank lane). */
  blankMultiple: number;
  /** EV/lysate per µg at or above this: enriched (> 1). */
  enrichedRatio: number;
  /** EV/lysate per µg at or below this: depleted (< 1). */
  depletedRatio: number;
}

export const DEFAULT_BLOT_THRESHOLDS: BlotThresholds = {
  presentFractionOfMax: PRESENT_FRACTION_OF_MAX,
  blankMultiple: BLANK_MULTIPLE,
  enrichedRatio: ENRICHED_RATIO,
  depletedRatio: DEPLETED_RATIO,
};

/** Thresholds that make sense together, else a RangeError naming the parameter. */
export function blotThresholds(given: Partial<BlotThresholds> = {}): BlotThresholds {
  const t = { ...DEFAULT_BLOT_THRESHOLDS, ...given };
  if (!(t.presentFractionOfMax >= 0 && t.presentFractionOfMax < 1))
    throw new RangeError('presentFractionOfMax must be in [0, 1)');
  if (!(t.blankMultiple >= 1)) throw new RangeError('blankMultiple must be ≥ 1');
  if (!(t.enrichedRatio > 1 && Number.isFinite(t.enrichedRatio)))
    throw new RangeError('enrichedRatio must be a finite number > 1');
  if (!(t.depletedRatio > 0 && t.depletedRatio < 1)) throw new RangeError('depletedRatio must be in (0, 1)');
  return t;
}

/** The convention in words, with the thresholds used (shown with every report). */
export function blotConvention(t: BlotThresholds): string {
  return (
    `present: band > ${fmt(t.presentFractionOfMax * 100)} % of the marker's strongest band` +
    ` and > ${fmt(t.blankMultiple)}× the blank lane (S/N ${fmt(t.blankMultiple)}:1, ICH Q2(R1) §6.2);` +
    ` EV vs lysate per µg loaded: enriched at ratio ≥ ${fmt(t.enrichedRatio)}, depleted at ≤ ${fmt(t.depletedRatio)}` +
    ' (MISEV2018: same blot, equal protein; two-fold: Pillai-Kastoori et al. 2020)'
  );
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

export type PresenceCall = 'present' | 'absent';
export type LysateCall = 'enriched' | 'similar' | 'depleted';

export interface LaneCall {
  lane: number;
  sample: string;
  signal: number;
  perUg: number | null;
  call: PresenceCall;
  /** EV vs lysate at equal protein; null for lysate lanes or without a lysate lane. */
  vsLysate: LysateCall | null;
  ratioToLysate: number | null;
  /** The call agrees with what the marker's category expects of an EV preparation. */
  asExpected: boolean | null;
}

export interface MarkerCalls {
  marker: string;
  gene: string | null;
  category: MarkerCategory | null;
  expectation: EvMarker['expectation'] | null;
  lysate: { lane: number; sample: string; perUg: number | null; call: PresenceCall } | null;
  lanes: LaneCall[];
}

export interface WesternBlotReport {
  file?: string;
  signalColumn: string;
  lanes: BlotLane[];
  markers: MarkerCalls[];
  /** One line per EV sample: markers called present, by category. */
  summary: { sample: string; present: string[]; absent: string[]; enriched: string[]; depleted: string[] }[];
  flags: { code: string; level: 'info' | 'warning'; message: string }[];
  /** The thresholds the calls used and the convention in words. */
  thresholds?: BlotThresholds & { convention: string };
}

export function callBlotMarkers(
  record: DensitometryRecord,
  lanes: readonly BlotLane[],
  given: Partial<BlotThresholds> = {},
): WesternBlotReport {
  const t = blotThresholds(given);
  const flags: WesternBlotReport['flags'] = [];
  const laneOf = new Map(lanes.map((l) => [l.lane, l]));
  const markerNames = [...new Set(record.bands.map((b) => b.marker))];
  const loadings = lanes.filter((l) => l.role === 'ev' || l.role === 'lysate').map((l) => l.loadingUg);
  if (loadings.some((u) => u === null))
    flags.push({
      code: 'loading-unknown',
      level: 'warning',
      message: 'a lane has no loading (µg): EV-vs-lysate calls need equal protein',
    });
  else if (new Set(loadings).size > 1)
    flags.push({
      code: 'unequal-loading',
      level: 'info',
      message: 'lanes carry different protein amounts; signals are compared per µg',
    });
  for (const b of record.bands)
    if (!laneOf.has(b.lane))
      flags.push({
        code: 'band-without-lane',
        level: 'warning',
        message: `${b.marker}: lane ${b.lane} is not in the lane map`,
      });

  const markers: MarkerCalls[] = markerNames.map((name) => {
    const known = findMarker(name) ?? null;
    const bands = record.bands.filter((b) => b.marker === name && laneOf.has(b.lane));
    const max = Math.max(0, ...bands.map((b) => b.signal));
    const blank = bands.filter((b) => laneOf.get(b.lane)?.role === 'blank');
    const blankSignal = blank.length > 0 ? Math.max(...blank.map((b) => b.signal)) : null;
    const threshold = Math.max(
      t.presentFractionOfMax * max,
      blankSignal === null ? 0 : t.blankMultiple * blankSignal,
      0,
    );
    const presence = (signal: number): PresenceCall =>
      signal > 0 && signal > threshold ? 'present' : 'absent';
    const perUg = (signal: number, lane: BlotLane) =>
      lane.loadingUg && lane.loadingUg > 0 ? signal / lane.loadingUg : null;
    const lysateBand = bands.find((b) => laneOf.get(b.lane)?.role === 'lysate');
    const lysateLane = lysateBand ? (laneOf.get(lysateBand.lane) as BlotLane) : null;
    const lysate =
      lysateBand && lysateLane
        ? {
            lane: lysateLane.lane,
            sample: lysateLane.sample,
            perUg: perUg(lysateBand.signal, lysateLane),
            call: presence(lysateBand.signal),
          }
        : null;
    const evLanes: LaneCall[] = bands
      .filter((b) => laneOf.get(b.lane)?.role === 'ev')
      .map((b) => {
        const lane = laneOf.get(b.lane) as BlotLane;
        const call = presence(b.signal);
        const p = perUg(b.signal, lane);
        let vsLysate: LysateCall | null = null;
        let ratio: number | null = null;
        if (lysate && p !== null && lysate.perUg !== null) {
          if (lysate.call === 'absent' && call === 'present') vsLysate = 'enriched';
          else if (lysate.call === 'present' && call === 'absent') vsLysate = 'depleted';
          else if (lysate.call === 'present') {
            ratio = p / (lysate.perUg as number);
            vsLysate =
              ratio >= t.enrichedRatio ? 'enriched' : ratio <= t.depletedRatio ? 'depleted' : 'similar';
          }
          if (ratio === null && lysate.perUg > 0) ratio = p / lysate.perUg;
        }
        let asExpected: boolean | null = null;
        if (known) {
          if (known.expectation === 'present') asExpected = call === 'present' && vsLysate !== 'depleted';
          else asExpected = call === 'absent' || vsLysate === 'depleted';
        }
        return {
          lane: lane.lane,
          sample: lane.sample,
          signal: b.signal,
          perUg: p,
          call,
          vsLysate,
          ratioToLysate: ratio,
          asExpected,
        };
      });
    if (!known)
      flags.push({
        code: 'unknown-marker',
        level: 'info',
        message: `${name} is not in the MISEV/ISCT marker catalogue`,
      });
    return {
      marker: name,
      gene: known?.gene ?? null,
      category: known?.category ?? null,
      expectation: known?.expectation ?? null,
      lysate,
      lanes: evLanes,
    };
  });
  if (!lanes.some((l) => l.role === 'lysate'))
    flags.push({
      code: 'no-lysate-lane',
      level: 'warning',
      message: 'no parent-cell lysate lane: enrichment cannot be called (MISEV2018)',
    });

  const evSamples = [...new Set(lanes.filter((l) => l.role === 'ev').map((l) => l.sample))];
  const summary = evSamples.map((sample) => {
    const calls = markers.flatMap((m) =>
      m.lanes.filter((l) => l.sample === sample).map((l) => ({ m: m.marker, l })),
    );
    return {
      sample,
      present: calls.filter((c) => c.l.call === 'present').map((c) => c.m),
      absent: calls.filter((c) => c.l.call === 'absent').map((c) => c.m),
      enriched: calls.filter((c) => c.l.vsLysate === 'enriched').map((c) => c.m),
      depleted: calls.filter((c) => c.l.vsLysate === 'depleted').map((c) => c.m),
    };
  });
  return {
    signalColumn: record.signalColumn,
    lanes: [...lanes],
    markers,
    summary,
    flags,
    thresholds: { ...t, convention: blotConvention(t) },
  };
}
