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
 * - Rows are read as arrays (better-sqlite3's raw mode) and turned into objects by a constructor compiled
 *   once per statement from its column names. better-sqlite3 builds each row object property by property;
 *   for the 50-row, 16-column batch-list page that took 328–392 µs of a request's ~0.8 ms; the array read plus
 *   the compiled constructor 177–188 µs (better-sqlite3 12, Node 20; bench/results/api-load.md).
 *   Same objects: same keys in the same order, a later duplicate column name wins as before.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What the cache needs of better-sqlite3's Statement: raw mode is optional (test doubles lack it). */
type PreparedStatement = SqliteStatement & {
  readonly busy?: boolean;
  raw?(toggle: boolean): unknown;
  columns?(): { name: string }[];
};

/** What the cache needs of better-sqlite3's Database. */
interface PreparingDatabase {
  prepare(sql: string): PreparedStatement;
  close(): unknown;
}

/**
 * A reading statement in raw mode that answers with row objects, built by `toRow` (compiled once from the
 * column names). Writes without RETURNING are not readers and are never wrapped.
 */
class ArrayRowStatement implements SqliteStatement {
  readonly reader = true;

  constructor(
    private readonly statement: PreparedStatement,
    private readonly toRow: (values: readonly unknown[]) => unknown,
  ) {}

  get busy(): boolean {
    return this.statement.busy === true;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows = this.statement.all(parameters) as unknown[][];
    const out = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.toRow(rows[i] as unknown[]);
    return out;
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.statement.run(parameters);
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    for (const values of this.statement.iterate(parameters)) yield this.toRow(values as unknown[]);
  }
}

/**
 * `values => ({ "a": values[0], "b": values[1], … })`, or null when a column name cannot be an ordinary
 * object-literal key (`__proto__` would set the prototype instead of a property).
 */
function compileRowConstructor(names: readonly string[]): ((values: readonly unknown[]) => unknown) | null {
  if (names.some((name) => name === '__proto__')) return null;
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: readonly unknown[]) => unknown;
}

/** The statement as an array-row reader when it reads and supports raw mode; otherwise unchanged. */
function withArrayRows(statement: PreparedStatement): PreparedStatement {
  if (!statement.reader || typeof statement.raw !== 'function' || typeof statement.columns !== 'function')
    return statement;
  const toRow = compileRowConstructor(statement.columns().map((column) => column.name));
  if (toRow === null) return statement;
  statement.raw(true);
  return new ArrayRowStatement(statement, toRow);
}

/** Statements kept: the store issues a few dozen query shapes; 256 leaves room for filter combinations. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

const DDL = /^\s*(?:create|alter|drop)\b/i;

export class CachedStatementDatabase implements SqliteDatabase {
  private readonly cache = new Map<string, PreparedStatement>();
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
    const statement = withArrayRows(this.database.prepare(sql));
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
