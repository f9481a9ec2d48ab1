/**
 * Property tests over every reader of the fuzz registry (fuzz-targets.ts): random bytes, random text,
 * random CSV-like lines and the synthetic seeds of fuzz-seeds.ts with random bytes spliced in. A reader
 * either returns a result or refuses with a FormatError that names the file (and a line or byte offset
 * where the reader knows one); never anything else, and never more than 1 s. The long mutation run is
 * bench/fuzz-readers.bench.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from './format-error.ts';
import { SYNTHETIC_SEEDS } from './fuzz-seeds.ts';
import { FUZZ_TARGETS } from './fuzz-targets.ts';

const enc = new TextEncoder();
const csvLike = fc
  .array(
    fc
      .array(
        fc.oneof(
          fc.double().map(String),
          fc.string({ maxLength: 8 }),
          fc.constantFrom('', 'NA', '"', '1e309', '-nan(ind)', '<', '[', '{'),
        ),
        { maxLength: 6 },
      )
      .map((cells) => cells.join(fc.sample(fc.constantFrom(',', ';', '\t'), 1)[0] ?? ',')),
    { maxLength: 12 },
  )
  .map((lines) => enc.encode(lines.join('\n')));

describe.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('fuzz %s', (name, target) => {
  const seeds = SYNTHETIC_SEEDS[name]?.() ?? [];
  const mutatedSeed =
    seeds.length === 0
      ? fc.uint8Array({ maxLength: 10 })
      : fc
          .tuple(
            fc.constantFrom(...seeds),
            fc.nat(),
            fc.nat({ max: 64 }),
            fc.uint8Array({ minLength: 1, maxLength: 16 }),
          )
          .map(([seed, at, cut, ins]) => {
            const p = at % (seed.length + 1);
            const out = new Uint8Array(seed.length - Math.min(cut, seed.length - p) + ins.length);
            out.set(seed.subarray(0, p), 0);
            out.set(ins, p);
            out.set(seed.subarray(Math.min(seed.length, p + cut)), p + ins.length);
            return out;
          });

  it('returns a result or a FormatError naming the file, within 1 s', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          csvLike,
          fc.string().map((s) => enc.encode(s)),
          mutatedSeed,
        ),
        (bytes) => {
          const t0 = performance.now();
          try {
            target.read(bytes);
          } catch (error) {
            if (!(error instanceof FormatError)) throw error;
            expect(error.file).toMatch(/^fuzz\./);
            expect(error.message.length).toBeLessThan(2000);
          }
          expect(performance.now() - t0).toBeLessThan(1000);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads its synthetic seeds (they exercise the parser, not only its refusals)', () => {
    const outcomes = seeds.map((s) => {
      try {
        target.read(s);
        return 'ok';
      } catch (error) {
        return String(error);
      }
    });
    expect(outcomes.filter((o) => o === 'ok').length, outcomes.join('\n')).toBeGreaterThan(0);
  });
});
