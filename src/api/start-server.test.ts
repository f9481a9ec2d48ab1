import { mkdtemp, rm } from 'node:fs/promises';
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
      expect(health).toMatchObject({ status: 'ok', dialect: 'sqlite', dataDir });
      const batches = await (await fetch(`${first.url}/api/batches`)).json();
      expect(batches.total).toBe(3);
      const page = await fetch(`${first.url}/`);
      expect(await page.text()).toContain('npm run build:web');
    } finally {
      await first.close();
    }

    const second = await startServer({ dataDir, port: 0 });
    try {
      expect(second.seeded).toBe(false);
      const batches = await (await fetch(`${second.url}/api/batches`)).json();
      expect(batches.total).toBe(3);
    } finally {
      await second.close();
    }
  });
});
