import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePort } from './commands/serve.ts';
import { resolveGlobals } from './context.ts';
import { buildProgram } from './main.ts';
import { CapturedStream, runCli } from './testing.ts';

describe('evlab program', () => {
  it('lists every command in --help, on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['serve', 'db', 'demo', 'import', 'nta'])
      expect(stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
    for (const option of ['--data-dir', '--db', '--json', '--user']) expect(stdout).toContain(option);
  });

  it('shows the global options in a command help', async () => {
    const { code, stdout } = await runCli(['import', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: evlab import [options] <batch> <file...>');
    expect(stdout).toContain('Global Options:');
    expect(stdout).toContain('--json');
  });

  it('prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("rejects an unknown command with commander's message and exit 2", async () => {
    const { code, stdout, stderr } = await runCli(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: unknown command 'frobnicate'");
  });

  it('suggests the closest command', async () => {
    const { code, stderr } = await runCli(['improt']);
    expect(code).toBe(2);
    expect(stderr).toContain('Did you mean import?');
  });

  it('rejects an unknown option with exit 2', async () => {
    const { code, stderr } = await runCli(['nta', '--frobnicate', 'x.csv']);
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown option '--frobnicate'");
  });

  it('rejects a missing argument with exit 2', async () => {
    const { code, stderr } = await runCli(['import', 'B-1']);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'file'");
  });

  it('rejects a bad port with exit 2 before starting anything', async () => {
    const { code, stderr } = await runCli(['serve', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected a port number');
  });

  it('shows help on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: evlab');
  });

  it('exits 2 for `db` without a subcommand', async () => {
    const { code, stderr } = await runCli(['db']);
    expect(code).toBe(2);
    expect(stderr).toContain('migrate');
  });

  it('refuses an unsupported --db value as a usage error, without a stack trace', async () => {
    const { code, stdout, stderr } = await runCli([
      'db',
      'migrate',
      '--db',
      'mysql://x/y',
      '--data-dir',
      '/nonexistent',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^evlab: --db: unsupported database setting/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the stack trace with EVLAB_DEBUG=1', async () => {
    const { code, stderr } = await runCli(['db', 'migrate', '--db', 'mysql://x/y'], {
      env: { EVLAB_DEBUG: '1' },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('can be built and parsed directly with injected streams', async () => {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    const outcome = { exitCode: -1 };
    const program = buildProgram(
      { stdout, stderr, env: {}, cwd: '/', waitForShutdown: () => new Promise(() => {}) },
      outcome,
    );
    await expect(program.parseAsync(['--help'], { from: 'user' })).rejects.toMatchObject({
      code: 'commander.helpDisplayed',
    });
    expect(stdout.text).toContain('Usage: evlab');
  });
});

describe('global options', () => {
  function globalsFor(args: string[], env: Record<string, string | undefined> = {}) {
    const program = new Command('evlab')
      .exitOverride()
      .option('--data-dir <dir>')
      .option('--db <url>')
      .option('--json')
      .option('--user <name>');
    let seen: ReturnType<typeof resolveGlobals> | null = null;
    program.command('x').action((_opts, cmd: Command) => {
      seen = resolveGlobals(cmd, {
        stdout: { write() {} },
        stderr: { write() {} },
        env,
        cwd: '/home/lab',
        waitForShutdown: () => new Promise(() => {}),
      });
    });
    program.parse(args, { from: 'user' });
    if (!seen) throw new Error('action did not run');
    return seen as ReturnType<typeof resolveGlobals>;
  }

  it('takes options before or after the command, then the environment, then defaults', () => {
    expect(globalsFor(['x'], {})).toMatchObject({
      dataDir: '/home/lab/evlab-data',
      db: undefined,
      json: false,
    });
    expect(globalsFor(['x', '--json', '--data-dir', 'd'])).toMatchObject({
      dataDir: '/home/lab/d',
      json: true,
    });
    expect(globalsFor(['--json', 'x'])).toMatchObject({ json: true });
    expect(
      globalsFor(['x'], { EVLAB_DATA_DIR: '/srv/ev', EVLAB_DB: 'postgres://u@h/db', EVLAB_USER: 'ana' }),
    ).toMatchObject({ dataDir: '/srv/ev', db: 'postgres://u@h/db', user: 'ana' });
    expect(globalsFor(['x', '--user', 'bo'], { EVLAB_USER: 'ana' }).user).toBe('bo');
  });

  it('defaults the actor to a non-empty OS user name', () => {
    expect(globalsFor(['x']).user.length).toBeGreaterThan(0);
  });

  it('turns on debug output only with EVLAB_DEBUG=1', () => {
    expect(globalsFor(['x'], { EVLAB_DEBUG: '1' }).debug).toBe(true);
    expect(globalsFor(['x']).debug).toBe(false);
  });
});

describe('serve helpers', () => {
  it('parses ports', () => {
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('0')).toBe(0);
    expect(() => parsePort('65536')).toThrow();
    expect(() => parsePort('80x')).toThrow();
    expect(() => parsePort('-1')).toThrow();
  });
});
