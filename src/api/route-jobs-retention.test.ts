/**
 * Retention of job result files (issue 10, scale-out; src/jobs/queue/job-retention.ts): a completed job's
 * file is kept within the retention period and removed after it; the jobs row then records `fileExpiredAt`,
 * GET /api/jobs/:id/file answers 410 Gone with a problem+json that says so, and the removal is one audit
 * event in the hash chain (a second sweep records nothing more). Both databases.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { putJobResultFile } from '../jobs/queue/job-files.ts';
import {
  DEFAULT_JOB_FILE_RETENTION_DAYS,
  expireJobFiles,
  jobFileRetentionDays,
  RETENTION_ACTOR,
} from '../jobs/queue/job-retention.ts';
import { jobTableOf } from '../jobs/queue/job-table.ts';
import { openTestServer, type TestServer } from './test-support.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('EVLAB_JOB_FILE_RETENTION_DAYS', () => {
  it('defaults to 30 days, accepts a positive number, 0/off keeps files, refuses anything else', () => {
    expect(jobFileRetentionDays({})).toBe(DEFAULT_JOB_FILE_RETENTION_DAYS);
    expect(jobFileRetentionDays({ EVLAB_JOB_FILE_RETENTION_DAYS: '90' })).toBe(90);
    expect(jobFileRetentionDays({ EVLAB_JOB_FILE_RETENTION_DAYS: '0.5' })).toBe(0.5);
    expect(jobFileRetentionDays({ EVLAB_JOB_FILE_RETENTION_DAYS: 'off' })).toBeNull();
    expect(jobFileRetentionDays({ EVLAB_JOB_FILE_RETENTION_DAYS: '0' })).toBeNull();
    expect(() => jobFileRetentionDays({ EVLAB_JOB_FILE_RETENTION_DAYS: '-3' })).toThrow(/positive number/);
    expect(() => jobFileRetentionDays({ EVLAB_JOB_FILE_RETENTION_DAYS: '30d' })).toThrow(/positive number/);
  });
});

describeEachDialect('job file retention', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_jobs_retention' });
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  /** A completed job with a PDF, as a report job leaves it. */
  async function completedJobWithFile(): Promise<string> {
    const table = jobTableOf(t.wb.store);
    const { job } = await table.insert('report.batch-report', '{"batchId":"b"}', { actor: 'test-admin' });
    await table.claim(job.id, 'w:1:1');
    const file = await putJobResultFile(
      t.wb.dataDir,
      job.id,
      'batch-report-B1.pdf',
      'application/pdf',
      new TextEncoder().encode('%PDF-1.7 test'),
    );
    expect(await table.complete(job.id, 'w:1:1', { file })).toBe(true);
    return job.id;
  }

  it('keeps a file within the period, removes it after, and answers 410 with the reason', async () => {
    const id = await completedJobWithFile();
    const dir = join(t.wb.dataDir, 'jobs', 'results', id);
    const before = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/file` });
    expect(before.statusCode).toBe(200);

    const early = await expireJobFiles(t.wb, { retentionDays: 30, now: new Date(Date.now() + 29 * DAY_MS) });
    expect(early.expired).not.toContain(id);
    expect(existsSync(dir)).toBe(true);

    const late = await expireJobFiles(t.wb, { retentionDays: 30, now: new Date(Date.now() + 31 * DAY_MS) });
    expect(late.expired).toContain(id);
    expect(existsSync(dir)).toBe(false);

    const job = (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}` })).json().job;
    expect(job.state).toBe('completed');
    expect(job.fileExpiredAt).not.toBeNull();
    const gone = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/file` });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.json().code).toBe('job-file-expired');
    expect(gone.json().detail).toContain('batch-report-B1.pdf');
    expect(gone.json().detail).toContain('EVLAB_JOB_FILE_RETENTION_DAYS');

    // Audited once: a second sweep finds nothing more to do.
    const again = await expireJobFiles(t.wb, { retentionDays: 30, now: new Date(Date.now() + 40 * DAY_MS) });
    expect(again.expired).not.toContain(id);
    const events = (await t.wb.store.listAuditEvents({ entityId: id })).items;
    expect(events.map((e) => [e.action, e.actor])).toEqual([['delete', RETENTION_ACTOR]]);
    expect(events[0]?.reason).toContain('retention period of 30 days');
    expect(events[0]?.before).toMatchObject({ file: { fileName: 'batch-report-B1.pdf' } });
    expect((await t.wb.store.verifyAuditTrail()).valid).toBe(true);
  }, 60_000);
});
