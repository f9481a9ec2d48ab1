/**
 * SQLite driver end to end through the API: the server's in-process worker claims queued jobs, reports
 * progress, stores results; idempotency keys give back the same job; a job left "running" by a dead
 * process is re-queued by the heartbeat reaper and completes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../../api/test-support.ts';
import { fitSubjects } from '../../science/pk/fitting/fit-subjects.ts';
import { registerBuiltInJobHandlers } from './job-handlers.ts';
import { jobTableOf } from './job-table.ts';
import type { Job } from './job-types.ts';
import { LocalJobQueue } from './sqlite-job-queue.ts';

async function waitFor(
  read: () => Promise<Job | null>,
  done: (job: Job) => boolean,
  ms = 10_000,
): Promise<Job> {
  const until = Date.now() + ms;
  for (;;) {
    const job = await read();
    if (job && done(job)) return job;
    if (Date.now() > until) throw new Error(`timed out; last: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Synthetic data (made here): 1-compartment IV bolus, dose 100, V1 = 10, k10 = 0.25 h⁻¹, C = D/V·e^(−k·t).
const times = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12];
const subjects = ['s1', 's2'].map((id, i) => ({
  id,
  observations: times.map((timeH) => ({ timeH, conc: (100 / (10 + i)) * Math.exp(-0.25 * timeH) })),
}));
const fitInput = { subjects, models: ['1cmt-iv-bolus'], doses: [{ timeH: 0, amount: 100 }] };

describe('jobs on SQLite (in-process worker)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite');
  });
  afterAll(async () => {
    await t.app.close();
    await t.dispose();
  });

  const get = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}` })).json().job as Job;

  it('runs a PK fit job to completion with progress and the same result as a direct fit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/jobs',
      payload: { type: 'pk.fit-subjects', input: fitInput },
    });
    expect(res.statusCode).toBe(202);
    const queued = res.json().job as Job;
    expect(queued.state).toBe('queued');
    const done = await waitFor(
      () => get(queued.id),
      (j) => j.state === 'completed' || j.state === 'failed',
    );
    expect(done.state).toBe('completed');
    expect(done.progress).toBe(1);
    expect(done.attempts).toBe(1);
    expect(done.startedAt).not.toBeNull();
    const direct = fitSubjects(fitInput);
    const result = done.result as ReturnType<typeof fitSubjects>;
    expect(result.fits).toHaveLength(2);
    // The handler adds nothing to the science: its parameters are the direct fit's, and they recover the
    // generating values V1 = 10 and 11.
    expect(JSON.stringify(result.fits)).toBe(JSON.stringify(direct.fits));
    const v1 = result.fits.map((f) => f.parameters.find((p) => p.name === 'V1')?.estimate ?? Number.NaN);
    expect(v1[0]).toBeCloseTo(10, 3);
    expect(v1[1]).toBeCloseTo(11, 3);
  });

  it('answers the same job for the same idempotency key, and lists jobs', async () => {
    const body = { type: 'diagnostic.sleep', input: { ms: 20 }, idempotencyKey: 'k-1' };
    const a = await t.app.inject({ method: 'POST', url: '/api/jobs', payload: body });
    const b = await t.app.inject({ method: 'POST', url: '/api/jobs', payload: body });
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(200);
    expect(b.json().job.id).toBe(a.json().job.id);
    const list = (await t.app.inject({ method: 'GET', url: '/api/jobs?type=diagnostic.sleep' })).json()
      .items as Job[];
    expect(list.filter((j) => j.idempotencyKey === 'k-1')).toHaveLength(1);
  });

  it('refuses unknown types and bad input with 400, unknown ids with 404', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/jobs',
      payload: { type: 'nope', input: {} },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown-job-type');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/jobs',
      payload: { type: 'diagnostic.sleep', input: { ms: -1 } },
    });
    expect(bad.statusCode).toBe(400);
    const file = await t.app.inject({
      method: 'POST',
      url: '/api/jobs',
      payload: { type: 'evidence.ctgov-import', input: { sources: ['/etc/passwd'] } },
    });
    expect(file.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/jobs/nope' })).statusCode).toBe(404);
  });

  it('re-queues a job whose worker stopped beating and completes it', async () => {
    registerBuiltInJobHandlers();
    const table = jobTableOf(t.wb.store);
    const { job } = await table.insert('diagnostic.sleep', JSON.stringify({ ms: 10 }));
    // A dead worker's claim: running, heartbeat long ago (claimed as a different worker id before any loop).
    const claimed = await table.claim(job.id, 'dead-host:1:1');
    expect(claimed?.state).toBe('running');
    const queue = new LocalJobQueue(t.wb, { heartbeatMs: 100, staleAfterMs: 200, pollMs: 20 });
    try {
      const done = await waitFor(
        () => table.get(job.id),
        (j) => j.state === 'completed',
      );
      expect(done.attempts).toBe(2);
      expect(done.workerId).not.toBe('dead-host:1:1');
    } finally {
      await queue.close();
    }
  });
});
