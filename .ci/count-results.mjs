// Reads Vitest's JSON report and prints the closing line CI reads: "N passed, N failed".
// Failed CI steps (typecheck, lint, web build) passed as the second argument count as failures.
// Exits non-zero when anything failed or nothing ran.
import { existsSync, readFileSync } from 'node:fs';

const [file, stepFailuresArg = '0'] = process.argv.slice(2);
const stepFailures = Number(stepFailuresArg) || 0;
let passed = 0;
let failed = 0;
let skipped = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of report.testResults ?? []) {
    // A file that failed to load has no assertion results but status "failed".
    if ((suite.assertionResults ?? []).length === 0 && suite.status === 'failed') failed += 1;
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'passed') passed += 1;
      else if (t.status === 'failed') failed += 1;
      else skipped += 1;
    }
  }
} else {
  console.log(`no test report at ${file}`);
  failed += 1;
}
failed += stepFailures;
console.log(
  skipped > 0
    ? `${passed} passed, ${failed} failed, ${skipped} skipped`
    : `${passed} passed, ${failed} failed`,
);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
