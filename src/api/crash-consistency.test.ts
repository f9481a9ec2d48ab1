/**
 * Crash consistency (issue 10): the real server in a child process (test/support/crash-server-child.mjs)
 * is SIGKILLed while a multi-file import streams in and while it writes the rows; `evlab db migrate` is
 * SIGKILLed during a migration. After a restart nothing committed is lost, nothing half-written is
 * visible (every raw file of the batch has its measurement, no row without its bytes), no `.part` temp
 * file and no blob without a row remains (EVLAB_ORPHAN_BLOB_GRACE_SECONDS=0), and the audit chain verifies.
 * The import tests run on every dialect (DIALECTS; PostgreSQL in a schema of its own, the child server
 * reaching it through search_path); the migration test runs on SQLite (WAL) and PostgreSQL (the killed
 * client's transaction is rolled back by the server: 0006 leaves no column and no migration row).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeEachDialect,
  describeWithPostgres,
  postgresUrl,
  repoRoot,
} from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { listBlobFiles, verifyRawFiles } from '../jobs/data-integrity.ts';
import { openWorkbench } from '../jobs/workbench.ts';
import { migrationProvider } from '../store/migrations/index.ts';
import { dropPostgresSchema, openStore, withSearchPath } from '../store/open-store.ts';
import { uniqueTestSchema } from '../store/open-test-store.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';
const CHILD = join(repoRoot, 'test', 'support', 'crash-server-child.mjs');
const BOUNDARY = 'evlabcrashboundary';

interface Running {
  child: ChildProcess;
  url: string;
  reconciled: { removedTempFiles: string[]; orphanBlobs: string[]; removedOrphanBlobs: string[] };
}

function startChild(dataDir: string, db = ''): Promise<Running> {
  const child = spawn(process.execPath, [CHILD], {
    cwd: repoRoot,
    env: { ...process.env, EVLAB_DATA_DIR: dataDir, EVLAB_DB: db, EVLAB_ORPHAN_BLOB_GRACE_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        const info = JSON.parse(line) as Omit<Running, 'child'>;
        resolve({ child, ...info });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${err}`));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function part(name: string, bytes: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    bytes,
    Buffer.from('\r\n'),
  ]);
}

/** A whole multipart upload; resolves with the status (or 0 when the connection died). */
function upload(
  url: string,
  token: string,
  batchId: string,
  files: [string, Buffer][],
): Promise<{ status: number; body: string }> {
  const body = Buffer.concat([...files.map(([n, b]) => part(n, b)), Buffer.from(`--${BOUNDARY}--\r\n`)]);
  return new Promise((resolve) => {
    const req = request(
      `${url}/api/batches/${batchId}/files`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': body.length,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve({ status: 0, body: text }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Read-only look at the SQLite file from outside the server (WAL: sees committed rows only). */
function countRows(dataDir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(join(dataDir, 'evlab.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare(sql).get(...params) as { n: number }).n);
  } finally {
    db.close();
  }
}

const files = (prefix: string, n: number, size = 2048): [string, Buffer][] =>
  Array.from({ length: n }, (_, i) => [
    `${prefix}-${i}.txt`,
    Buffer.concat([Buffer.from(`${prefix} file ${i}\n`), randomBytes(size)]),
  ]);

/**
 * Committed rows seen from outside the server: the SQLite file read-only (WAL: committed rows only), or a
 * separate PostgreSQL connection (READ COMMITTED: committed rows only).
 */
async function countCommitted(
  dialect: 'sqlite' | 'postgres',
  dataDir: string,
  pgDb: string,
  sql: string,
  param: string,
): Promise<number> {
  if (dialect === 'sqlite') return countRows(dataDir, sql, param);
  const client = new pg.Client({ connectionString: pgDb });
  await client.connect();
  try {
    const res = await client.query(sql.replace('?', '$1'), [param]);
    return Number(res.rows[0]?.n);
  } finally {
    await client.end();
  }
}

describeEachDialect('crash consistency (real server process, SIGKILL)', (dialect) => {
  // PostgreSQL: a schema of its own; the server child reaches it through search_path in EVLAB_DB.
  const schema = dialect === 'postgres' ? uniqueTestSchema('evlab_crash') : null;
  const pgUrl = postgresUrl ?? '';
  const childDb = schema ? withSearchPath(pgUrl, schema) : '';
  const open = (dataDir: string) =>
    openWorkbench({ dataDir, ...(schema ? { db: pgUrl, pgSchema: schema } : {}) });
  let dataDir: string;
  let token: string;
  let batchId: string;
  let server: Running | null = null;
  const committed: [string, Buffer][] = files('committed', 3);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'evlab-crash-'));
    const wb = await open(dataDir);
    try {
      const user = await wb.store.accounts.createUser(
        { name: 'crash-admin', displayName: 'Crash admin', role: 'admin', password: null },
        'setup',
      );
      token = (await wb.store.accounts.createApiToken(user.id, { name: 'crash' }, 'setup')).token;
      const project = await wb.store.createProject({ name: 'Crash', description: '' }, 'setup');
      batchId = (
        await wb.store.createBatch(
          batchInputSchema.parse({ projectId: project.id, code: 'CRASH-1' }),
          'setup',
        )
      ).id;
    } finally {
      await wb.close();
    }
  }, 60_000);
  afterAll(async () => {
    if (server) await kill(server.child);
    if (schema) await dropPostgresSchema(pgUrl, schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const batchRawFiles = () =>
    countCommitted(
      dialect,
      dataDir,
      childDb,
      'select count(*) as n from raw_files where batch_id = ?',
      batchId,
    );
  const tmpParts = () => {
    const tmp = join(dataDir, 'blobs', 'tmp');
    return existsSync(tmp) ? readdirSync(tmp).filter((f) => f.endsWith('.part')) : [];
  };

  /** The invariants after a restart. */
  async function checkConsistent(expectedCommitted: [string, Buffer][]) {
    const wb = await open(dataDir);
    try {
      const raw = await wb.store.listRawFiles({ batchId, limit: 1000 });
      const measurements = await wb.store.listMeasurements({ batchId, limit: 1000 });
      // Nothing half-written: every raw file of the batch has exactly one measurement, and vice versa.
      expect(measurements.items.map((m) => m.rawFileId).sort()).toEqual(raw.items.map((r) => r.id).sort());
      // Nothing committed lost: byte-identical content for every file committed before the crash.
      for (const [name, bytes] of expectedCommitted) {
        const row = raw.items.find((r) => r.originalName === name);
        expect(row, name).toBeDefined();
        const stored = await wb.blobs.get(row?.sha256 as string);
        expect(stored !== null && Buffer.from(stored).equals(bytes), name).toBe(true);
      }
      // No orphans: every blob has a row, no temp file is left.
      const referenced = new Set((await wb.store.listRawFilesAfter(null, 100_000)).map((r) => r.sha256));
      const blobs = (await listBlobFiles(join(dataDir, 'blobs'))).map(([h]) => h);
      expect(blobs.filter((h) => !referenced.has(h))).toEqual([]);
      expect(tmpParts()).toEqual([]);
      expect((await verifyRawFiles(wb)).valid).toBe(true);
      expect((await wb.store.verifyAuditTrail()).valid).toBe(true);
      return raw.items;
    } finally {
      await wb.close();
    }
  }

  it('commits a first multi-file upload', async () => {
    server = await startChild(dataDir, childDb);
    const res = await upload(server.url, token, batchId, committed);
    // Plain text is no instrument export: stored, unparsed (422), but committed.
    expect([201, 422]).toContain(res.status);
    expect(await batchRawFiles()).toBe(3);
  }, 90_000);

  it('SIGKILL while the parts stream in: the stored parts and the .part file are cleaned up at restart', async () => {
    if (!server) throw new Error('no server');
    const streamed = files('streamed', 3);
    const body = Buffer.concat(streamed.map(([n, b]) => part(n, b)));
    const blobsBefore = (await listBlobFiles(join(dataDir, 'blobs'))).length;
    const req = request(`${server.url}/api/batches/${batchId}/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'transfer-encoding': 'chunked',
      },
    });
    req.on('error', () => undefined);
    // Three whole parts, then the start of a fourth large one: the server holds a .part file open.
    req.write(body);
    req.write(part('big.bin', randomBytes(256 * 1024)).subarray(0, 128 * 1024));
    await until('three stored parts and a .part file', () => {
      const blobs = existsSync(join(dataDir, 'blobs', 'sha256'))
        ? readdirSync(join(dataDir, 'blobs', 'sha256'), { recursive: true }).filter((f) =>
            /[0-9a-f]{64}$/.test(String(f)),
          ).length
        : 0;
      return (
        blobs >= blobsBefore + 3 &&
        tmpParts().some((f) => statSync(join(dataDir, 'blobs', 'tmp', f)).size > 0)
      );
    });
    await kill(server.child);
    req.destroy();
    expect(tmpParts().length).toBeGreaterThan(0);
    expect(await batchRawFiles()).toBe(3);

    server = await startChild(dataDir, childDb);
    expect(server.reconciled.removedTempFiles.length).toBeGreaterThan(0);
    expect(server.reconciled.removedOrphanBlobs.length).toBe(3);
    await kill(server.child);
    await checkConsistent(committed);
  }, 120_000);

  it('SIGKILL while the rows are written: only whole files are visible; a retry completes the import', async () => {
    // 50 files: the API's per-upload limit (MAX_FILES_PER_UPLOAD in build-server.ts).
    const many = files('many', 50, 16 * 1024);
    server = await startChild(dataDir, childDb);
    const pending = upload(server.url, token, batchId, many);
    await until('some but not all rows of the import', async () => (await batchRawFiles()) > 3);
    await kill(server.child);
    await pending;
    const seen = await batchRawFiles();
    expect(seen).toBeGreaterThan(3);
    expect(seen).toBeLessThan(53);

    server = await startChild(dataDir, childDb);
    // The bytes of the files whose rows never came are removed; the committed rows are all there.
    expect(server.reconciled.removedOrphanBlobs.length).toBeGreaterThan(0);
    expect(await batchRawFiles()).toBe(seen);
    // The client retries the whole upload: the committed files are reported as duplicates, the rest stored.
    const retry = await upload(server.url, token, batchId, many);
    expect([201, 422]).toContain(retry.status);
    const answer = JSON.parse(retry.body) as { duplicates?: unknown[]; results?: unknown[] };
    expect(answer.duplicates?.length ?? 0).toBe(seen - 3);
    expect(answer.results?.length ?? 0).toBe(53 - seen);
    await kill(server.child);
    server = null;
    const rows = await checkConsistent([...committed, ...many]);
    expect(rows.length).toBe(53);
  }, 180_000);
});

describe('crash consistency of a migration (SQLite, evlab db migrate, SIGKILL)', () => {
  it('a migration killed mid-way leaves the previous schema intact; the next run completes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'evlab-crash-migrate-'));
    try {
      // A data directory at migration 0005 with a long audit trail, so 0006 (which hashes every event) takes time.
      const store = await openStore({ dataDir, migrate: false });
      const db = (store as unknown as { kysely: import('kysely').Kysely<unknown> }).kysely;
      const migrator = new Migrator({ db, provider: migrationProvider });
      const to = await migrator.migrateTo('0005-accounts');
      expect(to.error).toBeUndefined();
      await store.close();
      const EVENTS = 150_000;
      const raw = new Database(join(dataDir, 'evlab.sqlite'));
      const insert = raw.prepare(
        `insert into audit_events (id, at, actor, entity_type, entity_id, batch_id, action, before_json, after_json)
         values (?, ?, 'setup', 'project', ?, null, 'create', null, ?)`,
      );
      raw.transaction(() => {
        for (let i = 0; i < EVENTS; i += 1) {
          const id = `e${String(i).padStart(8, '0')}`;
          insert.run(id, new Date(Date.UTC(2025, 0, 1) + i).toISOString(), id, JSON.stringify({ i }));
        }
      })();
      raw.close();

      const wal = join(dataDir, 'evlab.sqlite-wal');
      const child = spawn(process.execPath, [join(repoRoot, 'bin', 'evlab.mjs'), 'db', 'migrate', '--json'], {
        cwd: repoRoot,
        env: { ...process.env, EVLAB_DATA_DIR: dataDir, EVLAB_DB: '', EVLAB_FROM_SOURCE: '1' },
        stdio: 'ignore',
      });
      // Mid-way: the migration transaction has written to the WAL but not committed.
      await until(
        'the migration writing',
        () => existsSync(wal) && statSync(wal).size > 4 * 1024 * 1024,
        120_000,
      );
      await kill(child);
      expect(child.exitCode).toBeNull();

      const check = new Database(join(dataDir, 'evlab.sqlite'), { readonly: true });
      const applied = (
        check.prepare('select name from kysely_migration order by name').all() as { name: string }[]
      ).map((r) => r.name);
      const columns = (check.prepare('pragma table_info(audit_events)').all() as { name: string }[]).map(
        (c) => c.name,
      );
      const events = Number(
        (check.prepare('select count(*) as n from audit_events').get() as { n: number }).n,
      );
      check.close();
      expect(applied.at(-1)).toBe('0005-accounts');
      expect(columns).not.toContain('hash');
      expect(events).toBe(EVENTS);

      // The next open migrates to the latest and chains every event.
      const wb = await openWorkbench({ dataDir });
      try {
        const report = await wb.store.verifyAuditTrail();
        expect(report.valid).toBe(true);
        expect(report.events).toBe(EVENTS);
      } finally {
        await wb.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describeWithPostgres('crash consistency of a migration (PostgreSQL, evlab db migrate, SIGKILL)', () => {
  it('a migration killed mid-way is rolled back whole; the next run completes it', async () => {
    const pgUrl = postgresUrl ?? '';
    const schema = uniqueTestSchema('evlab_crash_migrate');
    const childDb = withSearchPath(pgUrl, schema);
    const dataDir = mkdtempSync(join(tmpdir(), 'evlab-crash-migrate-pg-'));
    const client = new pg.Client({ connectionString: childDb });
    try {
      // A schema at migration 0005 with a long audit trail, so 0006 (which hashes every event) takes time.
      const store = await openStore({ dataDir, db: pgUrl, schema, migrate: false });
      const db = (store as unknown as { kysely: import('kysely').Kysely<unknown> }).kysely;
      const to = await new Migrator({ db, provider: migrationProvider }).migrateTo('0005-accounts');
      expect(to.error).toBeUndefined();
      await store.close();
      const EVENTS = 150_000;
      await client.connect();
      await client.query(
        `insert into audit_events (id, at, actor, entity_type, entity_id, batch_id, action, before_json, after_json)
         select 'e' || lpad(i::text, 8, '0'),
                to_char(timestamp '2025-01-01' + i * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'setup', 'project', 'e' || lpad(i::text, 8, '0'), null, 'create', null, '{"i":' || i || '}'
         from generate_series(0, $1 - 1) as i`,
        [EVENTS],
      );

      const child = spawn(process.execPath, [join(repoRoot, 'bin', 'evlab.mjs'), 'db', 'migrate', '--json'], {
        cwd: repoRoot,
        env: { ...process.env, EVLAB_DATA_DIR: dataDir, EVLAB_DB: childDb, EVLAB_FROM_SOURCE: '1' },
        stdio: 'ignore',
      });
      // Mid-way: the migration's transaction holds the ALTER TABLE lock on audit_events (not committed).
      await until(
        'the migration writing',
        async () =>
          Number(
            (
              await client.query(
                `select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation
                 join pg_namespace ns on ns.oid = c.relnamespace
                 where c.relname = 'audit_events' and ns.nspname = $1 and l.mode = 'AccessExclusiveLock'
                   and l.pid <> pg_backend_pid()`,
                [schema],
              )
            ).rows[0]?.n,
          ) > 0,
        120_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      await kill(child);
      expect(child.exitCode).toBeNull();
      // The server notices the dead client and rolls its transaction back; wait until its locks are gone.
      await until(
        'the rollback',
        async () =>
          Number(
            (
              await client.query(
                `select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation
                 join pg_namespace ns on ns.oid = c.relnamespace
                 where c.relname = 'audit_events' and ns.nspname = $1 and l.pid <> pg_backend_pid()`,
                [schema],
              )
            ).rows[0]?.n,
          ) === 0,
        60_000,
      );
      const applied = (await client.query('select name from kysely_migration order by name')).rows.map(
        (r: { name: string }) => r.name,
      );
      const columns = (
        await client.query(
          `select column_name from information_schema.columns where table_schema = $1 and table_name = 'audit_events'`,
          [schema],
        )
      ).rows.map((r: { column_name: string }) => r.column_name);
      const events = Number((await client.query('select count(*) as n from audit_events')).rows[0]?.n);
      expect(applied.at(-1)).toBe('0005-accounts');
      expect(columns).not.toContain('hash');
      expect(events).toBe(EVENTS);

      // The next open migrates to the latest and chains every event.
      const wb = await openWorkbench({ dataDir, db: pgUrl, pgSchema: schema });
      try {
        const report = await wb.store.verifyAuditTrail();
        expect(report.valid).toBe(true);
        expect(report.events).toBe(EVENTS);
      } finally {
        await wb.close();
      }
    } finally {
      await client.end().catch(() => undefined);
      await dropPostgresSchema(pgUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
