/**
 * Timing of compartment-model fits: closed-form models (2-cmt IV bolus, 1/ŷ² weighting; 1-cmt oral) and an
 * ODE model (Michaelis–Menten, 2 doses). Prints mean and p95 per fit in ms.
 * Run: node bin/run-ts.mjs bench/pk-fit.bench.ts
 */
import { fitCompartmentModel } from '../src/science/pk/fitting/fit-compartment-model.ts';
import { getModel } from '../src/science/pk/models/model-registry.ts';
import { repeatedDoses } from '../src/science/pk/models/superposition.ts';

function stats(samples: number[]): { mean: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN,
  };
}

const TIMES = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 11.9, 12.5, 14, 16, 20, 24];
const cases: {
  model: string;
  params: Record<string, number>;
  doses: ReturnType<typeof repeatedDoses>;
  weighting: '1' | '1/y2' | '1/yhat2';
  runs: number;
}[] = [
  {
    model: '2cmt-iv-bolus',
    params: { k10: 0.3, k12: 0.8, k21: 0.35, V1: 6 },
    doses: repeatedDoses(100),
    weighting: '1/yhat2' as const,
    runs: 40,
  },
  {
    model: '1cmt-oral',
    params: { ka: 1.4, k10: 0.15, V1: 20 },
    doses: repeatedDoses(100),
    weighting: '1' as const,
    runs: 40,
  },
  {
    model: 'mm-1cmt-iv-bolus',
    params: { Vmax: 40, Km: 3, V1: 10 },
    doses: repeatedDoses(100, 2, 12),
    weighting: '1/y2' as const,
    runs: 10,
  },
];

for (const c of cases) {
  const clean = getModel(c.model).predict(c.params, c.doses, TIMES);
  const samples: number[] = [];
  for (let r = 0; r < c.runs; r++) {
    // Deterministic ±5 % alternating perturbation, different per run.
    const observations = TIMES.map((timeH, i) => ({
      timeH,
      conc: (clean[i] ?? 0) * (1 + 0.05 * Math.sin(7 * i + r)),
    }));
    const start = performance.now();
    fitCompartmentModel({ model: c.model, observations, doses: c.doses, weighting: c.weighting });
    samples.push(performance.now() - start);
  }
  const { mean, p95 } = stats(samples);
  console.log(
    `${c.model.padEnd(18)} ${c.weighting.padEnd(8)} n=${c.runs}  mean ${mean.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms`,
  );
}
