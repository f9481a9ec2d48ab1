/**
 * The server side of bench/api-load.bench.ts, in its own process: `startServer` on 127.0.0.1, any free port,
 * on a data directory the bench has prepared (demo project, evidence, a bench user and token), no web UI.
 * Prints `{"port": N}` on stdout once listening; closes cleanly on SIGTERM. The SQLite statement cache
 * follows EVLAB_SQLITE_STATEMENT_CACHE as in production. With WORKERS > 1 it runs as `evlab serve
 * --workers WORKERS` does (src/api/start-server-cluster.ts): this script is the primary, and the workers it
 * forks run this script again.
 *
 * Run by the bench: node bin/run-ts.mjs bench/support/load-server.ts DATA_DIR [WORKERS]
 */
import { fileURLToPath } from 'node:url';
import { type StartServerOptions, startServer } from '../../src/api/start-server.ts';
import {
  isClusterWorker,
  serveAsClusterWorker,
  startServerCluster,
} from '../../src/api/start-server-cluster.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: load-server.ts DATA_DIR [WORKERS]');
const workers = Number(process.argv[3] ?? 1);
const options: StartServerOptions = {
  host: '127.0.0.1',
  port: 0,
  dataDir,
  webDistDir: null,
  seedDemoOnFirstStart: false,
  firstStartAccess: false,
  logger: false,
};

if (isClusterWorker()) {
  await serveAsClusterWorker(options);
} else {
  const server =
    workers > 1
      ? await startServerCluster(options, {
          workers,
          exec: fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url)),
          args: [fileURLToPath(import.meta.url), dataDir, String(workers)],
          onEvent: (event) => process.stderr.write(`${event.message}\n`),
        })
      : await startServer(options);
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}
