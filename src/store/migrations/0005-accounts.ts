/**
 * Accounts and access (issue 10): local users, server-side sessions, API tokens, one-time sign-in links and
 * per-project membership. Runs unchanged on SQLite and PostgreSQL (text and integer columns, named
 * constraints). Secrets are never stored: sessions, tokens and links keep the SHA-256 of the random value
 * the client holds; passwords keep a scrypt hash (src/store/password-hash.ts). Never edit a migration that
 * has shipped; add a new file instead.
 */
import { type Kysely, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Sign-in name: lowercase, unique.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>; null = no password (sign-in link or OIDC only).
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text')
    // OpenID Connect subject "<issuer>#<sub>", null for local users.
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_name_unique', ['name'])
    .addUniqueConstraint('users_oidc_subject_unique', ['oidc_subject'])
    .addCheckConstraint('users_role_check', sql`role in ('viewer', 'analyst', 'qa', 'admin')`)
    .addCheckConstraint('users_disabled_check', sql`disabled in (0, 1)`)
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the cookie value.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('sessions_user_fk', ['user_id'], 'users', ['id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the bearer token.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    // Scope: the token acts with at most this role (and never above its user's current role).
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .addUniqueConstraint('api_tokens_hash_unique', ['token_hash'])
    .addForeignKeyConstraint('api_tokens_user_fk', ['user_id'], 'users', ['id'], (c) => c.onDelete('cascade'))
    .addCheckConstraint('api_tokens_role_check', sql`role in ('viewer', 'analyst', 'qa', 'admin')`)
    .execute();
  await db.schema
    .createIndex('api_tokens_user_idx')
    .on('api_tokens')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addForeignKeyConstraint('sign_in_links_user_fk', ['user_id'], 'users', ['id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .addForeignKeyConstraint('project_members_project_fk', ['project_id'], 'projects', ['id'], (c) =>
      c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('project_members_user_fk', ['user_id'], 'users', ['id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('project_members_user_idx').on('project_members').column('user_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['project_members', 'sign_in_links', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
