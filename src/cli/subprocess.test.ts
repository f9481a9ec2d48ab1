/**
 * The real entry point, as a user or a script runs it: `node bin/evlab.mjs …` in a child process, so the
 * tsx loader, process.exitCode and the stdout/stderr split are what the shell sees.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath, repoRoot } from '../../test/support/environment.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function evlab(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'evlab.mjs'), ...args],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('node bin/evlab.mjs (child process)', () => {
  it('--help prints usage on stdout and exits 0', async () => {
    const { code, stdout, stderr } = await evlab(['--help']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: evlab [options] [command]');
    expect(stdout).toContain('nta <file...>');
  });

  it("exits 2 on an unknown option, with commander's message and no stack trace", async () => {
    const { code, stdout, stderr } = await evlab(['nta', '--nope', 'x.csv']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown option '--nope'");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('nta --json on a missing file prints an error entry and exits 1', async () => {
    const { code, stdout } = await evlab(['nta', 'definitely-missing.csv', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      { file: 'definitely-missing.csv', error: expect.objectContaining({ code: 'not-found', line: null }) },
    ]);
  });
});

describeWithReference('nanosight', 'node bin/evlab.mjs nta (child process, real export)', () => {
  it('nta FILE --json prints a one-element NtaReport array and exits 0', async () => {
    const dir = referencePath('nanosight', '20210401');
    const name = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()[0];
    if (!name) throw new Error('no reference file');
    const file = join(dir, name);
    const { code, stdout, stderr } = await evlab(['nta', file, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as { file: string; videos: unknown[]; distribution: unknown }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.file).toBe(file);
    expect(entries[0]?.videos).toHaveLength(5);
    expect(entries[0]).toHaveProperty('distribution.binCentersNm');
  });
});
