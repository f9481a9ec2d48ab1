/**
 * Dialect-specific (SQLite): one write transaction that waits for another process's write lock without
 * blocking the event loop.
 *
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction that reads and then writes waits for
 * another process instead of failing with SQLITE_BUSY_SNAPSHOT (Kysely's SQLite driver would issue a
 * deferred BEGIN). SQLite's own busy handler (`busy_timeout`) waits by sleeping inside the C call — 1, 2, 5,
 * 10, 15, 20, 25 … ms (sqliteDefaultBusyCallback, src/main.c) — and while it sleeps this process serves
 * nothing: with `evlab serve --workers N` every request queued on a worker waited for another worker's
 * commit. Here the lock is tried with the busy timeout off; on SQLITE_BUSY the connection is released (so
 * this process's reads go on), and the attempt is repeated after a short asynchronous pause, until
 * SQLITE_BUSY_TIMEOUT_MS have passed.
 */
import { type Kysely, sql } from 'kysely';

/**
 * SQLite busy timeout: how long a writer waits for another process's write lock before SQLITE_BUSY.
 * 5 s is the value commonly recommended for WAL-mode applications (https://www.sqlite.org/wal.html,
 * "Sometimes Queries Return SQLITE_BUSY In WAL Mode"); a batch import holds the lock for well under that.
 * Reads keep it as the connection's busy_timeout (open-store.ts); writers wait for it asynchronously here.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Pauses between attempts, in ms: a write transaction of the API holds the lock for about 1 ms (the
 * commit's fsync is most of it, measured in bench/api-load.bench.ts), so the first retries come soon;
 * later ones back off to 10 ms, the step SQLite's own handler reaches after 18 ms of waiting.
 */
const RETRY_PAUSES_MS = [0, 1, 1, 2, 2, 5, 5, 10] as const;

const RETRY = Symbol('retry');

export interface SqliteWriteOptions {
  /** Give up (rethrow SQLITE_BUSY) after this long; default SQLITE_BUSY_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Monotonic clock in ms; injectable for tests. */
  now?: () => number;
}

/** True for better-sqlite3's SqliteError with code SQLITE_BUSY (not its extended codes such as BUSY_SNAPSHOT). */
export function isSqliteBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';
}

export async function sqliteWriteTransaction<DB, T>(
  db: Kysely<DB>,
  fn: (conn: Kysely<DB>) => Promise<T>,
  options: SqliteWriteOptions = {},
): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.timeoutMs ?? SQLITE_BUSY_TIMEOUT_MS);
  for (let attempt = 0; ; attempt++) {
    const outcome = await db.connection().execute(async (conn) => {
      if (!(await tryBeginImmediate(conn, now() < deadline))) return RETRY;
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
    if (outcome !== RETRY) return outcome as T;
    const pause = RETRY_PAUSES_MS[Math.min(attempt, RETRY_PAUSES_MS.length - 1)] ?? 10;
    await new Promise<void>((resolve) => (pause === 0 ? setImmediate(resolve) : setTimeout(resolve, pause)));
  }
}

/**
 * BEGIN IMMEDIATE with the busy handler off. False when another connection holds the write lock and
 * `mayRetry`; otherwise SQLITE_BUSY is thrown like any other error. The connection's busy_timeout is
 * restored in every case.
 */
async function tryBeginImmediate<DB>(conn: Kysely<DB>, mayRetry: boolean): Promise<boolean> {
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    await sql`begin immediate`.execute(conn);
    return true;
  } catch (error) {
    if (mayRetry && isSqliteBusy(error)) return false;
    throw error;
  } finally {
    await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(conn);
  }
}
