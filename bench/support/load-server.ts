/**
 * The server side of bench/api-load.bench.ts, in its own process: `startServer` on 127.0.0.1, any free port,
 * on a data directory the bench has prepared (demo project, evidence, a bench user and token), no web UI.
 * Prints `{"port": N}` on stdout once listening; closes cleanly on SIGTERM. The SQLite statement cache
 * follows EVLAB_SQLITE_STATEMENT_CACHE as in production.
 *
 * Run by the bench: node bin/run-ts.mjs bench/support/load-server.ts DATA_DIR
 */
import { startServer } from '../../src/api/start-server.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: load-server.ts DATA_DIR');
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  webDistDir: null,
  seedDemoOnFirstStart: false,
  firstStartAccess: false,
  logger: false,
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
