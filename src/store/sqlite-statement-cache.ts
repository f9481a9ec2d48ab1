/**
 * A bounded LRU cache of prepared SQLite statements, between Kysely's SqliteDialect and better-sqlite3.
 * Kysely calls `database.prepare(sql)` for every query, and better-sqlite3 compiles the SQL each time;
 * the same few dozen query shapes repeat (Kysely compiles parameters as `?`), so reusing the compiled
 * statement saves the SQLite parse and plan on every request (issue 9 item 19; bench/api-load.bench.ts).
 *
 * - Bounded: at most `capacity` statements (least recently used dropped first).
 * - DDL (CREATE / ALTER / DROP) empties the cache and is not cached: statements prepared against the old
 *   schema are not kept around (SQLite would re-prepare them, but column lists could be stale).
 * - A statement still iterating (Kysely's streamQuery) is `busy`; a second use gets a fresh statement.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What the cache needs of better-sqlite3's Database and Statement. */
interface PreparingDatabase {
  prepare(sql: string): SqliteStatement & { readonly busy?: boolean };
  close(): unknown;
}

/** Statements kept: the store issues a few dozen query shapes; 256 leaves room for filter combinations. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

const DDL = /^\s*(?:create|alter|drop)\b/i;

export class CachedStatementDatabase implements SqliteDatabase {
  private readonly cache = new Map<string, SqliteStatement & { readonly busy?: boolean }>();
  /** Prepares avoided and done, for tests and benches. */
  hits = 0;
  misses = 0;

  constructor(
    private readonly database: PreparingDatabase,
    private readonly capacity = DEFAULT_STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sql: string): SqliteStatement {
    if (DDL.test(sql)) {
      this.cache.clear();
      return this.database.prepare(sql);
    }
    const cached = this.cache.get(sql);
    if (cached !== undefined && cached.busy !== true) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.cache.delete(sql);
      this.cache.set(sql, cached);
      this.hits += 1;
      return cached;
    }
    this.misses += 1;
    const statement = this.database.prepare(sql);
    if (cached !== undefined) return statement; // the cached one is busy: use a fresh one this time
    this.cache.set(sql, statement);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
    return statement;
  }

  get size(): number {
    return this.cache.size;
  }

  close(): void {
    this.cache.clear();
    this.database.close();
  }
}
