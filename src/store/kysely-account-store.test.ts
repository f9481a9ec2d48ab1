import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/environment.ts';
import { userInputSchema } from '../domain/account.ts';
import { batchInputSchema } from '../domain/batch.ts';
import { LOCKOUT_THRESHOLD, SESSION_IDLE_MINUTES } from './account-store.ts';
import { StoreError } from './evlab-store.ts';
import { secretHash } from './kysely-account-store.ts';
import { openTestStore, type TestStore } from './open-test-store.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';

describeEachDialect('account store', (dialect) => {
  let t: TestStore;
  let now = new Date('2026-03-01T08:00:00.000Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeAll(async () => {
    t = await openTestStore(dialect, { clock: () => now });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const user = (name: string, role: 'viewer' | 'analyst' | 'qa' | 'admin', password: string | null = null) =>
    userInputSchema.parse({ name, role, password });

  it('creates users with a scrypt hash, never the password, and audits without the hash', async () => {
    const ada = await t.store.accounts.createUser(user('Ada', 'analyst', 'a long enough secret'), 'root');
    expect(ada).toMatchObject({
      name: 'ada',
      displayName: 'ada',
      role: 'analyst',
      hasPassword: true,
      disabled: false,
    });
    const db = (
      t.store as unknown as { kysely: import('kysely').Kysely<import('./database-schema.ts').Database> }
    ).kysely;
    const row = await db.selectFrom('users').selectAll().where('id', '=', ada.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$14\$8\$1\$/);
    expect(row.password_hash).not.toContain('a long enough secret');
    const events = await t.store.listAuditEvents({ entityId: ada.id });
    expect(events.items[0]).toMatchObject({ entityType: 'user', action: 'create', actor: 'root' });
    expect(JSON.stringify(events.items)).not.toContain('scrypt');
    await expect(t.store.accounts.createUser(user('ada', 'viewer'), 'root')).rejects.toMatchObject({
      code: 'conflict',
      path: ['name'],
    });
  });

  it('signs in, refuses wrong passwords, locks after repeated failures and backs off', async () => {
    const bo = await t.store.accounts.createUser(user('bo', 'viewer', 'bo password 12345'), 'root');
    expect(await t.store.accounts.signIn('BO', 'bo password 12345')).toMatchObject({ ok: true });
    expect(await t.store.accounts.signIn('nobody', 'whatever it is')).toEqual({
      ok: false,
      reason: 'invalid',
      retryAfterSeconds: null,
    });
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) {
      expect(await t.store.accounts.signIn('bo', 'wrong')).toMatchObject({ ok: false, reason: 'invalid' });
    }
    expect(await t.store.accounts.signIn('bo', 'wrong')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 30,
    });
    // During the lock even the right password is refused.
    expect(await t.store.accounts.signIn('bo', 'bo password 12345')).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    advance(31_000);
    // One more failure after the lock doubles it.
    expect(await t.store.accounts.signIn('bo', 'wrong')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 60,
    });
    advance(61_000);
    expect(await t.store.accounts.checkPassword(bo.id, 'bo password 12345')).toMatchObject({ ok: true });
    // Success resets the counter.
    expect(await t.store.accounts.signIn('bo', 'wrong')).toMatchObject({ ok: false, reason: 'invalid' });
    await t.store.accounts.updateUser(bo.id, { disabled: true }, 'root');
    expect(await t.store.accounts.signIn('bo', 'bo password 12345')).toMatchObject({
      ok: false,
      reason: 'disabled',
    });
  });

  it('keeps sessions server-side by hash, with idle expiry, and ends them on password change', async () => {
    const cy = await t.store.accounts.createUser(user('cy', 'qa', 'cy password 12345'), 'root');
    const session = await t.store.accounts.createSession(cy.id, 'password');
    expect((await t.store.accounts.resolveSession(session.token))?.user.name).toBe('cy');
    expect(await t.store.accounts.resolveSession(secretHash(session.token))).toBeNull();
    advance((SESSION_IDLE_MINUTES + 1) * 60_000);
    expect(await t.store.accounts.resolveSession(session.token)).toBeNull();
    const second = await t.store.accounts.createSession(cy.id, 'password');
    await t.store.accounts.setPassword(cy.id, 'new password 67890', 'admin-x');
    expect(await t.store.accounts.resolveSession(second.token)).toBeNull();
    expect(await t.store.accounts.signIn('cy', 'new password 67890')).toMatchObject({ ok: true });
    const third = await t.store.accounts.createSession(cy.id, 'password');
    await t.store.accounts.deleteSession(third.token);
    expect(await t.store.accounts.resolveSession(third.token)).toBeNull();
  });

  it('issues API tokens hashed at rest, scoped, expiring and revocable', async () => {
    const di = await t.store.accounts.createUser(user('di', 'analyst'), 'root');
    await expect(
      t.store.accounts.createApiToken(di.id, { name: 'too high', role: 'admin' }, 'root'),
    ).rejects.toBeInstanceOf(StoreError);
    const { token, apiToken } = await t.store.accounts.createApiToken(
      di.id,
      { name: 'ci', role: 'viewer', expiresInDays: 2 },
      'root',
    );
    expect(token).toMatch(/^evlab_[A-Za-z0-9_-]{43}$/);
    const db = (
      t.store as unknown as { kysely: import('kysely').Kysely<import('./database-schema.ts').Database> }
    ).kysely;
    const row = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', apiToken.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(secretHash(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await t.store.accounts.resolveApiToken(token)).toMatchObject({ role: 'viewer', via: 'token' });
    expect(await t.store.accounts.resolveApiToken(`${token}x`)).toBeNull();
    // A scope above a later-lowered user role is capped by the user's role.
    const full = await t.store.accounts.createApiToken(di.id, { name: 'full' }, 'root');
    await t.store.accounts.updateUser(di.id, { role: 'viewer' }, 'root');
    expect((await t.store.accounts.resolveApiToken(full.token))?.role).toBe('viewer');
    advance(2 * 86_400_000 + 1000);
    expect(await t.store.accounts.resolveApiToken(token)).toBeNull();
    await t.store.accounts.revokeApiToken(full.apiToken.id, 'root');
    expect(await t.store.accounts.resolveApiToken(full.token)).toBeNull();
    expect((await t.store.accounts.listApiTokens(di.id)).map((x) => x.name)).toEqual(['full', 'ci']);
  });

  it('uses sign-in links once, and not after expiry', async () => {
    const ed = await t.store.accounts.createUser(user('ed', 'admin'), 'root');
    const link = await t.store.accounts.createSignInLink(ed.id);
    expect((await t.store.accounts.consumeSignInLink(link.token))?.id).toBe(ed.id);
    expect(await t.store.accounts.consumeSignInLink(link.token)).toBeNull();
    const late = await t.store.accounts.createSignInLink(ed.id, 1);
    advance(3600_000 + 1);
    expect(await t.store.accounts.consumeSignInLink(late.token)).toBeNull();
  });

  it('keeps memberships, resolves the project of stored records and refuses to drop the last admin', async () => {
    const fay = await t.store.accounts.createUser(user('fay', 'viewer'), 'root');
    const p = await t.store.createProject({ name: 'Members', description: '' }, 'root');
    const b = await t.store.createBatch(batchInputSchema.parse({ projectId: p.id, code: 'M-1' }), 'root');
    expect(await t.store.accounts.setMemberships(fay.id, [p.id, p.id], 'root')).toEqual([p.id]);
    expect(await t.store.accounts.isMember(fay.id, p.id)).toBe(true);
    await expect(t.store.accounts.setMemberships(fay.id, ['nope'], 'root')).rejects.toMatchObject({
      code: 'invalid-reference',
      path: ['projectIds', 0],
    });
    expect(await t.store.accounts.projectOf('batch', b.id)).toBe(p.id);
    expect(await t.store.accounts.projectOf('project', p.id)).toBe(p.id);
    expect(await t.store.accounts.projectOf('measurement', 'nope')).toBeNull();
    const admins = (await t.store.accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins.map((a) => a.name)).toEqual(['ed']);
    await expect(
      t.store.accounts.updateUser(admins[0]?.id ?? '', { role: 'qa' }, 'root'),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
