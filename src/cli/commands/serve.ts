import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import {
  type CommandContext,
  DEFAULT_HOST,
  DEFAULT_PORT,
  describeDatabase,
  EXIT_OK,
  EXIT_USAGE,
} from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';

export function registerServeCommand(program: Command, app: CliApp): void {
  program
    .command('serve')
    .summary('start the web workbench and HTTP API')
    .description(
      'Serves the web UI and the /api endpoints; builds the web UI first when web/dist is missing, and seeds the demo project into an empty database. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.',
    )
    .option('--port <n>', `TCP port, 0 = any free port (env EVLAB_PORT, default ${DEFAULT_PORT})`, parsePort)
    .option('--host <host>', `interface to listen on (default ${DEFAULT_HOST}: this machine only)`)
    .action(app.action(serveCommand));
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number 0–65535');
  }
  return port;
}

/** --port, else EVLAB_PORT, else 8080. A bad EVLAB_PORT is a usage error like a bad --port. */
function resolvePort(ctx: CommandContext, option: number | undefined): number {
  if (option !== undefined) return option;
  const env = ctx.io.env.EVLAB_PORT?.trim();
  if (!env) return DEFAULT_PORT;
  try {
    return parsePort(env);
  } catch {
    throw new CliError(`EVLAB_PORT=${env}: expected a port number 0–65535`, 'invalid-port', EXIT_USAGE);
  }
}

async function serveCommand(ctx: CommandContext): Promise<number> {
  const opts = ctx.command.opts<{ port?: number; host?: string }>();
  const port = resolvePort(ctx, opts.port);
  const host = opts.host ?? DEFAULT_HOST;
  const { dialect, database } = await describeDatabase(ctx.globals);

  const webDistDir = join(ctx.repoRoot, 'web', 'dist');
  const webBuilt = await ensureWebUi(ctx, webDistDir);

  const { startServer } = await import('../../api/start-server.ts');
  const server = await startServer({
    host,
    port,
    dataDir: ctx.globals.dataDir,
    db: ctx.globals.db ?? null,
    webDistDir: webBuilt ? webDistDir : null,
    actor: ctx.globals.user,
  });

  if (ctx.globals.json) {
    ctx.out.result({
      url: server.url,
      host: server.host,
      port: server.port,
      dataDir: ctx.globals.dataDir,
      dialect,
      database,
      webUi: webBuilt,
      seededDemo: server.seeded,
      warning: server.warning,
    });
  } else {
    ctx.out.print(
      `evlab listening on ${server.url}\n  data dir  ${ctx.globals.dataDir}\n  database  ${database}`,
    );
  }
  if (server.seeded)
    ctx.out.info('First start: seeded the demo project (run `evlab demo` to see what it holds).');
  if (server.warning) ctx.out.warn(server.warning);
  const { removedTempFiles, orphanBlobs } = server.reconciled;
  if (removedTempFiles.length > 0)
    ctx.out.info(`Removed ${removedTempFiles.length} unfinished upload temp file(s) left by a crash.`);
  if (orphanBlobs.length > 0)
    ctx.out.info(
      `${orphanBlobs.length} stored file(s) have no raw-file record (an interrupted upload); kept, run \`evlab verify\`.`,
    );
  ctx.out.info('Press Ctrl-C to stop.');

  const signal = await ctx.io.waitForShutdown();
  ctx.out.info(`${signal} received, shutting down…`);
  await server.close();
  ctx.out.info('evlab stopped.');
  return EXIT_OK;
}

/**
 * Builds web/dist with Vite's JS API when it has not been built yet (a fresh clone after npm install).
 * Returns whether a built UI is there to serve; without one the server answers / with a "not built" page.
 */
async function ensureWebUi(ctx: CommandContext, webDistDir: string): Promise<boolean> {
  const index = join(webDistDir, 'index.html');
  if (existsSync(index)) return true;
  const configFile = join(ctx.repoRoot, 'web', 'vite.config.ts');
  if (!existsSync(configFile)) {
    ctx.out.warn(`the web UI is not built and ${configFile} is missing: serving the API only.`);
    return false;
  }
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    ctx.out.warn(
      'the web UI is not built and Vite is not installed (production install?): serving the API only. ' +
        'Run `npm run build:web` where the dev dependencies are installed.',
    );
    return false;
  }
  ctx.out.info('Building web UI…');
  // logLevel 'warn': Vite prints its info lines on stdout, which must stay clean (--json); warnings go to stderr.
  await vite.build({ configFile, logLevel: 'warn' });
  if (!existsSync(index)) {
    throw new CliError(`the web UI build finished but ${index} is missing`, 'web-build-failed');
  }
  ctx.out.info(`Web UI built in ${webDistDir}.`);
  return true;
}
