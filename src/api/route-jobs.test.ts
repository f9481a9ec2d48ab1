/**
 * Heavy routes as jobs (issue 10, scale-out): the CoA and batch report (always jobs), the comparability PDF
 * and track sizing (Prefer: respond-async), PK fits of many subjects. Each answers 202 with a job and a
 * Location; the job reports progress, completes, and its PDF is served by GET /api/jobs/:id/file. Track
 * sizing as a job gives the same report as the synchronous route; an Idempotency-Key returns the same job;
 * a job whose worker died (stale heartbeat) is re-run and its file is whole. SQLite: the in-process worker;
 * PostgreSQL: a pg-boss worker started on the server's queue.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import type { Batch } from '../domain/batch.ts';
import { cleanJobTempFiles } from '../jobs/queue/job-files.ts';
import { jobTableOf } from '../jobs/queue/job-table.ts';
import type { Job } from '../jobs/queue/job-types.ts';
import { LocalJobQueue } from '../jobs/queue/sqlite-job-queue.ts';
import { seedDemo } from '../jobs/seed-demo.ts';
import { simulateBrownianTracks } from '../science/nta-tracks/simulate-brownian-tracks.ts';
import { routeJobQueue } from './route-jobs.ts';
import { openTestServer, type TestServer } from './test-support.ts';

describeEachDialect('heavy routes as jobs', (dialect) => {
  let t: TestServer;
  let demo: Batch[];
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body ?? {}),
    });
  const async = { prefer: 'respond-async' };

  async function finished(id: string): Promise<Job> {
    const deadline = Date.now() + 60_000;
    const seen: number[] = [];
    for (;;) {
      const res = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}` });
      expect(res.statusCode).toBe(200);
      const job = res.json().job as Job;
      seen.push(job.progress);
      if (job.state === 'completed' || job.state === 'failed') return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_route_jobs' });
    demo = (await seedDemo(t.wb, { actor: 'demo' })).batches;
    // The first request opens the queue; on PostgreSQL this test process is also the worker.
    await t.app.inject({ method: 'GET', url: '/api/jobs/types' });
    const queue = await routeJobQueue(t.wb);
    if (queue?.driver === 'pg-boss') await (queue as unknown as { work(n: number): Promise<void> }).work(2);
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('certificate of analysis: 202 + Location, progress, completed, the PDF at /api/jobs/:id/file', async () => {
    const batch = demo[0] as Batch;
    const res = await post(`/api/batches/${batch.id}/certificate-of-analysis`, {});
    expect(res.statusCode, res.body).toBe(202);
    const { job } = res.json() as { job: Job };
    expect(res.headers.location).toBe(`/api/jobs/${job.id}`);
    expect(job.type).toBe('report.certificate-of-analysis');
    const done = await finished(job.id);
    expect(done.state, done.error ?? '').toBe('completed');
    expect(done.progress).toBe(1);
    expect(done.message).toBe('storing the PDF');
    const result = done.result as { file: { fileName: string; sha256: string; sizeBytes: number } };
    expect(result.file.fileName).toContain(batch.code.replace(/[^\w.-]+/g, '_'));
    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.byteLength).toBe(result.file.sizeBytes);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(result.file.sha256);
    // Unknown batch: 404 before anything is queued.
    expect((await post('/api/batches/nope/certificate-of-analysis', {})).statusCode).toBe(404);
  }, 90_000);

  it('batch report and comparability PDF as jobs; the same Idempotency-Key returns the same job', async () => {
    const batch = demo[1] as Batch;
    const first = await post(`/api/batches/${batch.id}/batch-report`, {}, { 'idempotency-key': 'k1' });
    expect(first.statusCode).toBe(202);
    const again = await post(`/api/batches/${batch.id}/batch-report`, {}, { 'idempotency-key': 'k1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().job.id).toBe(first.json().job.id);
    expect((await finished(first.json().job.id)).state).toBe('completed');

    const body = { a: [demo[0]?.id], b: [demo[1]?.id, demo[2]?.id] };
    const sync = await post('/api/qc/comparability/pdf', body);
    expect(sync.statusCode).toBe(200);
    expect(sync.headers['content-type']).toContain('application/pdf');
    const queued = await post('/api/qc/comparability/pdf', body, async);
    expect(queued.statusCode).toBe(202);
    const done = await finished(queued.json().job.id);
    expect(done.state, done.error ?? '').toBe('completed');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/jobs/${done.id}/file` });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);

  it('track sizing as a job gives the synchronous report; a job without a file answers 409 at /file', async () => {
    const sim = simulateBrownianTracks({
      population: [{ diameterNm: 100, fraction: 1 }],
      tracks: 300,
      minSteps: 10,
      maxSteps: 30,
      fps: 30,
      umPerPx: 0.166,
      temperatureC: 25,
      frames: 300,
      seed: 7,
    });
    const content = [
      'id,frame,x,y',
      ...sim.frame.map((f, i) => `${sim.trackId[i]},${f},${sim.xPx[i]},${sim.yPx[i]}`),
    ].join('\n');
    const body = { fileName: 't.csv', content, umPerPx: 0.166, fps: 30, temperatureC: 25 };
    const sync = await post('/api/tracks/size', body);
    expect(sync.statusCode).toBe(200);
    const queued = await post('/api/tracks/size', body, async);
    expect(queued.statusCode).toBe(202);
    // The job row holds the table's hash, not the table.
    expect(JSON.stringify(queued.json().job.input).length).toBeLessThan(400);
    const done = await finished(queued.json().job.id);
    expect(done.state, done.error ?? '').toBe('completed');
    expect(done.result).toEqual(sync.json());
    // Walker 2012: the ML estimate recovers the simulated 100 nm (as the synchronous route's test).
    expect(Math.abs((done.result as { ml: { modeNm: number } }).ml.modeNm - 100)).toBeLessThanOrEqual(6);
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${done.id}/file` })).statusCode).toBe(409);
    // A condition missing: the job fails with the reason (the synchronous route answers 422).
    const { fps: _fps, ...noFps } = body;
    const failing = await post('/api/tracks/size', noFps, async);
    const failed = await finished(failing.json().job.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain('fps is required');
  }, 90_000);

  it('PK fits of many subjects become a job; route-only job types are refused by POST /api/jobs', async () => {
    // One-compartment IV bolus, C = 100·exp(−0.2 t) (k = 0.2 /h, V = 1): the fit recovers k.
    const observations = [0.5, 1, 2, 4, 6, 8, 12].map((time) => ({
      time,
      conc: 100 * Math.exp(-0.2 * time),
    }));
    const subjects = Array.from({ length: 21 }, (_, i) => ({ id: `s${i + 1}`, observations }));
    const res = await post('/api/pk/fit', { models: ['1cmt-iv-bolus'], subjects, dose: 100 });
    expect(res.statusCode, res.body).toBe(202);
    const done = await finished(res.json().job.id);
    expect(done.state, done.error ?? '').toBe('completed');
    const fits = (done.result as { fits: { parameters: { name: string; estimate: number }[] }[] }).fits;
    expect(fits).toHaveLength(21);
    expect(fits[0]?.parameters.find((p) => p.name === 'k10')?.estimate).toBeCloseTo(0.2, 4);
    const refused = await post('/api/jobs', { type: 'report.batch-report', input: { batchId: demo[0]?.id } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('route-only-job-type');
  }, 90_000);

  it('a report job whose worker died is re-run to a whole file; dead writers leave no temp file', async () => {
    if (dialect !== 'sqlite') return; // the pg-boss expiry path is covered by pg-boss-job-queue.test.ts
    const table = jobTableOf(t.wb.store);
    const batch = demo[2] as Batch;
    const { job } = await table.insert('report.batch-report', JSON.stringify({ batchId: batch.id }), {
      actor: 'test-admin',
    });
    // A dead worker's claim (heartbeat long ago) and its half-written temp file.
    expect((await table.claim(job.id, 'dead-host:1:1'))?.state).toBe('running');
    const dir = join(t.wb.dataDir, 'jobs', 'results', job.id);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default (4194304): no such process
    writeFileSync(join(dir, `.${deadPid}-abcdef.tmp`), '%PDF-half');
    expect(await cleanJobTempFiles(t.wb.dataDir)).toEqual([join(dir, `.${deadPid}-abcdef.tmp`)]);
    const queue = new LocalJobQueue(t.wb, { heartbeatMs: 100, staleAfterMs: 1500, pollMs: 20 });
    try {
      const done = await finished(job.id);
      expect(done.state, done.error ?? '').toBe('completed');
      expect(done.attempts).toBe(2);
      const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/file` });
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(existsSync(join(dir, (done.result as { file: { fileName: string } }).file.fileName))).toBe(true);
    } finally {
      await queue.close();
    }
  }, 90_000);
});
