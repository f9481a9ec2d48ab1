/**
 * /api/auth: sign-in (password, one-time link, OpenID Connect in oidc.ts), sign-out, who am I, own password
 * and own API tokens. Sign-in answers 401 for a wrong name or password alike, 429 with Retry-After while the
 * account is locked; the routes are rate-limited per client address as well.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal, User } from '../../domain/account.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { SESSION_ABSOLUTE_HOURS } from '../../store/account-store.ts';
import { csrfTokenFor, SESSION_COOKIE } from '../access-policy.ts';
import {
  apiTokenModel,
  createdTokenModel,
  newTokenBody,
  passwordChangeBody,
  sessionModel,
  signInBody,
  userModel,
} from '../account-schemas.ts';
import { ApiProblem } from '../problem.ts';
import { actorOf } from '../request-context.ts';
import { idParams, problemModel } from '../schemas.ts';

const tags = ['auth'];

/**
 * Sign-in attempts per client address and minute (OWASP Authentication Cheat Sheet, "Login Throttling"),
 * on top of the per-account lockout in the store.
 */
export const SIGN_IN_RATE_LIMIT = { max: 10, timeWindow: 60_000 };

export interface SsoInfo {
  enabled: boolean;
  label: string;
}

export function problemOf(status: number, title: string, detail: string): ApiProblem {
  return new ApiProblem({ type: 'about:blank', title, status, detail });
}

/** Creates a session and sets its cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). */
export async function startSession(
  wb: Workbench,
  reply: FastifyReply,
  user: User,
  via: string,
): Promise<{ csrfToken: string; expiresAt: string }> {
  const session = await wb.store.accounts.createSession(user.id, via);
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    maxAge: SESSION_ABSOLUTE_HOURS * 3600,
  });
  return { csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt };
}

async function sessionView(
  wb: Workbench,
  principal: Principal | null,
  sessionToken: string | null,
  sso: SsoInfo,
) {
  if (!principal) return { user: null, role: null, projectIds: [], csrfToken: null, via: null, sso };
  return {
    user: principal.user,
    role: principal.role,
    projectIds: await wb.store.accounts.listMemberships(principal.user.id),
    csrfToken: sessionToken ? csrfTokenFor(sessionToken) : null,
    via: principal.via,
    sso,
  };
}

function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw problemOf(401, 'Unauthorized', 'Sign in first.');
  return req.principal;
}

export const authRoutes: FastifyPluginAsyncZod<{
  wb: Workbench;
  sso: SsoInfo;
  rateLimit: { max: number; timeWindow: number };
}> = async (app, { wb, sso, rateLimit }) => {
  const accounts = wb.store.accounts;

  app.post(
    '/auth/sign-in',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Sign in with name and password (sets the session cookie)',
        body: signInBody,
        response: {
          200: sessionModel,
          400: problemModel,
          401: problemModel,
          403: problemModel,
          429: problemModel,
        },
      },
    },
    async (req, reply) => {
      const result = await accounts.signIn(req.body.name, req.body.password, {
        via: 'password',
        clientAddress: req.ip,
      });
      if (!result.ok) {
        if (result.reason === 'locked') {
          reply.header('retry-after', String(result.retryAfterSeconds ?? 60));
          throw problemOf(
            429,
            'Too Many Requests',
            `Too many failed sign-ins: try again in ${result.retryAfterSeconds ?? 60} s.`,
          );
        }
        if (result.reason === 'disabled') throw problemOf(403, 'Forbidden', 'This account is disabled.');
        throw problemOf(401, 'Unauthorized', 'Wrong user name or password.');
      }
      const { csrfToken } = await startSession(wb, reply, result.user, 'password');
      const principal: Principal = {
        user: result.user,
        role: result.user.role,
        via: 'session',
        tokenId: null,
      };
      return { ...(await sessionView(wb, principal, null, sso)), csrfToken };
    },
  );

  app.get(
    '/auth/link',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'One-time sign-in link (printed on first start): signs in and redirects to the workbench',
        querystring: z.object({ token: z.string().min(1).max(200) }),
        response: { 303: z.null(), 400: problemModel, 401: problemModel },
      },
    },
    async (req, reply) => {
      const user = await accounts.consumeSignInLink(req.query.token);
      if (!user) throw problemOf(401, 'Unauthorized', 'This sign-in link is unknown, used or expired.');
      await startSession(wb, reply, user, 'link');
      await accounts.recordAccessEvent({
        action: 'sign-in',
        actor: user.name,
        userId: user.id,
        via: 'link',
        clientAddress: req.ip,
      });
      reply.header('cache-control', 'no-store');
      return reply
        .code(303)
        .header('location', user.hasPassword ? '/' : '/account?welcome=1')
        .send(null);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { public: true },
      schema: { tags, summary: 'Sign out (ends the session)', response: { 204: z.null() } },
    },
    async (req, reply) => {
      if (req.sessionToken) {
        await accounts.deleteSession(req.sessionToken);
        if (req.principal)
          await accounts.recordAccessEvent({
            action: 'sign-out',
            actor: req.principal.user.name,
            userId: req.principal.user.id,
            via: 'session',
            clientAddress: req.ip,
          });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { public: true },
      schema: { tags, summary: 'Who is signed in (user null when nobody)', response: { 200: sessionModel } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return sessionView(wb, req.principal, req.sessionToken, sso);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { minRole: 'viewer', rateLimit },
      schema: {
        tags,
        summary:
          'Change your own password (needs the current one when you have one); ends your other sessions',
        body: passwordChangeBody,
        response: {
          200: sessionModel,
          400: problemModel,
          401: problemModel,
          403: problemModel,
          429: problemModel,
        },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      if (principal.via !== 'session')
        throw problemOf(403, 'Forbidden', 'Change passwords from a signed-in session, not with a token.');
      if (principal.user.sso)
        throw problemOf(403, 'Forbidden', 'Single sign-on accounts have no evlab password.');
      if (principal.user.hasPassword) {
        const check = await accounts.checkPassword(principal.user.id, req.body.currentPassword);
        if (!check.ok) {
          if (check.reason === 'locked') {
            reply.header('retry-after', String(check.retryAfterSeconds ?? 60));
            throw problemOf(429, 'Too Many Requests', 'Too many failed attempts: try again later.');
          }
          throw problemOf(401, 'Unauthorized', 'The current password is wrong.');
        }
      }
      const user = await accounts.setPassword(principal.user.id, req.body.newPassword, principal.user.name);
      // setPassword ended every session, this one included: start a fresh one.
      const { csrfToken } = await startSession(wb, reply, user, 'password');
      return { ...(await sessionView(wb, { ...principal, user }, null, sso)), csrfToken };
    },
  );

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens',
        response: { 200: z.object({ items: z.array(apiTokenModel) }) },
      },
    },
    async (req) => ({ items: await accounts.listApiTokens(requirePrincipal(req).user.id) }),
  );

  app.post(
    '/auth/tokens',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags,
        summary: 'Create an API token for yourself (scope at most your role); the token is shown once',
        body: newTokenBody,
        response: { 201: createdTokenModel, 400: problemModel, 422: problemModel },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      const role = req.body.role ?? principal.role;
      const created = await accounts.createApiToken(
        principal.user.id,
        { name: req.body.name, role, expiresInDays: req.body.expiresInDays },
        actorOf(req),
      );
      return reply
        .code(201)
        .send({ token: created.token, expiresAt: created.apiToken.expiresAt, apiToken: created.apiToken });
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags,
        summary: 'Revoke one of your API tokens',
        params: idParams,
        response: { 200: apiTokenModel, 404: problemModel },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const token = await accounts.getApiToken(req.params.id);
      if (!token || token.userId !== principal.user.id)
        throw new ApiProblem({
          type: 'urn:evlab:problem:not-found',
          title: 'Not Found',
          status: 404,
          detail: `token ${req.params.id} does not exist`,
        });
      return accounts.revokeApiToken(token.id, actorOf(req));
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'The authenticated user (401 without credentials)',
        response: { 200: userModel },
      },
    },
    async (req) => requirePrincipal(req).user,
  );
};
