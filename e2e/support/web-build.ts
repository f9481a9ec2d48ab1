/**
 * Builds web/dist with Vite's JS API when it is missing, so the e2e tests serve the real UI. Test files run
 * in parallel forks: the build runs under a cross-process lock (a directory in the temp dir), because two
 * Vite builds into the same web/dist at once would delete each other's output (emptyOutDir).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../test/support/environment.ts';

export const webDistDir = join(repoRoot, 'web', 'dist');

/** A lock older than this is left over from a killed run. */
const STALE_LOCK_MS = 180_000;

async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `evlab-web-build-${webDistDir.replace(/[^A-Za-z0-9]+/g, '_')}.lock`);
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function ensureWebBuilt(options: { force?: boolean } = {}): Promise<string> {
  const built = () => existsSync(join(webDistDir, 'index.html'));
  if (!options.force && built()) return webDistDir;
  return withBuildLock(async () => {
    // Another fork may have finished the build while this one waited for the lock.
    if (options.force || !built()) {
      const { build } = await import('vite');
      await build({ configFile: join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
    }
    return webDistDir;
  });
}
