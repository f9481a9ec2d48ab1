import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposureWarning, isLoopbackHost, startServer } from './start-server.ts';

describe('exposure warning', () => {
  it('is null on loopback addresses and names the host otherwise', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(exposureWarning(host)).toBeNull();
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'lab-server.local']) {
      expect(isLoopbackHost(host), host).toBe(false);
      expect(exposureWarning(host)).toContain(host);
    }
  });
});

describe('startServer', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'evlab-start-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, seeds the demo on first start only, listens on 127.0.0.1 and answers over HTTP', async () => {
    const first = await startServer({ dataDir, port: 0 });
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.warning).toBeNull();
      expect(first.seeded).toBe(true);
      const health = await (await fetch(`${first.url}/api/health`)).json();
      expect(health).toEqual({ status: 'ok', version: expect.any(String), dialect: 'sqlite' });
      expect(JSON.stringify(health)).not.toContain(dataDir);
      // Newcomer path: the admin was created and a one-time sign-in link printed.
      expect(first.signIn).toMatchObject({ userName: 'admin', createdUser: true });
      expect((await fetch(`${first.url}/api/batches`)).status).toBe(401);
      const link = await fetch(first.signIn?.url as string, { redirect: 'manual' });
      expect(link.status).toBe(303);
      const cookie = (link.headers.get('set-cookie') ?? '').split(';')[0] as string;
      expect(link.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      expect(link.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
      const batches = await (await fetch(`${first.url}/api/batches`, { headers: { cookie } })).json();
      expect(batches.total).toBe(3);
      expect((await fetch(first.signIn?.url as string, { redirect: 'manual' })).status).toBe(401);
      const page = await fetch(`${first.url}/`);
      expect(await page.text()).toContain('npm run build:web');
    } finally {
      await first.close();
    }

    const second = await startServer({ dataDir, port: 0 });
    try {
      expect(second.seeded).toBe(false);
      // Nobody has a password yet: a fresh link for the same admin, no second admin.
      expect(second.signIn).toMatchObject({ userName: 'admin', createdUser: false });
      expect(await second.workbench.store.accounts.countUsers()).toBe(1);
      const admin = await second.workbench.store.accounts.getUserByName('admin');
      const { token } = await second.workbench.store.accounts.createApiToken(
        admin?.id as string,
        { name: 't' },
        'test',
      );
      const batches = await (
        await fetch(`${second.url}/api/batches`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect(batches.total).toBe(3);
      // DNS rebinding: a foreign Host name is refused.
      const status = (hostHeader: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(`${second.url}/api/health`, { headers: { host: hostHeader } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      expect(await status('attacker.example')).toBe(421);
      expect(await status(`attacker.example:${second.port}`)).toBe(421);
      expect(await status(`localhost:${second.port}`)).toBe(200);
    } finally {
      await second.close();
    }
  });
});
