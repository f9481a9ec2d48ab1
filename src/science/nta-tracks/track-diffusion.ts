/**
 * Positions → per-track diffusion summaries (MSD at lag 1), with ensemble drift removed: the mean
 * frame-to-frame displacement of the other particles stepping at the same time is the flow/drift of the
 * cell and is subtracted from each step (as NTA software does for sample drift; Saveyn et al. 2010,
 * J Colloid Interface Sci 352:593, §2.3). Steps across a gap of several frames are kept with their Δt.
 *
 * Subtracting an estimated drift is not free: the estimate is a mean of m other Brownian steps, so it
 * carries their variance σ̄²/m into every corrected step, and E[(step − mean of others)²] = σ² + σ̄²/m.
 * With few particles per frame (m ≈ 5) that inflates D by ~20 % and shrinks every size by ~17 % (a
 * simulated 100 nm population came back at 85 nm). Two measures keep the correction unbiased:
 *  - the drift is estimated over a window of frames around the step (drift is a slow flow; a window
 *    symmetric in time also cancels a linearly changing drift), grown until it holds
 *    DRIFT_TARGET_STEPS other steps or reaches ±DRIFT_MAX_HALF_WINDOW_FRAMES;
 *  - the known variance of that estimate, s²/m (s² the sample variance of the other steps), is
 *    subtracted from each corrected squared step, the usual unbiased correction for a mean estimated
 *    from independent samples (Brownian increments are independent; Michalet 2010, Phys Rev E 82:041914).
 */
import { stokesEinsteinDiameterNm } from '../nta/stokes-einstein.ts';
import type { TrackSummary, TrackTable } from './track-types.ts';

/** Fewer other steps than this in the widest window give no drift estimate; the step is left as it is. */
export const MIN_TRACKS_FOR_DRIFT = 5;
/**
 * Steps the drift window aims for: the estimate then adds ≤ 1/200 of the mean step variance before the
 * s²/m correction (a modelling choice of evlab, not an instrument value).
 */
export const DRIFT_TARGET_STEPS = 200;
/**
 * Largest half-window, frames: ±15 frames is ±0.5 s at NanoSight's 30 fps (NTA 3.x default camera rate),
 * short against the seconds over which convective drift in the cell changes (evlab's assumption).
 */
export const DRIFT_MAX_HALF_WINDOW_FRAMES = 15;

/**
 * Squared 2-D step lengths (µm²) with the drift of the other particles removed and the variance of that
 * drift estimate subtracted (see the file comment). Steps are grouped by their frame gap Δ; within a group
 * the drift of a step from frame f is the mean of the other steps starting in [f − w, f + w].
 */
export function driftCorrectedSquaredSteps(
  stepFrom: readonly number[],
  stepTo: readonly number[],
  stepDx: readonly number[],
  stepDy: readonly number[],
): number[] {
  const out = stepDx.map((dx, s) => dx * dx + (stepDy[s] as number) ** 2);
  const byGap = new Map<number, number[]>();
  for (let s = 0; s < stepFrom.length; s++) {
    const gap = (stepTo[s] as number) - (stepFrom[s] as number);
    let list = byGap.get(gap);
    if (!list) {
      list = [];
      byGap.set(gap, list);
    }
    list.push(s);
  }
  for (const steps of byGap.values()) {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const s of steps) {
      first = Math.min(first, stepFrom[s] as number);
      last = Math.max(last, stepFrom[s] as number);
    }
    const L = last - first + 1;
    // prefix sums over frames: count, Σdx, Σdy, Σdx², Σdy²
    const n = new Float64Array(L + 1);
    const sx = new Float64Array(L + 1);
    const sy = new Float64Array(L + 1);
    const sxx = new Float64Array(L + 1);
    const syy = new Float64Array(L + 1);
    for (const s of steps) {
      const f = (stepFrom[s] as number) - first + 1;
      const dx = stepDx[s] as number;
      const dy = stepDy[s] as number;
      n[f] = (n[f] as number) + 1;
      sx[f] = (sx[f] as number) + dx;
      sy[f] = (sy[f] as number) + dy;
      sxx[f] = (sxx[f] as number) + dx * dx;
      syy[f] = (syy[f] as number) + dy * dy;
    }
    for (let f = 1; f <= L; f++) {
      n[f] = (n[f] as number) + (n[f - 1] as number);
      sx[f] = (sx[f] as number) + (sx[f - 1] as number);
      sy[f] = (sy[f] as number) + (sy[f - 1] as number);
      sxx[f] = (sxx[f] as number) + (sxx[f - 1] as number);
      syy[f] = (syy[f] as number) + (syy[f - 1] as number);
    }
    const windowOf = new Map<number, [number, number]>();
    for (const s of steps) {
      const f = (stepFrom[s] as number) - first; // 0-based frame index
      let window = windowOf.get(f);
      if (!window) {
        let w = 0;
        let lo = f;
        let hi = f;
        while (
          (n[hi + 1] as number) - (n[lo] as number) - 1 < DRIFT_TARGET_STEPS &&
          w < DRIFT_MAX_HALF_WINDOW_FRAMES
        ) {
          w++;
          lo = Math.max(0, f - w);
          hi = Math.min(L - 1, f + w);
        }
        window = [lo, hi + 1];
        windowOf.set(f, window);
      }
      const [lo, hiEx] = window;
      const m = (n[hiEx] as number) - (n[lo] as number) - 1; // other steps in the window
      if (m < MIN_TRACKS_FOR_DRIFT - 1) continue;
      const dx = stepDx[s] as number;
      const dy = stepDy[s] as number;
      const meanX = ((sx[hiEx] as number) - (sx[lo] as number) - dx) / m;
      const meanY = ((sy[hiEx] as number) - (sy[lo] as number) - dy) / m;
      const varX = Math.max(
        0,
        ((sxx[hiEx] as number) - (sxx[lo] as number) - dx * dx - m * meanX * meanX) / (m - 1),
      );
      const varY = Math.max(
        0,
        ((syy[hiEx] as number) - (syy[lo] as number) - dy * dy - m * meanY * meanY) / (m - 1),
      );
      out[s] = (dx - meanX) ** 2 + (dy - meanY) ** 2 - (varX + varY) / m;
    }
  }
  return out;
}

/** Per-track summaries from a track table. Rows of one track need not be contiguous; frames must differ. */
export function summariseTracks(
  table: TrackTable,
  umPerPx: number,
  fps: number,
  options: { correctDrift?: boolean } = {},
): TrackSummary[] {
  const n = table.frame.length;
  // track ids → dense integers in order of first appearance; then sort rows by (track, frame) numerically
  const index = new Map<string, number>();
  const trackOf = new Int32Array(n);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = String(table.trackId[i]);
    let t = index.get(key);
    if (t === undefined) {
      t = names.length;
      index.set(key, t);
      names.push(key);
    }
    trackOf[i] = t;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (a, b) =>
      (trackOf[a] as number) - (trackOf[b] as number) ||
      (table.frame[a] as number) - (table.frame[b] as number),
  );
  const ids = names;
  // steps: (track, fromFrame, toFrame, dx, dy) in µm
  const stepTrack: number[] = [];
  const stepFrom: number[] = [];
  const stepTo: number[] = [];
  const stepDx: number[] = [];
  const stepDy: number[] = [];
  const trackIds: string[] = [];
  let current = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const id = ids[trackOf[i] as number] as string;
    if (trackIds[trackIds.length - 1] !== id) {
      trackIds.push(id);
      current = trackIds.length - 1;
      continue;
    }
    const p = order[k - 1] as number;
    const df = (table.frame[i] as number) - (table.frame[p] as number);
    if (df <= 0) continue; // duplicate frame: ignore the second localisation
    stepTrack.push(current);
    stepFrom.push(table.frame[p] as number);
    stepTo.push(table.frame[i] as number);
    stepDx.push(((table.xPx[i] as number) - (table.xPx[p] as number)) * umPerPx);
    stepDy.push(((table.yPx[i] as number) - (table.yPx[p] as number)) * umPerPx);
  }
  const stepSq =
    (options.correctDrift ?? true)
      ? driftCorrectedSquaredSteps(stepFrom, stepTo, stepDx, stepDy)
      : stepDx.map((dx, s) => dx * dx + (stepDy[s] as number) ** 2);
  const summaries: TrackSummary[] = trackIds.map((id) => ({ id, steps: 0, sumSquaredUm2: 0, timeS: 0 }));
  for (let s = 0; s < stepTrack.length; s++) {
    const t = summaries[stepTrack[s] as number] as TrackSummary;
    t.steps++;
    t.sumSquaredUm2 += stepSq[s] as number;
    t.timeS += ((stepTo[s] as number) - (stepFrom[s] as number)) / fps;
  }
  return summaries.filter((t) => t.steps > 0);
}

/** D̂ = Σr² / (4 Σ Δt), µm²/s. */
export function trackDiffusionUm2PerS(track: TrackSummary): number {
  return track.sumSquaredUm2 / (4 * track.timeS);
}

/** µm²/s → hydrodynamic diameter, nm (Stokes–Einstein); NaN-free: null for D ≤ 0. */
export function diameterFromDiffusionNm(
  dUm2PerS: number,
  temperatureC: number,
  viscosityCp: number,
): number | null {
  if (!(dUm2PerS > 0)) return null;
  // stokesEinsteinDiameterNm takes D in 1e4 nm²/s; 1 µm²/s = 1e6 nm²/s = 100 × 1e4 nm²/s
  return stokesEinsteinDiameterNm(dUm2PerS * 100, temperatureC, viscosityCp);
}
