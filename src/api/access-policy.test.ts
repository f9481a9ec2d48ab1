/**
 * The global access policy, route by route: every operation of the OpenAPI document × no credentials ×
 * every role × member / non-member of the project the route's record belongs to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, roleAtLeast } from '../domain/account.ts';
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
const PROJECT_BOUND = /^\/api\/(projects|sources|batches|raw-files|measurements|pk-studies)\/\{/;
/** Project-bound routes with a real record in the member project (pk-studies: none, so the route 404s). */
const boundToRecord = (path: string, ids: Record<string, string>) =>
  PROJECT_BOUND.test(path) && (/^\/api\/([\w-]+)\//.exec(path)?.[1] ?? '') in ids;

interface Operation {
  method: string;
  path: string;
  minRole: Role | null;
}

describe('access policy: OpenAPI routes × roles × membership', () => {
  let t: TestServer;
  let operations: Operation[];
  const ids: Record<string, string> = {};
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await openTestServer('sqlite', { auth: false });
    const demo = await seedDemo(t.wb, { actor: 'setup' });
    const measurement = demo.measurements[0];
    if (!measurement) throw new Error('the demo has no measurement');
    const other = await t.wb.store.createProject({ name: 'Other', description: '' }, 'setup');
    ids.projects = demo.project.id;
    ids.sources = demo.source?.id ?? 'none';
    ids.batches = measurement.batchId;
    ids.measurements = measurement.id;
    ids['raw-files'] = measurement.rawFileId;
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
