/**
 * The one error type every file-format reader throws for malformed input. It names the file and, where
 * known, the 1-based line and the 0-based byte offset, plus a stable machine-readable code.
 */
export type FormatErrorCode =
  | 'empty-file'
  | 'binary-content'
  | 'unsupported-encoding'
  | 'not-this-format'
  | 'missing-section'
  | 'malformed-row'
  | 'malformed-number'
  | 'inconsistent-columns'
  | 'truncated'
  | 'too-large';

export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    readonly code: FormatErrorCode,
    readonly reason: string,
    readonly location: { file?: string; line?: number; byteOffset?: number } = {},
  ) {
    super(FormatError.describe(code, reason, location));
  }

  get file(): string | undefined {
    return this.location.file;
  }
  get line(): number | null {
    return this.location.line ?? null;
  }
  get byteOffset(): number | null {
    return this.location.byteOffset ?? null;
  }

  static describe(
    _code: FormatErrorCode,
    reason: string,
    loc: { file?: string; line?: number; byteOffset?: number },
  ): string {
    const where = [
      loc.file,
      loc.line !== undefined ? `line ${loc.line}` : undefined,
      loc.byteOffset !== undefined ? `byte ${loc.byteOffset}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    return where ? `${where}: ${reason}` : reason;
  }

  toJSON(): { code: string; message: string; line: number | null; byteOffset: number | null } {
    return { code: this.code, message: this.message, line: this.line, byteOffset: this.byteOffset };
  }
}
