/**
 * Migration 0014 (job cancellation and retention): jobs written under 0013's table survive the rebuild
 * (SQLite) / constraint swap (PostgreSQL) unchanged, `cancelled` becomes a valid state, the new columns start
 * null, and down() maps cancelled jobs back to failed so 0011's CHECK holds.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { jobTableOf } from '../../jobs/queue/job-table.ts';
import { openTestWorkbench } from '../../jobs/test-support.ts';
import type { KyselyEvlabStore } from '../kysely-evlab-store.ts';
import { migrationProvider } from './index.ts';

describeEachDialect('migration 0014 adds cancelled jobs, cancel requests and expired files', (dialect) => {
  it('keeps existing jobs, allows cancelled, and goes back down', async () => {
    const t = await openTestWorkbench(dialect, { prefix: 'evlab_mig_0014' });
    try {
      const db = (t.wb.store as KyselyEvlabStore).kysely as unknown as Kysely<unknown>;
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0013-canonical-metric-names')).error).toBeUndefined();
      await sql`insert into jobs (id, type, state, progress, message, input_json, result_json, error, attempts,
        max_attempts, idempotency_key, worker_id, created_by, created_at, started_at, heartbeat_at, finished_at)
        values ('j1', 'diagnostic.sleep', 'completed', 1, 'done', '{"ms":1}', '{"sleptMs":1}', null, 1, 3, 'k1',
        'w:1:1', 'alice', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z',
        '2026-01-01T00:00:02.000Z')`.execute(db);
      await expect(
        sql`update jobs set state = 'cancelled' where id = 'j1'`.execute(db),
        'before 0014 the CHECK refuses cancelled',
      ).rejects.toThrow();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const job = await jobTableOf(t.wb.store).get('j1');
      expect(job).toMatchObject({
        id: 'j1',
        state: 'completed',
        progress: 1,
        message: 'done',
        input: { ms: 1 },
        result: { sleptMs: 1 },
        attempts: 1,
        idempotencyKey: 'k1',
        createdBy: 'alice',
        finishedAt: '2026-01-01T00:00:02.000Z',
        cancelRequestedAt: null,
        cancelRequestedBy: null,
        fileExpiredAt: null,
      });
      // The idempotency key is still unique and the state CHECK still refuses nonsense.
      await expect(
        sql`insert into jobs (id, type, state, progress, message, input_json, attempts, max_attempts,
          idempotency_key, created_by, created_at) values ('j2', 't', 'queued', 0, '', 'null', 0, 3, 'k1', 'a', 'x')`.execute(
          db,
        ),
      ).rejects.toThrow();
      await expect(sql`update jobs set state = 'paused' where id = 'j1'`.execute(db)).rejects.toThrow();
      await sql`update jobs set state = 'cancelled' where id = 'j1'`.execute(db);

      expect((await migrator.migrateTo('0013-canonical-metric-names')).error).toBeUndefined();
      const back = await sql<{ state: string }>`select state from jobs where id = 'j1'`.execute(db);
      expect(back.rows[0]?.state).toBe('failed');
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await t.dispose();
    }
  }, 60_000);
});
