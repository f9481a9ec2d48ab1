import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchInputSchema } from '../domain/batch.ts';
import { projectInputSchema } from '../domain/project.ts';
import type { EvlabStore } from './evlab-store.ts';
import { openStore } from './open-store.ts';
import { SqliteStateCache, sqliteDatabaseState } from './sqlite-state-cache.ts';

describe('SqliteStateCache', () => {
  it('keeps an answer until this connection or another one writes, and freezes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evlab-state-cache-'));
    const file = join(dir, 'db.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('create table t (n integer)');
    const other = new BetterSqlite3(file);
    const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      const cache = new SqliteStateCache<{ rows: number[] }>(8);
      let computed = 0;
      const read = () =>
        cache.get(db, 'all', async () => {
          computed += 1;
          return { rows: (await db.selectFrom('t').select('n').orderBy('n').execute()).map((r) => r.n) };
        });
      expect(await read()).toEqual({ rows: [] });
      expect(await read()).toEqual({ rows: [] });
      expect(computed).toBe(1);
      const state = await sqliteDatabaseState(db);
      await sql`insert into t (n) values (1)`.execute(db); // this connection
      expect(await sqliteDatabaseState(db)).not.toBe(state);
      expect(await read()).toEqual({ rows: [1] });
      other.prepare('insert into t (n) values (2)').run(); // another connection (process)
      expect(await read()).toEqual({ rows: [1, 2] });
      other.prepare('delete from t where n = 1').run();
      const kept = await read();
      expect(kept).toEqual({ rows: [2] });
      expect(computed).toBe(4);
      expect(() => kept.rows.push(3)).toThrow(TypeError);
      expect(await read()).toEqual({ rows: [2] });
      expect(computed).toBe(4);
    } finally {
      other.close();
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('batch list between writes (SQLite store)', () => {
  let dir: string;
  let a: EvlabStore;
  let b: EvlabStore;
  let projectId: string;
  const codes = async (store: EvlabStore, filter = {}) =>
    (await store.listBatches({ projectId, ...filter })).items.map((batch) => batch.code).sort();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-batch-list-cache-'));
    a = await openStore({ db: 'sqlite', dataDir: dir });
    b = await openStore({ db: 'sqlite', dataDir: dir });
    projectId = (await a.createProject(projectInputSchema.parse({ name: 'cache' }), 'test')).id;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows every write at once: its own, another process’s, updates and deletes', async () => {
    expect(await codes(a)).toEqual([]);
    const one = await a.createBatch(batchInputSchema.parse({ projectId, code: 'EV-1' }), 'test');
    expect(await codes(a)).toEqual(['EV-1']);
    await b.createBatch(batchInputSchema.parse({ projectId, code: 'EV-2' }), 'test');
    expect(await codes(a)).toEqual(['EV-1', 'EV-2']);
    await b.updateBatch(one.id, { notes: 'changed elsewhere' }, 'test');
    const page = await a.listBatches({ projectId });
    expect(page.items.find((batch) => batch.code === 'EV-1')?.notes).toBe('changed elsewhere');
    expect(page.total).toBe(2);
    await b.deleteBatch(one.id, 'test');
    expect(await codes(a)).toEqual(['EV-2']);
    // Different filters are different answers.
    expect(await codes(a, { q: 'nothing-like-this' })).toEqual([]);
    expect(await codes(a, { limit: 1 })).toEqual(['EV-2']);
  });
});
