/**
 * Starts the real evlab server with the built UI for manual checks and screenshots:
 *   node bin/run-ts.mjs e2e/support/serve-ui.ts [--port 8099] [--data-dir /tmp/evlab-ui] [--build] [--no-demo]
 * Stops on Ctrl-C / SIGTERM.
 */
import { startServer } from '../../src/api/start-server.ts';
import { ensureWebBuilt } from './web-build.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const webDistDir = await ensureWebBuilt({ force: process.argv.includes('--build') });
const server = await startServer({
  port: Number(arg('--port', '8099')),
  dataDir: arg('--data-dir', '/tmp/evlab-ui'),
  webDistDir,
  seedDemoOnFirstStart: !process.argv.includes('--no-demo'),
});
process.stdout.write(`evlab UI at ${server.url}${server.seeded ? ' (demo seeded)' : ''}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
