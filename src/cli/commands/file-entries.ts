/**
 * One entry per input file for the commands that read several files (`evlab zetaview`, `tracks`, `tem`,
 * `assay`, `wb`, `proteomics`): the file's bytes go through a reader + analysis; a file that cannot be read
 * (missing, unreadable, malformed, an analysis that cannot run) becomes `{ file, error }` and the others are
 * still reported. `file` is the path exactly as the user gave it, first in each entry.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { FormatError } from '../../formats/format-error.ts';
import type { CommandContext } from '../context.ts';
import { describeError, stackOf } from '../errors.ts';

export interface FileError {
  file: string;
  error: { code: string; message: string; line: number | null; byteOffset: number | null };
}

export function isFileError(entry: unknown): entry is FileError {
  return typeof entry === 'object' && entry !== null && 'error' in entry && 'file' in entry;
}

/** Reads `file` (relative to the CLI's cwd) and runs `analyse` on its bytes; errors become a FileError. */
export async function fileEntry<T extends object>(
  ctx: CommandContext,
  file: string,
  analyse: (bytes: Uint8Array, fileName: string) => T,
): Promise<(T & { file: string }) | FileError> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(ctx.io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (error as Error).message;
    return {
      file,
      error: {
        code: code === 'ENOENT' ? 'not-found' : 'unreadable',
        message: `${file}: ${reason}`,
        line: null,
        byteOffset: null,
      },
    };
  }
  try {
    return { ...analyse(bytes, file), file };
  } catch (error) {
    if (error instanceof FormatError)
      return {
        file,
        error: { code: error.code, message: error.message, line: error.line, byteOffset: error.byteOffset },
      };
    // An analysis refusing its input (e.g. a standard curve that cannot be fitted) names the file.
    if (error instanceof RangeError)
      return {
        file,
        error: {
          code: 'analysis-failed',
          message: `${file}: ${error.message}`,
          line: null,
          byteOffset: null,
        },
      };
    const described = describeError(error);
    const stack = stackOf(error);
    if (ctx.globals.debug && stack) ctx.out.info(stack);
    return {
      file,
      error: { code: described.code, message: `${file}: ${described.message}`, line: null, byteOffset: null },
    };
  }
}

/** commander option parser for a positive finite number. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`"${value}" is not a positive number`);
  return n;
}

/** commander option parser for a finite number. */
export function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError(`"${value}" is not a number`);
  return n;
}
