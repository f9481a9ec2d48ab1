/**
 * Start-up cost guard (issue 9 item 17): the commands that need no server or database load none of the
 * heavy packages. `node bin/evlab.mjs` runs in a child process with a module hook that reports every
 * package loaded — ESM through a load hook (module.register), CommonJS through the require cache at exit —
 * so a top-level import that drags zod, Fastify, Kysely, SQLite or cli-progress into `evlab nta` fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/environment.ts';
import { writeNanoSightExperimentSummary } from '../formats/nanosight/write-experiment-summary.ts';
import { syntheticNtaSample, UC_MSC_EV_DEMO_BATCHES } from '../science/nta/synthetic-nta-sample.ts';

/** Packages a server or database command needs, and the progress bar a pipe never shows. */
const HEAVY = ['zod', 'fastify', 'kysely', 'better-sqlite3', 'pg', 'cli-progress', 'pdfkit'];

let dir: string;
let hook: string;
let preload: string;
let exportFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evlab-startup-'));
  // ESM: a load hook (runs on the loader thread) writes each URL loaded to stderr.
  hook = join(dir, 'hook.mjs');
  await writeFile(
    hook,
    `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function load(url, ctx, next) { process.stderr.write("LOADED " + url + "\\\\n"); return next(url, ctx); }'
));
`,
  );
  // CommonJS (createRequire, require): the require cache at exit.
  preload = join(dir, 'preload.cjs');
  await writeFile(
    preload,
    `process.on('exit', () => { for (const f of Object.keys(require('node:module')._cache)) process.stderr.write('LOADED ' + f + '\\n'); });\n`,
  );
  const params = UC_MSC_EV_DEMO_BATCHES[0];
  if (!params) throw new Error('no demo batch parameters');
  exportFile = join(dir, 'sample-ExperimentSummary.csv');
  await writeFile(exportFile, writeNanoSightExperimentSummary(syntheticNtaSample(params)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The npm packages (node_modules/<name>) the process loaded, and its exit code. */
function packagesLoaded(args: string[]): Promise<{ code: number; packages: Set<string>; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', hook, '--require', preload, join(repoRoot, 'bin', 'evlab.mjs'), ...args],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const packages = new Set<string>();
        for (const m of stderr.matchAll(/^LOADED .*node_modules\/((?:@[^/]+\/)?[^/]+)\//gm))
          packages.add(m[1] as string);
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, packages, stdout });
      },
    );
  });
}

describe('what the CLI loads (child process)', () => {
  it('the hook sees packages at all: evlab --help loads commander', async () => {
    const { code, packages } = await packagesLoaded(['--help']);
    expect(code).toBe(0);
    expect(packages.has('commander')).toBe(true);
    for (const name of HEAVY) expect(packages.has(name), name).toBe(false);
  });

  it('evlab nta reads an export without zod, Fastify, the database drivers or cli-progress', async () => {
    for (const json of [[], ['--json']]) {
      const { code, packages, stdout } = await packagesLoaded([...json, 'nta', exportFile]);
      expect(code).toBe(0);
      if (json.length) expect((JSON.parse(stdout) as { videos: unknown[] }[])[0]?.videos.length).toBe(5);
      else expect(stdout.includes('sample-ExperimentSummary.csv')).toBe(true);
      for (const name of HEAVY) expect(packages.has(name), name).toBe(false);
    }
  }, 60_000);
});
