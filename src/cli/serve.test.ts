import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './testing.ts';

let dataDir: string;
let fakeRepo: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'evlab-cli-serve-data-'));
  fakeRepo = mkdtempSync(join(tmpdir(), 'evlab-cli-serve-repo-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fakeRepo, { recursive: true, force: true });
});

/** Starts `evlab serve` in-process, waits for its URL, runs `body`, then sends the shutdown signal. */
async function withServe(
  args: string[],
  body: (url: string) => Promise<void>,
  env: Record<string, string> = {},
) {
  let stop: (signal: string) => void = () => {};
  const shutdown = new Promise<string>((resolve) => {
    stop = resolve;
  });
  let resolveUrl: (url: string) => void = () => {};
  let rejectUrl: (error: Error) => void = () => {};
  const urlSeen = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  const running = runCli(['serve', '--port', '0', '--data-dir', dataDir, ...args], {
    repoRoot: fakeRepo,
    env,
    shutdown,
    onStdout: (text) => {
      const json = text.match(/"url":"([^"]+)"/);
      const human = text.match(/evlab listening on (\S+)/);
      const url = json?.[1] ?? human?.[1];
      if (url) resolveUrl(url);
    },
  });
  void running.then((r) => rejectUrl(new Error(`serve ended early (exit ${r.code}): ${r.stderr}`)));
  const url = await urlSeen;
  try {
    await body(url);
  } finally {
    stop('SIGTERM');
  }
  return running;
}

describe('evlab serve', () => {
  it('listens on 127.0.0.1, prints URL, data dir and database, serves the API and stops on a signal', async () => {
    mkdirSync(join(fakeRepo, 'web', 'dist'), { recursive: true });
    writeFileSync(join(fakeRepo, 'web', 'dist', 'index.html'), '<!doctype html><title>evlab test UI</title>');
    const result = await withServe([], async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', dialect: 'sqlite' });
      const page = await fetch(`${url}/`);
      expect(await page.text()).toContain('evlab test UI');
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^evlab listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(result.stdout).toContain(`data dir  ${dataDir}`);
    expect(result.stdout).toContain(`database  SQLite ${join(dataDir, 'evlab.sqlite')}`);
    expect(result.stderr).not.toContain('warning');
    // First start: an administrator and a one-time sign-in link on the console.
    expect(result.stderr).toMatch(
      /First start: created the administrator "admin"[\s\S]*http:\/\/127\.0\.0\.1:\d+\/api\/auth\/link\?token=/,
    );
    expect(result.stderr).toContain('SIGTERM received, shutting down');
    expect(result.stderr).toContain('evlab stopped');
    expect(result.stderr).not.toContain('Building web UI');
  });

  it('warns about plain HTTP beyond loopback (EVLAB_HOST like --host); --json keeps stdout to one object with the sign-in link', async () => {
    mkdirSync(join(fakeRepo, 'web', 'dist'), { recursive: true });
    writeFileSync(join(fakeRepo, 'web', 'dist', 'index.html'), '<!doctype html>');
    const result = await withServe(
      ['--json'],
      async (url) => {
        expect((await fetch(`${url}/api/health`)).status).toBe(200);
        expect((await fetch(`${url}/api/batches`)).status).toBe(401);
      },
      { EVLAB_HOST: '0.0.0.0' },
    );
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({
      host: '0.0.0.0',
      dialect: 'sqlite',
      dataDir,
      warning: expect.stringMatching(/plain HTTP/),
    });
    expect(result.stderr).toMatch(/warning: .*plain HTTP/);
    // The data dir may already have an admin with a password from an earlier test: then no link.
    if (info.signInUrl !== null) {
      expect(info.signInUrl).toMatch(/\/api\/auth\/link\?token=[A-Za-z0-9_-]{43}$/);
      expect(result.stderr).toContain(info.signInUrl as string);
    }
  });

  it('takes the port from EVLAB_PORT and rejects a bad one with exit 2', async () => {
    const bad = await runCli(['serve', '--data-dir', dataDir], {
      env: { EVLAB_PORT: 'http' },
      repoRoot: fakeRepo,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('EVLAB_PORT=http');
  });

  it('reports a port in use in one line with exit 1', async () => {
    mkdirSync(join(fakeRepo, 'web', 'dist'), { recursive: true });
    writeFileSync(join(fakeRepo, 'web', 'dist', 'index.html'), '<!doctype html>');
    await withServe([], async (url) => {
      const port = new URL(url).port;
      const second = await runCli(['serve', '--port', port, '--data-dir', dataDir], { repoRoot: fakeRepo });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^evlab: .*EADDRINUSE|address already in use/m);
      expect(second.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('builds the web UI with Vite first when web/dist/index.html is missing', async () => {
    mkdirSync(join(fakeRepo, 'web'), { recursive: true });
    writeFileSync(join(fakeRepo, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(fakeRepo, 'web', 'index.html'),
      '<!doctype html><title>built by vite</title><body>hi</body>',
    );
    writeFileSync(
      join(fakeRepo, 'web', 'vite.config.ts'),
      "import { fileURLToPath } from 'node:url';\nexport default { root: fileURLToPath(new URL('.', import.meta.url)), build: { outDir: 'dist', emptyOutDir: true } };\n",
    );
    const result = await withServe(['--json'], async (url) => {
      expect(await (await fetch(`${url}/`)).text()).toContain('built by vite');
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Building web UI…');
    expect(readFileSync(join(fakeRepo, 'web', 'dist', 'index.html'), 'utf8')).toContain('built by vite');
    // Vite's own chatter never reaches stdout: it is exactly one JSON object.
    expect(JSON.parse(result.stdout)).toMatchObject({ webUi: true });
  });
});

describe('evlab serve --workers', () => {
  it('takes 1–64 worker processes and refuses anything else, from the option and from EVLAB_WORKERS', async () => {
    const { parseWorkers } = await import('./commands/serve.ts');
    const { MAX_WORKERS } = await import('../api/start-server-cluster.ts');
    expect(parseWorkers('2')).toBe(2);
    expect(parseWorkers(String(MAX_WORKERS))).toBe(MAX_WORKERS);
    for (const bad of ['0', '-1', '1.5', 'two', String(MAX_WORKERS + 1)])
      expect(() => parseWorkers(bad)).toThrow();
    const result = await runCli(['serve', '--port', '0', '--data-dir', dataDir], {
      repoRoot: fakeRepo,
      env: { EVLAB_WORKERS: 'many' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('EVLAB_WORKERS=many');
  });
});
