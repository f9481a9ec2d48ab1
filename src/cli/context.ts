import { userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './errors.ts';
import { EXIT_USAGE } from './exit-codes.ts';
import { Output } from './output.ts';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.ts';

/** The slice of a writable stream the CLI uses; tests pass string collectors. */
export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  /** True once the reader has gone away (EPIPE on a pipe): streaming commands stop writing (broken-pipe.ts). */
  readonly closed?: boolean;
}

/**
 * Everything the CLI touches outside itself. `main` wires it to the real process; tests inject collectors,
 * an environment and a shutdown trigger. Commands never call process.exit: they return an exit code.
 */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves with the signal name when the process is asked to stop (SIGINT/SIGTERM); used by `serve`. */
  waitForShutdown(): Promise<string>;
  /** All of standard input as text (`--password-stdin`); absent when there is none. */
  readStdin?(): Promise<string>;
}

/** Options every command accepts (given before or after the command name). */
export interface GlobalOptions {
  /** Absolute data directory: blobs, embedded SQLite database. */
  dataDir: string;
  /** Database URL; undefined = embedded SQLite in the data directory. */
  db: string | undefined;
  json: boolean;
  /** Actor recorded in the audit trail. */
  user: string;
  /**
   * Where the acting user's name came from: `option` (--user) and `env` (EVLAB_USER) are claims of an
   * identity, which must be an enabled account once the data directory has accounts; `os` is the
   * operating-system user (os.userInfo), linked to the account of that name when there is one
   * (workbench.ts, resolveActor).
   */
  userSource: 'option' | 'env' | 'os';
  /** True when the user was named with --user or EVLAB_USER (userSource ≠ 'os'). */
  userNamed: boolean;
  /** EVLAB_DEBUG=1: stack traces for every error. */
  debug: boolean;
}

/** Built-in defaults of the global options. */
export const DEFAULT_DATA_DIR = './evlab-data';
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export interface CommandContext {
  io: CliIo;
  globals: GlobalOptions;
  out: Output;
  command: Command;
  /** Repository root (where web/ and package.json live). */
  repoRoot: string;
}

function osUser(env: Record<string, string | undefined>): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  return env.USER ?? env.USERNAME ?? 'unknown';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Command-line value, then environment variable, then built-in default. */
export function resolveGlobals(command: Command, io: CliIo): GlobalOptions {
  const opts = command.optsWithGlobals<{ dataDir?: string; db?: string; json?: boolean; user?: string }>();
  const dataDir = nonEmpty(opts.dataDir) ?? nonEmpty(io.env.EVLAB_DATA_DIR) ?? DEFAULT_DATA_DIR;
  const userSource =
    nonEmpty(opts.user) !== undefined ? 'option' : nonEmpty(io.env.EVLAB_USER) !== undefined ? 'env' : 'os';
  return {
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(io.cwd, dataDir),
    db: nonEmpty(opts.db) ?? nonEmpty(io.env.EVLAB_DB),
    json: opts.json === true,
    user: nonEmpty(opts.user) ?? nonEmpty(io.env.EVLAB_USER) ?? osUser(io.env),
    userSource,
    userNamed: userSource !== 'os',
    debug: io.env.EVLAB_DEBUG === '1' || io.env.EVLAB_DEBUG === 'true',
  };
}

export function makeContext(command: Command, io: CliIo, repoRoot: string): CommandContext {
  const globals = resolveGlobals(command, io);
  return { io, globals, out: new Output(io, globals.json), command, repoRoot };
}

/**
 * Which database the global options point at, for messages: dialect and a description with any password
 * masked ("SQLite /data/evlab.sqlite", "postgres://evlab:***@db/evlab"). An unsupported --db value is a
 * usage error. The store module (and its drivers) is loaded only here, lazily.
 */
export async function describeDatabase(
  globals: Pick<GlobalOptions, 'db' | 'dataDir'>,
): Promise<{ dialect: 'sqlite' | 'postgres'; database: string }> {
  const { resolveStoreTarget, redactDatabaseUrl } = await import('../store/open-store.ts');
  let target: ReturnType<typeof resolveStoreTarget>;
  try {
    target = resolveStoreTarget(globals.db, globals.dataDir);
  } catch (error) {
    throw new CliError(`--db: ${(error as Error).message}`, 'invalid-db', EXIT_USAGE);
  }
  return target.dialect === 'sqlite'
    ? { dialect: 'sqlite', database: `SQLite ${target.file}` }
    : { dialect: 'postgres', database: `PostgreSQL ${redactDatabaseUrl(target.url)}` };
}
