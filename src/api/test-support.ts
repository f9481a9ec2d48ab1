/**
 * Test helper (not used at runtime): a Fastify instance over a test workbench (src/jobs/test-support.ts) and
 * a multipart body builder for fastify.inject. Requests are authenticated as an admin unless the test opts
 * out (`openTestServer(dialect, { auth: false })`) or sends its own Authorization / Cookie header.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Role } from '../domain/account.ts';
import { openTestWorkbench, type TestWorkbench } from '../jobs/test-support.ts';
import type { Dialect } from '../store/evlab-store.ts';
import { type BuildServerOptions, buildServer } from './build-server.ts';

export { openTestWorkbench, type TestWorkbench };

export interface TestServer extends TestWorkbench {
  /**
   * The server. Unless the test opted out (`auth: false`), `app.inject` adds `Authorization: Bearer …` of an
   * admin to every request that carries neither an Authorization nor a Cookie header: the admin `test-admin`,
   * or, when the request names one in the old `X-Evlab-User` header, an admin of that name (so audit-trail
   * assertions on actors keep working). `app.inject` with no arguments (the chain API) is not wrapped.
   */
  app: FastifyInstance;
  /** Bearer headers of a user with this role (created on first use), member of the given projects. */
  headersFor(
    name: string,
    role: Role,
    options?: { projectIds?: string[]; tokenRole?: Role },
  ): Promise<Record<string, string>>;
}

type InjectArg = InjectOptions;

export async function openTestServer(
  dialect: Dialect,
  options: { prefix?: string; maxUploadBytes?: number; auth?: boolean } & BuildServerOptions = {},
): Promise<TestServer> {
  const twb = await openTestWorkbench(dialect, options);
  const app = await buildServer(twb.wb, {
    logger: false,
    webDistDir: options.webDistDir ?? null,
    ...(options.signInRateLimit ? { signInRateLimit: options.signInRateLimit } : {}),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
  });
  const accounts = twb.wb.store.accounts;
  const tokens = new Map<string, string>();
  const headersFor: TestServer['headersFor'] = async (name, role, extra = {}) => {
    const key = `${name}|${role}|${extra.tokenRole ?? ''}`;
    let token = tokens.get(key);
    if (!token) {
      const user =
        (await accounts.getUserByName(name)) ??
        (await accounts.createUser({ name, displayName: name, role, password: null }, 'test-setup'));
      token = (
        await accounts.createApiToken(user.id, { name: 'test', role: extra.tokenRole ?? role }, 'test-setup')
      ).token;
      tokens.set(key, token);
    }
    const user = await accounts.getUserByName(name);
    if (user && extra.projectIds) await accounts.setMemberships(user.id, extra.projectIds, 'test-setup');
    return { authorization: `Bearer ${token}` };
  };

  const wrapped =
    options.auth === false
      ? app
      : new Proxy(app, {
          get(target, prop) {
            if (prop === 'inject') {
              return (arg?: InjectArg, callback?: unknown) => {
                if (arg === undefined || typeof arg === 'string' || callback !== undefined) {
                  return (target.inject as (...a: unknown[]) => unknown)(arg, callback);
                }
                const headers = { ...((arg as { headers?: Record<string, string> }).headers ?? {}) };
                const names = Object.keys(headers).map((h) => h.toLowerCase());
                if (names.includes('authorization') || names.includes('cookie')) return target.inject(arg);
                const legacy = Object.entries(headers).find(([h]) => h.toLowerCase() === 'x-evlab-user')?.[1];
                return headersFor(
                  typeof legacy === 'string' && legacy.trim() ? legacy.trim() : 'test-admin',
                  'admin',
                ).then((auth) => target.inject({ ...(arg as object), headers: { ...headers, ...auth } }));
              };
            }
            const value = Reflect.get(target, prop, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
  return {
    ...twb,
    app: wrapped,
    headersFor,
    async dispose() {
      await app.close();
      await twb.dispose();
    },
  };
}

/** A multipart/form-data body (what a browser's FormData sends), for fastify.inject. */
export function multipartBody(
  parts: (
    | { name: string; fileName: string; contentType?: string; content: Uint8Array | string }
    | { name: string; value: string }
  )[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----evlabtest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(
        typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : Buffer.from(part.content),
      );
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
