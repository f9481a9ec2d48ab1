/** zod models of the account routes (users, tokens, sessions), registered for components.schemas. */
import { z } from 'zod';
import { passwordSchema, roleSchema, userNameSchema } from '../domain/account.ts';
import { TOKEN_MAX_DAYS } from '../store/account-store.ts';

function model<T extends z.ZodType>(schema: T, id: string, description: string): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id, description });
  return schema;
}

export const userModel = model(
  z.object({
    id: z.string(),
    name: z.string(),
    displayName: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    lockedUntil: z.string().nullable(),
    passwordChangedAt: z.string().nullable(),
    sso: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'User',
  'An evlab account (never with its password hash).',
);

export const apiTokenModel = model(
  z.object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    role: roleSchema.describe('Scope: the token acts with at most this role'),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  }),
  'ApiToken',
  'An API token (the secret itself is shown only once, when created).',
);

export const sessionModel = model(
  z.object({
    user: userModel.nullable(),
    role: roleSchema.nullable().describe('Role this session acts with'),
    projectIds: z.array(z.string()).describe('Projects the user is a member of (admins see all)'),
    csrfToken: z.string().nullable().describe('Send as X-CSRF-Token with cookie-authenticated writes'),
    via: z.enum(['session', 'token']).nullable(),
    sso: z.object({ enabled: z.boolean(), label: z.string() }),
  }),
  'Session',
  'Who is signed in.',
);

export const signInBody = z.object({ name: userNameSchema, password: z.string().min(1).max(1024) });
export const passwordChangeBody = z.object({
  currentPassword: z.string().max(1024).default(''),
  newPassword: passwordSchema,
});
export const passwordResetBody = z.object({ password: passwordSchema });
export const newTokenBody = z.object({
  name: z.string().trim().min(1).max(200),
  role: roleSchema.optional(),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(90),
});
export const createdTokenModel = z.object({
  token: z.string().describe('The bearer token: shown only now, keep it safe'),
  expiresAt: z.string(),
  apiToken: apiTokenModel,
});
export const membershipsBody = z.object({ projectIds: z.array(z.string().min(1).max(200)).max(10_000) });
export const membershipsModel = z.object({ projectIds: z.array(z.string()) });
