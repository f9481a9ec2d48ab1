import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSqliteBusy, SQLITE_BUSY_TIMEOUT_MS, sqliteWriteTransaction } from './sqlite-write-transaction.ts';

interface Db {
  t: { n: number };
}

describe('SQLite write transaction across processes (connections)', () => {
  let dir: string;
  let other: BetterSqlite3.Database;
  let raw: BetterSqlite3.Database;
  let db: Kysely<Db>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-sqlite-write-'));
    const file = join(dir, 'db.sqlite');
    raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    raw.exec('create table t (n integer)');
    // The "other process": a second connection to the same file.
    other = new BetterSqlite3(file);
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: raw }) });
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits for another connection’s write lock without blocking the event loop', async () => {
    other.exec('begin immediate');
    other.exec('insert into t (n) values (1)');
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(performance.now()), 2);
    const started = performance.now();
    setTimeout(() => other.exec('commit'), 60);
    const result = await sqliteWriteTransaction(db, async (conn) => {
      await sql`insert into t (n) values (2)`.execute(conn);
      return (await sql<{ c: number }>`select count(*) as c from t`.execute(conn)).rows[0]?.c;
    });
    clearInterval(ticker);
    // It ran after the other commit, and saw it.
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(result).toBe(2);
    // SQLite's own busy handler would have slept inside the call: no timer could fire while waiting.
    const whileWaiting = ticks.filter((t) => t < started + 55);
    expect(whileWaiting.length).toBeGreaterThanOrEqual(5);
    // The connection's busy timeout is back for ordinary statements.
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });

  it('gives up with SQLITE_BUSY after the timeout, leaving no transaction open', async () => {
    other.exec('begin immediate');
    const started = performance.now();
    const error = await sqliteWriteTransaction(db, async () => 'never', { timeoutMs: 40 }).catch((e) => e);
    expect(isSqliteBusy(error)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    expect(raw.inTransaction).toBe(false);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(SQLITE_BUSY_TIMEOUT_MS);
    other.exec('rollback');
    // Free again: the next write goes through at once.
    await sqliteWriteTransaction(db, (conn) => sql`insert into t (n) values (3)`.execute(conn));
    expect(raw.prepare('select n from t').all()).toEqual([{ n: 3 }]);
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
