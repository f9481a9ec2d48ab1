/**
 * Positions → per-track diffusion summaries (MSD at lag 1), with ensemble drift removed: the mean
 * frame-to-frame displacement of all tracks stepping between the same two frames is the flow/drift of the
 * cell and is subtracted from each step (as NTA software does for sample drift; Saveyn et al. 2010,
 * J Colloid Interface Sci 352:593, §2.3). Steps across a gap of several frames are kept with their Δt.
 */
import { stokesEinsteinDiameterNm } from '../nta/stokes-einstein.ts';
import type { TrackSummary, TrackTable } from './track-types.ts';

/** Fewer tracks than this between two frames give no reliable drift estimate; no correction then. */
export const MIN_TRACKS_FOR_DRIFT = 5;

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
  if (options.correctDrift ?? true) {
    const sums = new Map<string, { dx: number; dy: number; n: number }>();
    for (let s = 0; s < stepTrack.length; s++) {
      const key = `${stepFrom[s]}:${stepTo[s]}`;
      const e = sums.get(key) ?? { dx: 0, dy: 0, n: 0 };
      e.dx += stepDx[s] as number;
      e.dy += stepDy[s] as number;
      e.n++;
      sums.set(key, e);
    }
    for (let s = 0; s < stepTrack.length; s++) {
      const e = sums.get(`${stepFrom[s]}:${stepTo[s]}`);
      if (!e || e.n < MIN_TRACKS_FOR_DRIFT) continue;
      // leave-one-out mean so that a track's own motion does not shrink its step (unbiased D)
      stepDx[s] = (stepDx[s] as number) - (e.dx - (stepDx[s] as number)) / (e.n - 1);
      stepDy[s] = (stepDy[s] as number) - (e.dy - (stepDy[s] as number)) / (e.n - 1);
    }
  }
  const summaries: TrackSummary[] = trackIds.map((id) => ({ id, steps: 0, sumSquaredUm2: 0, timeS: 0 }));
  for (let s = 0; s < stepTrack.length; s++) {
    const t = summaries[stepTrack[s] as number] as TrackSummary;
    t.steps++;
    t.sumSquaredUm2 += (stepDx[s] as number) ** 2 + (stepDy[s] as number) ** 2;
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
