/**
 * Data integrity of a data directory (issue 10): re-hashing raw files (`evlab verify`), backup and restore
 * (`evlab backup FILE` / `evlab restore FILE`), and start-up reconciliation of the blob store.
 *
 * Backup archive = one POSIX tar (src/store/tar-archive.ts):
 *   evlab-backup.json                 manifest {format: 1, dialect, createdAt, blobs, database}
 *   evlab.sqlite                      SQLite online backup (better-sqlite3 db.backup(): consistent while
 *                                     the server keeps writing), or
 *   database.pgdump                   pg_dump --format=custom of the PostgreSQL database (or schema)
 *   blobs/sha256/ab/cd/<sha256>       every stored raw file, byte for byte
 * Restore refuses a non-empty target, checks every blob's SHA-256 against its name, and only accepts
 * allow-listed entry names (no path from the archive is ever used as is).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore, isSha256Hex } from '../store/fs-blob-store.ts';
import { resolveStoreTarget, SQLITE_FILE_NAME } from '../store/open-store.ts';
import { readTar, TarWriter } from '../store/tar-archive.ts';
import type { Workbench } from './workbench.ts';

// ---------------------------------------------------------------- verify

export interface RawFileProblem {
  rawFileId: string;
  sha256: string;
  originalName: string;
  /** missing: no blob file; altered: the bytes no longer hash to the recorded SHA-256 (or size differs). */
  problem: 'missing' | 'altered';
}

export interface RawFileVerifyReport {
  valid: boolean;
  /** raw_files rows checked. */
  files: number;
  /** distinct blobs re-hashed. */
  blobs: number;
  missing: RawFileProblem[];
  altered: RawFileProblem[];
}

async function sha256OfFile(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Re-hashes the blob of every raw_files row (each distinct blob once, streamed) and lists problems. */
export async function verifyRawFiles(wb: Workbench): Promise<RawFileVerifyReport> {
  const blobs = createFsBlobStore(join(wb.dataDir, 'blobs'));
  const verdict = new Map<string, 'ok' | 'missing' | 'altered'>();
  const missing: RawFileProblem[] = [];
  const altered: RawFileProblem[] = [];
  let files = 0;
  let after: string | null = null;
  for (;;) {
    const page = await wb.store.listRawFilesAfter(after, 1000);
    for (const f of page) {
      files += 1;
      let v = verdict.get(f.sha256);
      if (v === undefined) {
        if (!isSha256Hex(f.sha256)) v = 'altered';
        else {
          const actual = await sha256OfFile(blobs.pathOf(f.sha256));
          v = actual === null ? 'missing' : actual === f.sha256 ? 'ok' : 'altered';
        }
        verdict.set(f.sha256, v);
      }
      if (v === 'ok' && isSha256Hex(f.sha256)) {
        const size = (await stat(blobs.pathOf(f.sha256))).size;
        if (size !== f.sizeBytes) v = 'altered';
      }
      const entry = { rawFileId: f.id, sha256: f.sha256, originalName: f.originalName };
      if (v === 'missing') missing.push({ ...entry, problem: 'missing' });
      if (v === 'altered') altered.push({ ...entry, problem: 'altered' });
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]?.id ?? null;
  }
  return {
    valid: missing.length === 0 && altered.length === 0,
    files,
    blobs: verdict.size,
    missing,
    altered,
  };
}

// ---------------------------------------------------------------- blob files on disk

/** Every committed blob file under <blobDir>/sha256 as [sha256, path]. */
export async function listBlobFiles(blobDir: string): Promise<[string, string][]> {
  const root = join(blobDir, 'sha256');
  const out: [string, string][] = [];
  if (!existsSync(root)) return out;
  for (const a of await readdir(root)) {
    for (const b of await readdir(join(root, a)).catch(() => [] as string[])) {
      for (const name of await readdir(join(root, a, b)).catch(() => [] as string[])) {
        if (isSha256Hex(name)) out.push([name, join(root, a, b, name)]);
      }
    }
  }
  return out.sort((x, y) => (x[0] < y[0] ? -1 : 1));
}

// ---------------------------------------------------------------- start-up reconciliation

export interface ReconcileReport {
  /** `.part` temp files removed (their writer process is gone). */
  removedTempFiles: string[];
  /** Committed blobs no raw_files row refers to, younger than the grace period: kept for now. */
  orphanBlobs: string[];
  /** Committed blobs no raw_files row refers to, older than the grace period: removed. */
  removedOrphanBlobs: string[];
}

/**
 * How old a blob without a raw_files row must be before start-up reconciliation removes it. An upload
 * streams every part into the blob store before it writes any row (src/api/routes/batch-files.ts), so a
 * blob of a multi-file upload still in progress in another process (a CLI import on the same data
 * directory, a second server on PostgreSQL) has no row yet; 15 minutes covers a 50 MiB part at well under
 * 1 MiB/s. EVLAB_ORPHAN_BLOB_GRACE_SECONDS changes it (0 = remove every orphan at start-up).
 */
export const DEFAULT_ORPHAN_BLOB_GRACE_MS = 15 * 60 * 1000;

export function orphanBlobGraceMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.EVLAB_ORPHAN_BLOB_GRACE_SECONDS?.trim();
  if (!raw) return DEFAULT_ORPHAN_BLOB_GRACE_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`EVLAB_ORPHAN_BLOB_GRACE_SECONDS must be a number of seconds ≥ 0, got "${raw}"`);
  return seconds * 1000;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run at start-up (evlab serve), before the server listens: removes `<blobs>/tmp/*.part` files whose
 * writer process (the pid in the name, fs-blob-store.ts) no longer runs — a crash mid-upload leaves them —
 * and committed blobs without a raw_files row once they are older than the grace period (a crash between
 * storing an upload's bytes and writing its rows leaves them; nothing in evlab can reach them). Blobs with
 * a row are never touched: they are immutable evidence.
 */
export async function reconcileBlobStore(
  wb: Workbench,
  options: { orphanGraceMs?: number; now?: () => number } = {},
): Promise<ReconcileReport> {
  const graceMs = options.orphanGraceMs ?? orphanBlobGraceMsFromEnv();
  const now = options.now ?? Date.now;
  const blobDir = join(wb.dataDir, 'blobs');
  const removedTempFiles: string[] = [];
  const tmp = join(blobDir, 'tmp');
  for (const name of existsSync(tmp) ? await readdir(tmp) : []) {
    if (!name.endsWith('.part')) continue;
    const pid = Number(name.slice(0, name.indexOf('-')));
    if (processAlive(pid) && pid !== process.pid) continue;
    if (pid === process.pid) continue;
    await rm(join(tmp, name), { force: true });
    removedTempFiles.push(name);
  }
  // Blobs listed before the rows are read: a blob committed (with its row) meanwhile is simply not listed.
  const blobs = await listBlobFiles(blobDir);
  const referenced = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page = await wb.store.listRawFilesAfter(after, 1000);
    for (const f of page) referenced.add(f.sha256);
    if (page.length < 1000) break;
    after = page[page.length - 1]?.id ?? null;
  }
  const orphanBlobs: string[] = [];
  const removedOrphanBlobs: string[] = [];
  for (const [hash, path] of blobs) {
    if (referenced.has(hash)) continue;
    const info = await stat(path).catch(() => null);
    if (info === null) continue;
    if (now() - info.mtimeMs < graceMs) {
      orphanBlobs.push(hash);
      continue;
    }
    // Re-check just before removing: an upload of the same bytes may have recorded its row meanwhile.
    if (await rawFileExists(wb, hash)) continue;
    await chmod(path, 0o644).catch(() => undefined);
    await rm(path, { force: true });
    removedOrphanBlobs.push(hash);
  }
  return { removedTempFiles, orphanBlobs, removedOrphanBlobs };
}

async function rawFileExists(wb: Workbench, sha256: string): Promise<boolean> {
  let after: string | null = null;
  for (;;) {
    const page = await wb.store.listRawFilesAfter(after, 1000);
    if (page.some((f) => f.sha256 === sha256)) return true;
    if (page.length < 1000) return false;
    after = page[page.length - 1]?.id ?? null;
  }
}

// ---------------------------------------------------------------- backup and restore

export interface BackupManifest {
  format: 1;
  dialect: 'sqlite' | 'postgres';
  createdAt: string;
  blobs: number;
  database: 'evlab.sqlite' | 'database.pgdump';
}

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: 'target-not-empty' | 'bad-archive' | 'tool-missing' | 'tool-failed' | 'exists',
    message: string,
  ) {
    super(message);
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8').slice(0, 4000);
    });
    child.on('error', (error) => {
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new BackupError('tool-missing', `${command} is not installed (needed for PostgreSQL backups)`)
          : error,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new BackupError('tool-failed', `${command} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

export interface BackupOptions {
  /** PostgreSQL schema (tests); default: the whole database. */
  pgSchema?: string;
}

/** Writes the backup archive `file` (refuses to overwrite). Returns the manifest. */
export async function backupWorkbench(
  wb: Workbench,
  db: string | null | undefined,
  file: string,
  options: BackupOptions = {},
): Promise<BackupManifest> {
  if (existsSync(file)) throw new BackupError('exists', `${file} already exists: choose a new file name`);
  const target = resolveStoreTarget(db, wb.dataDir);
  const work = await mkdtemp(join(tmpdir(), 'evlab-backup-'));
  const partial = `${file}.part`;
  const tar = await TarWriter.create(partial);
  try {
    const blobFiles = await listBlobFiles(join(wb.dataDir, 'blobs'));
    const manifest: BackupManifest = {
      format: 1,
      dialect: target.dialect,
      createdAt: new Date().toISOString(),
      blobs: blobFiles.length,
      database: target.dialect === 'sqlite' ? 'evlab.sqlite' : 'database.pgdump',
    };
    await tar.add('evlab-backup.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    if (target.dialect === 'sqlite') {
      const { default: Database } = await import('better-sqlite3');
      const source = new Database(target.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(join(work, 'db.sqlite'));
      } finally {
        source.close();
      }
      await tar.add('evlab.sqlite', await readFile(join(work, 'db.sqlite')));
    } else {
      const dump = join(work, 'db.pgdump');
      const schemaArgs = options.pgSchema ? ['--schema', options.pgSchema] : [];
      await run('pg_dump', ['--format=custom', '--no-owner', ...schemaArgs, '--file', dump, target.url]);
      await tar.add('database.pgdump', await readFile(dump));
    }
    // Blobs after the database: a blob written meanwhile is harmless (an orphan), a row never lacks its blob
    // because blobs are stored before their rows.
    for (const [, path] of blobFiles) {
      const name = path
        .slice(join(wb.dataDir, 'blobs').length + 1)
        .split('\\')
        .join('/');
      await tar.add(`blobs/${name}`, await readFile(path));
    }
    await tar.end();
    await rename(partial, file);
    return manifest;
  } catch (error) {
    await tar.abort();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const BLOB_ENTRY = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
/** Largest entry accepted from an archive (a database file can be big; blobs are ≤ the upload limit). */
const MAX_ENTRY_BYTES = 64 * 1024 ** 3;

/** Is the target empty? SQLite: no database file with rows, no blobs. PostgreSQL: no evlab rows. */
async function assertEmptyTarget(
  dataDir: string,
  db: string | null | undefined,
  pgSchema?: string,
): Promise<void> {
  const target = resolveStoreTarget(db, dataDir);
  const blobs = await listBlobFiles(join(dataDir, 'blobs'));
  if (blobs.length > 0) {
    throw new BackupError(
      'target-not-empty',
      `${dataDir} already holds ${blobs.length} raw file(s): restore needs an empty data directory`,
    );
  }
  if (target.dialect === 'sqlite') {
    if (!existsSync(target.file)) return;
    const { default: Database } = await import('better-sqlite3');
    const conn = new Database(target.file, { readonly: true });
    try {
      const tables = conn
        .prepare(
          "select name from sqlite_master where type = 'table' and name in ('projects', 'audit_events', 'raw_files')",
        )
        .all() as { name: string }[];
      for (const { name } of tables) {
        const n = (conn.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n;
        if (n > 0)
          throw new BackupError(
            'target-not-empty',
            `${target.file} already holds data (${n} row(s) in ${name}): restore needs an empty target`,
          );
      }
    } finally {
      conn.close();
    }
    return;
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const schema = pgSchema ?? 'public';
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = $1 and table_name in ('projects', 'audit_events', 'raw_files')",
      [schema],
    );
    if (Number(rows[0]?.n ?? 0) > 0) {
      throw new BackupError(
        'target-not-empty',
        `the PostgreSQL ${pgSchema ? `schema ${pgSchema}` : 'database'} already holds evlab tables: restore needs an empty target`,
      );
    }
  } finally {
    await client.end();
  }
}

export interface RestoreReport {
  manifest: BackupManifest;
  blobs: number;
}

/** Restores an archive made by backupWorkbench into an empty data directory / database. */
export async function restoreWorkbench(
  dataDir: string,
  db: string | null | undefined,
  file: string,
  options: BackupOptions = {},
): Promise<RestoreReport> {
  await mkdir(dataDir, { recursive: true });
  await assertEmptyTarget(dataDir, db, options.pgSchema);
  const target = resolveStoreTarget(db, dataDir);
  let manifest: BackupManifest | null = null;
  let blobCount = 0;
  let sawDatabase = false;
  const work = await mkdtemp(join(tmpdir(), 'evlab-restore-'));
  try {
    for await (const entry of readTar(file, MAX_ENTRY_BYTES)) {
      if (entry.name === 'evlab-backup.json') {
        const m = JSON.parse((await entry.read()).toString('utf8')) as BackupManifest;
        if (m.format !== 1 || (m.dialect !== 'sqlite' && m.dialect !== 'postgres')) {
          throw new BackupError('bad-archive', `${file}: unknown backup format`);
        }
        if (m.dialect !== target.dialect) {
          throw new BackupError(
            'bad-archive',
            `${file} is a ${m.dialect} backup; the target is ${target.dialect}`,
          );
        }
        manifest = m;
        continue;
      }
      if (manifest === null) throw new BackupError('bad-archive', `${file}: the manifest must come first`);
      const blob = BLOB_ENTRY.exec(entry.name);
      if (blob) {
        const [, a, b, hash] = blob as unknown as [string, string, string, string];
        const bytes = await entry.read();
        if (createHash('sha256').update(bytes).digest('hex') !== hash) {
          throw new BackupError('bad-archive', `${file}: blob ${hash} does not match its SHA-256`);
        }
        const dir = join(dataDir, 'blobs', 'sha256', a, b);
        await mkdir(dir, { recursive: true });
        const tmpPath = join(dir, `.${hash}.restore`);
        await writeFile(tmpPath, bytes, { mode: 0o444 });
        await chmod(tmpPath, 0o444);
        await rename(tmpPath, join(dir, hash));
        blobCount += 1;
      } else if (entry.name === 'evlab.sqlite' && target.dialect === 'sqlite') {
        const tmpPath = `${target.file}.restore`;
        await writeFile(tmpPath, await entry.read(), { mode: 0o600 });
        for (const suffix of ['', '-wal', '-shm']) await rm(`${target.file}${suffix}`, { force: true });
        await rename(tmpPath, target.file);
        sawDatabase = true;
      } else if (entry.name === 'database.pgdump' && target.dialect === 'postgres') {
        const dump = join(work, 'db.pgdump');
        await writeFile(dump, await entry.read());
        await run('pg_restore', [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--dbname',
          target.url,
          dump,
        ]);
        sawDatabase = true;
      } else {
        throw new BackupError('bad-archive', `${file}: unexpected entry ${JSON.stringify(entry.name)}`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  if (manifest === null || !sawDatabase)
    throw new BackupError('bad-archive', `${file}: no database in the archive`);
  return { manifest, blobs: blobCount };
}

export { SQLITE_FILE_NAME };
