#!/usr/bin/env node
// evlab command-line entry point. Runs the compiled JavaScript in dist/ (built by scripts/build-cli.mjs at
// `npm install` / `npm ci` and by `npm run build`) when it is there and no source it was built from has
// changed since; otherwise runs the TypeScript sources through tsx's loader, so a dev checkout always runs
// what is in src/. EVLAB_FROM_SOURCE=1 forces the sources.
import { readFileSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A one-shot command (evlab nta on a handful of exports) ends before TurboFan's optimised code pays back
// its compilation, which runs on background threads and counts in the process's CPU time: with V8's default
// interrupt budget (67,584 bytes of bytecode between tier-up checks, `node --v8-options`, Node 20 / V8 11.3)
// the reader's loops are optimised, deoptimised and re-optimised within the first file. A 1 MiB budget
// delays tier-up ~15×, so short runs stay in the interpreter and baseline code while a long batch still gets
// optimised code after a few files. Measured (bench/cli-startup.bench.ts, bench/results/cli-startup.md):
// `evlab nta` on the nine reference exports 0.69 → 0.51 s CPU (median of 9). Not for `evlab serve`, a
// long-running process that should optimise as usual. The flag is set before any evlab module is compiled.
if (process.argv[2] !== 'serve') setFlagsFromString('--interrupt-budget=1048576');

const root = new URL('../', import.meta.url);

function compiledIsFresh() {
  if (process.env.EVLAB_FROM_SOURCE === '1') return false;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL('dist/build-inputs.json', root), 'utf8'));
    for (const file of inputs) if (statSync(new URL(file, root)).mtimeMs > builtAt) return false;
    return inputs.length > 0;
  } catch {
    return false;
  }
}

if (compiledIsFresh()) {
  const { main } = await import('../dist/cli/main.js');
  await main(process.argv);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  await main(process.argv);
}
