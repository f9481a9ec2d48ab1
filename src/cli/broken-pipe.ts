import type { CliStream } from './context.ts';

/** The slice of process.stdout the guard needs. */
interface ProcessStream {
  write(chunk: string): boolean;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Wraps the process's stdout so that a reader going away (`evlab fcs export f.fcs | head`) ends the output
 * quietly, as coreutils do: Node ignores SIGPIPE, so every write to a closed pipe fails with EPIPE, and an
 * unhandled 'error' event would crash the process with a stack trace. After the first EPIPE the wrapper
 * drops every further write and reports `closed`, so streaming commands stop producing output and exit 0.
 * Any other stream error is rethrown (an internal error, as before).
 */
export function guardBrokenPipe(stream: ProcessStream): CliStream & { readonly closed: boolean } {
  let closed = false;
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') {
      closed = true;
      return;
    }
    throw error;
  });
  return {
    get closed() {
      return closed;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    write(chunk: string): boolean {
      return closed ? false : stream.write(chunk);
    },
  };
}

let processStdout: (CliStream & { readonly closed: boolean }) | undefined;

/** process.stdout behind the broken-pipe guard; one guard (one 'error' listener) per process. */
export function guardedProcessStdout(): CliStream {
  processStdout ??= guardBrokenPipe(process.stdout);
  return processStdout;
}

/**
 * Writes one chunk of a long output and lets pending I/O events run (an EPIPE is reported asynchronously),
 * then says whether the reader is still there. Streaming commands stop when it returns false.
 */
export async function writeChunk(stream: CliStream, text: string): Promise<boolean> {
  if (stream.closed) return false;
  stream.write(text);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return !isClosed(stream); // read again: the EPIPE may have arrived while I/O events ran
}

function isClosed(stream: CliStream): boolean {
  return stream.closed === true;
}
