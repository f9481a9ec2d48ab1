/**
 * AccountStore over Kysely, in the main store's database (migration 0005-accounts). Writes that change
 * users, memberships or tokens run through ctx.write and are audited with ctx.audit (entity `user` or
 * `api-token`, batch null); the audit records never contain password hashes or token values. Sign-in
 * successes, failures and lockouts (and sign-outs) are audit events of entity type `sign-in` (category
 * `access`): the sign-in history. Session last-seen bookkeeping is not audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  type ApiToken,
  lowerRole,
  type Principal,
  type Role,
  roleAtLeast,
  type User,
  type UserData,
  type UserPatch,
} from '../domain/account.ts';
import {
  type AccessEvent,
  type AccountStore,
  LOCKOUT_BASE_SECONDS,
  LOCKOUT_MAX_SECONDS,
  LOCKOUT_THRESHOLD,
  type NewApiToken,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  SIGN_IN_LINK_HOURS,
  type SignInContext,
  type SignInResult,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
} from './account-store.ts';
import type { ApiTokensTable, UsersTable } from './account-tables.ts';
import type { Database } from './database-schema.ts';
import { StoreError } from './evlab-store.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash.ts';
import type { SubStoreContext } from './sub-store-context.ts';
import { newTimeOrderedId } from './time-ordered-id.ts';

/** Prefix of API tokens, so secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'evlab_';

/** 32 random bytes (256 bits), base64url. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex of a high-entropy secret: enough at rest for random tokens (no dictionary to attack). */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Last-seen is written at most once a minute per session (a write per request would serialise SQLite). */
const LAST_SEEN_RESOLUTION_MS = 60_000;

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name || row.name,
    role: row.role,
    disabled: Number(row.disabled) === 1,
    hasPassword: row.password_hash !== null,
    lockedUntil: row.locked_until,
    passwordChangedAt: row.password_changed_at,
    sso: row.oidc_subject !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** What the audit trail shows of a user (no hash, no lock bookkeeping). */
function auditView(user: User): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    passwordChangedAt: user.passwordChangedAt,
    sso: user.sso,
  };
}

function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export class KyselyAccountStore implements AccountStore {
  constructor(readonly ctx: SubStoreContext) {}

  #now(): string {
    return this.ctx.clock().toISOString();
  }

  get #db(): Kysely<Database> {
    return this.ctx.db;
  }

  async countUsers(): Promise<number> {
    const row = await this.#db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(data: UserData, actor: string): Promise<User> {
    const passwordHash = data.password === null ? null : await hashPassword(data.password);
    return this.ctx.write('invalid-reference', async (tx) => {
      const taken = await tx
        .selectFrom('users')
        .select('id')
        .where('name', '=', data.name)
        .executeTakeFirst();
      if (taken) throw new StoreError('conflict', `user name ${data.name} is already taken`, ['name']);
      const at = this.#now();
      const row: UsersTable = {
        id: newTimeOrderedId(),
        name: data.name,
        display_name: data.displayName,
        role: data.role,
        password_hash: passwordHash,
        disabled: 0,
        failed_sign_ins: 0,
        locked_until: null,
        password_changed_at: passwordHash ? at : null,
        oidc_subject: null,
        created_at: at,
        updated_at: at,
      };
      await tx.insertInto('users').values(row).execute();
      const user = toUser(row);
      await this.ctx.audit(tx, at, actor, {
        entityType: 'user',
        entityId: user.id,
        batchId: null,
        action: 'create',
        before: null,
        after: auditView(user),
      });
      return user;
    });
  }

  async getUser(id: string): Promise<User | null> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async getUserByName(name: string): Promise<User | null> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', name.trim().toLowerCase())
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.#db.selectFrom('users').selectAll().orderBy('name').execute();
    return rows.map(toUser);
  }

  async updateUser(id: string, patch: UserPatch, actor: string): Promise<User> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const row = await this.#lockUser(tx, id);
      const before = toUser(row);
      const set: Partial<UsersTable> = {};
      if (patch.displayName !== undefined && patch.displayName !== row.display_name)
        set.display_name = patch.displayName;
      if (patch.role !== undefined && patch.role !== row.role) set.role = patch.role;
      if (patch.disabled !== undefined && patch.disabled !== before.disabled)
        set.disabled = patch.disabled ? 1 : 0;
      if (Object.keys(set).length === 0) return before;
      if ((set.role !== undefined && set.role !== 'admin') || set.disabled === 1) {
        await this.#refuseLastAdmin(tx, row);
      }
      const at = this.#now();
      set.updated_at = at;
      await tx.updateTable('users').set(set).where('id', '=', id).execute();
      if (set.disabled === 1) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      const after = toUser({ ...row, ...set });
      await this.ctx.audit(tx, at, actor, {
        entityType: 'user',
        entityId: id,
        batchId: null,
        action: 'update',
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
  }

  async setPassword(id: string, password: string, actor: string): Promise<User> {
    const hash = await hashPassword(password);
    return this.ctx.write('invalid-reference', async (tx) => {
      const row = await this.#lockUser(tx, id);
      const at = this.#now();
      const set = {
        password_hash: hash,
        password_changed_at: at,
        failed_sign_ins: 0,
        locked_until: null,
        updated_at: at,
      };
      await tx.updateTable('users').set(set).where('id', '=', id).execute();
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      const before = toUser(row);
      const after = toUser({ ...row, ...set });
      await this.ctx.audit(tx, at, actor, {
        entityType: 'user',
        entityId: id,
        batchId: null,
        action: 'update',
        before: auditView(before),
        after: { ...auditView(after), passwordSetBy: actor },
      });
      return after;
    });
  }

  async signIn(name: string, password: string, context: SignInContext = {}): Promise<SignInResult> {
    const tried = name.trim().toLowerCase();
    const row = await this.#db.selectFrom('users').selectAll().where('name', '=', tried).executeTakeFirst();
    if (!row || row.password_hash === null) {
      await verifyAgainstDummy(password);
      await this.recordAccessEvent({
        action: 'sign-in-failed',
        actor: row?.name ?? tried,
        userId: row?.id ?? null,
        via: context.via ?? 'password',
        clientAddress: context.clientAddress ?? null,
        reason: 'invalid',
      });
      return { ok: false, reason: 'invalid', retryAfterSeconds: null };
    }
    return this.#check(row, password, { via: 'password', ...context });
  }

  async checkPassword(userId: string, password: string, context: SignInContext = {}): Promise<SignInResult> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!row || row.password_hash === null) {
      await verifyAgainstDummy(password);
      if (row) {
        await this.recordAccessEvent({
          action: 'sign-in-failed',
          actor: row.name,
          userId: row.id,
          via: context.via ?? 'reauthentication',
          clientAddress: context.clientAddress ?? null,
          reason: 'invalid',
        });
      }
      return { ok: false, reason: 'invalid', retryAfterSeconds: null };
    }
    return this.#check(row, password, { via: 'reauthentication', ...context });
  }

  async recordAccessEvent(event: AccessEvent): Promise<void> {
    await this.ctx.write('invalid-reference', (tx) => this.#recordAccess(tx, this.#now(), event));
  }

  /** The sign-in history is the audit trail (entity type `sign-in`, category `access`): chained like every event. */
  async #recordAccess(tx: Kysely<Database>, at: string, event: AccessEvent): Promise<void> {
    // The actor column is never empty; a tried name is bounded like a user name.
    const actor = event.actor.trim().slice(0, 100) || '(empty)';
    await this.ctx.audit(tx, at, actor, {
      entityType: 'sign-in',
      entityId: event.userId ?? `name:${actor}`,
      batchId: null,
      action: event.action,
      before: null,
      after: {
        via: event.via,
        clientAddress: event.clientAddress ?? null,
        ...(event.reason ? { reason: event.reason } : {}),
        ...(event.failedSignIns != null ? { failedSignIns: event.failedSignIns } : {}),
        ...(event.lockedUntil ? { lockedUntil: event.lockedUntil } : {}),
      },
    });
  }

  async #check(
    row: Selectable<UsersTable>,
    password: string,
    context: SignInContext & { via: string },
  ): Promise<SignInResult> {
    const now = this.ctx.clock();
    const base = {
      actor: row.name,
      userId: row.id,
      via: context.via,
      clientAddress: context.clientAddress ?? null,
    };
    if (row.locked_until !== null && Date.parse(row.locked_until) > now.getTime()) {
      // Locked: do not even verify (a correct guess during the lock must not be confirmed).
      const retry = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000);
      await this.recordAccessEvent({
        ...base,
        action: 'sign-in-failed',
        reason: 'locked',
        lockedUntil: row.locked_until,
      });
      return { ok: false, reason: 'locked', retryAfterSeconds: retry };
    }
    const good = await verifyPassword(password, row.password_hash as string);
    // "Disabled" is told only to whoever knows the password (no account-state oracle for guessers).
    if (good && Number(row.disabled) === 1) {
      await this.recordAccessEvent({ ...base, action: 'sign-in-failed', reason: 'disabled' });
      return { ok: false, reason: 'disabled', retryAfterSeconds: null };
    }
    if (good) {
      await this.ctx.write('invalid-reference', async (tx) => {
        if (row.failed_sign_ins !== 0 || row.locked_until !== null) {
          await tx
            .updateTable('users')
            .set({ failed_sign_ins: 0, locked_until: null })
            .where('id', '=', row.id)
            .execute();
        }
        await this.#recordAccess(tx, now.toISOString(), { ...base, action: 'sign-in' });
      });
      return { ok: true, user: toUser({ ...row, failed_sign_ins: 0, locked_until: null }) };
    }
    // Count atomically (two parallel guesses both count); the lock and its audit event in the same write.
    return this.ctx.write('invalid-reference', async (tx) => {
      const updated = await tx
        .updateTable('users')
        .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
        .where('id', '=', row.id)
        .returning('failed_sign_ins')
        .executeTakeFirst();
      const failures = Number(updated?.failed_sign_ins ?? row.failed_sign_ins + 1);
      const at = now.toISOString();
      if (failures >= LOCKOUT_THRESHOLD) {
        const seconds = Math.min(
          LOCKOUT_BASE_SECONDS * 2 ** (failures - LOCKOUT_THRESHOLD),
          LOCKOUT_MAX_SECONDS,
        );
        const lockedUntil = new Date(now.getTime() + seconds * 1000).toISOString();
        await tx.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', row.id).execute();
        await this.#recordAccess(tx, at, {
          ...base,
          action: 'lockout',
          reason: 'invalid',
          failedSignIns: failures,
          lockedUntil,
        });
        return { ok: false, reason: 'locked', retryAfterSeconds: seconds } as SignInResult;
      }
      await this.#recordAccess(tx, at, {
        ...base,
        action: 'sign-in-failed',
        reason: 'invalid',
        failedSignIns: failures,
      });
      return { ok: false, reason: 'invalid', retryAfterSeconds: null } as SignInResult;
    });
  }

  async createSession(userId: string, via: string): Promise<{ token: string; expiresAt: string }> {
    const token = newSecret();
    const at = this.#now();
    const expiresAt = addMs(at, SESSION_ABSOLUTE_HOURS * 3600_000);
    await this.#db
      .insertInto('sessions')
      .values({
        id_hash: secretHash(token),
        user_id: userId,
        via,
        created_at: at,
        last_seen_at: at,
        expires_at: expiresAt,
      })
      .execute();
    // Expired sessions of anyone are swept now and then (here: at each sign-in).
    await this.#db.deleteFrom('sessions').where('expires_at', '<', at).execute();
    return { token, expiresAt };
  }

  async resolveSession(token: string): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const idHash = secretHash(token);
    const session = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (!session) return null;
    const now = this.ctx.clock().getTime();
    const idleEnd = Date.parse(session.last_seen_at) + SESSION_IDLE_MINUTES * 60_000;
    if (Date.parse(session.expires_at) <= now || idleEnd <= now) {
      await this.#db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    const user = await this.getUser(session.user_id);
    if (!user || user.disabled) return null;
    if (now - Date.parse(session.last_seen_at) >= LAST_SEEN_RESOLUTION_MS) {
      await this.#db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now).toISOString() })
        .where('id_hash', '=', idHash)
        .execute();
    }
    return { user, role: user.role, via: 'session', tokenId: null };
  }

  async deleteSession(token: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('id_hash', '=', secretHash(token)).execute();
  }

  async createApiToken(
    userId: string,
    input: NewApiToken,
    actor: string,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const days = input.expiresInDays ?? TOKEN_DEFAULT_DAYS;
    if (!Number.isFinite(days) || days <= 0 || days > TOKEN_MAX_DAYS) {
      throw new StoreError('invalid-reference', `expiry must be 1–${TOKEN_MAX_DAYS} days`, ['expiresInDays']);
    }
    const name = input.name.trim();
    if (name === '' || name.length > 200)
      throw new StoreError('invalid-reference', 'token name must be 1–200 characters', ['name']);
    const token = newSecret(API_TOKEN_PREFIX);
    return this.ctx.write('invalid-reference', async (tx) => {
      const user = toUser(await this.#lockUser(tx, userId));
      const role = input.role ?? user.role;
      if (!roleAtLeast(user.role, role)) {
        throw new StoreError(
          'invalid-reference',
          `a token cannot have a role above its user's (${user.role})`,
          ['role'],
        );
      }
      const at = this.#now();
      const row: ApiTokensTable = {
        id: newTimeOrderedId(),
        user_id: userId,
        name,
        token_hash: secretHash(token),
        role,
        created_at: at,
        expires_at: addMs(at, Math.round(days * 86_400_000)),
        revoked_at: null,
        last_used_at: null,
      };
      await tx.insertInto('api_tokens').values(row).execute();
      const apiToken = toApiToken(row);
      await this.ctx.audit(tx, at, actor, {
        entityType: 'api-token',
        entityId: apiToken.id,
        batchId: null,
        action: 'create',
        before: null,
        after: { ...apiToken, userName: user.name },
      });
      return { token, apiToken };
    });
  }

  async getApiToken(id: string): Promise<ApiToken | null> {
    const row = await this.#db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async listApiTokens(userId: string): Promise<ApiToken[]> {
    const rows = await this.#db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toApiToken);
  }

  async revokeApiToken(id: string, actor: string): Promise<ApiToken> {
    return this.ctx.write('invalid-reference', async (tx) => {
      const row = await tx
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', id)
        .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row) throw new StoreError('not-found', `token ${id} does not exist`);
      if (row.revoked_at !== null) return toApiToken(row);
      const at = this.#now();
      await tx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
      const after = toApiToken({ ...row, revoked_at: at });
      await this.ctx.audit(tx, at, actor, {
        entityType: 'api-token',
        entityId: id,
        batchId: null,
        action: 'update',
        before: toApiToken(row),
        after,
      });
      return after;
    });
  }

  async resolveApiToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
    const row = await this.#db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', secretHash(token))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    const now = this.ctx.clock().getTime();
    if (Date.parse(row.expires_at) <= now) return null;
    const user = await this.getUser(row.user_id);
    if (!user || user.disabled) return null;
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= LAST_SEEN_RESOLUTION_MS) {
      await this.#db
        .updateTable('api_tokens')
        .set({ last_used_at: new Date(now).toISOString() })
        .where('id', '=', row.id)
        .execute();
    }
    return { user, role: lowerRole(row.role, user.role), via: 'token', tokenId: row.id };
  }

  async createSignInLink(
    userId: string,
    validHours = SIGN_IN_LINK_HOURS,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = newSecret();
    const at = this.#now();
    const expiresAt = addMs(at, validHours * 3600_000);
    await this.#db
      .insertInto('sign_in_links')
      .values({
        token_hash: secretHash(token),
        user_id: userId,
        created_at: at,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    return { token, expiresAt };
  }

  async consumeSignInLink(token: string): Promise<User | null> {
    if (!token || token.length > 200) return null;
    const at = this.#now();
    // One UPDATE decides: two requests with the same link cannot both win.
    const used = await this.#db
      .updateTable('sign_in_links')
      .set({ used_at: at })
      .where('token_hash', '=', secretHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) return null;
    const user = await this.getUser(used.user_id);
    return user && !user.disabled ? user : null;
  }

  async listMemberships(userId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('project_members')
      .select('project_id')
      .where('user_id', '=', userId)
      .orderBy('project_id')
      .execute();
    return rows.map((r) => r.project_id);
  }

  async setMemberships(userId: string, projectIds: readonly string[], actor: string): Promise<string[]> {
    const wanted = [...new Set(projectIds)].sort();
    return this.ctx.write('invalid-reference', async (tx) => {
      await this.#lockUser(tx, userId);
      const before = (
        await tx.selectFrom('project_members').select('project_id').where('user_id', '=', userId).execute()
      )
        .map((r) => r.project_id)
        .sort();
      if (before.join('\n') === wanted.join('\n')) return before;
      for (const [i, projectId] of wanted.entries()) {
        const exists = await tx
          .selectFrom('projects')
          .select('id')
          .where('id', '=', projectId)
          .executeTakeFirst();
        if (!exists)
          throw new StoreError('invalid-reference', `project ${projectId} does not exist`, ['projectIds', i]);
      }
      const at = this.#now();
      await tx.deleteFrom('project_members').where('user_id', '=', userId).execute();
      if (wanted.length > 0) {
        await tx
          .insertInto('project_members')
          .values(wanted.map((projectId) => ({ project_id: projectId, user_id: userId, created_at: at })))
          .execute();
      }
      await this.ctx.audit(tx, at, actor, {
        entityType: 'user',
        entityId: userId,
        batchId: null,
        action: 'update',
        before: { projectIds: before },
        after: { projectIds: wanted },
      });
      return wanted;
    });
  }

  async addMember(userId: string, projectId: string, actor: string): Promise<void> {
    const current = await this.listMemberships(userId);
    if (current.includes(projectId)) return;
    await this.setMemberships(userId, [...current, projectId], actor);
  }

  async isMember(userId: string, projectId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('project_members')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async projectOf(
    kind: 'project' | 'source' | 'batch' | 'raw-file' | 'measurement' | 'pk-study' | 'qc-result',
    id: string,
  ): Promise<string | null> {
    const db = this.#db;
    switch (kind) {
      case 'project':
        return (
          (await db.selectFrom('projects').select('id').where('id', '=', id).executeTakeFirst())?.id ?? null
        );
      case 'source':
        return (
          (await db.selectFrom('msc_sources').select('project_id').where('id', '=', id).executeTakeFirst())
            ?.project_id ?? null
        );
      case 'batch':
        return (
          (await db.selectFrom('batches').select('project_id').where('id', '=', id).executeTakeFirst())
            ?.project_id ?? null
        );
      case 'raw-file':
        return (
          (
            await db
              .selectFrom('raw_files')
              .innerJoin('batches', 'batches.id', 'raw_files.batch_id')
              .select('batches.project_id')
              .where('raw_files.id', '=', id)
              .executeTakeFirst()
          )?.project_id ?? null
        );
      case 'measurement':
        return (
          (
            await db
              .selectFrom('measurements')
              .innerJoin('batches', 'batches.id', 'measurements.batch_id')
              .select('batches.project_id')
              .where('measurements.id', '=', id)
              .executeTakeFirst()
          )?.project_id ?? null
        );
      case 'pk-study':
        return (
          (
            await db
              .selectFrom('pk_studies')
              .innerJoin('batches', 'batches.id', 'pk_studies.batch_id')
              .select('batches.project_id')
              .where('pk_studies.id', '=', id)
              .executeTakeFirst()
          )?.project_id ?? null
        );
      case 'qc-result':
        return (
          (
            await db
              .selectFrom('qc_results')
              .innerJoin('batches', 'batches.id', 'qc_results.batch_id')
              .select('batches.project_id')
              .where('qc_results.id', '=', id)
              .executeTakeFirst()
          )?.project_id ?? null
        );
    }
  }

  async findOrCreateSsoUser(
    input: { subject: string; name: string; displayName: string; defaultRole: Role | null },
    actor: string,
  ): Promise<User | null> {
    const linked = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('oidc_subject', '=', input.subject)
      .executeTakeFirst();
    if (linked) return Number(linked.disabled) === 1 ? null : toUser(linked);
    return this.ctx.write('invalid-reference', async (tx) => {
      const taken = await tx
        .selectFrom('users')
        .selectAll()
        .where('name', '=', input.name)
        .executeTakeFirst();
      if (taken) {
        // Provisioned by an admin for SSO (no password, not linked yet): link it now. An account with a
        // password is never linked by name (an identity provider that lets people pick their user name would
        // otherwise hand it over).
        if (taken.password_hash !== null || taken.oidc_subject !== null) {
          throw new StoreError('conflict', `user name ${input.name} is taken by a local account`, ['name']);
        }
        if (Number(taken.disabled) === 1) return null;
        const linkedAt = this.#now();
        await tx
          .updateTable('users')
          .set({ oidc_subject: input.subject, updated_at: linkedAt })
          .where('id', '=', taken.id)
          .execute();
        const after = toUser({ ...taken, oidc_subject: input.subject, updated_at: linkedAt });
        await this.ctx.audit(tx, linkedAt, actor, {
          entityType: 'user',
          entityId: taken.id,
          batchId: null,
          action: 'update',
          before: auditView(toUser(taken)),
          after: auditView(after),
        });
        return after;
      }
      if (input.defaultRole === null) return null;
      const role = input.defaultRole;
      const at = this.#now();
      const row: UsersTable = {
        id: newTimeOrderedId(),
        name: input.name,
        display_name: input.displayName,
        role,
        password_hash: null,
        disabled: 0,
        failed_sign_ins: 0,
        locked_until: null,
        password_changed_at: null,
        oidc_subject: input.subject,
        created_at: at,
        updated_at: at,
      };
      await tx.insertInto('users').values(row).execute();
      const user = toUser(row);
      await this.ctx.audit(tx, at, actor, {
        entityType: 'user',
        entityId: user.id,
        batchId: null,
        action: 'create',
        before: null,
        after: auditView(user),
      });
      return user;
    });
  }

  async #lockUser(tx: Kysely<Database>, id: string): Promise<Selectable<UsersTable>> {
    const row = await tx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (!row) throw new StoreError('not-found', `user ${id} does not exist`);
    return row;
  }

  /** An admin cannot be demoted or disabled when no other enabled admin would remain. */
  async #refuseLastAdmin(tx: Kysely<Database>, row: Selectable<UsersTable>): Promise<void> {
    if (row.role !== 'admin' || Number(row.disabled) === 1) return;
    const others = await tx
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .where('id', '!=', row.id)
      .executeTakeFirst();
    if (!others)
      throw new StoreError('conflict', 'the last enabled administrator cannot be demoted or disabled', [
        'role',
      ]);
  }
}
