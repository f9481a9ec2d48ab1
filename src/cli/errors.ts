import { FormatError } from '../formats/format-error.ts';
import { StoreError } from '../store/evlab-store.ts';
import { EXIT_FAILURE } from './exit-codes.ts';

/** An error a command raises on purpose: its message is for the user, no stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly code = 'cli-error',
    readonly exitCode = EXIT_FAILURE,
  ) {
    super(message);
  }
}

/** Node system errors that mean "the user's input or environment", not a bug in evlab. */
const SYSTEM_ERROR_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
  'EROFS',
  'ENOSPC',
  'EMFILE',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

export interface DescribedError {
  /** Stable machine code: StoreError/FormatError code, Node's errno code, or 'internal-error'. */
  code: string;
  message: string;
  exitCode: number;
  /** True when the cause is the user's input or environment (no "this is a bug" hint). */
  expected: boolean;
  line: number | null;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof CliError) {
    return { code: error.code, message: error.message, exitCode: error.exitCode, expected: true, line: null };
  }
  if (error instanceof StoreError) {
    return { code: error.code, message: error.message, exitCode: EXIT_FAILURE, expected: true, line: null };
  }
  if (error instanceof FormatError) {
    return {
      code: error.code,
      message: error.message,
      exitCode: EXIT_FAILURE,
      expected: true,
      line: error.line,
    };
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && SYSTEM_ERROR_CODES.has(code)) {
      return { code, message: error.message, exitCode: EXIT_FAILURE, expected: true, line: null };
    }
    return {
      code: 'internal-error',
      message: error.message,
      exitCode: EXIT_FAILURE,
      expected: false,
      line: null,
    };
  }
  return {
    code: 'internal-error',
    message: String(error),
    exitCode: EXIT_FAILURE,
    expected: false,
    line: null,
  };
}

/** The stack trace, when there is one (printed only with EVLAB_DEBUG=1). */
export function stackOf(error: unknown): string | null {
  return error instanceof Error && error.stack ? error.stack : null;
}
