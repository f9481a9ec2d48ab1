/**
 * PostgreSQL driver: two `evlab worker` subprocesses share one pg-boss queue; 20 jobs complete exactly once
 * each; a worker SIGKILLed mid-job leaves its job to pg-boss expiry, and the other worker retries it to
 * completion; a job running in a worker process is cancelled from this process and stops at its next
 * progress checkpoint. Needs EVLAB_TEST_PG_URL (skips with a notice otherwise).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres, postgresUrl, repoRoot } from '../../../test/support/environment.ts';
import { dropPostgresSchema, withSearchPath } from '../../store/open-store.ts';
import { uniqueTestSchema } from '../../store/open-test-store.ts';
import { openWorkbench, type Workbench } from '../workbench.ts';
import { registerBuiltInJobHandlers } from './job-handlers.ts';
import type { Job } from './job-types.ts';
import { PgBossJobQueue } from './pg-boss-job-queue.ts';

/** pg-boss gives up on an active job after this long (short so the kill test stays fast). */
const EXPIRE_S = 4;

interface Worker {
  child: ChildProcess;
  pid: number;
}

describeWithPostgres('jobs on PostgreSQL (pg-boss, two worker processes)', () => {
  const url = postgresUrl as string;
  const schema = uniqueTestSchema('evlab_jobs');
  const bossSchema = `${schema}_boss`;
  let dataDir: string;
  let wb: Workbench;
  let queue: PgBossJobQueue;
  const workers: Worker[] = [];

  function startWorker(): Promise<Worker> {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin/evlab.mjs'),
        '--db',
        withSearchPath(url, schema),
        '--data-dir',
        dataDir,
        '--json',
        'worker',
        '--concurrency',
        '2',
      ],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          EVLAB_FROM_SOURCE: '1',
          EVLAB_PGBOSS_SCHEMA: bossSchema,
          EVLAB_PGBOSS_MAINTENANCE_SECONDS: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d) => {
        out += String(d);
        if (out.includes('"event":"ready"')) resolve({ child, pid: child.pid as number });
      });
      child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
    });
  }

  async function waitAll(ids: string[], done: (j: Job) => boolean, ms: number): Promise<Job[]> {
    const until = Date.now() + ms;
    for (;;) {
      const jobs = await Promise.all(ids.map((id) => queue.get(id)));
      if (jobs.every((j) => j && done(j))) return jobs as Job[];
      if (Date.now() > until)
        throw new Error(`timed out: ${JSON.stringify(jobs.map((j) => [j?.state, j?.attempts]))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    registerBuiltInJobHandlers();
    dataDir = await mkdtemp(join(tmpdir(), 'evlab-jobs-'));
    wb = await openWorkbench({ dataDir, db: url, pgSchema: schema });
    queue = await PgBossJobQueue.open(wb, {
      url,
      bossSchema,
      expireInSeconds: EXPIRE_S,
      retryDelaySeconds: 1,
    });
    workers.push(...(await Promise.all([startWorker(), startWorker()])));
  }, 30_000);

  afterAll(async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    await Promise.all(
      alive.map(
        (w) =>
          new Promise((resolve) => {
            w.child.once('exit', resolve);
            w.child.kill('SIGTERM');
            // A worker that does not stop within 10 s is killed (the test checks retries, not shutdown).
            setTimeout(() => w.child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await queue?.close();
    await wb?.close();
    await dropPostgresSchema(url, schema).catch(() => undefined);
    await dropPostgresSchema(url, bossSchema).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('two workers complete 20 jobs exactly once each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1)
      ids.push((await queue.enqueue('diagnostic.sleep', { ms: 100, steps: 2 })).job.id);
    const jobs = await waitAll(ids, (j) => j.state === 'completed' || j.state === 'failed', 20_000);
    expect(jobs.map((j) => j.state)).toEqual(Array(20).fill('completed'));
    expect(jobs.map((j) => j.attempts)).toEqual(Array(20).fill(1));
    const pids = new Set(jobs.map((j) => (j.result as { pid: number }).pid));
    for (const pid of pids) expect(workers.map((w) => w.pid)).toContain(pid);
    expect(pids.size).toBe(2);
    // Same idempotency key → the same job, no second pg-boss job.
    const a = await queue.enqueue('diagnostic.sleep', { ms: 1 }, { idempotencyKey: 'pg-k' });
    const b = await queue.enqueue('diagnostic.sleep', { ms: 1 }, { idempotencyKey: 'pg-k' });
    expect(b.created).toBe(false);
    expect(b.job.id).toBe(a.job.id);
  }, 25_000);

  it('a job running in a worker process stops at its next checkpoint when cancelled from another process', async () => {
    const { job } = await queue.enqueue('diagnostic.sleep', { ms: 20_000, steps: 100 });
    const [running] = await waitAll([job.id], (j) => j.state === 'running' && j.progress > 0, 10_000);
    expect(workers.some((w) => running?.workerId?.includes(`:${w.pid}:`))).toBe(true);
    const asked = await queue.cancel(job.id, 'tester');
    expect(asked?.state).toBe('running');
    expect(asked?.cancelRequestedBy).toBe('tester');
    // Checkpoints every 200 ms: it ends long before the 20 s it would have slept.
    const started = Date.now();
    const [ended] = await waitAll([job.id], (j) => j.state !== 'running', 5_000);
    expect(ended?.state).toBe('cancelled');
    expect(ended?.attempts).toBe(1);
    expect(ended?.progress).toBeLessThan(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    // pg-boss does not retry it: still cancelled after a maintenance period.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await queue.get(job.id))?.state).toBe('cancelled');
  }, 20_000);

  it('a job whose worker is SIGKILLed is retried by the other worker and completes', async () => {
    const { job } = await queue.enqueue('diagnostic.sleep', { ms: 2500, steps: 25 });
    const [running] = await waitAll([job.id], (j) => j.state === 'running' && j.progress > 0, 10_000);
    const victim = workers.find((w) => running?.workerId?.includes(`:${w.pid}:`));
    expect(victim).toBeDefined();
    victim?.child.kill('SIGKILL');
    const [done] = await waitAll([job.id], (j) => j.state === 'completed' || j.state === 'failed', 25_000);
    expect(done?.state).toBe('completed');
    expect(done?.attempts).toBe(2);
    expect((done?.result as { pid: number } | undefined)?.pid).not.toBe(victim?.pid);
  }, 30_000);
});
