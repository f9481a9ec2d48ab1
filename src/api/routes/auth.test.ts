import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { multipartBody, openTestServer, type TestServer } from '../test-support.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';

describeEachDialect('auth and user routes', (dialect) => {
  let t: TestServer;
  let admin: Record<string, string>;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestServer(dialect, { auth: false, signInRateLimit: { max: 8, timeWindow: 60_000 } });
    admin = await t.headersFor('root', 'admin');
    projectId = (await t.wb.store.createProject({ name: 'P', description: '' }, 'setup')).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const json = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body: unknown, headers = {}) =>
    t.app.inject({
      method,
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });

  const signIn = async (name: string, password: string) => {
    const res = await json('POST', '/api/auth/sign-in', { name, password });
    const cookie = (res.headers['set-cookie'] as string | undefined)?.split(';')[0] ?? '';
    return { res, cookie, csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '' };
  };

  it('lets an admin create a user, set memberships and reset the password; others get 403', async () => {
    const created = await json(
      'POST',
      '/api/users',
      { name: 'Ann', role: 'analyst', password: 'ann password 1234' },
      admin,
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'ann', role: 'analyst', hasPassword: true });
    expect(created.body).not.toContain('scrypt');
    const id = created.json().id as string;
    expect(
      (await json('PUT', `/api/users/${id}/projects`, { projectIds: [projectId] }, admin)).json(),
    ).toEqual({
      projectIds: [projectId],
    });
    const analyst = await t.headersFor('someone', 'qa');
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: analyst })).statusCode).toBe(403);
    expect((await json('POST', '/api/users', { name: 'x', role: 'admin' }, analyst)).statusCode).toBe(403);
    expect((await json('POST', `/api/users/${id}/password`, { password: 'short' }, admin)).statusCode).toBe(
      400,
    );
    const audit = await t.wb.store.listAuditEvents({ entityId: id });
    expect(audit.items.map((e) => e.actor)).toEqual(['root', 'root']);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie; cookie writes need the CSRF header', async () => {
    const { res, cookie, csrf } = await signIn('ann', 'ann password 1234');
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(res.json()).toMatchObject({ user: { name: 'ann' }, role: 'analyst', projectIds: [projectId] });
    const session = (
      await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })
    ).json();
    expect(session).toMatchObject({ user: { name: 'ann' }, csrfToken: csrf, via: 'session' });

    const body = { projectId, code: 'CSRF-1' };
    expect((await json('POST', '/api/batches', body, { cookie })).statusCode).toBe(403);
    expect((await json('POST', '/api/batches', body, { cookie, 'x-csrf-token': 'forged' })).statusCode).toBe(
      403,
    );
    const crossSite = await json('POST', '/api/batches', body, {
      cookie,
      'x-csrf-token': csrf,
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(403);
    const ok = await json('POST', '/api/batches', body, { cookie, 'x-csrf-token': csrf });
    expect(ok.statusCode).toBe(201);
    expect((await t.wb.store.listAuditEvents({ entityId: ok.json().id })).items[0]?.actor).toBe('ann');

    // A cross-site form upload (multipart, no CSRF header) is refused before the body is read.
    const upload = multipartBody([{ name: 'file', fileName: 'x.csv', content: 'a,b\n' }]);
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${ok.json().id}/files`,
      headers: { ...upload.headers, cookie, origin: 'https://evil.example' },
      payload: upload.payload,
    });
    expect(multipart.statusCode).toBe(403);
    expect(await t.wb.store.listRawFiles({ batchId: ok.json().id })).toMatchObject({ total: 0 });

    const out = await json('POST', '/api/auth/sign-out', {}, { cookie, 'x-csrf-token': csrf });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/batches', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('changes the own password with the current one; tokens cannot', async () => {
    const { cookie, csrf } = await signIn('ann', 'ann password 1234');
    const wrong = await json(
      'POST',
      '/api/auth/password',
      { currentPassword: 'nope', newPassword: 'ann new password 99' },
      { cookie, 'x-csrf-token': csrf },
    );
    expect(wrong.statusCode).toBe(401);
    const changed = await json(
      'POST',
      '/api/auth/password',
      { currentPassword: 'ann password 1234', newPassword: 'ann new password 99' },
      { cookie, 'x-csrf-token': csrf },
    );
    expect(changed.statusCode).toBe(200);
    // The old session ended; the answer carries a new one.
    expect((await t.app.inject({ method: 'GET', url: '/api/batches', headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect((await signIn('ann', 'ann new password 99')).res.statusCode).toBe(200);
  });

  it('issues own API tokens (shown once, scope at most the role), usable as Bearer, revocable', async () => {
    const { cookie, csrf } = await signIn('ann', 'ann new password 99');
    const tooHigh = await json(
      'POST',
      '/api/auth/tokens',
      { name: 'x', role: 'admin' },
      { cookie, 'x-csrf-token': csrf },
    );
    expect(tooHigh.statusCode).toBe(422);
    const created = await json(
      'POST',
      '/api/auth/tokens',
      { name: 'script', role: 'viewer', expiresInDays: 7 },
      { cookie, 'x-csrf-token': csrf },
    );
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/batches?projectId=${projectId}`, headers: bearer }))
        .statusCode,
    ).toBe(200);
    expect((await json('POST', '/api/batches', { projectId, code: 'TOK-1' }, bearer)).statusCode).toBe(403);
    const list = (await t.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer })).json();
    expect(JSON.stringify(list)).not.toContain(token);
    expect(
      (await json('DELETE', `/api/auth/tokens/${apiToken.id}`, {}, { cookie, 'x-csrf-token': csrf }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/batches', headers: bearer })).statusCode).toBe(
      401,
    );
  });

  it('locks an account after repeated failures (429 + Retry-After) and rate-limits sign-in per address', async () => {
    await json('POST', '/api/users', { name: 'lou', role: 'viewer', password: 'lou password 1234' }, admin);
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 9; i++) {
      const res = await json('POST', '/api/auth/sign-in', { name: 'lou', password: 'guess' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429 && retryAfter === undefined) retryAfter = res.headers['retry-after'];
    }
    // Earlier tests used 4 of this minute's 8 sign-ins: the per-address limit answers 429 too.
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('sends security headers with a Content-Security-Policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
