/**
 * Benchmark: read and analyse a 20,000-row biodistribution table (the most a PK study holds): 25 organs ×
 * 16 time points × 50 animals in the long CSV layout, %ID/g with decay correction (⁹⁹ᵐTc).
 * Run: node bin/run-ts.mjs bench/biodistribution.bench.ts [repeats]
 * Target: < 200 ms for parse + analysis (an interactive paste in the web panel).
 * Also times 1,000 dose preparations and 1,000 HED conversions (the dose calculator recomputes per keystroke).
 */
import { readBiodistributionCsv } from '../src/formats/biodistribution-csv/read-biodistribution-csv.ts';
import { mulberry32 } from '../src/science/nta/synthetic-nta-sample.ts';
import { analyseBiodistribution } from '../src/science/pk/biodistribution/analyse-biodistribution.ts';
import { prepareDose } from '../src/science/pk/dosing/dose-preparation.ts';
import { humanEquivalentDose } from '../src/science/pk/dosing/human-equivalent-dose.ts';

const TARGET_MS = 200;
const repeats = Number(process.argv[2] ?? 10);

const random = mulberry32(7);
const ORGANS = [
  'blood',
  'liver',
  'spleen',
  'lungs',
  'kidneys',
  'brain',
  'heart',
  'stomach',
  'thyroid',
  'skin',
];
for (let i = ORGANS.length; i < 25; i++) ORGANS.push(`tissue ${i}`);
const TIMES = [0.083, 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96];
const lines = ['organ,time_h,value,unit,animal'];
for (const organ of ORGANS)
  for (const t of TIMES)
    for (let a = 0; a < 50; a++)
      lines.push(
        `${organ},${t},${(20 * Math.exp(-0.05 * t) * (0.8 + 0.4 * random())).toFixed(4)},%ID/g,m${a}`,
      );
const csv = lines.join('\n');
const bytes = new TextEncoder().encode(csv);

function time(label: string, fn: () => void): { mean: number; p95: number } {
  const runs: number[] = [];
  for (let r = 0; r < repeats + 2; r++) {
    const t0 = performance.now();
    fn();
    if (r >= 2) runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const mean = runs.reduce((s, x) => s + x, 0) / runs.length;
  const p95 = runs[Math.min(runs.length - 1, Math.ceil(0.95 * runs.length) - 1)] as number;
  process.stdout.write(`${label} (${repeats} runs): mean ${mean.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n`);
  return { mean, p95 };
}

let rows = 0;
const total = time(
  `parse + analyse ${(lines.length - 1).toLocaleString('en-US')} rows (${(bytes.length / 1024).toFixed(0)} KiB)`,
  () => {
    const table = readBiodistributionCsv(bytes, 'bench.csv');
    const report = analyseBiodistribution(table.rows, {
      label: '99mTc',
      decayCorrect: true,
      bodyWeightKg: 0.025,
    });
    rows = report.rowCount;
  },
);
time('1,000 dose preparations', () => {
  for (let i = 0; i < 1000; i++)
    prepareDose({
      stockConcentrationPerMl: 2.5e11,
      dose: 1e10 + i,
      unit: 'particles',
      perKg: true,
      bodyWeightKg: 0.025,
      injectionVolumeUl: 100,
      route: 'intravenous',
      species: 'mouse',
    });
});
time('1,000 HED conversions', () => {
  for (let i = 0; i < 1000; i++)
    humanEquivalentDose({ species: 'rat', dosePerKg: 1e10 + i, unit: 'particles', method: 'allometry' });
});
process.stdout.write(
  `${rows} rows analysed; target < ${TARGET_MS} ms: ${total.p95 < TARGET_MS ? 'met' : 'MISSED'} (p95 ${total.p95.toFixed(1)} ms)\n`,
);
