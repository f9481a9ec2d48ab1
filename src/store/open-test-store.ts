/**
 * Test helper (not used at runtime): opens a fresh, migrated store for one dialect.
 * - sqlite: a private in-memory database.
 * - postgres: EVLAB_TEST_PG_URL (or the url given) with a unique schema, dropped again by dispose().
 * Any test file in the repository may use it to run the same suite on both dialects.
 */
import { tmpdir } from 'node:os';
import type { Dialect, EvlabStore } from './evlab-store.ts';
import { dropPostgresSchema, openStore } from './open-store.ts';

export interface TestStore {
  store: EvlabStore;
  /** PostgreSQL schema the store lives in (null on SQLite). */
  schema: string | null;
  /** Closes the store and drops its PostgreSQL schema. Safe to call twice. */
  dispose(): Promise<void>;
}

let counter = 0;

/** A schema name unique to this process and call: evlab_test_<pid>_<n>_<random>. */
export function uniqueTestSchema(prefix = 'evlab_test'): string {
  counter += 1;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${prefix}_${process.pid}_${counter}_${random}`.toLowerCase();
}

export async function openTestStore(
  dialect: Dialect,
  options: { pgUrl?: string | null; clock?: () => Date; poolMax?: number } = {},
): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = await openStore({ db: 'sqlite::memory:', dataDir: tmpdir(), clock: options.clock });
    return { store, schema: null, dispose: () => store.close() };
  }
  const url = options.pgUrl ?? process.env.EVLAB_TEST_PG_URL;
  if (!url) throw new Error('openTestStore(postgres) needs EVLAB_TEST_PG_URL');
  const schema = uniqueTestSchema();
  let store: EvlabStore;
  try {
    store = await openStore({
      db: url,
      dataDir: tmpdir(),
      schema,
      poolMax: options.poolMax ?? 4,
      clock: options.clock,
    });
  } catch (error) {
    await dropPostgresSchema(url, schema).catch(() => undefined);
    throw error;
  }
  let disposed = false;
  return {
    store,
    schema,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await store.close();
      await dropPostgresSchema(url, schema);
    },
  };
}
