/**
 * Benchmark: one isolation-chain simulation as the web builder reruns it on every edit — a 4-step protocol
 * over 1 nm bins from 1 to 1000 nm (the default log-normal input). Two chains: the centrifugation chain
 * (low-speed → 10,000 ×g → 100,000 ×g → SEC) and a density-gradient chain (2,000 ×g → 100,000 ×g →
 * iodixanol gradient → TFF), the heaviest model (5 densities × 4 start positions per bin).
 * Run: node bin/run-ts.mjs bench/protocol-simulate.bench.ts [iterations]
 * Target: mean and p95 < 5 ms per simulation.
 */
import { cpus, loadavg } from 'node:os';
import type { IsolationProtocol } from '../src/domain/isolation-protocol.ts';
import { simulateProtocol } from '../src/science/isolation-chain/simulate-protocol.ts';

const TARGET_MS = 5;
const iterations = Number(process.argv[2] ?? 500);
const warmup = 50;

const chains: Record<string, IsolationProtocol> = {
  'dUC + SEC': {
    version: 1,
    name: '',
    steps: [
      { method: 'low-speed-centrifugation', parameters: { rcfG: 2000, minutes: 10 }, notes: '' },
      {
        method: 'differential-ultracentrifugation',
        parameters: { rotor: 'Type 45 Ti', rcfG: 10_000, minutes: 30 },
        notes: '',
      },
      {
        method: 'differential-ultracentrifugation',
        parameters: { rotor: 'Type 45 Ti', rcfG: 100_000, minutes: 70 },
        notes: '',
      },
      { method: 'size-exclusion-chromatography', parameters: { resin: 'sepharose-cl-2b' }, notes: '' },
    ],
  },
  'dUC + gradient + TFF': {
    version: 1,
    name: '',
    steps: [
      { method: 'low-speed-centrifugation', parameters: { rcfG: 2000, minutes: 10 }, notes: '' },
      {
        method: 'differential-ultracentrifugation',
        parameters: { rotor: 'Type 45 Ti', resuspendVolumeMl: 1 },
        notes: '',
      },
      { method: 'density-gradient-ultracentrifugation', parameters: {}, notes: '' },
      { method: 'tangential-flow-filtration', parameters: { concentrationFactor: 10 }, notes: '' },
    ],
  },
};

const fmt = (x: number) => x.toFixed(2);
// Timings on a shared machine are only meaningful next to its load.
console.log(
  `protocol-simulate: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
let failed = false;
for (const [name, protocol] of Object.entries(chains)) {
  const times: number[] = [];
  let bins = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    const result = simulateProtocol({ protocol });
    const t1 = performance.now();
    bins = result.binsNm.length;
    if (i >= warmup) times.push(t1 - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const median = times[Math.floor(times.length / 2)] as number;
  const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] as number;
  const ok = mean < TARGET_MS && p95 < TARGET_MS;
  if (!ok) failed = true;
  console.log(
    `protocol-simulate: ${name} (4 steps, ${bins} bins) ×${iterations}: mean ${fmt(mean)} ms, median ${fmt(median)} ms, p95 ${fmt(p95)} ms, min ${fmt(times[0] as number)} ms (target < ${TARGET_MS} ms): ${ok ? 'OK' : 'SLOW'}`,
  );
}
process.exitCode = failed ? 1 : 0;
