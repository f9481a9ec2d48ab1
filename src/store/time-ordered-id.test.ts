import { describe, expect, it } from 'vitest';
import { createTimeOrderedIdGenerator, newTimeOrderedId, timeOfId } from './time-ordered-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids (UUIDv7)', () => {
  it('encode the timestamp like the RFC 9562 appendix A.6 example', () => {
    // RFC 9562 A.6: unix_ts_ms 0x017F22E279B0 (2022-02-22T19:22:22.000Z) -> 017F22E2-79B0-7CC3-98C4-DC0C0C07398F;
    // only the timestamp, version and variant are fixed, the rest is random.
    const id = createTimeOrderedIdGenerator()(0x017f22e279b0);
    expect(id).toMatch(UUID_V7);
    expect(id.startsWith('017f22e2-79b0-7')).toBe(true);
    expect(timeOfId(id)).toBe(Date.parse('2022-02-22T19:22:22.000Z'));
  });

  it('strictly increase within one millisecond, past counter overflow, and when the clock goes back', () => {
    const next = createTimeOrderedIdGenerator();
    const ids = [
      ...Array.from({ length: 5000 }, () => next(1_700_000_000_000)),
      next(1_600_000_000_000), // clock stepped backwards
      ...Array.from({ length: 100 }, () => next()),
    ];
    for (const id of ids) expect(id).toMatch(UUID_V7);
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // 5000 ids in one millisecond overflow the 12-bit counter at least once and borrow the next millisecond.
    expect(timeOfId(ids[4999] as string)).toBeGreaterThan(1_700_000_000_000);
  });

  it('uses the current time by default', () => {
    const before = Date.now();
    const id = newTimeOrderedId();
    expect(timeOfId(id)).toBeGreaterThanOrEqual(before);
    expect(timeOfId(id)).toBeLessThanOrEqual(Date.now() + 1);
  });
});
