import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { openTestServer, type TestServer } from './test-support.ts';

const JSON_HEADERS = { 'content-type': 'application/json', 'x-evlab-user': 'alice' };

describeEachDialect('API resources', (dialect) => {
  let t: TestServer;
  let projectId: string;
  let sourceId: string;

  beforeAll(async () => {
    t = await openTestServer(dialect, { prefix: 'evlab_api_resources' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const post = (url: string, body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    t.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
  const patch = (url: string, body: unknown) =>
    t.app.inject({ method: 'PATCH', url, headers: JSON_HEADERS, payload: JSON.stringify(body) });

  it('GET /api/health reports version and dialect, not the data directory', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: expect.any(String), dialect });
    expect(res.body).not.toContain(t.wb.dataDir);
  });

  it('creates, reads, lists and patches projects', async () => {
    const created = await post('/api/projects', { name: '  Stroke EVs  ', description: 'tMCAO model' });
    expect(created.statusCode).toBe(201);
    const project = created.json();
    expect(project).toMatchObject({ name: 'Stroke EVs', description: 'tMCAO model' });
    expect(typeof project.id).toBe('string');
    projectId = project.id;

    const got = await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}` });
    expect(got.json()).toEqual(project);

    const changed = await patch(`/api/projects/${projectId}`, { description: 'tMCAO, rat' });
    expect(changed.statusCode).toBe(200);
    // Only the sent key changes (the domain patch schema's defaults must not leak into a PATCH).
    expect(changed.json()).toMatchObject({ name: 'Stroke EVs', description: 'tMCAO, rat' });

    const list = await t.app.inject({ method: 'GET', url: '/api/projects?limit=10' });
    expect(list.json()).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(list.json().items[0].id).toBe(projectId);
  });

  it('creates an MSC source and refuses one for a missing project with 422 naming projectId', async () => {
    const res = await post('/api/sources', {
      projectId,
      tissue: 'umbilical-cord',
      donorCode: 'UC-01',
      passage: 4,
      cultureFormat: 'bioreactor-microcarrier',
    });
    expect(res.statusCode).toBe(201);
    sourceId = res.json().id;
    expect(res.json()).toMatchObject({
      tissue: 'umbilical-cord',
      passage: 4,
      mediumSupplement: 'serum-free',
    });

    const bad = await post('/api/sources', { projectId: 'nope', tissue: 'bone-marrow', donorCode: 'BM-1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ status: 422, code: 'invalid-reference' });
    expect(bad.json().errors[0].path).toEqual(['projectId']);

    const list = await t.app.inject({ method: 'GET', url: `/api/sources?projectId=${projectId}` });
    expect(list.json().total).toBe(1);
  });

  it('answers 400 problem+json naming the failing field path', async () => {
    const res = await post('/api/batches', { projectId, code: 'B-1', storageTemperatureC: 'cold' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 400, title: expect.any(String), type: expect.any(String) });
    expect(problem.errors).toEqual([{ path: ['storageTemperatureC'], message: expect.any(String) }]);
    expect(problem.detail).toContain('storageTemperatureC');
    expect(problem.instance).toBe('/api/batches');
  });

  it('names nested paths with numeric array indices', async () => {
    const res = await post('/api/batches', {
      projectId,
      code: 'B-nested',
      isolationProtocol: { steps: [{ method: 'size-exclusion-chromatography' }, { method: 'magic' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toEqual(['isolationProtocol', 'steps', 1, 'method']);
  });

  it('rejects malformed JSON and bad query parameters as 400 problems', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: JSON_HEADERS,
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);

    const q = await t.app.inject({ method: 'GET', url: '/api/batches?limit=5000' });
    expect(q.statusCode).toBe(400);
    expect(q.json().errors[0].path).toEqual(['limit']);
    expect(q.json().in).toBe('querystring');

    const s = await t.app.inject({ method: 'GET', url: '/api/batches?status=finished' });
    expect(s.statusCode).toBe(400);
    expect(s.json().errors[0].path).toEqual(['status']);
    expect(s.json().errors[0].message).toContain('in-qc');
  });

  it('creates batches, filters and paginates them', async () => {
    const codes = ['UC-EV-010', 'UC-EV-011', 'UC-EV-012', 'BM-EV-001', 'BM-EV-002'];
    for (const code of codes) {
      const res = await post('/api/batches', {
        projectId,
        sourceId: code.startsWith('UC') ? sourceId : null,
        code,
        conditionedMediumVolumeMl: 500,
        isolationProtocol: {
          name: 'SEC',
          steps: [{ method: 'size-exclusion-chromatography', parameters: { column: 'qEV' } }],
        },
        harvestDate: '2025-03-01',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ code, status: 'draft', buffer: '', storageTemperatureC: null });
    }

    const all = (await t.app.inject({ method: 'GET', url: '/api/batches' })).json();
    expect(all).toMatchObject({ total: 5, limit: 50, offset: 0 });

    const page1 = (await t.app.inject({ method: 'GET', url: '/api/batches?limit=2&offset=0' })).json();
    const page2 = (await t.app.inject({ method: 'GET', url: '/api/batches?limit=2&offset=2' })).json();
    const page3 = (await t.app.inject({ method: 'GET', url: '/api/batches?limit=2&offset=4' })).json();
    expect(page1.items).toHaveLength(2);
    expect(page3.items).toHaveLength(1);
    const seen = [...page1.items, ...page2.items, ...page3.items].map((b: { code: string }) => b.code).sort();
    expect(seen).toEqual([...codes].sort());

    const uc = (await t.app.inject({ method: 'GET', url: `/api/batches?sourceId=${sourceId}` })).json();
    expect(uc.total).toBe(3);
    const q = (await t.app.inject({ method: 'GET', url: '/api/batches?q=bm-ev' })).json();
    expect(q.items.map((b: { code: string }) => b.code).sort()).toEqual(['BM-EV-001', 'BM-EV-002']);
    const byProject = (
      await t.app.inject({ method: 'GET', url: `/api/batches?projectId=${projectId}&status=draft` })
    ).json();
    expect(byProject.total).toBe(5);
    const none = (await t.app.inject({ method: 'GET', url: '/api/batches?status=released' })).json();
    expect(none.total).toBe(0);
    // Empty filter values (a form's "all") mean no filter.
    const blank = await t.app.inject({ method: 'GET', url: '/api/batches?status=&projectId=&q=' });
    expect(blank.statusCode).toBe(200);
    expect(blank.json().total).toBe(5);
  });

  it('refuses a duplicate batch code with 409', async () => {
    const res = await post('/api/batches', { projectId, code: 'UC-EV-010' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('follows the status lifecycle: valid changes pass, invalid ones are 422 naming status', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/batches?q=UC-EV-010' })).json();
    const id = list.items[0].id as string;

    const jump = await patch(`/api/batches/${id}`, { status: 'released' });
    expect(jump.statusCode).toBe(422);
    expect(jump.json()).toMatchObject({ status: 422, code: 'invalid-transition' });
    expect(jump.json().errors[0].path).toEqual(['status']);

    expect((await patch(`/api/batches/${id}`, { status: 'in-qc' })).json().status).toBe('in-qc');
    // Release and rejection go through QC evaluation and an e-signature, never a PATCH (issue 13).
    const direct = await patch(`/api/batches/${id}`, { status: 'released' });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().detail).toMatch(/cannot be set to released directly/);

    // A PATCH of another field leaves the status alone.
    const notes = await patch(`/api/batches/${id}`, { notes: 'sterility passed' });
    expect(notes.statusCode).toBe(200);
    expect(notes.json()).toMatchObject({ status: 'in-qc', notes: 'sterility passed', buffer: '' });

    const back = await patch(`/api/batches/${id}`, { status: 'draft' });
    expect(back.statusCode).toBe(200);

    const audit = await t.app.inject({ method: 'GET', url: `/api/batches/${id}/audit` });
    expect(audit.statusCode).toBe(200);
    const events = audit.json().items as { action: string; actor: string }[];
    expect(events.map((e) => e.action).sort()).toEqual([
      'create',
      'status-change',
      'status-change',
      'update',
    ]);
    expect(events.every((e) => e.actor === 'alice')).toBe(true);
  });

  it('records the authenticated user, never a name sent in X-Evlab-User', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/batches',
      headers: {
        'content-type': 'application/json',
        ...(await t.headersFor('carol', 'analyst', { projectIds: [projectId] })),
        'x-evlab-user': 'mallory',
      },
      payload: JSON.stringify({ projectId, code: 'ANON-1' }),
    });
    expect(res.statusCode).toBe(201);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/batches/${res.json().id}/audit` })).json();
    expect(audit.items[0].actor).toBe('carol');
  });

  it('deletes a draft batch (204), then 404s it', async () => {
    const res = await post('/api/batches', { projectId, code: 'TO-DELETE' });
    const id = res.json().id;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/batches/${id}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    const gone = await t.app.inject({ method: 'GET', url: `/api/batches/${id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gone.json()).toMatchObject({ status: 404, instance: `/api/batches/${id}` });
  });

  it('refuses to delete a project that still has batches (409) and a referenced source (409)', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}` })).statusCode).toBe(
      409,
    );
    expect((await t.app.inject({ method: 'DELETE', url: `/api/sources/${sourceId}` })).statusCode).toBe(409);
  });

  it('404s unknown ids and unknown API routes as problem+json', async () => {
    for (const url of [
      '/api/projects/x',
      '/api/sources/x',
      '/api/raw-files/x',
      '/api/measurements/x',
      '/api/batches/x/audit',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
    const patchMissing = await patch('/api/batches/nope', { notes: 'x' });
    expect(patchMissing.statusCode).toBe(404);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json().detail).toContain('/api/nothing-here');
  });

  it('GET /api/dashboard counts projects and batches by status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.projectCount).toBe(1);
    expect(body.batchCount).toBe(6);
    expect(body.batchesByStatus).toEqual({ draft: 6, 'in-qc': 0, released: 0, rejected: 0 });
    expect(Array.isArray(body.recentMeasurements)).toBe(true);
  });
});

describe('API description and web pages', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer('sqlite', { prefix: 'evlab-api-docs' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('serves an OpenAPI 3.1 document with every route of docs/api.md', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/health',
      '/api/dashboard',
      '/api/projects',
      '/api/projects/{id}',
      '/api/sources',
      '/api/sources/{id}',
      '/api/batches',
      '/api/batches/{id}',
      '/api/batches/{id}/audit',
      '/api/batches/{id}/files',
      '/api/raw-files/{id}',
      '/api/raw-files/{id}/content',
      '/api/measurements',
      '/api/measurements/{id}',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(paths.some((p) => p.startsWith('/api/docs'))).toBe(false);
    expect(Object.keys(doc.paths['/api/batches/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    // Request bodies come from the domain schemas; responses reference registered models.
    const post = doc.paths['/api/batches'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.properties.storageTemperatureC).toBeDefined();
    expect(body.required).toContain('projectId');
    expect(doc.components.schemas.Batch).toBeDefined();
    expect(doc.components.schemas.Problem).toBeDefined();
    const upload = doc.paths['/api/batches/{id}/files'].post;
    expect(Object.keys(upload.requestBody.content)).toContain('multipart/form-data');
  });

  it('reports an unexpected error as a bare 500 problem, without internals', async () => {
    const reported: unknown[] = [];
    const { buildServer } = await import('./build-server.ts');
    const broken = {
      ...t.wb,
      store: {
        ...t.wb.store,
        dashboard: async () => {
          throw new Error('SQLITE_CORRUPT: secret detail at /srv/evlab/db');
        },
      },
    };
    const app = await buildServer(broken, { reportError: (error) => reported.push(error) });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/dashboard',
        headers: await t.headersFor('test-admin', 'admin'),
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
      expect(res.body).not.toContain('SQLITE_CORRUPT');
      expect(res.body).not.toContain('/srv/evlab');
      expect(reported).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('serves the docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
    const page =
      res.statusCode === 302
        ? await t.app.inject({ method: 'GET', url: res.headers.location as string })
        : res;
    expect(page.body.toLowerCase()).toContain('swagger');
  });

  it('explains how to build the web UI when it is not built', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('npm run build:web');
  });
});

describe('built web UI', () => {
  let t: TestServer;
  let webDir: string;
  beforeAll(async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    webDir = await mkdtemp(join(tmpdir(), 'evlab-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><div id="root">evlab app</div>');
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'assets', 'app.js'), 'console.log("evlab")');
    t = await openTestServer('sqlite', { prefix: 'evlab-api-web', webDistDir: webDir });
  });
  afterAll(async () => {
    await t?.dispose();
    const { rm } = await import('node:fs/promises');
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, assets as files, and keeps /api answers JSON', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('evlab app');
    const deep = await t.app.inject({ method: 'GET', url: '/batches/123' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('evlab app');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('console.log');
    const missingAsset = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/unknown' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json().status).toBe('ok');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body.toLowerCase()).toContain('swagger');
  });
});
