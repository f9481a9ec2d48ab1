/** Builds web/dist with Vite's JS API when it is missing, so the e2e tests serve the real UI. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../test/support/environment.ts';

export const webDistDir = join(repoRoot, 'web', 'dist');

export async function ensureWebBuilt(options: { force?: boolean } = {}): Promise<string> {
  if (options.force || !existsSync(join(webDistDir, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
  return webDistDir;
}
