/**
 * Account jobs shared by the API and the CLI: re-authentication for electronic signatures, and the
 * first-start administrator with its one-time sign-in link.
 */
import type { User } from '../domain/account.ts';
import type { EvlabStore } from '../store/evlab-store.ts';

/**
 * Re-authenticates a signed-in user (e-signatures: 21 CFR 11.200(a)(1)(i) asks for both identification
 * components at the first signing of a session, and the password at each later signing). Failures count
 * towards the same lockout as sign-in. Returns the user when the password is right and the account enabled
 * and not locked, else null with the reason.
 */
export async function verifyUserPassword(
  store: EvlabStore,
  userId: string,
  password: string,
): Promise<
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' | 'disabled' | 'locked'; retryAfterSeconds: number | null }
> {
  return store.accounts.checkPassword(userId, password);
}

/**
 * Re-authentication by sign-in name (what the audit trail and `request.principal.user.name` carry): the
 * default `Workbench.verifyCredentials`, used by electronic signatures and QC release/rejection.
 */
export async function verifyCredentialsByName(
  store: EvlabStore,
  name: string,
  password: string,
): Promise<boolean> {
  if (password === '') return false;
  const user = await store.accounts.getUserByName(name);
  if (!user) return false;
  return (await verifyUserPassword(store, user.id, password)).ok;
}

/** Name of the administrator created on first start. */
export const FIRST_ADMIN_NAME = 'admin';

export interface FirstStartAccess {
  /** True when this call created the administrator. */
  created: boolean;
  userName: string;
  /** One-time sign-in token (24 h); null when someone can already sign in with a password. */
  signInToken: string | null;
  expiresAt: string | null;
}

/**
 * Newcomer path: with no users, creates the administrator `admin` (no password) and a one-time sign-in link
 * token. On later starts, while no enabled user has a password yet, issues a fresh link for the first enabled
 * administrator (like Jupyter's token), so whoever started the server can always get in.
 */
export async function ensureFirstStartAccess(
  store: EvlabStore,
  actor: string,
): Promise<FirstStartAccess | null> {
  const users = await store.accounts.listUsers();
  let admin: User | undefined;
  let created = false;
  if (users.length === 0) {
    admin = await store.accounts.createUser(
      { name: FIRST_ADMIN_NAME, displayName: 'Administrator', role: 'admin', password: null },
      actor,
    );
    created = true;
  } else {
    if (users.some((u) => !u.disabled && (u.hasPassword || u.sso))) return null;
    admin = users.find((u) => u.role === 'admin' && !u.disabled);
    if (!admin) return null;
  }
  const link = await store.accounts.createSignInLink(admin.id);
  return { created, userName: admin.name, signInToken: link.token, expiresAt: link.expiresAt };
}
