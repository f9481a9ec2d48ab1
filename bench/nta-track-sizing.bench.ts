/**
 * Benchmark: maximum-likelihood (finite-track-length adjusted) sizing of 100,000 NTA tracks.
 * Run: node bin/run-ts.mjs bench/nta-track-sizing.bench.ts [tracks] [repeats]
 * Input: simulated per-track summaries (simulate-track-summaries.ts) of a 70/150 nm mixture, 5–40 steps per
 * track at 30 fps, 25 °C. Timed: finiteTrackLengthAdjustment (pooling, kernels, SQUAREM-accelerated EM).
 * Target: < 1000 ms per run.
 */

import { waterViscosityCP } from '../src/science/nta/stokes-einstein.ts';
import {
  finiteTrackLengthAdjustment,
  modeOfBins,
} from '../src/science/nta-tracks/finite-track-length-adjustment.ts';
import { simulateTrackSummaries } from '../src/science/nta-tracks/simulate-track-summaries.ts';

const TARGET_MS = 1000;
const tracks = Number(process.argv[2] ?? 100_000);
const repeats = Number(process.argv[3] ?? 5);
const summaries = simulateTrackSummaries({
  population: [
    { diameterNm: 70, fraction: 0.5 },
    { diameterNm: 150, fraction: 0.5 },
  ],
  tracks,
  minSteps: 5,
  maxSteps: 40,
  fps: 30,
  temperatureC: 25,
  seed: 11,
});
const options = { temperatureC: 25, viscosityCp: waterViscosityCP(25) };
finiteTrackLengthAdjustment(summaries, options); // warm-up
const times: number[] = [];
let last = finiteTrackLengthAdjustment(summaries, options);
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  last = finiteTrackLengthAdjustment(summaries, options);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
process.stdout.write(
  `ML sizing of ${tracks} tracks: median ${median.toFixed(0)} ms, min ${(times[0] as number).toFixed(0)} ms over ${repeats} runs ` +
    `(${last.classes} classes, ${last.iterations} EM evaluations, mode ${modeOfBins(last.bins)?.toFixed(1)} nm) — target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'OK' : 'SLOW'}\n`,
);
process.exit(median < TARGET_MS ? 0 : 1);
