/**
 * `evlab user …` and `evlab token …`: accounts managed directly on the data directory (EVLAB_DATA_DIR /
 * --data-dir, --db), by whoever may open it. The audit trail records the acting OS user (or --user).
 */
import { type Command, InvalidArgumentError } from 'commander';
import { type Role, roleSchema, type User, userInputSchema } from '../../domain/account.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { renderTable } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

function parseRole(value: string): Role {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('expected viewer, analyst, qa or admin');
  return parsed.data;
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || days < 1 || days > 365)
    throw new InvalidArgumentError('expected 1–365 days');
  return days;
}

/** The password from stdin: the first line, without its line ending. */
async function passwordFromStdin(ctx: CommandContext): Promise<string> {
  if (!ctx.io.readStdin)
    throw new CliError('--password-stdin: no standard input available', 'no-stdin', EXIT_USAGE);
  const text = await ctx.io.readStdin();
  const password = (text.split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
  if (password === '')
    throw new CliError('--password-stdin: standard input is empty', 'empty-password', EXIT_USAGE);
  return password;
}

function invalidPassword(message: string): never {
  throw new CliError(`password: ${message}`, 'invalid-password', EXIT_USAGE);
}

async function findUser(wb: import('../../jobs/workbench.ts').Workbench, name: string): Promise<User> {
  const user = await wb.store.accounts.getUserByName(name);
  if (!user) throw new CliError(`no user named ${name}`, 'not-found');
  return user;
}

function printUsers(ctx: CommandContext, users: User[]): void {
  ctx.out.print(
    renderTable(
      ['name', 'display name', 'role', 'state', 'sign-in'],
      users.map((u) => [
        u.name,
        u.displayName,
        u.role,
        u.disabled
          ? 'disabled'
          : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now()
            ? 'locked'
            : 'active',
        u.sso ? 'single sign-on' : u.hasPassword ? 'password' : 'link only',
      ]),
    ),
  );
}

export function registerUserCommands(program: Command, app: CliApp): void {
  const user = program
    .command('user')
    .summary('manage user accounts (create, list, disable, reset password)');

  user
    .command('create <name>')
    .summary('create a user')
    .requiredOption('--role <role>', 'viewer, analyst, qa or admin', parseRole)
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--display-name <text>', 'name shown in the UI and with signatures')
    .description(
      'Creates a user. Without --password-stdin the user has no password: sign in with `evlab user link NAME` (or single sign-on).\nWith --json: the user.',
    )
    .action(
      app.action(async (ctx, name: string) => {
        const opts = ctx.command.opts<{ role: Role; passwordStdin?: boolean; displayName?: string }>();
        const password = opts.passwordStdin ? await passwordFromStdin(ctx) : null;
        const parsed = userInputSchema.safeParse({
          name,
          role: opts.role,
          password,
          displayName: opts.displayName ?? '',
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          if (issue?.path[0] === 'password') invalidPassword(issue.message);
          throw new CliError(
            `${String(issue?.path[0] ?? 'input')}: ${issue?.message}`,
            'invalid-input',
            EXIT_USAGE,
          );
        }
        const created = await withWorkbench(ctx, (wb) =>
          wb.store.accounts.createUser(parsed.data, ctx.globals.user),
        );
        if (ctx.globals.json) ctx.out.result(created);
        else ctx.out.print(`Created ${created.role} ${created.name} (${created.id})`);
        return EXIT_OK;
      }),
    );

  user
    .command('list')
    .summary('list users')
    .description('With --json: { items: User[] }.')
    .action(
      app.action(async (ctx) => {
        const users = await withWorkbench(ctx, (wb) => wb.store.accounts.listUsers());
        if (ctx.globals.json) ctx.out.result({ items: users });
        else printUsers(ctx, users);
        return EXIT_OK;
      }),
    );

  for (const [command, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${command} <name>`)
      .summary(`${command} a user${disabled ? ' (ends their sessions; tokens stop working)' : ''}`)
      .description('With --json: the user.')
      .action(
        app.action(async (ctx, name: string) => {
          const updated = await withWorkbench(ctx, async (wb) =>
            wb.store.accounts.updateUser((await findUser(wb, name)).id, { disabled }, ctx.globals.user),
          );
          if (ctx.globals.json) ctx.out.result(updated);
          else ctx.out.print(`${updated.name} is ${updated.disabled ? 'disabled' : 'enabled'}`);
          return EXIT_OK;
        }),
      );
  }

  user
    .command('reset-password <name>')
    .summary('set a new password (ends their sessions, clears a lock)')
    .requiredOption('--password-stdin', 'read the new password from the first line of standard input')
    .description('With --json: the user.')
    .action(
      app.action(async (ctx, name: string) => {
        const password = await passwordFromStdin(ctx);
        const check = userInputSchema.shape.password.safeParse(password);
        if (!check.success) invalidPassword(check.error.issues[0]?.message ?? 'invalid');
        const updated = await withWorkbench(ctx, async (wb) =>
          wb.store.accounts.setPassword((await findUser(wb, name)).id, password, ctx.globals.user),
        );
        if (ctx.globals.json) ctx.out.result(updated);
        else ctx.out.print(`New password set for ${updated.name}`);
        return EXIT_OK;
      }),
    );

  user
    .command('link <name>')
    .summary('print a one-time sign-in link (valid 24 h) for a user')
    .option('--url <base>', 'base URL of the server', 'http://127.0.0.1:8080')
    .description('With --json: { url, expiresAt }.')
    .action(
      app.action(async (ctx, name: string) => {
        const base = ctx.command.opts<{ url: string }>().url.replace(/\/+$/, '');
        const link = await withWorkbench(ctx, async (wb) =>
          wb.store.accounts.createSignInLink((await findUser(wb, name)).id),
        );
        const url = `${base}/api/auth/link?token=${link.token}`;
        if (ctx.globals.json) ctx.out.result({ url, expiresAt: link.expiresAt });
        else ctx.out.print(url);
        return EXIT_OK;
      }),
    );

  const token = program
    .command('token')
    .summary('API tokens for scripts and the HTTP API (Authorization: Bearer)');
  token
    .command('create <user>')
    .summary("create an API token for a user (scope at most the user's role)")
    .option('--expires-days <n>', 'days until it expires (1–365, default 90)', parseDays)
    .option('--role <role>', "scope (default: the user's role)", parseRole)
    .option('--name <label>', 'what the token is for', 'cli')
    .description(
      'The token is printed once; only its SHA-256 is stored.\nWith --json: { token, expiresAt, id, role }.',
    )
    .action(
      app.action(async (ctx, name: string) => {
        const opts = ctx.command.opts<{ expiresDays?: number; role?: Role; name: string }>();
        const created = await withWorkbench(ctx, async (wb) =>
          wb.store.accounts.createApiToken(
            (await findUser(wb, name)).id,
            {
              name: opts.name,
              ...(opts.role ? { role: opts.role } : {}),
              ...(opts.expiresDays ? { expiresInDays: opts.expiresDays } : {}),
            },
            ctx.globals.user,
          ),
        );
        const { apiToken } = created;
        if (ctx.globals.json) {
          ctx.out.result({
            token: created.token,
            expiresAt: apiToken.expiresAt,
            id: apiToken.id,
            role: apiToken.role,
          });
        } else {
          ctx.out.print(created.token);
          ctx.out.info(
            `Token ${apiToken.id} for ${name} (${apiToken.role}), expires ${apiToken.expiresAt}. Shown only now.`,
          );
        }
        return EXIT_OK;
      }),
    );

  token
    .command('list <user>')
    .summary("list a user's tokens (never the secrets)")
    .description('With --json: { items: ApiToken[] }.')
    .action(
      app.action(async (ctx, name: string) => {
        const items = await withWorkbench(ctx, async (wb) =>
          wb.store.accounts.listApiTokens((await findUser(wb, name)).id),
        );
        if (ctx.globals.json) ctx.out.result({ items });
        else
          ctx.out.print(
            renderTable(
              ['id', 'name', 'role', 'expires', 'state'],
              items.map((t) => [t.id, t.name, t.role, t.expiresAt, t.revokedAt ? 'revoked' : 'active']),
            ),
          );
        return EXIT_OK;
      }),
    );

  token
    .command('revoke <id>')
    .summary('revoke a token')
    .description('With --json: the token.')
    .action(
      app.action(async (ctx, id: string) => {
        const revoked = await withWorkbench(ctx, (wb) =>
          wb.store.accounts.revokeApiToken(id, ctx.globals.user),
        );
        if (ctx.globals.json) ctx.out.result(revoked);
        else ctx.out.print(`Revoked ${revoked.id} (${revoked.name})`);
        return EXIT_OK;
      }),
    );
}
