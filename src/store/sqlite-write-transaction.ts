/**
 * Dialect-specific (SQLite): one write transaction, shared by the store and the job table.
 *
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction that reads and then writes waits for
 * another process (`evlab serve --workers N`, `evlab worker`, the CLI) instead of failing with
 * SQLITE_BUSY_SNAPSHOT; Kysely's SQLite driver would issue a deferred BEGIN. The driver has one connection
 * guarded by a mutex, so connection() serialises the whole callback within the process.
 *
 * The wait for another process's lock is SQLite's own busy handler (the connection's busy_timeout), which
 * sleeps inside the call. Waiting asynchronously instead (busy timeout off, retry after a pause, the
 * process's writers queued) was tried and measured worse under 50 clients with a quarter of requests
 * writing (bench/api-load.bench.ts, 2 server processes, bench/results/api-load.md): a process whose writer
 * paused lost the lock to the other process's queue again and again, and write p95 rose from ~105–140 ms
 * to ~155–165 ms.
 */
import { type Kysely, sql } from 'kysely';

/**
 * SQLite busy timeout: how long a writer waits for another process's write lock before SQLITE_BUSY.
 * 5 s is the value commonly recommended for WAL-mode applications (https://www.sqlite.org/wal.html,
 * "Sometimes Queries Return SQLITE_BUSY In WAL Mode"); a batch import holds the lock for well under that.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Runs fn between BEGIN IMMEDIATE and COMMIT; any error rolls back and is rethrown. */
export async function sqliteWriteTransaction<DB, T>(
  db: Kysely<DB>,
  fn: (conn: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
