#!/usr/bin/env node
// Compiles the evlab CLI and server to plain JavaScript in dist/ (gitignored), so `evlab` starts without a
// runtime TypeScript transpiler. Runs from `npm install` / `npm ci` ("prepare") and `npm run build`.
//
// - Entry points: src/cli/main.ts (the CLI; bin/evlab.mjs runs dist/cli/main.js) and src/api/start-server.ts
//   (the server `evlab serve` starts). Code split by dynamic import: each command's module is its own chunk,
//   so `evlab --help` loads only the command table (src/cli/command-table.ts).
// - Layout keeps every file two levels below the repository root (dist/cli/, dist/api/, dist/chunks/), so
//   `new URL('../../package.json', import.meta.url)` and main.ts's repoRoot resolve as from src/.
// - npm packages stay external (resolved from node_modules at run time, as with tsx).
// - dist/build-inputs.json lists the source files bundled and the build time: bin/evlab.mjs runs dist/ only
//   when none of them is newer, else falls back to tsx (a dev checkout edited since the last build).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const quiet = process.argv.includes('--quiet');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // A production install without dev dependencies: bin/evlab.mjs runs the sources through tsx instead.
  if (!quiet) console.log('evlab: esbuild is not installed; the CLI will run from the TypeScript sources.');
  process.exit(0);
}

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/api/start-server.ts'],
  outdir,
  outbase: 'src',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(root, p)));
mkdirSync(outdir, { recursive: true });
writeFileSync(
  join(outdir, 'build-inputs.json'),
  `${JSON.stringify({ builtAt: Date.now(), inputs }, null, 0)}\n`,
);
if (!quiet) {
  const files = Object.keys(result.metafile.outputs).length;
  console.log(
    `evlab: compiled ${inputs.length} sources to dist/ (${files} files) in ${Date.now() - started} ms`,
  );
}
