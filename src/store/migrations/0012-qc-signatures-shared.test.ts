import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { qcOverview } from '../../jobs/qc/release.ts';
import { seedDemo } from '../../jobs/seed-demo.ts';
import { listRecordSignatures } from '../../jobs/signatures.ts';
import { openTestWorkbench } from '../../jobs/test-support.ts';
import type { KyselyEvlabStore } from '../kysely-evlab-store.ts';
import { migrationProvider } from './index.ts';

describeEachDialect('migration 0012 moves QC signatures into the shared store', (dialect) => {
  it('moves every qc_signatures row, drops the table, and the demo release still verifies', async () => {
    const t = await openTestWorkbench(dialect, { prefix: 'evlab_mig_0012' });
    try {
      const db = (t.wb.store as KyselyEvlabStore).kysely;
      const demo = await seedDemo(t.wb, { actor: 'demo' });
      const released = demo.batches.find((b) => b.status === 'released');
      if (!released) throw new Error('the demo has a released batch');
      const [signed] = await t.wb.store.qc.listSignatures(released.id);
      expect(signed?.meaning).toBe('released');

      // Back to the schema before 0012: down() recreates qc_signatures from the shared rows. Then remove
      // the shared copies (around the append-only triggers, as a DBA could) so the data is as 0011 left it.
      const migrator = new Migrator({ db, provider: migrationProvider });
      const down = await migrator.migrateTo('0011-jobs');
      expect(down.error).toBeUndefined();
      if (dialect === 'sqlite') {
        await sql`drop trigger signatures_no_update`.execute(db);
        await sql`drop trigger signatures_no_delete`.execute(db);
      } else await sql`alter table signatures disable trigger user`.execute(db);
      await sql`delete from signatures where record_type = 'qc-release'`.execute(db);
      if (dialect === 'postgres') await sql`alter table signatures enable trigger user`.execute(db);
      // As 0010 wrote them: the demo's non-password identity, and a legacy password-signed amendment row.
      await sql`update qc_signatures set authentication = 'demo data (no re-authentication)', reason = 'Demo: all release criteria met.'`.execute(
        db,
      );
      const legacy = await sql<{ n: number }>`select count(*) as n from qc_signatures`.execute(db);
      expect(Number(legacy.rows[0]?.n)).toBe(1);

      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();

      const tables = await db.introspection.getTables();
      expect(tables.map((x) => x.name)).not.toContain('qc_signatures');
      const rows = await db
        .selectFrom('signatures')
        .selectAll()
        .where('record_type', '=', 'qc-release')
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: signed?.id,
        record_id: released.id,
        meaning: 'released',
        content_hash: signed?.recordHash,
        reason: 'Demo: all release criteria met. [authentication: demo data (no re-authentication)]',
      });

      // The shared verification and the QC view agree: valid.
      const shared = await listRecordSignatures(t.wb, 'qc-release', released.id);
      expect(shared.map((s) => s.status)).toEqual(['valid']);
      const overview = await qcOverview(t.wb.store, released.id);
      expect(overview.signatures).toHaveLength(1);
      expect(overview.signatures[0]).toMatchObject({
        state: 'valid',
        authentication: 'demo data (no re-authentication)',
        reason: 'Demo: all release criteria met.',
        printedName: 'Demo QA (fictional)',
      });
      expect(overview.signatures[0]?.evaluationId).toBe(overview.evaluations[0]?.id);

      // Still append-only after the SQLite rebuild, and 'amended' is now a meaning the table accepts.
      await expect(sql`delete from signatures`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`update signatures set reason = 'x'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(
        sql`insert into signatures (id, record_type, record_id, meaning, signer, printed_name, signed_at, reason, content_hash)
          values ('x1', 'qc-release', ${released.id}, 'amended', 'qa', 'QA', '2099-01-01T00:00:00.000Z', 'r', 'h')`.execute(
          db,
        ),
      ).resolves.toBeDefined();
      await expect(
        sql`insert into signatures (id, record_type, record_id, meaning, signer, printed_name, signed_at, reason, content_hash)
          values ('x2', 'batch', ${released.id}, 'bogus', 'qa', 'QA', '2099-01-01T00:00:00.000Z', 'r', 'h')`.execute(
          db,
        ),
      ).rejects.toThrow();
      // That amendment supersedes the release, in both views.
      expect((await listRecordSignatures(t.wb, 'qc-release', released.id)).map((s) => s.status)).toEqual([
        'superseded',
        'valid',
      ]);
      expect((await qcOverview(t.wb.store, released.id)).signatures[0]?.state).toBe('superseded');
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
