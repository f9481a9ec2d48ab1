/**
 * How fast the centrifugation simulator recomputes: one full simulator update (spin + 121-point pelleting
 * curve + k-equivalence on a second rotor), as the web UI does on every slider move, and a bare
 * pelletedFraction call, and bare computeSpin / resolveRotorRun calls (issue 9 item 18: no error message is
 * formatted on the hot path). Run: node bin/run-ts.mjs bench/centrifugation.bench.ts
 *
 * Figures on the 2-core shared machine (Node 20, tsx, CPU ns per call, best of 7, three alternating runs):
 *   resolveRotorRun (RCF at Rav)  before 275–282 ns (error text with toLocaleString built on every call)
 *                                 after   21–33 ns  (built only when thrown)
 *   computeSpin (4 diameters)     before 2.1–2.3 µs, after 1.7–2.6 µs (now also computes the k-factor estimate)
 */
import { pelletedFraction } from '../src/science/centrifugation/pelleting-efficiency.ts';
import { findRotor } from '../src/science/centrifugation/rotor-library.ts';
import { computeSpin, resolveRotorRun } from '../src/science/centrifugation/spin-calculation.ts';
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

/**
 * Throughput: the best of `rounds` batches of `n` calls, in CPU (user + system) ns per call, which a
 * shared, busy machine disturbs less than wall time.
 */
function throughput(name: string, n: number, rounds: number, fn: (i: number) => void): void {
  for (let i = 0; i < n; i++) fn(i); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn(i);
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / n);
  }
  console.log(`${name}: best of ${rounds} × ${n} calls: ${best.toFixed(0)} ns/call`);
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
throughput('resolveRotorRun (RCF at Rav)', 200_000, 7, (i) => {
  sink += resolveRotorRun({ rotor, rcfG: 10_000 + (i % 1000) }).rpm;
});
throughput('resolveRotorRun (rpm)', 200_000, 7, (i) => {
  sink += resolveRotorRun({ rotor, rpm: 10_000 + (i % 1000) }).rcfAvgG;
});
throughput('computeSpin (4 diameters, no curve)', 50_000, 7, (i) => {
  sink += computeSpin({ rotor, rcfG: 10_000 + (i % 1000), minutes: 30 }).cutoffDiameterNm;
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
