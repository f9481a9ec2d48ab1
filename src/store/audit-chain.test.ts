/**
 * The hash-chained audit trail on both dialects: every store write is chained, concurrent writes keep the
 * chain gapless, and each kind of tampering (edit, delete, insert, reorder, rows outside the chain) is
 * found and names the right event. Tampering goes around the append-only triggers the way an attacker with
 * direct database access would (dropping/disabling them), which is exactly what the chain must reveal.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { AUDIT_GENESIS_HASH, auditEventHash, verifyAuditChain } from './audit-chain.ts';
import type { Database } from './database-schema.ts';
import type { KyselyEvlabStore } from './kysely-evlab-store.ts';
import { openTestStore, type TestStore } from './open-test-store.ts';

/** Goes around the append-only triggers as someone with direct database access could. */
async function bypassAppendOnly(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`drop trigger audit_events_no_update`.execute(db);
    await sql`drop trigger audit_events_no_delete`.execute(db);
  } else {
    await sql`alter table audit_events disable trigger user`.execute(db);
  }
}

async function chainRows(db: Kysely<Database>) {
  return db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
}

describeEachDialect('hash-chained audit trail', (dialect) => {
  let t: TestStore;
  let db: Kysely<Database>;

  beforeEach(async () => {
    t = await openTestStore(dialect);
    db = (t.store as KyselyEvlabStore).kysely;
    const project = await t.store.createProject({ name: 'Chain', description: '' }, 'alice');
    const batch = await t.store.createBatch(
      batchInputSchema.parse({ projectId: project.id, code: 'B-1' }),
      'alice',
    );
    await t.store.updateBatch(batch.id, { notes: 'first note' }, 'bob');
    await t.store.createBatches(
      [2, 3, 4].map((n) => batchInputSchema.parse({ projectId: project.id, code: `B-${n}` })),
      'carol',
    );
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it('chains every write: gapless seq, each prev_hash is the hash before, hashes recompute', async () => {
    const rows = await chainRows(db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]?.prev_hash).toBe(AUDIT_GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    // Independent recomputation of the first event from the documented formula (not via auditEventHash).
    const r = rows[0];
    if (!r) throw new Error('no rows');
    const canonical = canonicalJson({
      seq: 1,
      id: r.id,
      at: r.at,
      actor: r.actor,
      entityType: r.entity_type,
      entityId: r.entity_id,
      batchId: r.batch_id,
      action: r.action,
      reason: null,
      before: null,
      after: JSON.parse(r.after_json as string),
    });
    expect(r.hash).toBe(createHash('sha256').update(`${AUDIT_GENESIS_HASH}\n${canonical}`).digest('hex'));
    const report = await verifyAuditChain(db);
    expect(report).toEqual({ valid: true, events: 6, firstInvalid: null, headHash: rows[5]?.hash });
  });

  it('keeps the chain gapless under 20 concurrent writers', async () => {
    const project = await t.store.createProject({ name: 'Busy', description: '' }, 'alice');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.store.createBatch(batchInputSchema.parse({ projectId: project.id, code: `C-${i}` }), `user${i}`),
      ),
    );
    const report = await verifyAuditChain(db);
    expect(report.valid).toBe(true);
    expect(report.events).toBe(6 + 1 + 20);
  });

  it('refuses UPDATE and DELETE of audit rows (append-only trigger)', async () => {
    await expect(sql`update audit_events set actor = 'mallory'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') {
      await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    }
    expect((await verifyAuditChain(db)).valid).toBe(true);
  });

  it('finds an edited event and names it', async () => {
    const rows = await chainRows(db);
    const victim = rows[2];
    await bypassAppendOnly(db, dialect);
    await db
      .updateTable('audit_events')
      .set({ actor: 'mallory' })
      .where('id', '=', victim?.id as string)
      .execute();
    const report = await verifyAuditChain(db);
    expect(report.valid).toBe(false);
    expect(report.firstInvalid).toMatchObject({ id: victim?.id, seq: 3 });
    expect(report.firstInvalid?.reason).toMatch(/edited/);
  });

  it('finds an edited before/after value', async () => {
    const rows = await chainRows(db);
    const victim = rows[1];
    await bypassAppendOnly(db, dialect);
    const after = JSON.parse(victim?.after_json as string) as Record<string, unknown>;
    after.code = 'B-1-forged';
    await db
      .updateTable('audit_events')
      .set({ after_json: JSON.stringify(after) })
      .where('id', '=', victim?.id as string)
      .execute();
    expect((await verifyAuditChain(db)).firstInvalid).toMatchObject({ id: victim?.id });
  });

  it('finds a deleted event and names the one after the gap', async () => {
    const rows = await chainRows(db);
    await bypassAppendOnly(db, dialect);
    await db
      .deleteFrom('audit_events')
      .where('id', '=', rows[2]?.id as string)
      .execute();
    const report = await verifyAuditChain(db);
    expect(report.valid).toBe(false);
    expect(report.events).toBe(5);
    expect(report.firstInvalid).toMatchObject({ id: rows[3]?.id, seq: 4 });
    expect(report.firstInvalid?.reason).toMatch(/deleted/);
  });

  it('finds a deleted last event only by the recorded head hash (documented limit)', async () => {
    const rows = await chainRows(db);
    const before = await verifyAuditChain(db);
    await bypassAppendOnly(db, dialect);
    await db
      .deleteFrom('audit_events')
      .where('id', '=', rows[5]?.id as string)
      .execute();
    const after = await verifyAuditChain(db);
    expect(after.valid).toBe(true);
    expect(after.headHash).not.toBe(before.headHash);
  });

  it('finds an inserted event (renumbered chain, forged hash) and names it', async () => {
    const rows = await chainRows(db);
    await bypassAppendOnly(db, dialect);
    // Make room at seq 3 (two steps: the unique index on seq), then insert a forged event there.
    await sql`update audit_events set seq = seq + 1000 where seq >= 3`.execute(db);
    await sql`update audit_events set seq = seq - 999 where seq >= 1000`.execute(db);
    const forgedId = '01900000-0000-7000-8000-000000000001';
    await db
      .insertInto('audit_events')
      .values({
        id: forgedId,
        at: rows[2]?.at as string,
        actor: 'mallory',
        entity_type: 'batch',
        entity_id: rows[1]?.entity_id as string,
        batch_id: rows[1]?.entity_id as string,
        action: 'status-change',
        before_json: null,
        after_json: '{"status":"released"}',
        reason: null,
        seq: 3,
        prev_hash: rows[1]?.hash as string,
        hash: createHash('sha256').update('forged').digest('hex'),
      })
      .execute();
    const report = await verifyAuditChain(db);
    expect(report.firstInvalid).toMatchObject({ id: forgedId, seq: 3 });
  });

  it('finds an inserted event whose hash was computed correctly, at the event it displaced', async () => {
    const rows = await chainRows(db);
    await bypassAppendOnly(db, dialect);
    await sql`update audit_events set seq = seq + 1000 where seq >= 3`.execute(db);
    await sql`update audit_events set seq = seq - 999 where seq >= 1000`.execute(db);
    const forged = {
      id: '01900000-0000-7000-8000-000000000002',
      at: rows[2]?.at as string,
      actor: 'mallory',
      entity_type: 'batch' as const,
      entity_id: 'x',
      batch_id: null,
      action: 'update' as const,
      before_json: null,
      after_json: null,
      reason: null,
      seq: 3,
      prev_hash: rows[1]?.hash as string,
    };
    const hash = auditEventHash(forged.prev_hash, {
      seq: 3,
      id: forged.id,
      at: forged.at,
      actor: forged.actor,
      entityType: 'batch',
      entityId: 'x',
      batchId: null,
      action: 'update',
      reason: null,
      before: null,
      after: null,
    });
    await db
      .insertInto('audit_events')
      .values({ ...forged, hash })
      .execute();
    const report = await verifyAuditChain(db);
    expect(report.firstInvalid).toMatchObject({ id: rows[2]?.id, seq: 4 });
    expect(report.firstInvalid?.reason).toMatch(/inserted, deleted or reordered/);
  });

  it('finds reordered events and names the first one out of place', async () => {
    const rows = await chainRows(db);
    await bypassAppendOnly(db, dialect);
    const [a, b] = [rows[2]?.id as string, rows[3]?.id as string];
    await db.updateTable('audit_events').set({ seq: 999 }).where('id', '=', a).execute();
    await db.updateTable('audit_events').set({ seq: 3 }).where('id', '=', b).execute();
    await db.updateTable('audit_events').set({ seq: 4 }).where('id', '=', a).execute();
    const report = await verifyAuditChain(db);
    expect(report.firstInvalid).toMatchObject({ id: b, seq: 3 });
    expect(report.firstInvalid?.reason).toMatch(/reordered/);
  });

  it('finds a row inserted outside the chain (no seq or hash)', async () => {
    await db
      .insertInto('audit_events')
      .values({
        id: '01900000-0000-7000-8000-000000000003',
        at: new Date().toISOString(),
        actor: 'mallory',
        entity_type: 'batch',
        entity_id: 'x',
        batch_id: null,
        action: 'delete',
        before_json: null,
        after_json: null,
      })
      .execute();
    const report = await verifyAuditChain(db);
    expect(report.valid).toBe(false);
    expect(report.firstInvalid).toMatchObject({ id: '01900000-0000-7000-8000-000000000003', seq: null });
  });
});

describeEachDialect('migration 0006 chains an existing trail', (dialect) => {
  it('chains events recorded before the migration in their recorded order', async () => {
    const { Migrator } = await import('kysely');
    const { migrationProvider } = await import('./migrations/index.ts');
    const t = await openTestStore(dialect);
    try {
      const db = (t.store as KyselyEvlabStore).kysely;
      // Roll the fresh schema back to 0003 and write events the old way (no chain columns).
      const migrator = new Migrator({ db, provider: migrationProvider });
      const down = await migrator.migrateTo('0003-pk-studies');
      expect(down.error).toBeUndefined();
      for (let i = 0; i < 3; i++) {
        await sql`insert into audit_events (id, at, actor, entity_type, entity_id, batch_id, action, before_json, after_json)
          values (${`0190000${i}-0000-7000-8000-000000000000`}, ${`2026-01-0${i + 1}T00:00:00.000Z`}, 'legacy',
          'project', ${`p${i}`}, null, 'create', null, ${JSON.stringify({ name: `P${i}`, id: `p${i}` })})`.execute(
          db,
        );
      }
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      const rows = await chainRows(db);
      expect(rows.map((r) => [r.seq, r.actor])).toEqual([
        [1, 'legacy'],
        [2, 'legacy'],
        [3, 'legacy'],
      ]);
      expect((await verifyAuditChain(db)).valid).toBe(true);
      // New writes continue the same chain.
      await t.store.createProject({ name: 'After', description: '' }, 'alice');
      const report = await verifyAuditChain(db);
      expect(report).toMatchObject({ valid: true, events: 4 });
    } finally {
      await t.dispose();
    }
  });
});
