/**
 * Fast simulation of per-track summaries (steps, Σr², time) without positions: for 2-D Brownian motion
 * each of the 2n coordinate steps is N(0, 2DΔt), so Σr² is drawn as the sum of their squares. Used by the
 * sizing benchmark and large-sample tests where positions are not needed (simulate-brownian-tracks.ts
 * produces full tracks with noise and drift).
 */

import { diffusionCoefficientE4Nm2PerS, waterViscosityCP } from '../nta/stokes-einstein.ts';
import { mulberry32 } from '../nta/synthetic-nta-sample.ts';
import type { TrackSummary } from './track-types.ts';

export function simulateTrackSummaries(params: {
  population: readonly { diameterNm: number; fraction: number }[];
  tracks: number;
  minSteps: number;
  maxSteps: number;
  fps: number;
  temperatureC: number;
  viscosityCp?: number;
  seed?: number;
}): TrackSummary[] {
  const random = mulberry32(params.seed ?? 1);
  const eta = params.viscosityCp ?? waterViscosityCP(params.temperatureC);
  const dt = 1 / params.fps;
  const total = params.population.reduce((s, p) => s + p.fraction, 0);
  const out: TrackSummary[] = [];
  for (let t = 0; t < params.tracks; t++) {
    let u = random() * total;
    let i = 0;
    while (i < params.population.length - 1 && u > (params.population[i] as { fraction: number }).fraction) {
      u -= (params.population[i] as { fraction: number }).fraction;
      i++;
    }
    const d = (params.population[i] as { diameterNm: number }).diameterNm;
    const variance = 2 * (diffusionCoefficientE4Nm2PerS(d, params.temperatureC, eta) / 100) * dt;
    const steps = params.minSteps + Math.floor(random() * (params.maxSteps - params.minSteps + 1));
    let sum = 0;
    for (let s = 0; s < steps; s++) {
      // two coordinates per step from one Box–Muller pair (Box & Muller 1958)
      const r = Math.sqrt(-2 * Math.log(1 - random()));
      const a = 2 * Math.PI * random();
      const zx = r * Math.cos(a);
      const zy = r * Math.sin(a);
      sum += variance * (zx * zx + zy * zy);
    }
    out.push({ id: String(t), steps, sumSquaredUm2: sum, timeS: steps * dt });
  }
  return out;
}
