/**
 * `evlab jobs cancel ID --json` and `evlab jobs list --json` on a data directory (issue 10, scale-out): a
 * queued job is cancelled at once, a running one gets a cancel request (its worker stops at the next
 * checkpoint), a finished one is refused with exit 1; the cancellation is audited under the CLI's actor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobTableOf } from '../../jobs/queue/job-table.ts';
import { openWorkbench } from '../../jobs/workbench.ts';
import { runCli } from '../testing.ts';

let dataDir: string;
let queued: string;
let running: string;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'evlab-jobs-cli-'));
  const wb = await openWorkbench({ dataDir });
  try {
    const table = jobTableOf(wb.store);
    queued = (await table.insert('diagnostic.sleep', '{"ms":10}', { actor: 'alice' })).job.id;
    running = (await table.insert('diagnostic.sleep', '{"ms":10}', { actor: 'alice' })).job.id;
    expect((await table.claim(running, 'host:1:1'))?.state).toBe('running');
  } finally {
    await wb.close();
  }
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('evlab jobs cancel', () => {
  it('cancels a queued job, asks a running one to stop, refuses a finished one', async () => {
    const a = await runCli(['jobs', 'cancel', queued, '--json', '--data-dir', dataDir, '--user', 'carol']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).job).toMatchObject({
      id: queued,
      state: 'cancelled',
      cancelRequestedBy: 'carol',
    });

    const b = await runCli(['jobs', 'cancel', running, '--json', '--data-dir', dataDir, '--user', 'carol']);
    expect(b.code, b.stderr).toBe(0);
    const job = JSON.parse(b.stdout).job;
    expect(job.state).toBe('running');
    expect(job.cancelRequestedAt).not.toBeNull();

    const list = await runCli(['jobs', 'list', '--json', '--data-dir', dataDir]);
    const items = JSON.parse(list.stdout).items as { id: string; state: string }[];
    expect(items.find((j) => j.id === queued)?.state).toBe('cancelled');

    const again = await runCli(['jobs', 'cancel', queued, '--json', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toContain('only queued or running jobs can be cancelled');
    expect((await runCli(['jobs', 'cancel', 'nope', '--data-dir', dataDir])).code).toBe(1);

    const wb = await openWorkbench({ dataDir });
    try {
      const events = await wb.store.listAuditEvents({ entityType: 'job' });
      expect(events.items.map((e) => [e.entityId, e.actor]).sort()).toEqual(
        [
          [queued, 'carol'],
          [running, 'carol'],
        ].sort(),
      );
      // The worker's next checkpoint sees the request.
      expect(await jobTableOf(wb.store).progress(running, 'host:1:1', 0.5, undefined)).toBe(true);
    } finally {
      await wb.close();
    }
  });
});
