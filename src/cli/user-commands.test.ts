import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../jobs/workbench.ts';
import { runCli } from './testing.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'evlab-cli-users-'));
const env = { EVLAB_DATA_DIR: dataDir, EVLAB_SCRYPT_LOG2N: '14' };
process.env.EVLAB_SCRYPT_LOG2N = '14';

describe('evlab user / token', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a user with a password from stdin, lists, disables and resets it (all with --json)', async () => {
    // The first account (no accounts yet: EVLAB_USER is recorded as given) is the one the tests act as.
    const admin = await runCli(['user', 'create', 'cli-test', '--role', 'admin', '--json'], { env });
    expect(admin.code, admin.stderr).toBe(0);
    const created = await runCli(['user', 'create', 'Ada', '--role', 'qa', '--password-stdin', '--json'], {
      env,
      stdin: 'a long enough password\n',
    });
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'ada', role: 'qa', hasPassword: true });

    const short = await runCli(['user', 'create', 'bo', '--role', 'viewer', '--password-stdin'], {
      env,
      stdin: 'short\n',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 12 characters');
    const badRole = await runCli(['user', 'create', 'bo', '--role', 'boss'], { env });
    expect(badRole.code).toBe(2);
    const dup = await runCli(['user', 'create', 'ada', '--role', 'viewer', '--json'], { env });
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stdout).error.code).toBe('conflict');

    const list = await runCli(['user', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout).items.map((u: { name: string }) => u.name)).toEqual(['ada', 'cli-test']);
    const human = await runCli(['user', 'list'], { env });
    expect(human.stdout).toMatch(/ada\s+ada\s+qa\s+active\s+password/);

    expect(JSON.parse((await runCli(['user', 'disable', 'ada', '--json'], { env })).stdout).disabled).toBe(
      true,
    );
    const reset = await runCli(['user', 'reset-password', 'ada', '--password-stdin', '--json'], {
      env,
      stdin: 'another long password\n',
    });
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse((await runCli(['user', 'enable', 'ada', '--json'], { env })).stdout).disabled).toBe(
      false,
    );

    const wb = await openWorkbench({ dataDir });
    try {
      expect(await wb.store.accounts.signIn('ada', 'another long password')).toMatchObject({ ok: true });
      const audit = await wb.store.listAuditEvents({ entityType: 'user' });
      // The CLI records the acting user (EVLAB_USER in tests; by default the OS user name).
      expect(audit.items.every((e) => e.actor === 'cli-test')).toBe(true);
      expect(JSON.stringify(audit.items)).not.toContain('another long password');
    } finally {
      await wb.close();
    }
  });

  it('creates an API token that the API accepts as Bearer, with expiry, and revokes it', async () => {
    const res = await runCli(['token', 'create', 'ada', '--expires-days', '7', '--json'], { env });
    expect(res.code, res.stderr).toBe(0);
    const { token, expiresAt, id } = JSON.parse(res.stdout);
    expect(token).toMatch(/^evlab_/);
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const { buildServer } = await import('../api/build-server.ts');
    const wb = await openWorkbench({ dataDir });
    const app = await buildServer(wb);
    try {
      const ok = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.json()).toMatchObject({ name: 'ada', role: 'qa' });
      const list = await runCli(['token', 'list', 'ada', '--json'], { env });
      expect(list.stdout).not.toContain(token);
      expect((await runCli(['token', 'revoke', id, '--json'], { env })).code).toBe(0);
      const gone = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(gone.statusCode).toBe(401);
    } finally {
      await app.close();
      await wb.close();
    }
    expect((await runCli(['token', 'create', 'ada', '--expires-days', '0'], { env })).code).toBe(2);
  });

  it('--user must name an account once accounts exist (exit 2, nothing written); an account is recorded', async () => {
    const before = await runCli(['audit', 'verify', '--json'], { env });
    const events = JSON.parse(before.stdout).events as number;
    const unknown = await runCli(
      ['user', 'create', 'eve', '--role', 'viewer', '--user', 'mallory', '--json'],
      {
        env,
      },
    );
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'unknown-user' });
    expect(JSON.parse(unknown.stdout).error.message).toContain('mallory');
    const human = await runCli(['user', 'list', '--user', 'mallory'], { env });
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('no such account');
    const after = await runCli(['audit', 'verify', '--json'], { env });
    expect(JSON.parse(after.stdout).events).toBe(events);
    // A real account (any case) is accepted and recorded as the actor.
    const ok = await runCli(['user', 'create', 'eve', '--role', 'viewer', '--user', 'ADA', '--json'], {
      env,
    });
    expect(ok.code, ok.stderr).toBe(0);
    const wb = await openWorkbench({ dataDir });
    try {
      const eve = await wb.store.accounts.getUserByName('eve');
      const trail = await wb.store.listAuditEvents({ entityId: eve?.id ?? '-' });
      expect(trail.items.map((e) => e.actor)).toEqual(['ADA'.toLowerCase()]);
    } finally {
      await wb.close();
    }
  });

  it('--user is free while the data directory has no accounts (a single-user lab)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'evlab-cli-nousers-'));
    try {
      const res = await runCli(['demo', '--json', '--user', 'anyone'], {
        env: { ...env, EVLAB_DATA_DIR: empty },
      });
      expect(res.code, res.stderr).toBe(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('EVLAB_USER must be an enabled account once accounts exist: unknown or disabled is refused, nothing written', async () => {
    const before = JSON.parse((await runCli(['audit', 'verify', '--json'], { env })).stdout).events as number;
    const unknown = await runCli(['user', 'create', 'zed', '--role', 'viewer', '--json'], {
      env: { ...env, EVLAB_USER: 'mallory' },
    });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'unknown-user' });
    expect(JSON.parse(unknown.stdout).error.message).toContain('EVLAB_USER=mallory');
    expect((await runCli(['user', 'create', 'dis', '--role', 'viewer', '--json'], { env })).code).toBe(0);
    expect((await runCli(['user', 'disable', 'dis', '--json'], { env })).code).toBe(0);
    const mid = JSON.parse((await runCli(['audit', 'verify', '--json'], { env })).stdout).events as number;
    expect(mid).toBeGreaterThan(before);
    const disabled = await runCli(['user', 'create', 'zed', '--role', 'viewer', '--json'], {
      env: { ...env, EVLAB_USER: 'DIS' },
    });
    expect(disabled.code).toBe(2);
    expect(JSON.parse(disabled.stdout).error).toMatchObject({ code: 'disabled-user' });
    expect(JSON.parse((await runCli(['audit', 'verify', '--json'], { env })).stdout).events).toBe(mid);
    const wb = await openWorkbench({ dataDir });
    try {
      expect(await wb.store.accounts.getUserByName('zed')).toBeNull();
    } finally {
      await wb.close();
    }
  });

  it('without --user or EVLAB_USER the OS user is the actor: linked to its account, else recorded as os:<name>', async () => {
    const osName = userInfo().username;
    const noClaim = { ...env, EVLAB_USER: '' };
    // No account of that name: the trail shows an OS login that is not an evlab account.
    const first = await runCli(['user', 'create', 'osprobe1', '--role', 'viewer', '--json'], {
      env: noClaim,
    });
    expect(first.code, first.stderr).toBe(0);
    // An account named like the OS user (other case): the CLI acts as that account.
    const mine = await runCli(['user', 'create', osName.toUpperCase(), '--role', 'analyst', '--json'], {
      env,
    });
    expect(mine.code, mine.stderr).toBe(0);
    const second = await runCli(['user', 'create', 'osprobe2', '--role', 'viewer', '--json'], {
      env: noClaim,
    });
    expect(second.code, second.stderr).toBe(0);
    const wb = await openWorkbench({ dataDir });
    try {
      const actorOf = async (name: string) => {
        const u = await wb.store.accounts.getUserByName(name);
        return (await wb.store.listAuditEvents({ entityId: u?.id ?? '-' })).items.map((e) => e.actor);
      };
      expect(await actorOf('osprobe1')).toEqual([`os:${osName}`]);
      expect(await actorOf('osprobe2')).toEqual([osName.toLowerCase()]);
    } finally {
      await wb.close();
    }
    // The OS user's account disabled: refused, not recorded as os:<name>.
    expect((await runCli(['user', 'disable', osName, '--json'], { env })).code).toBe(0);
    const refused = await runCli(['user', 'create', 'osprobe3', '--role', 'viewer', '--json'], {
      env: noClaim,
    });
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'disabled-user' });
    expect(refused.stderr).toContain('operating-system user');
  });
});
