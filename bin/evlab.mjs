#!/usr/bin/env node
// evlab command-line entry point. Runs the compiled JavaScript in dist/ (built by scripts/build-cli.mjs at
// `npm install` / `npm ci` and by `npm run build`) when it is there and no source it was built from has
// changed since; otherwise runs the TypeScript sources through tsx's loader, so a dev checkout always runs
// what is in src/. EVLAB_FROM_SOURCE=1 forces the sources.
import { readFileSync, statSync } from 'node:fs';

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
