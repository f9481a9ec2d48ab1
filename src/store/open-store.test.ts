import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, describeWithPostgres, postgresUrl } from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { projectInputSchema } from '../domain/project.ts';
import type { EvlabStore } from './evlab-store.ts';
import { KyselyEvlabStore } from './kysely-evlab-store.ts';
import { migrationProvider, migrations } from './migrations/index.ts';
import { openStore, redactDatabaseUrl, resolveStoreTarget, withSearchPath } from './open-store.ts';
import { openTestStore, type TestStore } from './open-test-store.ts';

const actor = 'tester';

function kyselyOf(store: EvlabStore) {
  if (!(store instanceof KyselyEvlabStore)) throw new Error('expected a KyselyEvlabStore');
  return store.kysely;
}

describe('resolveStoreTarget', () => {
  it('defaults to <dataDir>/evlab.sqlite', () => {
    for (const db of [undefined, null, '', 'sqlite', '  sqlite ']) {
      expect(resolveStoreTarget(db, '/data/evlab')).toEqual({
        dialect: 'sqlite',
        file: '/data/evlab/evlab.sqlite',
      });
    }
  });
  it('knows in-memory SQLite, explicit SQLite files and PostgreSQL URLs', () => {
    expect(resolveStoreTarget('sqlite::memory:', '/d')).toEqual({ dialect: 'sqlite', file: ':memory:' });
    expect(resolveStoreTarget('sqlite:/var/lib/evlab/x.db', '/d')).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/evlab/x.db',
    });
    expect(resolveStoreTarget('postgres://u@h:5432/db', '/d')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
    expect(resolveStoreTarget('postgresql://u@h/db', '/d')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u@h/db',
    });
  });
  it('rejects anything else without echoing a password', () => {
    expect(() => resolveStoreTarget('mysql://root:hunter2@db/x', '/d')).toThrow(
      /unsupported database setting/,
    );
    expect(() => resolveStoreTarget('mysql://root:hunter2@db/x', '/d')).not.toThrow(/hunter2/);
    expect(() => resolveStoreTarget('postgres', '/d')).toThrow(/unsupported database setting/);
  });
});

describe('redactDatabaseUrl and withSearchPath', () => {
  it('hides the password only', () => {
    expect(redactDatabaseUrl('postgres://evlab:s3cr%40t@db.lab:5432/evlab')).toBe(
      'postgres://evlab:***@db.lab:5432/evlab',
    );
    expect(redactDatabaseUrl('postgres://evlab@db.lab/evlab')).toBe('postgres://evlab@db.lab/evlab');
  });
  it('adds search_path to the libpq options, keeping existing ones', () => {
    const url = new URL(
      withSearchPath('postgres://u@h:1/db?options=-c%20statement_timeout%3D5000', 'evlab_t1'),
    );
    expect(url.searchParams.get('options')).toBe('-c statement_timeout=5000 -c search_path=evlab_t1');
    expect(() => withSearchPath('postgres://u@h/db', 'bad; drop')).toThrow(/invalid PostgreSQL schema/);
  });
});

describe('openStore on a SQLite file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the data directory and database, in WAL mode with foreign keys on, and reopens it', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await openStore({ dataDir });
    expect(first.dialect).toBe('sqlite');
    expect(existsSync(join(dataDir, 'evlab.sqlite'))).toBe(true);
    const db = kyselyOf(first);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    const project = await first.createProject(projectInputSchema.parse({ name: 'persisted' }), actor);
    await first.close();
    await first.close(); // idempotent

    const second = await openStore({ dataDir, db: 'sqlite' });
    expect(await second.getProject(project.id)).toEqual(project);
    await second.close();
  });

  it('leaves migration to the caller when asked', async () => {
    const store = await openStore({ db: 'sqlite::memory:', dataDir: dir, migrate: false });
    await expect(store.listProjects()).rejects.toThrow(/no such table/);
    await store.migrate();
    expect((await store.listProjects()).total).toBe(0);
    await store.close();
  });

  it('refuses the PostgreSQL-only schema option', async () => {
    await expect(openStore({ db: 'sqlite::memory:', dataDir: dir, schema: 'x' })).rejects.toThrow(
      /PostgreSQL only/,
    );
  });
});

describeEachDialect('migrations', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('record each migration once however often migrate() runs', async () => {
    await t.store.migrate();
    await t.store.migrate();
    const rows = await kyselyOf(t.store)
      .selectFrom('kysely_migration')
      .select('name')
      .orderBy('name')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('go down and up again cleanly', async () => {
    const db = kyselyOf(t.store);
    const migrator = new Migrator({
      db,
      provider: migrationProvider,
      migrationTableSchema: t.schema ?? undefined,
    });
    for (let i = 0; i < Object.keys(migrations).length; i += 1) {
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
    }
    await expect(t.store.listProjects()).rejects.toThrow();
    await t.store.migrate();
    expect((await t.store.listProjects()).total).toBe(0);
  });

  it('store 8-byte floats (double precision, not float4)', async () => {
    const project = await t.store.createProject(projectInputSchema.parse({ name: 'floats' }), actor);
    const batch = await t.store.createBatch(
      batchInputSchema.parse({
        projectId: project.id,
        code: 'F-1',
        conditionedMediumVolumeMl: 999999.123456789,
        storageTemperatureC: -79.99999999,
      }),
      actor,
    );
    const read = await t.store.getBatch(batch.id);
    expect(read?.conditionedMediumVolumeMl).toBe(999999.123456789);
    expect(read?.storageTemperatureC).toBe(-79.99999999);
  });
});

describeWithPostgres('PostgreSQL schemas', () => {
  it('isolate stores from each other and are dropped by dispose()', async () => {
    const url = postgresUrl as string;
    const a = await openTestStore('postgres');
    const b = await openTestStore('postgres');
    try {
      const inA = await a.store.createProject(projectInputSchema.parse({ name: 'in A' }), actor);
      expect(await b.store.getProject(inA.id)).toBeNull();
      expect((await b.store.listProjects()).total).toBe(0);
    } finally {
      await a.dispose();
      await b.dispose();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'select schema_name from information_schema.schemata where schema_name = any($1)',
        [[a.schema, b.schema]],
      );
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('opens on the default schema without a schema option when migrated there', async () => {
    // Only checks connectivity and dialect; migrate: false keeps the shared public schema untouched.
    const store = await openStore({
      db: postgresUrl as string,
      dataDir: tmpdir(),
      migrate: false,
      poolMax: 2,
    });
    try {
      expect(store.dialect).toBe('postgres');
      const result = await sql<{ one: number }>`select 1 as one`.execute(kyselyOf(store));
      expect(result.rows[0]?.one).toBe(1);
    } finally {
      await store.close();
    }
  });
});
