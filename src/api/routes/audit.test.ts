/**
 * Sign-in history (issue 10): sign-in successes, failures and lockouts are audit events of category
 * `access`, chained like every event, listed by GET /api/audit for QA and administrators.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/environment.ts';
import { LOCKOUT_THRESHOLD } from '../../store/account-store.ts';
import { CSRF_HEADER } from '../access-policy.ts';
import { openTestServer, type TestServer } from '../test-support.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';

interface Event {
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  category: string;
  after: Record<string, unknown>;
}

describeEachDialect('sign-in history: GET /api/audit', (dialect) => {
  let t: TestServer;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestServer(dialect, {
      auth: false,
      prefix: 'evlab_api_audit',
      signInRateLimit: { max: 100, timeWindow: 60_000 },
    });
    admin = await t.headersFor('root', 'admin');
    for (const name of ['mia', 'leo']) {
      await t.wb.store.accounts.createUser(
        { name, displayName: name, role: 'analyst', password: `${name} password 1234` },
        'setup',
      );
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const signIn = (name: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name, password }),
    });
  const history = async (headers: Record<string, string>, query = 'category=access&limit=1000') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers });
    return { res, items: res.statusCode === 200 ? (res.json().items as Event[]) : [] };
  };

  it('records successes, failures, the lockout, refusals while locked and sign-outs, newest first', async () => {
    for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) {
      const res = await signIn('mia', 'wrong password 000');
      expect(res.statusCode).toBe(i < LOCKOUT_THRESHOLD - 1 ? 401 : 429);
    }
    // While locked even the right password is refused, and that is recorded too.
    expect((await signIn('mia', 'mia password 1234')).statusCode).toBe(429);
    expect((await signIn('nobody', 'whatever 12345')).statusCode).toBe(401);
    const ok = await signIn('leo', 'leo password 1234');
    expect(ok.statusCode).toBe(200);
    const cookie = (ok.headers['set-cookie'] as string).split(';')[0] as string;
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, [CSRF_HEADER]: ok.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);

    const qa = await t.headersFor('quinn', 'qa');
    const { res, items } = await history(qa);
    expect(res.statusCode).toBe(200);
    const signIns = items.filter((e) => e.entityType === 'sign-in');
    expect(signIns.map((e) => `${e.actor} ${e.action}`)).toEqual([
      'leo sign-out',
      'leo sign-in',
      'nobody sign-in-failed',
      'mia sign-in-failed',
      'mia lockout',
      ...Array.from({ length: LOCKOUT_THRESHOLD - 1 }, () => 'mia sign-in-failed'),
    ]);
    expect(items.every((e) => e.category === 'access')).toBe(true);
    const mia = await t.wb.store.accounts.getUserByName('mia');
    const lockout = signIns.find((e) => e.action === 'lockout');
    expect(lockout).toMatchObject({
      entityId: mia?.id,
      after: { reason: 'invalid', failedSignIns: LOCKOUT_THRESHOLD },
    });
    expect(typeof lockout?.after.lockedUntil).toBe('string');
    expect(signIns[3]?.after).toMatchObject({ reason: 'locked', via: 'password' });
    expect(signIns[2]).toMatchObject({ entityId: 'name:nobody', after: { reason: 'invalid' } });
    // Never a password in the history.
    expect(JSON.stringify(items)).not.toContain('password 1234');
    expect(JSON.stringify(items)).not.toContain('wrong password');
    // QA sees the sign-in history only; administrators also see user administration in the category.
    expect(items.every((e) => e.entityType === 'sign-in')).toBe(true);
    const forAdmin = await history(admin);
    expect(forAdmin.items.some((e) => e.entityType === 'user' && e.action === 'create')).toBe(true);
    expect(forAdmin.items.every((e) => e.category === 'access')).toBe(true);
    // The events are chained like every other.
    expect((await t.wb.store.verifyAuditTrail()).valid).toBe(true);
  });

  it('filters by actor and entity type', async () => {
    const { items } = await history(admin, 'category=access&entityType=sign-in&actor=leo');
    expect(items.map((e) => e.action)).toEqual(['sign-out', 'sign-in']);
  });

  it('is for QA and administrators: analysts get 403; QA reads the access category only', async () => {
    const analyst = await t.headersFor('ana', 'analyst');
    expect((await history(analyst)).res.statusCode).toBe(403);
    const qa = await t.headersFor('quinn', 'qa');
    expect((await history(qa, 'category=records')).res.statusCode).toBe(403);
    expect((await history(qa, 'entityType=batch')).res.statusCode).toBe(403);
    expect((await history(qa, 'entityType=user')).res.statusCode).toBe(403);
    // Without a category QA gets the access category.
    const defaulted = await history(qa, '');
    expect(defaulted.items.length).toBeGreaterThan(0);
    expect(defaulted.items.every((e) => e.category === 'access')).toBe(true);
    const all = await history(admin, 'limit=1000');
    expect(all.res.statusCode).toBe(200);
    expect(new Set(all.items.map((e) => e.category)).has('access')).toBe(true);
  });

  it('records re-authentication failures (e-signatures) under the same lockout', async () => {
    const leo = await t.wb.store.accounts.getUserByName('leo');
    if (!leo) throw new Error('no leo');
    const check = await t.wb.store.accounts.checkPassword(leo.id, 'not his password');
    expect(check.ok).toBe(false);
    const { items } = await history(admin, 'entityType=sign-in&actor=leo');
    expect(items[0]).toMatchObject({ action: 'sign-in-failed', after: { via: 'reauthentication' } });
  });
});
