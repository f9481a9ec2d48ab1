/**
 * The global access policy, route by route: every operation of the OpenAPI document × no credentials ×
 * every role × member / non-member of the project the route's record belongs to.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { ROLES, type Role, roleAtLeast } from '../domain/account.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { mscSourceInputSchema } from '../domain/msc-source.ts';
import { ingestRawFile } from '../jobs/ingest-raw-file.ts';
import { seedDemo } from '../jobs/seed-demo.ts';
import { openTestServer, type TestServer } from './test-support.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';

const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-out',
  'GET /api/auth/session',
  'GET /api/auth/link',
]);
const PROJECT_BOUND = /^\/api\/(projects|sources|batches|raw-files|measurements|pk-studies|qc-results)\/\{/;
/** Project-bound routes with a real record in the member project (pk-studies: none, so the route 404s). */
const boundToRecord = (path: string, ids: Record<string, string>) =>
  PROJECT_BOUND.test(path) && (/^\/api\/([\w-]+)\//.exec(path)?.[1] ?? '') in ids;

interface Operation {
  method: string;
  path: string;
  minRole: Role | null;
}

describeEachDialect('access policy: OpenAPI routes × roles × membership', (dialect) => {
  let t: TestServer;
  let operations: Operation[];
  const ids: Record<string, string> = {};
  const headers: Record<string, Record<string, string>> = {};
  /** Every id (and the batch codes) of the demo project and of the other project, and a job of the admin. */
  const demoRows: string[] = [];
  const otherRows: string[] = [];
  let adminJobId = '';

  beforeAll(async () => {
    t = await openTestServer(dialect, { auth: false, prefix: 'evlab_access_policy' });
    const demo = await seedDemo(t.wb, { actor: 'setup' });
    const measurement = demo.measurements[0];
    if (!measurement) throw new Error('the demo has no measurement');
    const other = await t.wb.store.createProject({ name: 'Other', description: '' }, 'setup');
    ids.projects = demo.project.id;
    ids.sources = demo.source?.id ?? 'none';
    ids.batches = measurement.batchId;
    ids.measurements = measurement.id;
    ids['raw-files'] = measurement.rawFileId;
    const demoQcBatch = await t.wb.store.createBatch(
      batchInputSchema.parse({ projectId: demo.project.id, code: 'DEMO-QC-1' }),
      'setup',
    );
    const qcResult = { metric: 'sterility', value: 'absent' as const, unit: '', method: 'Ph. Eur. 2.6.1' };
    ids['qc-results'] = (
      await t.wb.store.qc.addResult(demoQcBatch.id, { ...qcResult, reference: '', note: '' }, 'setup')
    ).id;
    // The demo project's rows (what a member of the other project must never see).
    demoRows.push(demo.project.id, ids.sources, ids['qc-results']);
    for (const b of (await t.wb.store.listBatches({ projectId: demo.project.id, limit: 1000 })).items) {
      demoRows.push(b.id, b.code);
      for (const m of (await t.wb.store.listMeasurements({ batchId: b.id, limit: 1000 })).items)
        demoRows.push(m.id, m.rawFileId);
    }
    // Rows in the other project: a source, a batch, a raw file + measurement, a PK study, a QC result.
    const otherSource = await t.wb.store.createSource(
      mscSourceInputSchema.parse({
        projectId: other.id,
        tissue: 'umbilical-cord',
        donorCode: 'OTHER-DONOR-7',
      }),
      'setup',
    );
    const otherBatch = await t.wb.store.createBatch(
      batchInputSchema.parse({ projectId: other.id, code: 'OTHER-SECRET-1', sourceId: otherSource.id }),
      'setup',
    );
    const ingested = await ingestRawFile(t.wb, {
      batchId: otherBatch.id,
      fileName: 'other-secret.txt',
      bytes: new TextEncoder().encode('not an instrument export\n'),
      actor: 'setup',
    });
    const admin = await t.headersFor('setup-admin', 'admin');
    const pk = await t.app.inject({
      method: 'POST',
      url: '/api/pk-studies',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({
        batchId: otherBatch.id,
        species: 'mouse',
        strain: 'C57BL/6J',
        bodyWeightKg: 0.025,
        route: 'intranasal',
        dose: { value: 5e9, unit: 'particles', perKg: false },
        label: 'DiR',
        observations: { biodistribution: [{ organ: 'brain', timeH: 6, value: 1.2e7, unit: 'radiance' }] },
      }),
    });
    expect(pk.statusCode, pk.body).toBe(201);
    const otherQc = await t.wb.store.qc.addResult(
      otherBatch.id,
      { ...qcResult, reference: '', note: '' },
      'setup',
    );
    otherRows.push(
      other.id,
      otherSource.id,
      otherBatch.id,
      otherBatch.code,
      ingested.rawFile.id,
      ingested.measurement.id,
      pk.json().id,
      otherQc.id,
    );
    const job = await t.app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'diagnostic.sleep', input: { ms: 0, steps: 1 } }),
    });
    // The PostgreSQL test workbench has no queue URL (503): jobs are checked on SQLite.
    if (dialect === 'sqlite') {
      expect(job.statusCode, job.body).toBe(202);
      adminJobId = job.json().job.id;
    }
    for (const role of ROLES) {
      headers[`${role}-member`] = await t.headersFor(`${role}-m`, role, { projectIds: [demo.project.id] });
      headers[`${role}-outsider`] = await t.headersFor(`${role}-o`, role, { projectIds: [other.id] });
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { 'x-evlab-min-role'?: Role }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        minRole: op['x-evlab-min-role'] ?? null,
      })),
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const urlOf = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_m, _name, offset: number) => {
      const resource = /^\/api\/([\w-]+)\//.exec(path.slice(0, offset))?.[1] ?? '';
      return ids[resource] ?? 'no-such-id';
    });
  const call = (op: Operation, auth: Record<string, string>) =>
    t.app.inject({
      method: op.method as 'GET',
      url: urlOf(op.path),
      headers: { ...auth, ...(op.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(op.method === 'GET' ? {} : { payload: '{}' }),
    });

  it('documents every route and says which role it needs', () => {
    expect(operations.length).toBeGreaterThan(60);
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (PUBLIC.has(key) || op.path.startsWith('/api/auth/oidc/')) expect(op.minRole, key).toBeNull();
      else expect(op.minRole, key).not.toBeNull();
    }
    expect(operations.find((o) => o.path === '/api/users' && o.method === 'GET')?.minRole).toBe('admin');
  });

  it('answers 401 without credentials everywhere except the open routes', async () => {
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const res = await call(op, {});
      if (PUBLIC.has(key)) expect(res.statusCode, key).not.toBe(401);
      else {
        expect(res.statusCode, key).toBe(401);
        expect(res.headers['www-authenticate'], key).toContain('Bearer');
      }
    }
    // A wrong token is a 401 too.
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/batches',
      headers: { authorization: 'Bearer evlab_nope' },
    });
    expect(res.statusCode).toBe(401);
  });

  for (const role of ROLES) {
    for (const membership of ['member', 'outsider'] as const) {
      it(`${role} ${membership}: 403 below the route's role or outside the project, never 401/403 otherwise`, async () => {
        let allowed = 0;
        for (const op of operations) {
          const key = `${op.method} ${op.path}`;
          if (PUBLIC.has(key) || op.path.startsWith('/api/auth/') || op.minRole === null) continue;
          const res = await call(op, headers[`${role}-${membership}`] as Record<string, string>);
          const roleOk = roleAtLeast(role, op.minRole);
          const projectOk = membership === 'member' || role === 'admin' || !boundToRecord(op.path, ids);
          if (roleOk && projectOk) {
            allowed += 1;
            expect([401, 403], `${key} → ${res.statusCode} ${res.body.slice(0, 200)}`).not.toContain(
              res.statusCode,
            );
            expect(res.statusCode, `${key} ${res.body.slice(0, 300)}`).toBeLessThan(500);
          } else {
            expect(res.statusCode, `${key} → ${res.body.slice(0, 200)}`).toBe(403);
          }
        }
        expect(allowed).toBeGreaterThan(0);
      });
    }
  }

  for (const role of ROLES.filter((r) => r !== 'admin')) {
    for (const membership of ['member', 'outsider'] as const) {
      it(`${role} ${membership}: no list or chart shows a row of a foreign project or someone else's job`, async () => {
        const auth = headers[`${role}-${membership}`] as Record<string, string>;
        const foreign = [...(membership === 'member' ? otherRows : demoRows), adminJobId].filter(Boolean);
        const own = membership === 'member' ? ids.batches : otherRows[2];
        const lists = operations
          .filter((op) => op.method === 'GET' && !op.path.includes('{') && op.minRole !== null)
          .map((op) => op.path);
        // Routes with a path parameter that list across projects.
        lists.push('/api/qc/metrics/sterility/series', '/api/qc/metrics/nta.concentration/series');
        let answered = 0;
        for (const url of lists) {
          const res = await t.app.inject({
            method: 'GET',
            url: `${url}${url.includes('?') ? '&' : '?'}limit=500`,
            headers: auth,
          });
          if (res.statusCode !== 200) continue;
          answered += 1;
          for (const id of foreign) expect(res.body.includes(id), `${url} shows ${id}`).toBe(false);
        }
        expect(answered).toBeGreaterThan(10);
        // Not vacuous: the user's own project's batch is listed, and filters by a foreign id are refused.
        const batches = await t.app.inject({ method: 'GET', url: '/api/batches?limit=500', headers: auth });
        expect(batches.body).toContain(own);
        const foreignBatch = membership === 'member' ? (otherRows[2] as string) : ids.batches;
        for (const url of [
          `/api/measurements?batchId=${foreignBatch}`,
          `/api/pk-studies?batchId=${foreignBatch}`,
          `/api/signatures?recordType=batch&recordId=${foreignBatch}`,
          `/api/batches/${foreignBatch}/audit`,
        ]) {
          const res = await t.app.inject({ method: 'GET', url, headers: auth });
          expect(res.statusCode, url).toBe(403);
        }
        if (adminJobId) {
          const job = await t.app.inject({ method: 'GET', url: `/api/jobs/${adminJobId}`, headers: auth });
          expect(job.statusCode).toBe(404);
        }
      });
    }
  }

  it('an administrator sees every project in the lists', async () => {
    const auth = headers['admin-outsider'] as Record<string, string>;
    const projects = await t.app.inject({ method: 'GET', url: '/api/projects?limit=500', headers: auth });
    expect(projects.body).toContain(ids.projects);
    expect(projects.body).toContain(otherRows[0]);
    if (adminJobId) {
      const jobs = await t.app.inject({ method: 'GET', url: '/api/jobs', headers: auth });
      expect(jobs.body).toContain(adminJobId);
    }
  });

  it('checks authorization before the body: a viewer posting garbage gets 403, not 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { ...headers['viewer-member'], 'content-type': 'application/json' },
      payload: '{"name": 12',
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a body that points into a project the user is not a member of', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      headers: { ...headers['analyst-outsider'], 'content-type': 'application/json' },
      payload: JSON.stringify({ projectId: ids.projects, code: 'SNEAK-1' }),
    });
    expect(res.statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/batches?projectId=${ids.projects}`,
      headers: headers['viewer-outsider'],
    });
    expect(list.statusCode).toBe(403);
  });
});
