/**
 * Optional single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce) through
 * openid-client 6. Configured by EVLAB_OIDC_ISSUER, EVLAB_OIDC_CLIENT_ID, EVLAB_OIDC_CLIENT_SECRET,
 * EVLAB_OIDC_REDIRECT_URL (…/api/auth/oidc/callback), optional EVLAB_OIDC_LABEL and EVLAB_OIDC_DEFAULT_ROLE.
 *
 * Users are linked by "<issuer>#<sub>" (OpenID Connect Core 1.0 §5.7: sub is the only stable identifier).
 * An unknown subject gets an account named after `preferred_username` (else `email`'s local part, else sub)
 * with EVLAB_OIDC_DEFAULT_ROLE. An admin provisions someone ahead by creating a user of that name without a
 * password: the first SSO sign-in links it. Without a default role only provisioned users may sign in. A
 * local account with a password is never taken over by name.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import { type Role, roleSchema, userNameSchema } from '../domain/account.ts';
import type { Workbench } from '../jobs/workbench.ts';
import { problemOf, startSession } from './routes/auth.ts';
import { problemModel } from './schemas.ts';
import { isLoopbackHost } from './start-server.ts';

export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Absolute URL of /api/auth/oidc/callback as registered with the provider. */
  redirectUrl: string;
  /** Button text on the sign-in page. */
  label?: string;
  /** Role of accounts created at first SSO sign-in; null = only provisioned subjects may sign in. */
  defaultRole?: Role | null;
}

/** Reads the EVLAB_OIDC_* variables; null when single sign-on is not configured. */
export function oidcOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): OidcOptions | null {
  const issuer = env.EVLAB_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const missing = ['EVLAB_OIDC_CLIENT_ID', 'EVLAB_OIDC_CLIENT_SECRET', 'EVLAB_OIDC_REDIRECT_URL'].filter(
    (name) => !env[name]?.trim(),
  );
  if (missing.length > 0)
    throw new Error(
      `EVLAB_OIDC_ISSUER is set but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not`,
    );
  const role = env.EVLAB_OIDC_DEFAULT_ROLE?.trim();
  const parsedRole = role ? roleSchema.safeParse(role) : null;
  if (parsedRole && !parsedRole.success)
    throw new Error(`EVLAB_OIDC_DEFAULT_ROLE must be viewer, analyst, qa or admin, got "${role}"`);
  return {
    issuer,
    clientId: env.EVLAB_OIDC_CLIENT_ID?.trim() as string,
    clientSecret: env.EVLAB_OIDC_CLIENT_SECRET?.trim() as string,
    redirectUrl: env.EVLAB_OIDC_REDIRECT_URL?.trim() as string,
    label: env.EVLAB_OIDC_LABEL?.trim() || 'Single sign-on',
    defaultRole: parsedRole?.success ? parsedRole.data : null,
  };
}

/** Pending authorisations (state → PKCE verifier and nonce), 10 minutes each, at most 10,000. */
const PENDING_TTL_MS = 10 * 60_000;
const PENDING_MAX = 10_000;
const STATE_COOKIE = 'evlab_oidc_state';

function userNameFrom(claims: Record<string, unknown>): string {
  const candidates = [
    claims.preferred_username,
    typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined,
    claims.sub,
  ];
  for (const c of candidates) {
    const parsed = userNameSchema.safeParse(c);
    if (parsed.success) return parsed.data;
  }
  return `sso-${
    String(claims.sub)
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 40)
      .toLowerCase() || 'user'
  }`;
}

export const oidcRoutes: FastifyPluginAsyncZod<{
  wb: Workbench;
  oidc: OidcOptions;
  rateLimit: { max: number; timeWindow: number };
}> = async (app, { wb, oidc, rateLimit }) => {
  const issuerUrl = new URL(oidc.issuer);
  let configuration: Promise<client.Configuration> | null = null;
  const config = () => {
    configuration ??= client
      .discovery(
        issuerUrl,
        oidc.clientId,
        oidc.clientSecret,
        undefined,
        // Plain http only for a provider on this machine (tests, a local stand-in); anything else needs https.
        issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname)
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((error) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };
  const pending = new Map<string, { verifier: string; nonce: string; at: number }>();
  const sweep = (now: number) => {
    for (const [key, value] of pending) if (now - value.at > PENDING_TTL_MS) pending.delete(key);
  };

  app.get(
    '/auth/oidc/start',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on (redirects to the identity provider)',
        response: { 302: z.null(), 502: problemModel },
      },
    },
    async (_req, reply) => {
      let cfg: client.Configuration;
      try {
        cfg = await config();
      } catch {
        throw problemOf(502, 'Bad Gateway', 'The single sign-on provider cannot be reached.');
      }
      const now = Date.now();
      sweep(now);
      if (pending.size >= PENDING_MAX)
        throw problemOf(503, 'Service Unavailable', 'Too many sign-ins in progress.');
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      pending.set(state, { verifier, nonce, at: now });
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: oidc.redirectUrl,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      // Lax: the provider sends the browser back with a cross-site top-level GET.
      reply.setCookie(STATE_COOKIE, state, {
        path: '/api/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: 600,
      });
      return reply.code(302).header('location', url.href).send(null);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Single sign-on callback (signs in and redirects to the workbench)',
        querystring: z.object({ state: z.string().max(500).optional() }).passthrough(),
        response: {
          303: z.null(),
          401: problemModel,
          403: problemModel,
          409: problemModel,
          502: problemModel,
        },
      },
    },
    async (req, reply) => {
      const state = req.query.state;
      const cookieState = req.cookies[STATE_COOKIE];
      const entry = state ? pending.get(state) : undefined;
      if (!state || !entry || cookieState !== state || Date.now() - entry.at > PENDING_TTL_MS) {
        throw problemOf(401, 'Unauthorized', 'Single sign-on expired or was started elsewhere: try again.');
      }
      pending.delete(state);
      reply.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
      const current = new URL(req.url, oidc.redirectUrl);
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(await config(), current, {
          pkceCodeVerifier: entry.verifier,
          expectedState: state,
          expectedNonce: entry.nonce,
          idTokenExpected: true,
        });
        claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      } catch {
        throw problemOf(401, 'Unauthorized', 'The identity provider did not confirm the sign-in.');
      }
      const subject = `${issuerUrl.href.replace(/\/$/, '')}#${String(claims.sub)}`;
      const displayName = typeof claims.name === 'string' ? claims.name.slice(0, 200) : '';
      const user = await wb.store.accounts.findOrCreateSsoUser(
        { subject, name: userNameFrom(claims), displayName, defaultRole: oidc.defaultRole ?? null },
        'sso',
      );
      if (!user) {
        await wb.store.accounts.recordAccessEvent({
          action: 'sign-in-failed',
          actor: userNameFrom(claims),
          userId: null,
          via: 'oidc',
          clientAddress: req.ip,
          reason: 'invalid',
        });
        throw problemOf(
          403,
          'Forbidden',
          'No evlab account is linked to this identity: ask an administrator.',
        );
      }
      await startSession(wb, reply, user, 'oidc');
      await wb.store.accounts.recordAccessEvent({
        action: 'sign-in',
        actor: user.name,
        userId: user.id,
        via: 'oidc',
        clientAddress: req.ip,
      });
      return reply.code(303).header('location', '/').send(null);
    },
  );
};
