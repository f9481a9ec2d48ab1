import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteWriteTransaction } from './sqlite-write-transaction.ts';

interface Db {
  t: { n: number };
}

describe('SQLite write transaction', () => {
  let dir: string;
  let other: BetterSqlite3.Database;
  let raw: BetterSqlite3.Database;
  let db: Kysely<Db>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-sqlite-write-'));
    const file = join(dir, 'db.sqlite');
    raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('busy_timeout = 2000');
    raw.exec('create table t (n integer)');
    // The "other process": a second connection to the same file.
    other = new BetterSqlite3(file, { timeout: 0 });
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: raw }) });
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the write lock for the whole callback and commits once', async () => {
    const result = await sqliteWriteTransaction(db, async (conn) => {
      await sql`insert into t (n) values (1)`.execute(conn);
      // Another connection cannot write meanwhile: BEGIN IMMEDIATE took the lock before the first statement.
      expect(() => other.prepare('insert into t (n) values (9)').run()).toThrow(/locked|busy/i);
      await sql`insert into t (n) values (2)`.execute(conn);
      return 'done';
    });
    expect(result).toBe('done');
    expect(other.prepare('select n from t order by n').all()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('fails with SQLITE_BUSY when another connection holds the lock past the busy timeout', async () => {
    raw.pragma('busy_timeout = 30');
    other.exec('begin immediate');
    const error = await sqliteWriteTransaction(db, async () => 'never').catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(raw.inTransaction).toBe(false);
  });

  it('rolls back when the work fails and rethrows its error', async () => {
    const error = await sqliteWriteTransaction(db, async (conn) => {
      await sql`insert into t (n) values (4)`.execute(conn);
      throw new Error('work failed');
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe('work failed');
    expect(raw.inTransaction).toBe(false);
    expect(raw.prepare('select count(*) as c from t').get()).toEqual({ c: 0 });
  });
});
