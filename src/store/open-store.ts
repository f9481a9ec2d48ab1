/**
 * Opens the evlab store on SQLite (default) or PostgreSQL, from one `db` setting:
 *   undefined | null | 'sqlite'     -> <dataDir>/evlab.sqlite (directory created)
 *   'sqlite::memory:'               -> private in-memory SQLite database (tests)
 *   'sqlite:<path>'                 -> SQLite file at <path>
 *   '/abs/path', './rel', 'x.sqlite' -> SQLite file at that path (absolute, ./relative or .sqlite/.sqlite3/.db)
 *   'postgres://…' | 'postgresql://…' -> pg Pool
 */
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';
import type { EvlabStore } from './evlab-store.ts';
import { KyselyEvlabStore } from './kysely-evlab-store.ts';
import { CachedStatementDatabase } from './sqlite-statement-cache.ts';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-write-transaction.ts';

export interface OpenStoreOptions {
  /** Database setting (see file header). */
  db?: string | null;
  /** Directory for the default SQLite file. */
  dataDir: string;
  /** PostgreSQL pool size (default 10). */
  poolMax?: number;
  /**
   * PostgreSQL only: keep every table in this schema (created when missing; search_path is set on every
   * pooled connection). Tests use one schema per file so parallel files do not collide.
   */
  schema?: string;
  /** Apply pending migrations before returning (default true; idempotent). */
  migrate?: boolean;
  /** Time source for timestamps (tests). */
  clock?: () => Date;
}

export type StoreTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export const SQLITE_FILE_NAME = 'evlab.sqlite';
export const SQLITE_MEMORY = ':memory:';

/** Default pg pool size: node-postgres's own default (https://node-postgres.com/apis/pool). */
export const DEFAULT_POOL_MAX = 10;

/** Resolves the `db` setting to a concrete target; throws for anything it does not recognise. */
export function resolveStoreTarget(db: string | null | undefined, dataDir: string): StoreTarget {
  const setting = db?.trim() ?? '';
  if (setting === '' || setting === 'sqlite')
    return { dialect: 'sqlite', file: join(resolve(dataDir), SQLITE_FILE_NAME) };
  if (setting === 'sqlite::memory:' || setting === ':memory:')
    return { dialect: 'sqlite', file: SQLITE_MEMORY };
  if (setting.startsWith('sqlite:'))
    return { dialect: 'sqlite', file: resolve(setting.slice('sqlite:'.length)) };
  if (/^postgres(ql)?:\/\//i.test(setting)) return { dialect: 'postgres', url: setting };
  // A bare file path (absolute, ./relative, or with a SQLite extension) also means a SQLite file.
  if (
    !setting.includes('://') &&
    (isAbsolute(setting) || setting.startsWith('.') || /\.(sqlite3?|db)$/i.test(setting))
  ) {
    return { dialect: 'sqlite', file: resolve(setting) };
  }
  throw new Error(
    `unsupported database setting "${redactDatabaseUrl(setting)}": use sqlite, sqlite::memory:, sqlite:<file> or postgres://…`,
  );
}

/** Replaces the password of a database URL with *** for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export async function openStore(options: OpenStoreOptions): Promise<EvlabStore> {
  const target = resolveStoreTarget(options.db, options.dataDir);
  const store =
    target.dialect === 'sqlite' ? openSqlite(target.file, options) : await openPostgres(target.url, options);
  if (options.migrate ?? true) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

function openSqlite(file: string, options: OpenStoreOptions): KyselyEvlabStore {
  if (options.schema !== undefined) throw new Error('the schema option applies to PostgreSQL only');
  if (file !== SQLITE_MEMORY) mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  // WAL: readers never block the writer (https://www.sqlite.org/wal.html); not applicable in memory.
  if (file !== SQLITE_MEMORY) database.pragma('journal_mode = WAL');
  // SQLite enforces foreign keys only when asked, per connection (https://www.sqlite.org/foreignkeys.html).
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Statements are prepared once and reused (sqlite-statement-cache.ts), not compiled on every query;
  // EVLAB_SQLITE_STATEMENT_CACHE=0 turns that off (for comparison in bench/api-load.bench.ts).
  const cache = process.env.EVLAB_SQLITE_STATEMENT_CACHE !== '0';
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({
      database: cache ? new CachedStatementDatabase(database) : database,
    }),
  });
  return new KyselyEvlabStore(db, 'sqlite', { clock: options.clock });
}

/**
 * Dialect-specific (SQLite): SQLite supports transactional DDL, but Kysely's adapter says it does not, so
 * its Migrator would run migrations outside a transaction. Saying true makes each migration all-or-nothing.
 */
class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}" (lowercase letters, digits, _; max 63)`);
  }
  return `"${schema}"`;
}

/** Adds `-c search_path=<schema>` to the libpq `options` parameter of a URL, keeping any existing options. */
export function withSearchPath(url: string, schema: string): string {
  quoteSchema(schema);
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.set('options', [existing, `-c search_path=${schema}`].filter(Boolean).join(' '));
  return parsed.toString();
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<KyselyEvlabStore> {
  let connectionString = url;
  let schema = options.schema;
  if (schema !== undefined) {
    await createPostgresSchema(url, schema);
    connectionString = withSearchPath(url, schema);
  }
  const pool = new pg.Pool({ connectionString, max: options.poolMax ?? DEFAULT_POOL_MAX });
  // An idle client losing its server connection emits 'error' on the pool; without a listener Node exits.
  pool.on('error', (error) => {
    process.stderr.write(`[evlab store] idle PostgreSQL connection error: ${error.message}\n`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (schema === undefined) {
    // Kysely's Migrator looks for its tables in every schema unless told which one: pin it to ours.
    try {
      const { rows } = await pool.query<{ schema: string | null }>('select current_schema() as schema');
      schema = rows[0]?.schema ?? undefined;
    } catch (error) {
      await db.destroy();
      throw new Error(
        `cannot connect to PostgreSQL at ${redactDatabaseUrl(url)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (schema === undefined) {
      await db.destroy();
      throw new Error(
        'PostgreSQL search_path names no existing schema; create one or pass the schema option',
      );
    }
  }
  return new KyselyEvlabStore(db, 'postgres', { clock: options.clock, migrationTableSchema: schema });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a PostgreSQL schema if it does not exist. */
export async function createPostgresSchema(url: string, schema: string): Promise<void> {
  const quoted = quoteSchema(schema);
  await withClient(url, async (client) => {
    try {
      await client.query(`create schema if not exists ${quoted}`);
    } catch (error) {
      // Two sessions creating the same schema at once can both pass "if not exists"; the loser gets 23505.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  });
}

/** Drops a PostgreSQL schema and everything in it (tests). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const quoted = quoteSchema(schema);
  await withClient(url, (client) => client.query(`drop schema if exists ${quoted} cascade`));
}
