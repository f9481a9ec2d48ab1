/**
 * Cancellation rules of the jobs table (both databases): a cancel request on a running job whose worker
 * died ends it as cancelled (the reaper and a pg-boss redelivery never re-run it); a failure after the
 * request is not retried; a handler that returns before its next checkpoint completes; a repeated request
 * writes no second audit event.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { openTestWorkbench } from '../test-support.ts';
import { jobTableOf } from './job-table.ts';
import { JobNotCancellableError } from './job-types.ts';

describeEachDialect('job cancellation in the jobs table', (dialect) => {
  it('dead worker, failure after the request, completion before a checkpoint, repeated requests', async () => {
    const t = await openTestWorkbench(dialect, { prefix: 'evlab_job_cancel' });
    try {
      const table = jobTableOf(t.wb.store);
      const make = async () => {
        const { job } = await table.insert('diagnostic.sleep', '{"ms":1}', { actor: 'alice' });
        await table.claim(job.id, 'w:1:1');
        return job.id;
      };

      // Worker died after the request: the reaper ends it cancelled, and a redelivery does not claim it.
      const dead = await make();
      await table.requestCancel(dead, 'bob');
      expect(await table.claim(dead, 'w:2:1')).toBeNull();
      expect(await table.requeueStale(new Date(Date.now() + 60_000))).not.toContain(dead);
      expect((await table.get(dead))?.state).toBe('cancelled');
      await expect(table.requestCancel(dead, 'bob')).rejects.toBeInstanceOf(JobNotCancellableError);

      // A failure after the request is not retried.
      const failing = await make();
      await table.requestCancel(failing, 'bob');
      expect(await table.fail(failing, 'w:1:1', new Error('boom'), true)).toBe('cancelled');

      // Finished before its next checkpoint: completed (the work is done), the request stays on record.
      const quick = await make();
      const again = await table.requestCancel(quick, 'bob');
      expect(again?.state).toBe('running');
      expect(await table.complete(quick, 'w:1:1', { ok: true })).toBe(true);
      expect((await table.get(quick))?.cancelRequestedBy).toBe('bob');

      // A repeated request on a running job changes nothing and is audited once.
      const twice = await make();
      const first = await table.requestCancel(twice, 'bob');
      const second = await table.requestCancel(twice, 'carol');
      expect(second?.cancelRequestedBy).toBe('bob');
      expect(second?.cancelRequestedAt).toBe(first?.cancelRequestedAt);
      const events = await t.wb.store.listAuditEvents({ entityId: twice });
      expect(events.items.map((e) => [e.action, e.actor, e.reason])).toEqual([
        ['status-change', 'bob', 'cancel requested: the job stops at its next progress checkpoint'],
      ]);
      expect(await table.requestCancel('missing', 'bob')).toBeNull();
    } finally {
      await t.dispose();
    }
  }, 60_000);
});
