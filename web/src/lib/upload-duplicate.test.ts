import { describe, expect, it } from 'vitest';
import { duplicateOf } from './upload-duplicate.ts';

describe('duplicateOf', () => {
  it('reads the existing measurement of a 409 duplicate-upload problem', () => {
    expect(
      duplicateOf({
        status: 409,
        code: 'duplicate-upload',
        duplicates: [
          { fileName: 'a.csv', sha256: 'x', measurementId: 'm1', rawFileId: 'r1', href: '/measurements/m1' },
        ],
      }),
    ).toEqual({ fileName: 'a.csv', measurementId: 'm1', href: '/measurements/m1' });
  });
  it('is null for any other problem', () => {
    expect(duplicateOf({ status: 409, code: 'conflict' })).toBeNull();
    expect(duplicateOf(null)).toBeNull();
    expect(duplicateOf({ code: 'duplicate-upload', duplicates: [] })).toBeNull();
  });
});
