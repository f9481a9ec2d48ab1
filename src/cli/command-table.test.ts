import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE, invokedCommandName, type RegisterCommand } from './command-table.ts';
import { buildProgram } from './main.ts';
import { CapturedStream, runCli } from './testing.ts';

const io = () => ({
  stdout: new CapturedStream(),
  stderr: new CapturedStream(),
  env: {},
  cwd: '/',
  waitForShutdown: () => new Promise<string>(() => {}),
});

describe('lazy command table', () => {
  it('matches what each command module declares (name, summary, help term), in order', async () => {
    const loaded = new Map<string, RegisterCommand>();
    for (const entry of COMMAND_TABLE) loaded.set(entry.name, await entry.load());
    const program = buildProgram(io(), { exitCode: 0 }, {}, loaded);
    const help = new Help();
    const declared = program.commands.map((c) => ({
      name: c.name(),
      summary: c.summary(),
      term: help.subcommandTerm(c),
    }));
    expect(declared).toEqual(COMMAND_TABLE.map(({ name, summary, term }) => ({ name, summary, term })));
  });

  it('--help lists the table without loading a command, identical to the fully loaded help', async () => {
    const lazy = await runCli(['--help']);
    const loaded = new Map<string, RegisterCommand>();
    for (const entry of COMMAND_TABLE) loaded.set(entry.name, await entry.load());
    const stdout = new CapturedStream();
    const program = buildProgram({ ...io(), stdout }, { exitCode: 0 }, {}, loaded);
    await expect(program.parseAsync(['--help'], { from: 'user' })).rejects.toMatchObject({
      code: 'commander.helpDisplayed',
    });
    expect(lazy.stdout).toBe(stdout.text);
  });

  it('finds the invoked command after global options and after help', () => {
    expect(invokedCommandName(['--json', '--data-dir', 'x', 'nta', 'a.csv'])).toBe('nta');
    expect(invokedCommandName(['--db=postgres://h/db', 'spin', '--rcf', '1'])).toBe('spin');
    expect(invokedCommandName(['help', 'spin'])).toBe('spin');
    expect(invokedCommandName(['--help'])).toBeNull();
    expect(invokedCommandName([])).toBeNull();
  });

  it('shows a command help through `evlab help X` and `evlab X --help`', async () => {
    for (const args of [
      ['help', 'spin'],
      ['spin', '--help'],
    ]) {
      const { code, stdout } = await runCli(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: evlab spin [options]');
      expect(stdout).toContain('--rotor');
    }
  });
});
