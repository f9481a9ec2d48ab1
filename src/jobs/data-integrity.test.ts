/**
 * evlab verify / backup / restore and start-up reconciliation. Raw files here are synthetic text written by
 * the test (no reference file is copied).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWithPostgres, postgresUrl } from '../../test/support/environment.ts';
import { runCli } from '../cli/testing.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { dropPostgresSchema } from '../store/open-store.ts';
import { uniqueTestSchema } from '../store/open-test-store.ts';
import {
  backupWorkbench,
  DEFAULT_ORPHAN_BLOB_GRACE_MS,
  listBlobFiles,
  reconcileBlobStore,
  restoreWorkbench,
  verifyRawFiles,
} from './data-integrity.ts';
import { ingestRawFile } from './ingest-raw-file.ts';
import { openWorkbench, type Workbench } from './workbench.ts';

async function seed(wb: Workbench): Promise<string[]> {
  const project = await wb.store.createProject({ name: 'Backup', description: '' }, 'alice');
  const batch = await wb.store.createBatch(
    batchInputSchema.parse({ projectId: project.id, code: 'BK-1' }),
    'alice',
  );
  const hashes: string[] = [];
  for (const n of [1, 2, 3]) {
    const r = await ingestRawFile(wb, {
      batchId: batch.id,
      fileName: `synthetic-${n}.txt`,
      bytes: new TextEncoder().encode(`synthetic raw file ${n}\n`.repeat(n * 10)),
      actor: 'alice',
    });
    hashes.push(r.rawFile.sha256);
  }
  return hashes;
}

let dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
beforeEach(() => {
  dirs = [];
});
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('evlab verify (SQLite data directory)', () => {
  it('finds nothing wrong, then an altered and a missing raw file, naming them; exit 1', async () => {
    const dataDir = tempDir('evlab-verify-');
    const wb = await openWorkbench({ dataDir });
    const hashes = await seed(wb);
    await wb.close();
    const ok = await runCli(['verify', '--json', '--data-dir', dataDir]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      valid: true,
      files: 3,
      blobs: 3,
      missing: [],
      altered: [],
    });

    const blobDir = join(dataDir, 'blobs');
    const [altered, missing] = [hashes[0] as string, hashes[1] as string];
    const pathOf = (h: string) => join(blobDir, 'sha256', h.slice(0, 2), h.slice(2, 4), h);
    chmodSync(pathOf(altered), 0o644);
    writeFileSync(pathOf(altered), 'tampered');
    rmSync(pathOf(missing));
    const bad = await runCli(['verify', '--json', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.valid).toBe(false);
    expect(report.altered).toEqual([
      expect.objectContaining({ sha256: altered, originalName: 'synthetic-1.txt' }),
    ]);
    expect(report.missing).toEqual([
      expect.objectContaining({ sha256: missing, originalName: 'synthetic-2.txt' }),
    ]);
  });
});

describe('evlab backup / restore (SQLite)', () => {
  it('round-trips database and raw files; restore refuses a non-empty target', async () => {
    const dataDir = tempDir('evlab-backup-src-');
    const wb = await openWorkbench({ dataDir });
    await seed(wb);
    const headBefore = (await wb.store.verifyAuditTrail()).headHash;
    await wb.close();
    const archive = join(tempDir('evlab-archive-'), 'lab.tar');
    const backup = await runCli(['backup', archive, '--json', '--data-dir', dataDir]);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ dialect: 'sqlite', blobs: 3, format: 1 });
    // A standard tar tool reads it.
    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' });
    expect(listing.split('\n').filter(Boolean)).toHaveLength(5);
    // Never overwritten.
    expect((await runCli(['backup', archive, '--data-dir', dataDir])).code).toBe(1);

    const target = tempDir('evlab-restore-');
    const restore = await runCli(['restore', archive, '--json', '--data-dir', target]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const result = JSON.parse(restore.stdout);
    expect(result).toMatchObject({ valid: true, blobs: 3, audit: { valid: true, headHash: headBefore } });
    expect(result.rawFiles).toMatchObject({ valid: true, files: 3 });

    const again = await runCli(['restore', archive, '--json', '--data-dir', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/restore needs an empty/);
  });

  it('refuses an archive with a path-traversal entry or a blob whose bytes do not match its name', async () => {
    const { TarWriter } = await import('../store/tar-archive.ts');
    const dir = tempDir('evlab-evil-');
    const evil = join(dir, 'evil.tar');
    const tar = await TarWriter.create(evil);
    await tar.add(
      'evlab-backup.json',
      Buffer.from(
        JSON.stringify({ format: 1, dialect: 'sqlite', createdAt: '', blobs: 0, database: 'evlab.sqlite' }),
      ),
    );
    await tar.add('../../escape.txt', Buffer.from('x'));
    await tar.end();
    const target = tempDir('evlab-evil-target-');
    await expect(restoreWorkbench(target, null, evil)).rejects.toThrow(/unexpected entry/);
    expect(existsSync(join(target, '..', '..', 'escape.txt'))).toBe(false);

    const forged = join(dir, 'forged.tar');
    const t2 = await TarWriter.create(forged);
    await t2.add(
      'evlab-backup.json',
      Buffer.from(
        JSON.stringify({ format: 1, dialect: 'sqlite', createdAt: '', blobs: 1, database: 'evlab.sqlite' }),
      ),
    );
    await t2.add(`blobs/sha256/00/00/${'0'.repeat(64)}`, Buffer.from('not the bytes'));
    await t2.end();
    await expect(restoreWorkbench(tempDir('evlab-forged-'), null, forged)).rejects.toThrow(
      /does not match its SHA-256/,
    );
  });
});

describe('start-up reconciliation', () => {
  it('removes .part files of dead writers, keeps live ones, records (never deletes) blobs without a row', async () => {
    const dataDir = tempDir('evlab-reconcile-');
    const wb = await openWorkbench({ dataDir });
    try {
      await seed(wb);
      const tmp = join(dataDir, 'blobs', 'tmp');
      mkdirSync(tmp, { recursive: true });
      writeFileSync(join(tmp, '999999999-deadbeef.part'), 'half-written');
      writeFileSync(join(tmp, `${process.ppid}-live.part`), 'in progress');
      const orphan = await wb.blobs.put(new TextEncoder().encode('stored, but the row never came'));
      const report = await reconcileBlobStore(wb);
      expect(report.removedTempFiles).toEqual(['999999999-deadbeef.part']);
      expect(report.orphanBlobs).toEqual([orphan.sha256]);
      expect(readdirSync(tmp)).toEqual([`${process.ppid}-live.part`]);
      expect((await listBlobFiles(join(dataDir, 'blobs'))).length).toBe(4);
      expect((await verifyRawFiles(wb)).valid).toBe(true);
      // Past the grace period the orphan goes; blobs with a row stay.
      const later = await reconcileBlobStore(wb, {
        now: () => Date.now() + DEFAULT_ORPHAN_BLOB_GRACE_MS + 1000,
      });
      expect(later).toMatchObject({ orphanBlobs: [], removedOrphanBlobs: [orphan.sha256] });
      expect((await listBlobFiles(join(dataDir, 'blobs'))).length).toBe(3);
      expect((await verifyRawFiles(wb)).valid).toBe(true);
      expect(await wb.blobs.has(orphan.sha256)).toBe(false);
    } finally {
      await wb.close();
    }
  });
});

describeWithPostgres('evlab backup / restore (PostgreSQL, pg_dump/pg_restore)', () => {
  const havePgDump = (() => {
    try {
      execFileSync('pg_dump', ['--version']);
      return true;
    } catch {
      return false;
    }
  })();
  if (!havePgDump) console.warn('[notice] pg_dump not installed: PostgreSQL backup round trip not run');

  it.runIf(havePgDump)(
    'round-trips a schema through pg_dump and pg_restore; refuses a non-empty target',
    async () => {
      const url = postgresUrl as string;
      const schema = uniqueTestSchema('evlab_backup');
      const dataDir = tempDir('evlab-pg-backup-');
      const wb = await openWorkbench({ dataDir, db: url, pgSchema: schema });
      let headBefore: string;
      const archive = join(tempDir('evlab-pg-archive-'), 'pg.tar');
      try {
        await seed(wb);
        headBefore = (await wb.store.verifyAuditTrail()).headHash;
        const manifest = await backupWorkbench(wb, url, archive, { pgSchema: schema });
        expect(manifest).toMatchObject({ dialect: 'postgres', blobs: 3 });
        await expect(
          restoreWorkbench(tempDir('evlab-pg-t-'), url, archive, { pgSchema: schema }),
        ).rejects.toThrow(/already holds evlab tables/);
      } finally {
        await wb.close();
      }
      await dropPostgresSchema(url, schema);
      const target = tempDir('evlab-pg-restore-');
      try {
        const restored = await restoreWorkbench(target, url, archive, { pgSchema: schema });
        expect(restored.blobs).toBe(3);
        const back = await openWorkbench({ dataDir: target, db: url, pgSchema: schema });
        try {
          expect(await back.store.verifyAuditTrail()).toMatchObject({ valid: true, headHash: headBefore });
          expect(await verifyRawFiles(back)).toMatchObject({ valid: true, files: 3 });
          // The append-only triggers came back too.
          await expect(
            back.store.createProject({ name: 'after restore', description: '' }, 'bob'),
          ).resolves.toBeTruthy();
        } finally {
          await back.close();
        }
      } finally {
        await dropPostgresSchema(url, schema);
      }
    },
  );
});
