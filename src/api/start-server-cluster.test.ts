/**
 * `evlab serve --workers 2` as a user runs it (a real child process): the primary forks two server
 * processes on one port, they share sessions and data through the database, a killed worker is replaced,
 * and SIGTERM stops everything.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there is no child
  }
}

/** One request on a fresh connection (no keep-alive), so the cluster may hand it to either worker. */
function get(url: string, cookie = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, connection: 'close' }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('evlab serve --workers 2', () => {
  let dataDir: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let info: { url: string; workers: number; signInUrl: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'evlab-cluster-'));
    child = spawn(
      process.execPath,
      [join(root, 'bin', 'evlab.mjs'), 'serve', '--workers', '2', '--port', '0', '--json'],
      { cwd: root, env: { ...process.env, EVLAB_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    info = await new Promise((resolve, reject) => {
      child.stdout?.on('data', (c: Buffer) => {
        stdout += c.toString();
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (line && stdout.includes('\n')) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('forks two server processes on one port that share sessions and data through the database', async () => {
    expect(info.workers).toBe(2);
    expect(childPids(child.pid as number)).toHaveLength(2);
    // The one-time link signs in on whichever worker takes the connection; the session is in the database,
    // so every later request is signed in, whichever worker answers it.
    const link = await new Promise<string>((resolve, reject) => {
      const req = request(info.signInUrl, { agent: false }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] as string);
      });
      req.on('error', reject);
      req.end();
    });
    expect(link).toMatch(/=/);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(`${info.url}/api/batches`, link)));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.parse(a.body).total).toBe(3); // the demo, seeded once by the primary, not once per worker
    }
    expect((await get(`${info.url}/api/batches`)).status).toBe(401);
  }, 60_000);

  it('replaces a worker that dies, and keeps answering', async () => {
    const [victim] = childPids(child.pid as number);
    process.kill(victim as number, 'SIGKILL');
    const replaced = await waitFor(() => {
      const pids = childPids(child.pid as number);
      return (
        pids.length === 2 &&
        !pids.includes(victim as number) &&
        /started server worker \d+ in its place/.test(stderr)
      );
    }, 30_000);
    expect(replaced).toBe(true);
    expect(stderr).toContain(`server worker ${victim} exited (SIGKILL)`);
    expect(stderr).toMatch(/started server worker \d+ in its place/);
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(`${info.url}/api/health`)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  }, 60_000);

  it('stops the primary and every worker on SIGTERM', async () => {
    const workers = childPids(child.pid as number);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await waitFor(() => workers.every((pid) => !alive(pid)), 10_000)).toBe(true);
    expect(stderr).toContain('evlab stopped');
  }, 60_000);
});
