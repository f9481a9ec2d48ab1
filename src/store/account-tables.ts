/**
 * Tables of accounts and access (migration 0005-accounts). Same conventions as database-schema.ts: text ids,
 * ISO timestamps as text, booleans as integer 0/1. Secrets are stored only as hashes.
 */
import type { Role } from '../domain/account.ts';

export interface UsersTable {
  id: string;
  name: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  disabled: number;
  failed_sign_ins: number;
  locked_until: string | null;
  password_changed_at: string | null;
  oidc_subject: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  via: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: Role;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface SignInLinksTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  created_at: string;
}

export interface AccountTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_links: SignInLinksTable;
  project_members: ProjectMembersTable;
}
