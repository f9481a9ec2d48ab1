/**
 * Property tests over every reader of the fuzz registry (fuzz-targets.ts): random bytes, random text and
 * random CSV-like lines never crash a reader (only FormatError) and never take more than 1 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyOutcome, FUZZ_TARGETS } from './fuzz-targets.ts';

const csvLike = fc
  .array(
    fc
      .array(
        fc.oneof(
          fc.double().map(String),
          fc.string({ maxLength: 8 }),
          fc.constantFrom('', 'NA', '"', '1e309', '-nan(ind)'),
        ),
        {
          maxLength: 6,
        },
      )
      .map((cells) => cells.join(',')),
    { maxLength: 12 },
  )
  .map((lines) => new TextEncoder().encode(lines.join('\n')));

describe.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('fuzz %s', (_name, target) => {
  it('only ever refuses with a typed error, within 1 s', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          csvLike,
          fc.string().map((s) => new TextEncoder().encode(s)),
        ),
        (bytes) => {
          const t0 = performance.now();
          const outcome = classifyOutcome(target, bytes);
          const ms = performance.now() - t0;
          if (outcome instanceof Error) throw outcome;
          expect(ms).toBeLessThan(1000);
        },
      ),
      { numRuns: 200 },
    );
  });
});
