/**
 * Single sign-on against a local OpenID Connect provider stand-in (written here: discovery, JWKS and a token
 * endpoint that signs an RS256 ID token with node:crypto), on 127.0.0.1.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from './test-support.ts';

const b64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

describe('OpenID Connect single sign-on (local provider stand-in)', () => {
  let provider: Server;
  let issuer = '';
  let t: TestServer;
  let nonce = '';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };

  beforeAll(async () => {
    provider = createServer((req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      const json = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (url.pathname === '/jwks') return json({ keys: [jwk] });
      if (url.pathname === '/token' && req.method === 'POST') {
        req.resume();
        const now = Math.floor(Date.now() / 1000);
        const header = b64url({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
        const payload = b64url({
          iss: issuer,
          sub: 'u-42',
          aud: 'evlab-test',
          iat: now,
          exp: now + 300,
          nonce,
          preferred_username: 'Grace.H',
          name: 'Grace Hopper',
        });
        const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
        return json({
          access_token: 'at',
          token_type: 'Bearer',
          expires_in: 300,
          id_token: `${header}.${payload}.${b64url(signature)}`,
        });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    t = await openTestServer('sqlite', {
      auth: false,
      oidc: {
        issuer,
        clientId: 'evlab-test',
        clientSecret: 'secret',
        redirectUrl: 'http://localhost/api/auth/oidc/callback',
        defaultRole: 'viewer',
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await new Promise((resolve) => provider?.close(resolve));
  });

  it('redirects to the provider with PKCE, state and nonce, then signs the user in on the callback', async () => {
    const session = (await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json();
    expect(session.sso.enabled).toBe(true);
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    const location = new URL(start.headers.location as string);
    expect(location.origin + location.pathname).toBe(`${issuer}/authorize`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const state = location.searchParams.get('state') as string;
    nonce = location.searchParams.get('nonce') as string;
    const stateCookie = (start.headers['set-cookie'] as string).split(';')[0] as string;

    // Without the browser's state cookie (another browser), the callback is refused.
    const forged = await t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback?code=c1&state=${state}`,
    });
    expect(forged.statusCode).toBe(401);

    const callback = await t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback?code=c1&state=${state}`,
      headers: { cookie: stateCookie },
    });
    expect(callback.statusCode, callback.body).toBe(303);
    const cookies = ([] as string[]).concat(callback.headers['set-cookie'] as string | string[]);
    const sessionCookie = cookies.find((c) => c.startsWith('evlab_session='))?.split(';')[0] as string;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie } });
    expect(me.json()).toMatchObject({
      name: 'grace.h',
      displayName: 'Grace Hopper',
      role: 'viewer',
      sso: true,
    });

    // The state is single use.
    const replay = await t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback?code=c1&state=${state}`,
      headers: { cookie: stateCookie },
    });
    expect(replay.statusCode).toBe(401);
  });
});
