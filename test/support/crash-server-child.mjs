// The real evlab server in a child process for crash-consistency tests (src/api/crash-consistency.test.ts):
// startServer() on EVLAB_DATA_DIR (and EVLAB_DB when set), any free port, no web UI, no demo seed. Prints
// one JSON line {url, pid, reconciled} on stdout once listening, then runs until it is killed.
const { register } = await import('tsx/esm/api');
register();
const { startServer } = await import('../../src/api/start-server.ts');
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir: process.env.EVLAB_DATA_DIR,
  db: process.env.EVLAB_DB || null,
  webDistDir: null,
  seedDemoOnFirstStart: false,
  actor: 'crash-test',
});
process.stdout.write(
  `${JSON.stringify({ url: server.url, pid: process.pid, reconciled: server.reconciled })}\n`,
);
setInterval(() => {}, 1 << 30);
