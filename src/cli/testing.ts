/**
 * Test harness for the CLI: runs `evlab` in-process with captured stdout/stderr and an injected environment,
 * working directory and shutdown trigger. Used by src/cli/*.test.ts only.
 */
import type { CliIo, CliStream } from './context.ts';
import { type CliOptions, run } from './main.ts';

export class CapturedStream implements CliStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 100,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Pretend stdout/stderr are terminals (progress bars, pretty JSON). */
  tty?: boolean;
  /** For `serve`: resolves when the test wants the server to stop. Default: never. */
  shutdown?: Promise<string>;
  /** Called as soon as stdout receives text (e.g. to learn the URL `serve` prints). */
  onStdout?: (text: string) => void;
  /** Standard input (for --password-stdin). */
  stdin?: string;
}

/** Runs `evlab ARGS…` in-process. The environment is NOT inherited: EVLAB_* from the shell cannot leak in. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const stdout = new CapturedStream(options.tty ?? false);
  const stderr = new CapturedStream(options.tty ?? false);
  const onStdout = options.onStdout;
  const io: CliIo = {
    stdout: onStdout
      ? {
          isTTY: stdout.isTTY,
          write(chunk: string) {
            stdout.write(chunk);
            onStdout(stdout.text);
            return true;
          },
        }
      : stdout,
    stderr,
    env: { EVLAB_USER: 'cli-test', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    waitForShutdown: () => options.shutdown ?? new Promise<string>(() => {}),
    ...(options.stdin !== undefined ? { readStdin: async () => options.stdin as string } : {}),
  };
  const code = await run(args, io, { ...(options.repoRoot ? { repoRoot: options.repoRoot } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
