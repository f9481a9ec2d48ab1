/**
 * The error NCA raises for data it must not compute on (unsorted or duplicate times, negative
 * concentrations, a route the data contradict, invalid options). It names the subject and, where one sample
 * is at fault, that sample: its source line when the profile carries one, else its 1-based position.
 */
export type NcaInputErrorCode =
  | 'unsorted-times'
  | 'duplicate-time'
  | 'negative-concentration'
  | 'invalid-number'
  | 'length-mismatch'
  | 'route-contradiction'
  | 'invalid-dose'
  | 'invalid-option'
  /** A result overflowed to NaN or ±Infinity (extreme but finite inputs). */
  | 'non-finite-result';

export class NcaInputError extends Error {
  override readonly name = 'NcaInputError';
  constructor(
    readonly code: NcaInputErrorCode,
    readonly reason: string,
    readonly profileId: string,
    /** 0-based sample index in the profile as given, or null when the whole profile or option is at fault. */
    readonly sampleIndex: number | null = null,
    /** 1-based source line (CSV line) of that sample, when known. */
    readonly line: number | null = null,
  ) {
    super(NcaInputError.describe(reason, profileId, sampleIndex, line));
  }

  static describe(reason: string, id: string, index: number | null, line: number | null): string {
    const where = line !== null ? `, line ${line}` : index !== null ? `, sample ${index + 1}` : '';
    return `subject ${id}${where}: ${reason}`;
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      subject: this.profileId,
      sampleIndex: this.sampleIndex,
      line: this.line,
    };
  }
}
