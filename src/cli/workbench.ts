import type { Workbench } from '../jobs/workbench.ts';
import type { CommandContext } from './context.ts';
import { CliError } from './errors.ts';
import { EXIT_USAGE } from './exit-codes.ts';

/**
 * Opens the workbench (store + blob store) for the global --data-dir / --db, runs `body`, and always closes
 * it. The jobs layer is imported lazily so `evlab --help` and `evlab nta` never load a database driver.
 *
 * A user named with --user must be an account once the data directory has accounts: the audit trail then
 * never records a made-up name (exit 2, `unknown-user`). Without accounts (a single-user lab), and for the
 * defaults (EVLAB_USER, else the operating-system user), the name is recorded as given.
 */
export async function withWorkbench<T>(ctx: CommandContext, body: (wb: Workbench) => Promise<T>): Promise<T> {
  const { openWorkbench } = await import('../jobs/workbench.ts');
  const wb = await openWorkbench({ dataDir: ctx.globals.dataDir, db: ctx.globals.db });
  try {
    await requireNamedAccount(ctx, wb);
    return await body(wb);
  } finally {
    await wb.close();
  }
}

async function requireNamedAccount(ctx: CommandContext, wb: Workbench): Promise<void> {
  if (!ctx.globals.userNamed) return;
  const accounts = wb.store.accounts;
  if ((await accounts.countUsers()) === 0) return;
  const user = await accounts.getUserByName(ctx.globals.user);
  if (!user)
    throw new CliError(
      `--user ${ctx.globals.user}: no such account in this data directory (evlab user list shows them)`,
      'unknown-user',
      EXIT_USAGE,
    );
  if (user.disabled)
    throw new CliError(`--user ${ctx.globals.user}: this account is disabled`, 'unknown-user', EXIT_USAGE);
  // The trail records the account's canonical sign-in name (names are case-insensitive).
  ctx.globals.user = user.name;
}
