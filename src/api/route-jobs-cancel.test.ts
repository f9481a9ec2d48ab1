/**
 * Job cancellation (issue 10, scale-out): POST /api/jobs/:id/cancel. A queued job is cancelled at once and
 * never starts; a running job stops at its next progress checkpoint and ends `cancelled` with no result file
 * left behind; a finished job answers 409; only the job's creator or an administrator may cancel it; every
 * cancellation is an audit event of the hash chain. SQLite: the in-process worker; PostgreSQL: a pg-boss
 * worker started on the server's queue (the cancelled queued job is cancelled in pg-boss too).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { putJobResultFile } from '../jobs/queue/job-files.ts';
import { type Job, registerJobHandler } from '../jobs/queue/job-types.ts';
import { PG_BOSS_QUEUE, type PgBossJobQueue } from '../jobs/queue/pg-boss-job-queue.ts';
import { routeJobQueue } from './route-jobs.ts';
import { openTestServer, type TestServer } from './test-support.ts';

/** A handler that writes its result file first, then works in 50 ms steps reporting progress (checkpoints). */
registerJobHandler('test.file-then-steps', async (_input, { wb, jobId, reportProgress }) => {
  await putJobResultFile(
    wb.dataDir,
    jobId,
    'partial.pdf',
    'application/pdf',
    new TextEncoder().encode('%PDF-'),
  );
  for (let i = 0; i < 400; i += 1) {
    await reportProgress(i / 400, `step ${i + 1} of 400`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { steps: 400 };
});

describeEachDialect('job cancellation', (dialect) => {
  let t: TestServer;
  let pgQueue: PgBossJobQueue | null = null;
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body ?? {}),
    });
  const get = async (id: string, headers: Record<string, string> = {}): Promise<Job> =>
    (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers })).json().job as Job;

  async function until(id: string, states: Job['state'][]): Promise<Job> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = await get(id);
      if (states.includes(job.state)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_jobs_cancel' });
    await t.app.inject({ method: 'GET', url: '/api/jobs/types' });
    const queue = await routeJobQueue(t.wb);
    // One worker, so the second job waits in the queue behind the first.
    if (queue?.driver === 'pg-boss') {
      pgQueue = queue as PgBossJobQueue;
      await pgQueue.work(1);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('a queued job never starts; a running one stops at its next checkpoint and leaves no file', async () => {
    const first = await post('/api/jobs', { type: 'test.file-then-steps', input: {} });
    expect(first.statusCode, first.body).toBe(202);
    const running = first.json().job as Job;
    await until(running.id, ['running']);
    const second = await post('/api/jobs', { type: 'diagnostic.sleep', input: { ms: 100, steps: 2 } });
    const queued = second.json().job as Job;
    expect((await get(queued.id)).state).toBe('queued');

    // Queued: cancelled at once (200).
    const c1 = await post(`/api/jobs/${queued.id}/cancel`, {});
    expect(c1.statusCode, c1.body).toBe(200);
    expect(c1.json().job.state).toBe('cancelled');
    expect(c1.json().job.cancelRequestedBy).toBe('test-admin');
    if (pgQueue) {
      const boss = await pgQueue.boss.getJobById(PG_BOSS_QUEUE, queued.id);
      expect(boss?.state).toBe('cancelled');
    }

    // Running: 202, still running until its next checkpoint, then cancelled.
    const resultDir = join(t.wb.dataDir, 'jobs', 'results', running.id);
    // Past its first checkpoint: the file is written.
    for (let i = 0; i < 400 && (await get(running.id)).message === ''; i += 1)
      await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(resultDir)).toBe(true);
    const c2 = await post(`/api/jobs/${running.id}/cancel`, {});
    expect(c2.statusCode, c2.body).toBe(202);
    expect(c2.json().job.cancelRequestedAt).not.toBeNull();
    const ended = await until(running.id, ['cancelled', 'completed', 'failed']);
    expect(ended.state).toBe('cancelled');
    expect(ended.progress).toBeLessThan(1);
    expect(ended.attempts).toBe(1);
    expect(existsSync(resultDir)).toBe(false);
    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${running.id}/file` });
    expect(file.statusCode).toBe(409);

    // The queued one never ran, even after the worker became free.
    await new Promise((r) => setTimeout(r, 600));
    const never = await get(queued.id);
    expect(never.state).toBe('cancelled');
    expect(never.attempts).toBe(0);
    expect(never.startedAt).toBeNull();

    // Finished: 409.
    const again = await post(`/api/jobs/${running.id}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('job-finished');

    // Audited: one status-change event per cancellation, in the hash chain.
    const events = await t.wb.store.listAuditEvents({ entityType: 'job', limit: 50 });
    const mine = events.items.filter((e) => e.entityId === running.id || e.entityId === queued.id);
    expect(mine.map((e) => [e.entityId, e.action, e.actor]).sort()).toEqual(
      [
        [queued.id, 'status-change', 'test-admin'],
        [running.id, 'status-change', 'test-admin'],
      ].sort(),
    );
    expect(mine.find((e) => e.entityId === queued.id)?.after).toMatchObject({ state: 'cancelled' });
    expect((await t.wb.store.verifyAuditTrail()).valid).toBe(true);
  }, 90_000);

  it('only the creator or an administrator may cancel a job', async () => {
    const owner = await t.headersFor('cancel-owner', 'analyst');
    const other = await t.headersFor('cancel-other', 'analyst');
    const make = async () => {
      const res = await post(
        '/api/jobs',
        { type: 'diagnostic.sleep', input: { ms: 20_000, steps: 100 } },
        owner,
      );
      expect(res.statusCode, res.body).toBe(202);
      return res.json().job as Job;
    };
    const a = await make();
    // Someone else's job is not found for a non-administrator (GET answers 404 too).
    expect((await post(`/api/jobs/${a.id}/cancel`, {}, other)).statusCode).toBe(404);
    expect((await get(a.id, owner)).cancelRequestedAt).toBeNull();
    const own = await post(`/api/jobs/${a.id}/cancel`, {}, owner);
    expect([200, 202]).toContain(own.statusCode);
    expect((await until(a.id, ['cancelled', 'completed', 'failed'])).state).toBe('cancelled');
    const b = await make();
    const byAdmin = await post(`/api/jobs/${b.id}/cancel`, {});
    expect([200, 202]).toContain(byAdmin.statusCode);
    const ended = await until(b.id, ['cancelled', 'completed', 'failed']);
    expect(ended.state).toBe('cancelled');
    expect(ended.cancelRequestedBy).toBe('test-admin');
    expect((await post('/api/jobs/no-such-job/cancel', {})).statusCode).toBe(404);
  }, 90_000);
});
