/**
 * Reads one input file for the analysis commands (assay, wb, proteomics): the result of `analyse`, or
 * `{ file, error }` naming why there is none (missing file, FormatError with its line, a bad option).
 * `file` is the path exactly as the user gave it.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FormatError } from '../../formats/format-error.ts';
import type { CommandContext } from '../context.ts';
import { describeError, stackOf } from '../errors.ts';

export interface FileErrorEntry {
  file: string;
  error: { code: string; message: string; line: number | null; byteOffset: number | null };
}

export function isFileError(entry: unknown): entry is FileErrorEntry {
  return typeof entry === 'object' && entry !== null && 'error' in entry && 'file' in entry;
}

export async function readFileEntry<T extends object>(
  ctx: CommandContext,
  file: string,
  analyse: (bytes: Uint8Array, file: string) => T,
): Promise<(T & { file: string }) | FileErrorEntry> {
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
    return { file, ...analyse(bytes, file) };
  } catch (error) {
    if (error instanceof FormatError)
      return {
        file,
        error: { code: error.code, message: error.message, line: error.line, byteOffset: error.byteOffset },
      };
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
