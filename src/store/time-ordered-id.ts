/**
 * Time-ordered UUIDs (version 7, RFC 9562 section 5.7) generated in JS from crypto random bytes.
 *
 * Why not crypto.randomUUID (v4): list queries and the audit trail order by (timestamp, id), and several
 * rows often share one millisecond (a create followed by an update, a bulk import). With v7 ids, generated
 * monotonically within this process (RFC 9562 section 6.2, method 1: a 12-bit counter in rand_a seeded
 * randomly each millisecond), the id breaks such ties in creation order. The text form sorts
 * lexicographically in time order on both SQLite (binary collation) and PostgreSQL.
 */
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A generator with its own monotonic state; ids from one generator strictly increase. */
export function createTimeOrderedIdGenerator(): (nowMs?: number) => string {
  let lastMs = -1;
  let counter = 0;
  return (nowMs: number = Date.now()) => {
    let ms = Math.max(Math.floor(nowMs), 0);
    if (ms > lastMs) {
      lastMs = ms;
      // Seed in the lower half so at least 2048 ids fit in one millisecond before borrowing the next.
      counter = randomInt(0x800);
    } else {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        // Counter exhausted: borrow the next millisecond (RFC 9562 lets the timestamp run slightly ahead).
        lastMs += 1;
        ms = lastMs;
        counter = randomInt(0x800);
      }
    }
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    // 48-bit big-endian unix milliseconds.
    let t = ms;
    for (let i = 5; i >= 0; i -= 1) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = 0x70 | ((counter >> 8) & 0x0f); // version 7 + counter high bits
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // RFC 9562 variant (10xx)
    let out = '';
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
      out += HEX[bytes[i] ?? 0];
    }
    return out;
  };
}

/** Process-wide generator used by the store. */
export const newTimeOrderedId: (nowMs?: number) => string = createTimeOrderedIdGenerator();

/** Milliseconds since the Unix epoch encoded in a version-7 UUID. */
export function timeOfId(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

function randomInt(bound: number): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return (buf[0] ?? 0) % bound;
}
