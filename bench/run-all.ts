/**
 * Runs every bench/*.bench.ts script in turn, each in its own process (node bin/run-ts.mjs FILE).
 * Figures are printed by the scripts themselves. Usage: npm run bench [-- FILTER]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const scripts = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failures = 0;
for (const script of scripts) {
  process.stdout.write(`\n### ${script}\n`);
  const run = spawnSync(
    process.execPath,
    [join(benchDir, '..', 'bin', 'run-ts.mjs'), join(benchDir, script)],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) failures += 1;
}
process.exit(failures > 0 ? 1 : 0);
