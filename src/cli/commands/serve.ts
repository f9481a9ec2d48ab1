import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import {
  isClusterWorker,
  MAX_WORKERS,
  serveAsClusterWorker,
  startServerCluster,
} from '../../api/start-server-cluster.ts';
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
    .option(
      '--host <host>',
      `interface to listen on (env EVLAB_HOST, default ${DEFAULT_HOST}: this machine only)`,
    )
    .option(
      '--workers <n>',
      'server processes sharing the port, one per core to use (env EVLAB_WORKERS, default 1)',
      parseWorkers,
    )
    .action(app.action(serveCommand));
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number 0–65535');
  }
  return port;
}

export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new InvalidArgumentError(`expected a number of worker processes 1–${MAX_WORKERS}`);
  }
  return n;
}

/** --workers, else EVLAB_WORKERS, else 1 (one process, no cluster). */
function resolveWorkers(ctx: CommandContext, option: number | undefined): number {
  if (option !== undefined) return option;
  const env = ctx.io.env.EVLAB_WORKERS?.trim();
  if (!env) return 1;
  try {
    return parseWorkers(env);
  } catch {
    throw new CliError(
      `EVLAB_WORKERS=${env}: expected a number of worker processes 1–${MAX_WORKERS}`,
      'invalid-workers',
      EXIT_USAGE,
    );
  }
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
  const opts = ctx.command.opts<{ port?: number; host?: string; workers?: number }>();
  const port = resolvePort(ctx, opts.port);
  const host = opts.host ?? (ctx.io.env.EVLAB_HOST?.trim() || DEFAULT_HOST);
  const workers = resolveWorkers(ctx, opts.workers);
  const webDistDir = join(ctx.repoRoot, 'web', 'dist');

  if (isClusterWorker()) {
    // A process forked by the primary below (same command line): serve, print nothing, exit when told.
    await serveAsClusterWorker({
      host,
      port,
      dataDir: ctx.globals.dataDir,
      db: ctx.globals.db ?? null,
      webDistDir: existsSync(join(webDistDir, 'index.html')) ? webDistDir : null,
      actor: ctx.globals.user,
    });
    return EXIT_OK;
  }

  const { dialect, database } = await describeDatabase(ctx.globals);
  const webBuilt = await ensureWebUi(ctx, webDistDir);
  const serverOptions = {
    host,
    port,
    dataDir: ctx.globals.dataDir,
    db: ctx.globals.db ?? null,
    webDistDir: webBuilt ? webDistDir : null,
    actor: ctx.globals.user,
  };
  const server =
    workers > 1
      ? await startServerCluster(serverOptions, {
          workers,
          onEvent: (event) => ctx.out.warn(event.message),
        })
      : await (await import('../../api/start-server.ts')).startServer(serverOptions);

  if (ctx.globals.json) {
    ctx.out.result({
      url: server.url,
      host: server.host,
      port: server.port,
      dataDir: ctx.globals.dataDir,
      dialect,
      database,
      webUi: webBuilt,
      workers,
      seededDemo: server.seeded,
      warning: server.warning,
      signInUrl: server.signIn?.url ?? null,
      signInUser: server.signIn?.userName ?? null,
      signInExpiresAt: server.signIn?.expiresAt ?? null,
    });
  } else {
    ctx.out.print(
      `evlab listening on ${server.url}\n  data dir  ${ctx.globals.dataDir}\n  database  ${database}` +
        (workers > 1 ? `\n  workers   ${workers} processes` : ''),
    );
  }
  if (server.seeded)
    ctx.out.info(
      'First start: added the demo project "Demo — UC-MSC EVs for stroke": one umbilical-cord MSC source and ' +
        'three EV batches, each with a synthetic NanoSight NTA measurement generated by evlab (not real data; ' +
        'replace it with your own exports).',
    );
  if (server.signIn) {
    const who = server.signIn.createdUser
      ? `First start: created the administrator "${server.signIn.userName}".`
      : `Nobody has a password yet (administrator "${server.signIn.userName}").`;
    // stderr, like every message: with --json the link is in the JSON document as well.
    ctx.out.info(
      `${who} Sign in once with this link (single use, valid 24 h), then set a password under Account:\n\n    ${server.signIn.url}\n`,
    );
  }
  if (server.warning) ctx.out.warn(server.warning);
  const { removedTempFiles, orphanBlobs, removedOrphanBlobs } = server.reconciled;
  if (removedOrphanBlobs.length > 0)
    ctx.out.info(
      `Removed ${removedOrphanBlobs.length} stored file(s) of an interrupted upload (no raw-file record).`,
    );
  if (removedTempFiles.length > 0)
    ctx.out.info(`Removed ${removedTempFiles.length} unfinished upload temp file(s) left by a crash.`);
  if (orphanBlobs.length > 0)
    ctx.out.info(
      `${orphanBlobs.length} stored file(s) have no raw-file record yet (an upload in progress, or interrupted: removed at a later start).`,
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
