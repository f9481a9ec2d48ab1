/**
 * Accounts and roles (issue 10). Pure: no I/O. Roles are ordered viewer < analyst < qa < admin; a route
 * needs a minimum role (GET: viewer, writes: analyst, routes may ask for more) and, for project data,
 * membership of the project (admins see every project).
 */
import { z } from 'zod';

export const ROLES = ['viewer', 'analyst', 'qa', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads everything in their projects',
  analyst: 'also creates and edits projects, sources, batches, uploads and analyses',
  qa: 'also reviews and approves (quality assurance)',
  admin: 'also manages users, roles, memberships and tokens; sees every project',
};

/** True when `role` is at least `required` in the order viewer < analyst < qa < admin. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The lower of two roles (a token never acts above its user). */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

/**
 * Sign-in names: 1–64 characters, lowercase letters, digits and . _ - (after lowercasing), starting with a
 * letter or digit: safe in URLs, audit trails and CLI arguments, and unambiguous (no look-alike case).
 */
export const userNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only, starting with a letter or digit');

/**
 * Passwords: at least 12 characters (NIST SP 800-63B rev. 4 §3.1.1.2 asks for at least 15 when a password
 * is the only factor, 8 with MFA; 12 is OWASP ASVS 5.0 V6.2.1), at most 256 (bounded hashing work).
 * No composition rules (NIST SP 800-63B: "SHALL NOT impose other composition rules").
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

export const userInputSchema = z.object({
  name: userNameSchema,
  displayName: z.string().trim().max(200).default(''),
  role: roleSchema,
  password: passwordSchema.nullable().default(null),
});
export type UserInput = z.input<typeof userInputSchema>;
export type UserData = z.output<typeof userInputSchema>;

export const userPatchSchema = z.object({
  displayName: z.string().trim().max(200).optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UserPatch = z.output<typeof userPatchSchema>;

export interface User {
  id: string;
  name: string;
  /** Name shown in the UI and printed with signatures; the sign-in name when not given. */
  displayName: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  /** Set while sign-in is refused after repeated failures (ISO UTC). */
  lockedUntil: string | null;
  passwordChangedAt: string | null;
  /** True for users who sign in through OpenID Connect. */
  sso: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Who is making a request, after authentication. */
export interface Principal {
  user: User;
  /** The role this request acts with: the user's, or lower for a token scoped below it. */
  role: Role;
  via: 'session' | 'token';
  /** The API token used (via = token). */
  tokenId: string | null;
}
