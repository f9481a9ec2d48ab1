/**
 * Benchmark: what reading mixed-width FCS records costs once their $PnR masks apply on read (FcsRecords).
 *
 * The decode of native-order records is a view (decode-fcs-data.ts, `decodeRecords`); the masks are applied by
 * `column(i)` and `value(e, i)`. This measures those two on 1,000,000 events of flowio/variable_int_example.fcs's
 * layout (25 16-bit parameters, a 32-bit time counter; 54 bytes per event), little-endian:
 *  - `masked`: the file's own ranges (every other 16-bit parameter $PnR 1024, the time counter 11209599), so
 *    column and value reads AND with a mask;
 *  - `unmasked`: the same bytes with ranges that fill each word (no mask), the baseline.
 * The difference is what applying the masks on read costs; the old decode paid a whole pass over the records
 * instead (2.0 ms in place, 6–7 ms copying; bench/results/fcs-read.md, round 10).
 *
 *   node bin/run-ts.mjs bench/fcs-record-columns.bench.ts [--rounds=7] [--json]
 *
 * Each round decodes afresh (no column cached), then times: all 26 columns one by one (`column(i)`); all 26
 * through `extractAll()` (block by block, one pass over the records); the time column alone; 1,000,000
 * `value(e, 25)` reads. The report gives the minimum over the rounds (contention only adds time).
 */
import { performance } from 'node:perf_hooks';
import { decodeFcsData, type FcsDecodePath } from '../src/formats/fcs/decode-fcs-data.ts';
import type { FcsParameter } from '../src/formats/fcs/fcs-file.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const rounds = Number(args.get('rounds') ?? 7);
const asJson = args.has('json');

const n = 1_000_000;
const recordBytes = 25 * 2 + 4;
const data = new Uint8Array(n * recordBytes);
{
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const view = new DataView(data.buffer);
  for (let e = 0; e < n; e++) {
    for (let i = 0; i < 25; i++) view.setUint16(e * recordBytes + 2 * i, Math.floor(rnd() * 65536), true);
    view.setUint32(e * recordBytes + 50, Math.floor(rnd() * 2 ** 32), true);
  }
}

function parameters(masked: boolean): FcsParameter[] {
  return Array.from({ length: 26 }, (_, i) => ({
    index: i + 1,
    name: `P${i + 1}`,
    label: null,
    bits: i === 25 ? 32 : 16,
    range: i === 25 ? (masked ? 11209599 : 2 ** 32) : masked && i % 2 === 1 ? 1024 : 65536,
    amplification: [0, 0] as [number, number],
    gain: 1,
  }));
}

interface Row {
  layout: string;
  path: FcsDecodePath | undefined;
  decodeMs: number;
  allColumnsMs: number;
  extractAllMs: number;
  timeColumnMs: number;
  valueReadsMs: number;
  checksum: number;
}

function measure(masked: boolean): Row {
  const ps = parameters(masked);
  const best = {
    decodeMs: Infinity,
    allColumnsMs: Infinity,
    extractAllMs: Infinity,
    timeColumnMs: Infinity,
    valueReadsMs: Infinity,
  };
  let path: FcsDecodePath | undefined;
  let checksum = 0;
  for (let r = 0; r < rounds; r++) {
    const trace: { path?: FcsDecodePath } = {};
    const t0 = performance.now();
    const events = decodeFcsData(data, 0, n, ps, 'I', 'little-endian', trace);
    const t1 = performance.now();
    let sum = 0;
    for (let i = 0; i < 26; i++) sum += events.column(i)[n - 1] as number;
    const t2 = performance.now();
    const again = decodeFcsData(data, 0, n, ps, 'I', 'little-endian');
    const t3 = performance.now();
    sum += again.column(25)[n >> 1] as number;
    const t4 = performance.now();
    const fresh = decodeFcsData(data, 0, n, ps, 'I', 'little-endian');
    const t5 = performance.now();
    for (let e = 0; e < n; e++) sum += fresh.value(e, 25);
    const t6 = performance.now();
    const blocked = decodeFcsData(data, 0, n, ps, 'I', 'little-endian');
    const t7 = performance.now();
    blocked.extractAll();
    const t8 = performance.now();
    for (let i = 0; i < 26; i++) sum -= blocked.column(i)[n - 1] as number;
    best.decodeMs = Math.min(best.decodeMs, t1 - t0);
    best.allColumnsMs = Math.min(best.allColumnsMs, t2 - t1);
    best.timeColumnMs = Math.min(best.timeColumnMs, t4 - t3);
    best.extractAllMs = Math.min(best.extractAllMs, t8 - t7);
    best.valueReadsMs = Math.min(best.valueReadsMs, t6 - t5);
    path = trace.path;
    checksum = sum;
  }
  return { layout: masked ? 'masked' : 'unmasked', path, ...best, checksum };
}

const rows: Row[] = [];
// Interleaved, so both layouts see the same machine state.
for (let k = 0; k < 2; k++) rows.push(measure(true), measure(false));
const report = ['masked', 'unmasked'].map((layout) => {
  const mine = rows.filter((r) => r.layout === layout);
  const min = (key: 'decodeMs' | 'allColumnsMs' | 'extractAllMs' | 'timeColumnMs' | 'valueReadsMs') =>
    Number(Math.min(...mine.map((r) => r[key])).toPrecision(3));
  return {
    layout,
    path: mine[0]?.path,
    decodeMs: min('decodeMs'),
    allColumnsMs: min('allColumnsMs'),
    extractAllMs: min('extractAllMs'),
    timeColumnMs: min('timeColumnMs'),
    valueReadsMs: min('valueReadsMs'),
  };
});
if (asJson) console.log(JSON.stringify({ rounds, events: n, recordBytes, report }, null, 2));
else {
  console.log(
    `FCS records, 1,000,000 events × ${recordBytes} bytes (LE), minima of ${2 * rounds} decodes per layout`,
  );
  console.table(report);
}
