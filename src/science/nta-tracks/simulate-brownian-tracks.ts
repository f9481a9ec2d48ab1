/**
 * Brownian-track simulator for testing track-level NTA sizing: particles of a known size distribution
 * diffuse in 2-D (each coordinate step ~ N(0, 2DΔt), D from Stokes–Einstein), are seen for a finite number of
 * frames, with Gaussian localisation noise per coordinate and a uniform drift of the whole cell.
 * Deterministic for a given seed (mulberry32).
 */

import { diffusionCoefficientE4Nm2PerS, waterViscosityCP } from '../nta/stokes-einstein.ts';
import { mulberry32 } from '../nta/synthetic-nta-sample.ts';
import type { TrackTable } from './track-types.ts';

export interface SimulationParams {
  /** Sizes and their number fractions (normalised internally). */
  population: readonly { diameterNm: number; fraction: number }[];
  tracks: number;
  /** Track length in steps, uniform between these (inclusive); NTA keeps tracks of ≥ a few steps. */
  minSteps: number;
  maxSteps: number;
  fps: number;
  umPerPx: number;
  temperatureC: number;
  viscosityCp?: number;
  /** Localisation noise per coordinate, nm. */
  localisationNoiseNm?: number;
  /** Drift of the cell, µm/s (x, y). */
  driftUmPerS?: { x: number; y: number };
  /** Frames in the simulated video; track starts are uniform over it. */
  frames?: number;
  seed?: number;
}

export interface SimulatedTracks extends TrackTable {
  /** True diameter of each track (index = track id). */
  trueDiameterNm: number[];
}

function normal(random: () => number): number {
  // Box–Muller (Box & Muller 1958, Ann Math Stat 29:610)
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function simulateBrownianTracks(params: SimulationParams): SimulatedTracks {
  const random = mulberry32(params.seed ?? 1);
  const eta = params.viscosityCp ?? waterViscosityCP(params.temperatureC);
  const dt = 1 / params.fps;
  const frames = params.frames ?? 1500;
  const total = params.population.reduce((s, p) => s + p.fraction, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const p of params.population) {
    acc += p.fraction / total;
    cumulative.push(acc);
  }
  const noisePx = (params.localisationNoiseNm ?? 0) / 1000 / params.umPerPx;
  const driftX = ((params.driftUmPerS?.x ?? 0) * dt) / params.umPerPx;
  const driftY = ((params.driftUmPerS?.y ?? 0) * dt) / params.umPerPx;
  const trackId: number[] = [];
  const frame: number[] = [];
  const xPx: number[] = [];
  const yPx: number[] = [];
  const trueDiameterNm: number[] = [];
  for (let t = 0; t < params.tracks; t++) {
    const u = random();
    let i = 0;
    while (i < cumulative.length - 1 && u > (cumulative[i] as number)) i++;
    const d = (params.population[i] as { diameterNm: number }).diameterNm;
    trueDiameterNm.push(d);
    const dUm2 = diffusionCoefficientE4Nm2PerS(d, params.temperatureC, eta) / 100;
    const sigmaPx = Math.sqrt(2 * dUm2 * dt) / params.umPerPx;
    const steps = params.minSteps + Math.floor(random() * (params.maxSteps - params.minSteps + 1));
    const first = Math.floor(random() * Math.max(1, frames - steps));
    let x = 100 + random() * 1000;
    let y = 100 + random() * 800;
    for (let s = 0; s <= steps; s++) {
      if (s > 0) {
        x += sigmaPx * normal(random) + driftX;
        y += sigmaPx * normal(random) + driftY;
      }
      trackId.push(t);
      frame.push(first + s);
      xPx.push(x + noisePx * normal(random));
      yPx.push(y + noisePx * normal(random));
    }
  }
  return { trackId, frame, xPx, yPx, trueDiameterNm };
}
