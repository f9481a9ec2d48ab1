/**
 * How fast the centrifugation simulator recomputes: one full simulator update (spin + 121-point pelleting
 * curve + k-equivalence on a second rotor), as the web UI does on every slider move, and a bare
 * pelletedFraction call. Run: node bin/run-ts.mjs bench/centrifugation.bench.ts
 */
import { pelletedFraction } from '../src/science/centrifugation/pelleting-efficiency.ts';
import { findRotor } from '../src/science/centrifugation/rotor-library.ts';
import {
  INITIAL_SIMULATOR_STATE,
  simulate,
} from '../web/src/components/isolation/centrifugation-simulation.ts';

function measure(name: string, iterations: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? Number.NaN;
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(
    `${name}: mean ${us(mean)}, p50 ${us(at(0.5))}, p95 ${us(at(0.95))}, max ${us(at(1))} (n=${iterations})`,
  );
}

const rotor = findRotor('Type 45 Ti');
if (!rotor) throw new Error('Type 45 Ti missing');
let sink = 0;
measure('pelletedFraction (fixed angle)', 100_000, (i) => {
  sink += pelletedFraction(
    {
      rotor,
      rcfAvgG: 10_000 + i,
      minutes: 30,
      viscosityCp: 1.55,
      evDensityGPerMl: 1.15,
      mediumDensityGPerMl: 1,
    },
    100,
  );
});
measure('simulator update (spin + 121-point curve + k-equivalence)', 5_000, (i) => {
  const sim = simulate({
    ...INITIAL_SIMULATOR_STATE,
    rcfG: 50_000 + i * 10,
    medium: 'water',
    temperatureC: 4,
  });
  if (sim.ok) sink += sim.result.cutoffDiameterNm;
});
if (!Number.isFinite(sink)) console.log('unexpected');
