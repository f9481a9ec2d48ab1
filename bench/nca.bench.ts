/**
 * Benchmark: NCA of 10,000 extravascular profiles of 12 samples each (auto λz, linear-up/log-down, units).
 * Run: node bin/run-ts.mjs bench/nca.bench.ts [repeats]
 * Profiles are a one-compartment oral model with first-order absorption (Bateman function) plus ±10 %
 * deterministic noise (mulberry32), so the λz search sees realistic terminal phases.
 * Target: < 1 s for the 10,000 profiles.
 */

import { mulberry32 } from '../src/science/nta/synthetic-nta-sample.ts';
import { type ConcentrationProfile, ncaForProfile } from '../src/science/pk/nca/index.ts';

const TARGET_MS = 1000;
const PROFILES = 10_000;
const repeats = Number(process.argv[2] ?? 10);

const random = mulberry32(42);
const TIMES = [0, 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];
const profiles: ConcentrationProfile[] = [];
for (let i = 0; i < PROFILES; i++) {
  const ka = 1 + random() * 2;
  const k = 0.05 + random() * 0.15;
  const scale = 10 + random() * 5;
  const conc = TIMES.map((t) =>
    t === 0 ? 0 : scale * (ka / (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t)) * (0.9 + 0.2 * random()),
  );
  profiles.push({ id: String(i + 1), time: TIMES, conc });
}

const options = {
  route: 'extravascular' as const,
  dose: 320,
  aucMethod: 'linear-log' as const,
  units: { time: 'h' as const, conc: 'ng/mL', dose: 'mg' },
};

const runs: number[] = [];
let estimated = 0;
for (let r = 0; r < repeats + 2; r++) {
  const t0 = performance.now();
  let ok = 0;
  for (const p of profiles) if (ncaForProfile(p, options).parameters.LAMZ !== null) ok++;
  const ms = performance.now() - t0;
  if (r >= 2) runs.push(ms); // two warm-up passes
  estimated = ok;
}
runs.sort((a, b) => a - b);
const mean = runs.reduce((s, x) => s + x, 0) / runs.length;
const p95 = runs[Math.min(runs.length - 1, Math.ceil(0.95 * runs.length) - 1)] as number;
process.stdout.write(
  `NCA of ${PROFILES.toLocaleString('en-US')} profiles × ${TIMES.length} samples (${repeats} runs): ` +
    `mean ${mean.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, min ${(runs[0] as number).toFixed(1)} ms ` +
    `(${((mean * 1000) / PROFILES).toFixed(1)} µs/profile; λz estimated for ${estimated}) — target < ${TARGET_MS} ms: ` +
    `${mean < TARGET_MS ? 'OK' : 'TOO SLOW'}\n`,
);
if (mean >= TARGET_MS) process.exitCode = 1;
