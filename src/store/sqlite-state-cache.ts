/**
 * Dialect-specific (SQLite): answers of read queries kept while the database is unchanged.
 *
 * The database state is this connection's total_changes() — every row it inserted, updated or deleted since
 * it opened (https://www.sqlite.org/lang_corefunc.html#total_changes) — together with PRAGMA data_version,
 * which changes whenever another connection or process commits (https://www.sqlite.org/pragma.html#pragma_data_version).
 * Both are read in one statement (~6 µs in better-sqlite3) before every lookup; when either moved, every
 * kept answer is dropped. So an answer is never served after any write anywhere, whichever table it touched:
 * no per-table invalidation to forget. The store's SQLite driver has one connection, so total_changes()
 * counts every write this process makes.
 *
 * Kept answers are deep-frozen and shared between callers: a caller that tried to change one would get a
 * TypeError (modules are strict), never a silently altered answer for the next caller.
 *
 * Used where many clients read the same thing between writes: the batch list and the evidence search
 * (bench/api-load.bench.ts --mix batches|search, bench/results/api-load.md).
 */
import { type Kysely, sql } from 'kysely';

export class SqliteStateCache<V> {
  readonly #entries = new Map<string, V>();
  #state = '';

  /** `capacity`: answers kept per state; when full, all are dropped (the next reads refill it). */
  constructor(private readonly capacity: number) {}

  /** The kept answer for `key` in the current database state, or compute(), kept (frozen) and returned. */
  async get<DB>(db: Kysely<DB>, key: string, compute: () => Promise<V>): Promise<V> {
    const state = await sqliteDatabaseState(db);
    if (state !== this.#state) {
      this.#entries.clear();
      this.#state = state;
    }
    const kept = this.#entries.get(key);
    if (kept !== undefined) return kept;
    const value = deepFreeze(await compute());
    // Another request may have seen a newer state meanwhile: keep the answer only under its own state.
    if (this.#state === state) {
      if (this.#entries.size >= this.capacity) this.#entries.clear();
      this.#entries.set(key, value);
    }
    return value;
  }
}

/** `changes:version` of the connection (see the module comment). */
export async function sqliteDatabaseState<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ changes: number; version: number }>`
    select total_changes() as changes, (select data_version from pragma_data_version()) as version`.execute(
    db,
  );
  return `${rows[0]?.changes}:${rows[0]?.version}`;
}

function deepFreeze<T>(value: T): T {
  // Typed arrays cannot be frozen; no kept answer holds one today.
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
