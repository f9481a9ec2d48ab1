/**
 * The account store: users, password sign-in with lockout, server-side sessions, API tokens, one-time
 * sign-in links and project membership. Reached as `store.accounts`. Changes to users, memberships and
 * tokens are audited (entity types `user` and `api-token`) in the same transaction; secrets never reach the
 * audit trail or the database in clear (SHA-256 for random tokens, scrypt for passwords).
 */
import type { ApiToken, Principal, Role, User, UserData, UserPatch } from '../domain/account.ts';

/** After this many consecutive failures sign-in is refused for a while (OWASP ASVS 5.0 V6.3.1 / NIST 800-63B §3.2.2 throttling). */
export const LOCKOUT_THRESHOLD = 5;
/** First lock: 30 s, doubling with each further failure up to 15 min (NIST SP 800-63B §3.2.2: rate limiting). */
export const LOCKOUT_BASE_SECONDS = 30;
export const LOCKOUT_MAX_SECONDS = 15 * 60;
/**
 * Sessions end after 60 min without a request or 12 h after sign-in, whichever comes first (OWASP Session
 * Management Cheat Sheet, "Session Expiration": idle and absolute timeouts; 15–30 min idle for high-value
 * applications, 4–8 h absolute typical for office work: 12 h covers a lab shift).
 */
export const SESSION_IDLE_MINUTES = 60;
export const SESSION_ABSOLUTE_HOURS = 12;
/** API tokens expire: 90 days by default, at most 365. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
/** One-time sign-in links (first start, `evlab user link`): valid 24 h, single use. */
export const SIGN_IN_LINK_HOURS = 24;

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' | 'disabled' | 'locked'; retryAfterSeconds: number | null };

/**
 * Where a sign-in attempt came from, for the sign-in history (audit events of entity type `sign-in`,
 * category `access`): how (password, link, oidc, reauthentication) and the client address when known.
 */
export interface SignInContext {
  via?: string;
  clientAddress?: string | null;
}

/** One access event for the sign-in history (the store fills in time and chain). */
export interface AccessEvent {
  action: 'sign-in' | 'sign-in-failed' | 'lockout' | 'sign-out';
  /** The user's sign-in name, or the name that was tried. */
  actor: string;
  /** The user's id; null for a name that belongs to no account. */
  userId: string | null;
  via: string;
  clientAddress?: string | null;
  /** Why a sign-in failed: invalid, disabled, locked (never the password). */
  reason?: 'invalid' | 'disabled' | 'locked' | null;
  failedSignIns?: number | null;
  lockedUntil?: string | null;
}

export interface NewApiToken {
  name: string;
  /** Scope; default and maximum: the user's role. */
  role?: Role;
  expiresInDays?: number;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  /** Refuses (conflict, ['name']) a name in use. */
  createUser(data: UserData, actor: string): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByName(name: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: string, patch: UserPatch, actor: string): Promise<User>;
  /** Sets a new password (admin reset or a change the caller has authorised), ends the user's sessions and clears any lock. */
  setPassword(id: string, password: string, actor: string): Promise<User>;

  /** Password sign-in by name with lockout and back-off; unknown names cost the same time as known ones. */
  signIn(name: string, password: string, context?: SignInContext): Promise<SignInResult>;
  /**
   * Re-authentication (e-signatures, password change): checks the password of a user already known by id,
   * counting failures towards the same lockout as sign-in.
   */
  checkPassword(userId: string, password: string, context?: SignInContext): Promise<SignInResult>;
  /**
   * Appends one event to the sign-in history (the audit trail, entity type `sign-in`). signIn and
   * checkPassword record their own outcomes; link, single sign-on and sign-out call this.
   */
  recordAccessEvent(event: AccessEvent): Promise<void>;

  /** A new session; returns the cookie value (the database keeps only its SHA-256). */
  createSession(userId: string, via: string): Promise<{ token: string; expiresAt: string }>;
  /** The session's principal, or null when unknown, expired (idle or absolute) or the user is disabled. */
  resolveSession(token: string): Promise<Principal | null>;
  deleteSession(token: string): Promise<void>;

  /** Creates a bearer token (returned once, stored hashed). The scope cannot exceed the user's role. */
  createApiToken(
    userId: string,
    input: NewApiToken,
    actor: string,
  ): Promise<{ token: string; apiToken: ApiToken }>;
  getApiToken(id: string): Promise<ApiToken | null>;
  listApiTokens(userId: string): Promise<ApiToken[]>;
  revokeApiToken(id: string, actor: string): Promise<ApiToken>;
  /** The token's principal (role = the lower of token scope and user role), or null when unknown, expired, revoked or the user is disabled. */
  resolveApiToken(token: string): Promise<Principal | null>;

  /** A one-time sign-in link token for the user (printed on first start). */
  createSignInLink(userId: string, validHours?: number): Promise<{ token: string; expiresAt: string }>;
  /** Uses up the link: the user when valid (once), else null. */
  consumeSignInLink(token: string): Promise<User | null>;

  /** Projects the user is a member of. */
  listMemberships(userId: string): Promise<string[]>;
  /** Replaces the user's memberships (audited as an update of the user). */
  setMemberships(userId: string, projectIds: readonly string[], actor: string): Promise<string[]>;
  /** Adds one membership (no-op when already a member). */
  addMember(userId: string, projectId: string, actor: string): Promise<void>;
  isMember(userId: string, projectId: string): Promise<boolean>;
  /** The project a stored record belongs to: null when the record does not exist or belongs to no project. */
  projectOf(
    kind: 'project' | 'source' | 'batch' | 'raw-file' | 'measurement' | 'pk-study' | 'qc-result',
    id: string,
  ): Promise<string | null>;

  /** Finds the user linked to an OpenID Connect subject, links/creates one as described in src/api/oidc.ts. */
  findOrCreateSsoUser(
    input: {
      subject: string;
      name: string;
      displayName: string;
      defaultRole: Role | null;
    },
    actor: string,
  ): Promise<User | null>;
}
