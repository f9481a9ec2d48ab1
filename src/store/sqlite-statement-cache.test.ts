import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CachedStatementDatabase } from './sqlite-statement-cache.ts';

describe('SQLite statement cache', () => {
  it('prepares a repeated query once, bounded by least-recent use', () => {
    const raw = new BetterSqlite3(':memory:');
    const db = new CachedStatementDatabase(raw, 2);
    const a = db.prepare('select 1 as x');
    expect(db.prepare('select 1 as x')).toBe(a);
    db.prepare('select 2 as x');
    db.prepare('select 1 as x'); // refresh: 'select 2' is now the least recently used
    db.prepare('select 3 as x'); // evicts 'select 2'
    expect(db.size).toBe(2);
    expect(db.prepare('select 1 as x')).toBe(a);
    const missesBefore = db.misses;
    db.prepare('select 2 as x');
    expect(db.misses).toBe(missesBefore + 1);
    db.close();
  });

  it('forgets every statement on DDL and gives a fresh statement while the cached one iterates', () => {
    const raw = new BetterSqlite3(':memory:');
    const db = new CachedStatementDatabase(raw);
    db.prepare('create table t (a integer)').run([]);
    db.prepare('insert into t (a) values (?)').run([1]);
    db.prepare('insert into t (a) values (?)').run([2]);
    const select = db.prepare('select a from t order by a');
    const iterator = select.iterate([]);
    iterator.next(); // the statement is now busy
    const again = db.prepare('select a from t order by a');
    expect(again).not.toBe(select);
    expect(again.all([])).toEqual([{ a: 1 }, { a: 2 }]);
    iterator.return?.();
    db.prepare('alter table t add column b text');
    expect(db.size).toBe(0);
    db.close();
  });

  it('returns the right rows through Kysely before and after a schema change', async () => {
    const cached = new CachedStatementDatabase(new BetterSqlite3(':memory:'));
    const k = new Kysely<{ t: { a: number; b?: string | null } }>({
      dialect: new SqliteDialect({ database: cached }),
    });
    await sql`create table t (a integer)`.execute(k);
    for (const a of [1, 2, 3]) await k.insertInto('t').values({ a }).execute();
    const read = () => k.selectFrom('t').selectAll().where('a', '>=', 2).orderBy('a').execute();
    expect(await read()).toEqual([{ a: 2 }, { a: 3 }]);
    expect(await read()).toEqual([{ a: 2 }, { a: 3 }]);
    expect(cached.hits).toBeGreaterThan(0);
    await sql`alter table t add column b text`.execute(k);
    expect(await read()).toEqual([
      { a: 2, b: null },
      { a: 3, b: null },
    ]);
    await k.destroy();
  });

  it('reads rows as arrays but answers with the same objects better-sqlite3 builds', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec(
      `create table t (id integer primary key, name text, x real, data blob, "weird ""key""" text, "__proto__" text)`,
    );
    raw.prepare('insert into t values (?, ?, ?, ?, ?, ?)').run(1, 'a', 1.5, Buffer.from([1, 2]), 'w', 'p');
    raw.prepare('insert into t values (?, ?, ?, ?, ?, ?)').run(2, null, -0.25, null, null, null);
    const db = new CachedStatementDatabase(raw);
    for (const query of [
      'select id, name, x, data, "weird ""key""" from t order by id',
      // a later duplicate column name wins, as in better-sqlite3's own objects
      'select id, name, x as name from t order by id',
      // __proto__ cannot be an object-literal key: left to better-sqlite3
      'select * from t order by id',
    ]) {
      const expected = raw.prepare(query).all();
      const statement = db.prepare(query);
      expect(statement.all([])).toEqual(expected);
      expect([...statement.iterate([])]).toEqual(expected);
      expect(statement.all([]).map((row) => Object.keys(row as object))).toEqual(
        expected.map((row) => Object.keys(row as object)),
      );
    }
    const withProto = db.prepare('select * from t order by id').all([]) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(withProto[0])).toBe(Object.prototype);
    // writes (no RETURNING) still report changes; RETURNING rows come back as objects
    expect(db.prepare('update t set x = x + 1').run([]).changes).toBe(2);
    const returning = db.prepare('insert into t (id, name) values (?, ?) returning id, name');
    expect(returning.all([3, 'c'])).toEqual([{ id: 3, name: 'c' }]);
  });
});
