import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Help } from 'commander';
import { guardedProcessStdout } from './broken-pipe.ts';
import { COMMAND_TABLE, invokedCommandName, type RegisterCommand } from './command-table.ts';
import {
  type CliIo,
  type CommandContext,
  DEFAULT_DATA_DIR,
  EXIT_OK,
  EXIT_USAGE,
  makeContext,
} from './context.ts';
import { describeError, stackOf } from './errors.ts';

/** Repository root: src/cli/main.ts → ../.. (web/, package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The outcome of one run: set by the command that ran (commands return their exit code). */
export interface CliOutcome {
  exitCode: number;
}

export interface CliOptions {
  /** Where web/ (vite.config.ts, dist/) is looked up; tests point it at a temporary directory. */
  repoRoot?: string;
}

/** What command files receive to declare themselves. */
export interface CliApp {
  io: CliIo;
  repoRoot: string;
  /**
   * Wraps a command body for commander: builds the context (global options, output), runs the body with
   * the command's positional arguments and records the exit code it returns. Errors propagate to run().
   */
  action<A extends unknown[]>(
    body: (ctx: CommandContext, ...args: A) => Promise<number>,
  ): (...args: unknown[]) => Promise<void>;
}

/**
 * Builds the `evlab` program. Output streams, environment and exit are injected through `io`, so tests run
 * commands in-process; the exit code ends up in `outcome`. Commander errors are thrown (exitOverride),
 * not turned into process.exit.
 *
 * Commands come from COMMAND_TABLE (command-table.ts): those in `loaded` are declared in full (their
 * module was imported), the others as placeholders with their name and summary only, enough for
 * `evlab --help` and for "Did you mean …?" (run() loads the module of the command invoked).
 */
export function buildProgram(
  io: CliIo = processIo(),
  outcome: CliOutcome = { exitCode: EXIT_OK },
  options: CliOptions = {},
  loaded: ReadonlyMap<string, RegisterCommand> = new Map(),
): Command {
  const root = options.repoRoot ?? repoRoot;
  const program = new Command('evlab');
  const placeholders = new Map<Command, string>();
  const defaultHelp = new Help();
  // Settings first: subcommands copy them when they are created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns) || 80,
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns) || 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({
      showGlobalOptions: true,
      sortSubcommands: false,
      // A placeholder has no options or arguments declared: show the term the table gives.
      subcommandTerm: (cmd) => placeholders.get(cmd) ?? defaultHelp.subcommandTerm(cmd),
    })
    .showHelpAfterError('(run `evlab --help` for usage)');

  program
    .description(
      'evlab — workbench for MSC-derived extracellular vesicles: isolation planning, batches, NTA characterization, QC, pharmacokinetics, evidence.',
    )
    .version(packageVersion(), '-V, --version', 'print the evlab version')
    .helpOption('-h, --help', 'show help for a command')
    .option(
      '--data-dir <dir>',
      `data directory: uploaded files, embedded database (env EVLAB_DATA_DIR, default ${DEFAULT_DATA_DIR})`,
    )
    .option(
      '--db <url>',
      'database URL, e.g. postgres://user@host/evlab (env EVLAB_DB, default embedded SQLite in the data directory)',
    )
    .option('--json', 'machine-readable JSON on stdout; messages go to stderr')
    .option(
      '--user <name>',
      'who is acting, recorded in the audit trail (env EVLAB_USER, default your OS user name)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 failure (a file did not parse, a store or I/O error), 2 usage error.\nSet EVLAB_DEBUG=1 for stack traces.',
    );

  const app: CliApp = {
    io,
    repoRoot: root,
    action<A extends unknown[]>(body: (ctx: CommandContext, ...args: A) => Promise<number>) {
      return async (...args: unknown[]) => {
        // commander calls actions with (...positional, options, command).
        const command = args.at(-1) as Command;
        const positional = args.slice(0, command.registeredArguments.length) as A;
        outcome.exitCode = await body(makeContext(command, io, root), ...positional);
      };
    },
  };

  for (const entry of COMMAND_TABLE) {
    const register = loaded.get(entry.name);
    if (register) {
      register(program, app);
      continue;
    }
    const placeholder = program
      .command(entry.name)
      .summary(entry.summary)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        throw new Error(`command ${entry.name} was not loaded (run it through run())`);
      });
    placeholders.set(placeholder, entry.term);
  }
  return program;
}

/** The registration function of the command `args` invoke (its module imported), if it is in the table. */
async function loadInvokedCommand(args: readonly string[]): Promise<Map<string, RegisterCommand>> {
  const name = invokedCommandName(args);
  const entry = COMMAND_TABLE.find((e) => e.name === name);
  return entry ? new Map([[entry.name, await entry.load()]]) : new Map();
}

/**
 * Runs evlab with user arguments (without node and script), returning the exit code. Never throws and never
 * exits the process: errors become a message on stderr (and a JSON error object on stdout with --json).
 */
export async function run(
  args: readonly string[],
  ioOverrides: Partial<CliIo> = {},
  options: CliOptions = {},
): Promise<number> {
  const io: CliIo = { ...processIo(), ...ioOverrides };
  const outcome: CliOutcome = { exitCode: EXIT_OK };
  const program = buildProgram(io, outcome, options, await loadInvokedCommand(args));
  try {
    await program.parseAsync([...args], { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" only to exitOverride.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      // Unknown command or option, missing or invalid argument: commander already printed why.
      return EXIT_USAGE;
    }
    return reportError(error, io, program.opts().json === true);
  }
}

function reportError(error: unknown, io: CliIo, json: boolean): number {
  const described = describeError(error);
  const debug = io.env.EVLAB_DEBUG === '1' || io.env.EVLAB_DEBUG === 'true';
  // FormatError messages usually name the line already; do not say it twice.
  const where =
    described.line !== null && !described.message.includes(`line ${described.line}`)
      ? ` (line ${described.line})`
      : '';
  io.stderr.write(`evlab: ${described.expected ? '' : 'internal error: '}${described.message}${where}\n`);
  const stack = stackOf(error);
  if (debug && stack) io.stderr.write(`${stack}\n`);
  else if (!described.expected) io.stderr.write('(set EVLAB_DEBUG=1 to see the stack trace)\n');
  if (json) {
    const body = { error: { code: described.code, message: described.message, line: described.line } };
    io.stdout.write(`${JSON.stringify(body)}\n`);
  }
  return described.exitCode;
}

/** The real process: its streams, environment and termination signals. */
export function processIo(): CliIo {
  return {
    // A closed pipe (`evlab … | head`) ends the output quietly instead of crashing on EPIPE.
    stdout: guardedProcessStdout(),
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    waitForShutdown: () =>
      new Promise<string>((resolveSignal) => {
        const onSignal = (signal: NodeJS.Signals) => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          // A second signal while shutting down means "now": do not hang on a stuck close.
          const force = () => {
            process.stderr.write('evlab: forced exit\n');
            process.exit(130);
          };
          process.once('SIGINT', force);
          process.once('SIGTERM', force);
          resolveSignal(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}

/** Entry point used by bin/evlab.mjs with process.argv. Sets process.exitCode; never calls exit itself. */
export async function main(argv: readonly string[]): Promise<void> {
  const code = await run(argv.slice(2));
  process.exitCode = code;
  // Safety net: if a library left a handle open (a pool, a timer), do not hang the shell once output is
  // flushed. unref() keeps this timer from holding the process open by itself.
  setTimeout(() => {
    if (process.env.EVLAB_DEBUG === '1')
      process.stderr.write('evlab: handles still open after exit; exiting\n');
    process.exit(code);
  }, 2000).unref();
}
