/**
 * Large inputs always become jobs (issue 10, scale-out; thresholds from bench/job-thresholds.bench.ts):
 * a flow analysis reading more than SYNC_FLOW_MAX_FCS_BYTES of FCS files answers 202 with a
 * `flow.batch-analysis` job (no `Prefer` header) that completes with the same metrics a small synchronous
 * analysis gives; a small one still answers 201 at once; PK fits of more than one subject with an ODE model
 * answer 202. Both databases (PostgreSQL: a pg-boss worker in this process).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { writeFcs } from '../formats/fcs/write-fcs.ts';
import { ingestRawFile } from '../jobs/ingest-raw-file.ts';
import type { Job } from '../jobs/queue/job-types.ts';
import { routeJobQueue } from './route-jobs.ts';
import { SYNC_FLOW_MAX_FCS_BYTES } from './routes/flow-analysis.ts';
import { openTestServer, type TestServer } from './test-support.ts';

describeEachDialect('large inputs become jobs', (dialect) => {
  let t: TestServer;
  let batchId: string;
  const post = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  async function finished(id: string): Promise<Job> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}` })).json().job as Job;
      if (job.state !== 'queued' && job.state !== 'running') return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stained: the first 40 % of events at FL2 2000, the rest at 1; isotype: FL2 1…1000 repeated. */
  function fcs(events: number, stained: boolean): Uint8Array {
    const fl = new Float32Array(events);
    const ssc = new Float32Array(events);
    for (let i = 0; i < events; i++) {
      fl[i] = stained ? (i < 0.4 * events ? 2000 : 1) : (i % 1000) + 1;
      ssc[i] = i % 97;
    }
    return writeFcs({
      parameters: [
        { name: 'SSC-A', range: 262144 },
        { name: 'FL2-A', range: 262144 },
      ],
      columns: [ssc, fl],
      keywords: { $VOL: '10000' },
    });
  }

  async function pair(events: number): Promise<{ sample: string; isotype: string; bytes: number }> {
    const a = fcs(events, true);
    const b = fcs(events, false);
    const ingest = async (name: string, bytes: Uint8Array) =>
      (await ingestRawFile(t.wb, { batchId, fileName: name, bytes, actor: 'test-admin', kind: 'flow' }))
        .measurement.id;
    return {
      sample: await ingest(`cd63-${events}.fcs`, a),
      isotype: await ingest(`iso-${events}.fcs`, b),
      bytes: a.byteLength + b.byteLength,
    };
  }

  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_jobs_thresholds' });
    const project = await t.wb.store.createProject({ name: 'Thresholds', description: '' }, 'test-admin');
    batchId = (
      await t.wb.store.createBatch(
        batchInputSchema.parse({ projectId: project.id, code: 'T-1' }),
        'test-admin',
      )
    ).id;
    await t.app.inject({ method: 'GET', url: '/api/jobs/types' });
    const queue = await routeJobQueue(t.wb);
    if (queue?.driver === 'pg-boss') await (queue as unknown as { work(n: number): Promise<void> }).work(1);
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('a flow analysis over more than the FCS byte threshold is a job; a small one answers at once', async () => {
    const small = await pair(1000);
    const body = (p: { sample: string; isotype: string }) => ({
      markers: [{ marker: 'CD63', channel: 'FL2-A', sample: p.sample, isotype: p.isotype }],
    });
    const sync = await post(`/api/batches/${batchId}/flow/analysis`, body(small));
    expect(sync.statusCode, sync.body.slice(0, 300)).toBe(201);
    const net = (a: { metrics: { name: string; value: number }[] }) =>
      a.metrics.find((m) => m.name === 'flow.CD63.netPercentPositive')?.value;
    const smallNet = net(sync.json()) as number;
    // 40 % stained above the isotype's 99.5th percentile (995.005 of 1…1000) minus the isotype's own 0.5 %.
    expect(smallNet).toBeCloseTo(39.5, 6);

    // 2 files × 2 channels × 4 bytes: enough events (whole multiples of 1000) to pass the threshold.
    const events = Math.ceil(SYNC_FLOW_MAX_FCS_BYTES / 16 / 1000) * 1000 + 1000;
    const large = await pair(events);
    expect(large.bytes).toBeGreaterThan(SYNC_FLOW_MAX_FCS_BYTES);
    const res = await post(`/api/batches/${batchId}/flow/analysis`, body(large));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
    expect(res.headers.location).toBe(`/api/jobs/${res.json().job.id}`);
    expect(res.json().job.type).toBe('flow.batch-analysis');
    const done = await finished(res.json().job.id);
    expect(done.state, done.error ?? '').toBe('completed');
    expect(done.createdBy).toBe('test-admin');
    expect(net(done.result as { metrics: { name: string; value: number }[] })).toBeCloseTo(smallNet, 6);
  }, 120_000);

  it('PK fits with an ODE model for more than one subject are a job; one subject answers at once', async () => {
    const observations = [0.5, 1, 2, 4, 6, 8, 12].map((time) => ({
      time,
      conc: 100 * Math.exp(-0.2 * time),
    }));
    const one = await post('/api/pk/fit', {
      models: ['mm-1cmt-iv-bolus'],
      subjects: [{ id: 's1', observations }],
      dose: 100,
    });
    expect(one.statusCode, one.body.slice(0, 300)).toBe(200);
    const two = await post('/api/pk/fit', {
      models: ['mm-1cmt-iv-bolus'],
      subjects: [
        { id: 's1', observations },
        { id: 's2', observations },
      ],
      dose: 100,
    });
    expect(two.statusCode, two.body.slice(0, 300)).toBe(202);
    expect(two.json().job.type).toBe('pk.fit-subjects');
  }, 120_000);
});
