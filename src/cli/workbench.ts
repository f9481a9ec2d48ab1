import type { Workbench } from '../jobs/workbench.ts';
import type { CommandContext, GlobalOptions } from './context.ts';
import { CliError } from './errors.ts';
import { EXIT_USAGE } from './exit-codes.ts';

/**
 * Opens the workbench (store + blob store) for the global --data-dir / --db, runs `body`, and always closes
 * it. The jobs layer is imported lazily so `evlab --help` and `evlab nta` never load a database driver.
 * Before `body` runs, the acting user is resolved against the data directory's accounts (resolveActor).
 */
export async function withWorkbench<T>(ctx: CommandContext, body: (wb: Workbench) => Promise<T>): Promise<T> {
  const { openWorkbench } = await import('../jobs/workbench.ts');
  const wb = await openWorkbench({ dataDir: ctx.globals.dataDir, db: ctx.globals.db });
  try {
    // A command may open the workbench more than once: always resolve the name as given, not the result.
    const given = givenUser.get(ctx.globals) ?? ctx.globals.user;
    givenUser.set(ctx.globals, given);
    ctx.globals.user = await resolveActor({ user: given, userSource: ctx.globals.userSource }, wb);
    return await body(wb);
  } finally {
    await wb.close();
  }
}

const givenUser = new WeakMap<GlobalOptions, string>();

/** Prefix of an operating-system user that is not an evlab account, as recorded in the audit trail. */
export const OS_ACTOR_PREFIX = 'os:';

/**
 * Who the audit trail records for a CLI command acting directly on a data directory (issue 10, "Accounts
 * and access": the CLI records the operating-system user as the actor). What a QA auditor expects
 * (21 CFR 11.10(e), 11.300; EU GMP Annex 11 §12.1): a name in the trail either *is* an account, or is
 * visibly not one — never a made-up name that looks like an account.
 *
 * - No accounts yet (a single-user lab, before `evlab user create`): the name is recorded as given.
 * - A claimed identity — `--user` or `EVLAB_USER` — must be an enabled account: an unknown or disabled
 *   name is refused with exit 2 (`unknown-user` / `disabled-user`) before anything is read or written.
 *   Refusing (rather than recording "os:<name>") is deliberate: someone who claims to be another person
 *   gets an error, not a trail entry in a name nobody can authenticate. Reads are refused too, because
 *   the command cannot know in advance whether it will write and the claim is wrong either way.
 * - The operating-system user (os.userInfo, nothing claimed): linked to the account of the same name
 *   (case-insensitive; the account's sign-in name is recorded); an OS user without an account is recorded
 *   as "os:<name>", so the trail shows it was not an evlab account; an OS user whose account is disabled
 *   is refused (a disabled account must not act through the back door of its OS login).
 */
export async function resolveActor(
  globals: Pick<GlobalOptions, 'user' | 'userSource'>,
  wb: Pick<Workbench, 'store'>,
): Promise<string> {
  const accounts = wb.store.accounts;
  if ((await accounts.countUsers()) === 0) return globals.user;
  const how =
    globals.userSource === 'option'
      ? `--user ${globals.user}`
      : globals.userSource === 'env'
        ? `EVLAB_USER=${globals.user}`
        : `operating-system user ${globals.user}`;
  const user = await accounts.getUserByName(globals.user);
  if (user?.disabled) throw new CliError(`${how}: this account is disabled`, 'disabled-user', EXIT_USAGE);
  if (user) return user.name;
  if (globals.userSource === 'os') return `${OS_ACTOR_PREFIX}${globals.user}`;
  throw new CliError(
    `${how}: no such account in this data directory (evlab user list shows them; unset ${
      globals.userSource === 'env' ? 'EVLAB_USER' : '--user'
    } to act as your operating-system user)`,
    'unknown-user',
    EXIT_USAGE,
  );
}
